/** How a corpus case is judged: the problems a careful reader would point out, none when right. */
import { catalogByTag } from "../../../../src/core/hardware/catalog";
import { checkPlanFit } from "../../../../src/core/hardware/fit-check";
import { computeFitTable } from "../../../../src/core/hardware/fit-table";
import { parseHardwareText } from "../../../../src/core/hardware/parse-text";
import type { AnswerCase, HardwareCase } from "./types";

function names(finding: { mention: string; tag: string }, wanted: string): boolean {
  const w = wanted.toLowerCase();
  // Another Ollama tag of the same model counts (`qwen3:235b` is `qwen3:235b-a22b`).
  const tags = [finding.tag, ...(catalogByTag(finding.tag)?.tags ?? [])].map((tag) => tag.toLowerCase());
  // A bare Ollama family means its default tag (`command-r-plus` is `command-r-plus:104b`).
  return tags.some((tag) => tag === w || tag.startsWith(`${w}:`)) || finding.mention.toLowerCase().includes(w);
}

/** What is wrong with the fit check of one answer: verdict, a warning missing, a warning too many. */
export function answerProblems(c: AnswerCase): string[] {
  const table = computeFitTable(parseHardwareText(c.hardware, c.lang), { lang: c.lang });
  const check = checkPlanFit(c.answer, table, c.lang);
  const warned = check.findings.filter((f) => f.fit.verdict === "does-not-run" && !f.discouraged);
  const problems: string[] = [];
  if (check.status !== c.status) problems.push(`status ${check.status}, expected ${c.status}`);
  for (const wanted of c.flagged) if (!warned.some((f) => names(f, wanted))) problems.push(`no warning for ${wanted}`);
  for (const f of warned) if (!c.flagged.some((wanted) => names(f, wanted))) problems.push(`wrong warning for ${f.mention} (${f.tag})`);
  return problems;
}

/** What is wrong with the profile read from one description: GPU count, VRAM, RAM, unified. */
export function hardwareProblems(c: HardwareCase): string[] {
  const profile = parseHardwareText(c.text);
  const vram = profile.gpus.reduce((sum, gpu) => sum + (gpu.vramGb ?? 0), 0);
  const problems: string[] = [];
  if (profile.gpus.length !== c.gpus) problems.push(`${profile.gpus.length} GPUs, expected ${c.gpus}`);
  if (Math.abs(vram - c.vramGb) > 0.01) problems.push(`${vram} GB VRAM, expected ${c.vramGb}`);
  if (profile.ramGb !== c.ramGb) problems.push(`${String(profile.ramGb)} GB RAM, expected ${String(c.ramGb)}`);
  if (profile.unifiedMemory !== c.unified) problems.push(`unified ${String(profile.unifiedMemory)}, expected ${String(c.unified)}`);
  return problems;
}

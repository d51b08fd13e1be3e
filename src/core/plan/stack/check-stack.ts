/**
 * "Check my stack": verifies each layer of a plan live (Ollama and its models, the vault index, n8n
 * and the plan's workflow) through probes the caller provides, and returns one finding per check.
 * Pure: the probes are the only way out, so the same logic runs in the plugin, the CLI and tests.
 */
import { catalogByTag } from "../../hardware/catalog";
import { checkPlanFit } from "../../hardware/fit-check";
import { computeFitTable } from "../../hardware/fit-table";
import { VERDICT_LABELS } from "../../hardware/fit";
import { parseHardwareText } from "../../hardware/parse-text";
import type { InstalledModel } from "../../shared/ports";
import type { PromptLanguage } from "../../shared/language";
import type { N8nWorkflow } from "../workflow/n8n-json";

/** What the vault index probe reports. */
export type IndexProbeResult = { state: "none" } | { state: "ready"; notes: number; upToDate: boolean; pending: string };

/** What the n8n probes report. */
export type N8nProbeResult = { ok: true } | { ok: false; reason: "down" | "wrong-answer"; detail: string };

/** The ways out: each may throw; a throw is a failed check with the error's message. */
export interface StackProbes {
  ollamaVersion(signal?: AbortSignal): Promise<string>;
  installedModels(signal?: AbortSignal): Promise<InstalledModel[]>;
  vaultIndex(): Promise<IndexProbeResult>;
  n8nHealth(signal?: AbortSignal): Promise<N8nProbeResult>;
  /** Names of the workflows in n8n (public API), or null when no API key was given. */
  n8nWorkflowNames(signal?: AbortSignal): Promise<string[] | null>;
}

/** Where things are, for the messages and fixes. */
export interface StackCheckInput {
  /** The plan note's text. */
  note: string;
  ollamaHost: string;
  embeddingModel: string;
  n8nUrl: string;
  /** How the user runs commands here: plugin command names or CLI lines. */
  surface: "plugin" | "cli";
  /** The vault folder (CLI fixes name it). */
  vaultDir?: string;
}

/** One line of the checklist. */
export interface StackFinding {
  ok: boolean;
  /** What was checked and what was found. */
  text: string;
  /** How to fix it, for an unticked line. */
  fix?: string;
}

/** The plan's language, hardware and the workflow it carries, read from the note. */
export interface PlanFacts {
  language: PromptLanguage;
  hardware: string;
  workflow: N8nWorkflow | null;
}

function frontmatterValue(note: string, key: string): string | undefined {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(note)?.[1] ?? "";
  const line = fm.split("\n").find((l) => l.startsWith(`${key}:`));
  if (line === undefined) return undefined;
  const raw = line.slice(key.length + 1).trim();
  if (raw.startsWith('"')) {
    try {
      return String(JSON.parse(raw));
    } catch {
      return raw;
    }
  }
  return raw;
}

/** The workflow JSON from the note's "Workflow JSON" callout, when it has one that parses. */
export function workflowInNote(note: string): N8nWorkflow | null {
  const block = /^> ```+json\n((?:>.*\n)+?)> ```+$/m.exec(note)?.[1];
  if (!block) return null;
  try {
    const parsed = JSON.parse(block.split("\n").map((line) => line.replace(/^> ?/, "")).join("\n")) as N8nWorkflow;
    return Array.isArray(parsed.nodes) ? parsed : null;
  } catch {
    return null;
  }
}

/** What the check needs to know about the plan. */
export function planFacts(note: string): PlanFacts {
  return { language: frontmatterValue(note, "language") === "zh" ? "zh" : "en", hardware: frontmatterValue(note, "hardware") ?? "", workflow: workflowInNote(note) };
}

/** The plan's own text, without callouts (fit table, workflow JSON, warnings) and code blocks. */
function planProse(note: string): string {
  return note
    .replace(/^---\n[\s\S]*?\n---\n/, "")
    .replace(/^[ \t]*(`{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, "")
    .split("\n")
    .filter((line) => !line.startsWith(">"))
    .join("\n");
}

function settingOf(workflow: N8nWorkflow | null, name: string): string | undefined {
  const settings = workflow?.nodes.find((n) => n.name === "Settings")?.parameters.assignments as { assignments?: Array<{ name: string; value: unknown }> } | undefined;
  const value = settings?.assignments?.find((a) => a.name === name)?.value;
  return typeof value === "string" ? value : undefined;
}

function same(a: string, b: string): boolean {
  const norm = (name: string) => (name.includes(":") ? name : `${name}:latest`).toLowerCase();
  return norm(a) === norm(b);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const WORDS = {
  en: {
    ollamaUp: (v: string, host: string) => `Ollama ${v} answers at ${host}`,
    ollamaDown: (host: string, why: string) => `Ollama does not answer at ${host}: ${why}`,
    ollamaFix: "Start it: `ollama serve` (or open the Ollama app).",
    modelIn: (m: string, verdict: string) => `\`${m}\` is installed (${verdict} on this hardware)`,
    modelOut: (m: string, verdict: string) => `\`${m}\` is not installed (${verdict} on this hardware)`,
    modelUnknown: (m: string) => `\`${m}\`: not checked, Ollama did not answer`,
    pull: (m: string) => `\`ollama pull ${m}\``,
    embedIn: (m: string) => `Embedding model \`${m}\` is installed`,
    embedOut: (m: string) => `Embedding model \`${m}\` is not installed`,
    indexNone: "The vault index is not built yet",
    indexReady: (n: number) => `The vault index holds ${n.toLocaleString("en-US")} ${n === 1 ? "note" : "notes"} and is up to date`,
    indexPending: (n: number, pending: string) => `The vault index holds ${n.toLocaleString("en-US")} ${n === 1 ? "note" : "notes"}; pending: ${pending}`,
    indexFix: (cli: boolean, vault: string) => (cli ? `Run \`npm run cli -- index --vault "${vault}"\`.` : "Run the command **Index vault now**."),
    n8nUp: (url: string) => `n8n answers at ${url}`,
    n8nDown: (url: string, detail: string) => `n8n does not answer at ${url} (${detail})`,
    n8nWrong: (url: string, detail: string) => `Something that is not n8n answers at ${url} (${detail})`,
    n8nFix: "Start it: `docker compose up -d` in the folder of the plan's `docker-compose.yml` (see the setup in this note).",
    n8nWrongFix: "Check the n8n URL setting, or free the port: another program uses it.",
    wfIn: (name: string) => `The workflow "${name}" is imported in n8n`,
    wfOut: (name: string) => `The workflow "${name}" is not in n8n`,
    wfFix: "In n8n: **Workflows → Import from file**, and choose the `.n8n.json` file linked in this note.",
    wfNoKey: (name: string) => `The workflow "${name}": not checked, no n8n API key given`,
    wfKeyFix: (cli: boolean) => `Create one in n8n (**Settings → n8n API**), then ${cli ? "pass `--n8n-api-key <key>` (or set N8N_API_KEY)" : "paste it in the plugin settings (kept on this device only)"}.`,
    wfNone: "This plan carries no n8n workflow",
    wfNoneFix: "Generate the plan again: new plans come with a workflow.",
    wfUnknown: (name: string, why: string) => `The workflow "${name}": n8n's API did not answer (${why})`,
  },
  zh: {
    ollamaUp: (v: string, host: string) => `Ollama ${v} 在 ${host} 正常响应`,
    ollamaDown: (host: string, why: string) => `Ollama 在 ${host} 无响应：${why}`,
    ollamaFix: "启动它：`ollama serve`（或打开 Ollama 应用）。",
    modelIn: (m: string, verdict: string) => `\`${m}\` 已安装（在此硬件上：${verdict}）`,
    modelOut: (m: string, verdict: string) => `\`${m}\` 未安装（在此硬件上：${verdict}）`,
    modelUnknown: (m: string) => `\`${m}\`：未检查，Ollama 无响应`,
    pull: (m: string) => `\`ollama pull ${m}\``,
    embedIn: (m: string) => `向量化模型 \`${m}\` 已安装`,
    embedOut: (m: string) => `向量化模型 \`${m}\` 未安装`,
    indexNone: "库索引尚未建立",
    indexReady: (n: number) => `库索引包含 ${n.toLocaleString("en-US")} 篇笔记，已是最新`,
    indexPending: (n: number, pending: string) => `库索引包含 ${n.toLocaleString("en-US")} 篇笔记；待处理：${pending}`,
    indexFix: (cli: boolean, vault: string) => (cli ? `运行 \`npm run cli -- index --vault "${vault}"\`。` : "运行命令 **Index vault now**。"),
    n8nUp: (url: string) => `n8n 在 ${url} 正常响应`,
    n8nDown: (url: string, detail: string) => `n8n 在 ${url} 无响应（${detail}）`,
    n8nWrong: (url: string, detail: string) => `${url} 上响应的不是 n8n（${detail}）`,
    n8nFix: "启动它：在方案的 `docker-compose.yml` 所在文件夹运行 `docker compose up -d`（见本笔记中的部署说明）。",
    n8nWrongFix: "检查 n8n 地址设置，或释放该端口：另一个程序占用了它。",
    wfIn: (name: string) => `工作流“${name}”已导入 n8n`,
    wfOut: (name: string) => `工作流“${name}”不在 n8n 中`,
    wfFix: "在 n8n 中：**Workflows → Import from file**，选择本笔记链接的 `.n8n.json` 文件。",
    wfNoKey: (name: string) => `工作流“${name}”：未检查，没有提供 n8n API 密钥`,
    wfKeyFix: (cli: boolean) => `在 n8n 中创建一个（**Settings → n8n API**），然后${cli ? "传入 `--n8n-api-key <key>`（或设置 N8N_API_KEY）" : "粘贴到插件设置中（只保存在本设备）"}。`,
    wfNone: "此方案没有 n8n 工作流",
    wfNoneFix: "重新生成方案：新方案都附带工作流。",
    wfUnknown: (name: string, why: string) => `工作流“${name}”：n8n 的 API 无响应（${why}）`,
  },
};

/** Runs every check of the plan in `input.note`; never throws for a probe that fails. */
export async function checkStack(input: StackCheckInput, probes: StackProbes, signal?: AbortSignal): Promise<StackFinding[]> {
  const facts = planFacts(input.note);
  const w = WORDS[facts.language];
  const cli = input.surface === "cli";
  const findings: StackFinding[] = [];

  // Compute: Ollama, then every model the plan recommends, with its verdict on the plan's hardware.
  let installed: InstalledModel[] | null = null;
  try {
    const version = await probes.ollamaVersion(signal);
    installed = await probes.installedModels(signal);
    findings.push({ ok: true, text: w.ollamaUp(version, input.ollamaHost) });
  } catch (error) {
    findings.push({ ok: false, text: w.ollamaDown(input.ollamaHost, messageOf(error)), fix: w.ollamaFix });
  }
  const table = computeFitTable(parseHardwareText(facts.hardware, facts.language), { installed: installed ?? [], lang: facts.language });
  // Models the plan recommends that can run here: one that cannot is already flagged in the note
  // (with a replacement), and pulling it would not make the stack run.
  const recommended = checkPlanFit(planProse(input.note), table, facts.language).findings.filter((f) => !f.discouraged && f.fit.verdict !== "does-not-run" && catalogByTag(f.tag)?.kind !== "embedding");
  const tags = [...new Set([...(settingOf(facts.workflow, "model") ? [settingOf(facts.workflow, "model") ?? ""] : []), ...recommended.map((f) => f.tag)])];
  for (const tag of tags) {
    const verdict = recommended.find((f) => f.tag === tag)?.fit.verdict ?? table.rows.find((r) => same(r.tag, tag))?.fit.verdict ?? "unknown";
    const label = VERDICT_LABELS[facts.language][verdict];
    if (installed === null) findings.push({ ok: false, text: w.modelUnknown(tag), fix: w.ollamaFix });
    else if (installed.some((m) => same(m.name, tag))) findings.push({ ok: true, text: w.modelIn(tag, label) });
    else findings.push({ ok: false, text: w.modelOut(tag, label), fix: `${w.pull(tag)}` });
  }

  // Memory: the embedding model and the vault index.
  if (installed === null) findings.push({ ok: false, text: w.modelUnknown(input.embeddingModel), fix: w.ollamaFix });
  else if (installed.some((m) => same(m.name, input.embeddingModel))) findings.push({ ok: true, text: w.embedIn(input.embeddingModel) });
  else findings.push({ ok: false, text: w.embedOut(input.embeddingModel), fix: w.pull(input.embeddingModel) });
  try {
    const index = await probes.vaultIndex();
    if (index.state === "none") findings.push({ ok: false, text: w.indexNone, fix: w.indexFix(cli, input.vaultDir ?? ".") });
    else if (index.upToDate) findings.push({ ok: true, text: w.indexReady(index.notes) });
    else findings.push({ ok: false, text: w.indexPending(index.notes, index.pending), fix: w.indexFix(cli, input.vaultDir ?? ".") });
  } catch (error) {
    findings.push({ ok: false, text: `${w.indexNone}: ${messageOf(error)}`, fix: w.indexFix(cli, input.vaultDir ?? ".") });
  }

  // Action: n8n, and the plan's workflow in it.
  const health = await probes.n8nHealth(signal).catch((error: unknown): N8nProbeResult => ({ ok: false, reason: "down", detail: messageOf(error) }));
  if (health.ok) findings.push({ ok: true, text: w.n8nUp(input.n8nUrl) });
  else if (health.reason === "down") findings.push({ ok: false, text: w.n8nDown(input.n8nUrl, health.detail), fix: w.n8nFix });
  else findings.push({ ok: false, text: w.n8nWrong(input.n8nUrl, health.detail), fix: w.n8nWrongFix });
  const name = facts.workflow?.name;
  if (!name) findings.push({ ok: false, text: w.wfNone, fix: w.wfNoneFix });
  else if (health.ok) {
    try {
      const names = await probes.n8nWorkflowNames(signal);
      if (names === null) findings.push({ ok: false, text: w.wfNoKey(name), fix: w.wfKeyFix(cli) });
      else if (names.includes(name)) findings.push({ ok: true, text: w.wfIn(name) });
      else findings.push({ ok: false, text: w.wfOut(name), fix: w.wfFix });
    } catch (error) {
      findings.push({ ok: false, text: w.wfUnknown(name, messageOf(error)), fix: w.wfKeyFix(cli) });
    }
  } else findings.push({ ok: false, text: w.wfOut(name), fix: w.n8nFix });
  return findings;
}

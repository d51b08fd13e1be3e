/**
 * Hardware awareness around a plan: the computed facts that go into the prompt, and the check of
 * the answer that comes back. A recommended model that cannot run on the user's machine gets a
 * warning in the note, next to a model that does fit.
 *
 * - `hardwareFactsFor(input, installed)`: the fit table and prompt part for a request, or null
 *   when the hardware description holds no memory fact; `hardwareFactsWithShow` asks /api/show
 *   about installed models the catalog does not know first.
 * - `checkPlanFit(answer, table, lang)`: every model the answer names, with its verdict.
 * - `suggestFitting(facts, table)`: the best model that fits, same family first.
 * - `renderFitCheck(check, lang)`: the callouts for the plan note.
 */
import { catalogByTag, type ModelFacts } from "./catalog";
import { assessFit, VERDICT_LABELS, type FitResult } from "./fit";
import { computeFitTable, hardwareFactsPart, hasHardwareFacts, type FitRow, type FitTable } from "./fit-table";
import { parseHardwareText } from "./parse-text";
import type { HardwareProfile } from "./profile";
import { mentionKey, recognizeMentions, recognizeModels, type ModelMention } from "./recognize";
import { formatGb } from "./units";
import type { InstalledModel, LlmPort } from "../shared/ports";
import type { PromptPart } from "../plan/prompts";
import type { PromptLanguage } from "../shared/language";

/** The facts computed for one plan request. */
export interface HardwareFacts {
  table: FitTable;
  part: PromptPart;
}

/** The profile a request describes: the structured one when given, else the parsed free text. */
export function profileForRequest(request: { hardware: string; language: PromptLanguage; profile?: HardwareProfile }): HardwareProfile {
  return request.profile ?? parseHardwareText(request.hardware, request.language);
}

/** The fit table and its prompt part, or null when nothing about the memory is known. */
export function hardwareFactsFor(request: { hardware: string; language: PromptLanguage; profile?: HardwareProfile }, installed: readonly InstalledModel[]): HardwareFacts | null {
  const profile = profileForRequest(request);
  if (!hasHardwareFacts(profile)) return null;
  const table = computeFitTable(profile, { installed, lang: request.language });
  return { table, part: hardwareFactsPart(table, request.language) };
}

/** Installed models /api/show can say more about: those the catalog does not know, at most this many. */
const MAX_SHOW_REQUESTS = 12;

/**
 * `hardwareFactsFor`, with installed models the catalog does not know looked up in /api/show
 * first. A failed lookup leaves that model as /api/tags described it.
 */
export async function hardwareFactsWithShow(
  llm: Pick<LlmPort, "showModel">,
  request: { hardware: string; language: PromptLanguage; profile?: HardwareProfile },
  installed: readonly InstalledModel[],
  signal?: AbortSignal,
): Promise<HardwareFacts | null> {
  if (!hasHardwareFacts(profileForRequest(request))) return null;
  return hardwareFactsFor(request, await withShowFacts(llm, installed, signal));
}

/** Installed models, those unknown to the catalog (or all, with `includeCatalog`) enriched from /api/show where it answers. */
export async function withShowFacts(llm: Pick<LlmPort, "showModel">, installed: readonly InstalledModel[], signal?: AbortSignal, options: { includeCatalog?: boolean } = {}): Promise<InstalledModel[]> {
  const show = llm.showModel?.bind(llm);
  if (!show) return [...installed];
  let asked = 0;
  return Promise.all(
    installed.map(async (model) => {
      if (model.show || (!options.includeCatalog && catalogByTag(model.name)) || asked >= MAX_SHOW_REQUESTS) return model;
      asked += 1;
      try {
        return { ...model, show: await show(model.name, signal) };
      } catch {
        return model;
      }
    }),
  );
}

export interface FitFinding {
  /** The name as the plan wrote it. */
  mention: string;
  tag: string;
  quantization: string;
  fit: FitResult;
  /** For a model that does not run: one that fits. */
  suggestion?: FitRow;
  /** The plan only advises against this model. */
  discouraged?: true;
}

export interface FitCheck {
  /** `warnings` when a recommended model cannot run at all. */
  status: "ok" | "warnings";
  findings: FitFinding[];
}

function lineageOf(facts: ModelFacts): string | undefined {
  return "lineage" in facts && typeof facts.lineage === "string" ? facts.lineage : undefined;
}

function useOf(facts: ModelFacts): string | undefined {
  return "use" in facts && typeof facts.use === "string" ? facts.use : undefined;
}

/**
 * The largest model of the same kind that runs well on this machine (on the GPU, or on the CPU
 * when there is no usable GPU): same family first, then the same use (reasoning or general).
 * An installed model replaces its catalog row, so a suggestion already pulled says so.
 */
export function suggestFitting(facts: ModelFacts, table: FitTable): FitRow | undefined {
  const good = table.rows.filter((row) => row.kind === facts.kind && (row.fit.verdict === "fits-vram" || row.fit.verdict === "cpu-only"));
  const lineage = lineageOf(facts);
  const use = useOf(facts);
  const score = (row: FitRow) => [lineageOf(row.facts) === lineage && lineage !== undefined ? 1 : 0, useOf(row.facts) === use ? 1 : 0, row.fit.needGb ?? 0];
  return [...good].sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sb[i] - sa[i];
    return 0;
  })[0];
}

/** Every model the answer names, checked against the table's profile. */
// Words that turn a mention into advice against the model ("avoid …", "… does not fit", "不推荐 …").
// "instead of" and "rather than" are left out: they reject the other model, not this one.
const DISCOURAGED =
  /\b(?:avoid|skip|not recommended|don'?t (?:use|pick|choose|try)|do not (?:use|pick|choose|try)|(?:does|do|will|would) ?n[o']t (?:fit|run|work)|won'?t (?:fit|run)|can(?:not|'t) (?:fit|run|be run)|too (?:large|big|heavy)|exceeds?|out of reach|not (?:feasible|an option|possible))\b|不推荐|不建议|避免|无法运行|不能运行|跑不动|放不下|装不下|太大|超出/i;
const SENTENCE_END = /[.。!！?？;；\n]/;

/**
 * The text that belongs to one mention: its sentence, cut where a neighbouring mention begins
 * or ends, so "use A, since B would not fit" discourages B and not A.
 */
function ownText(answer: string, mentions: readonly ModelMention[], i: number): string {
  const m = mentions[i];
  let start = m.index;
  while (start > 0 && !SENTENCE_END.test(answer[start - 1])) start -= 1;
  let end = m.end;
  while (end < answer.length && !SENTENCE_END.test(answer[end])) end += 1;
  if (i > 0 && mentions[i - 1].end > start) start = mentions[i - 1].end;
  if (i + 1 < mentions.length && mentions[i + 1].index < end) end = mentions[i + 1].index;
  return answer.slice(start, end);
}

/**
 * Every model the answer names, checked against the table's profile. A model the plan only
 * advises against ("avoid Llama 3.1 70B: it does not fit") is listed but raises no warning; one
 * it recommends anywhere does.
 */
export function checkPlanFit(answer: string, table: FitTable, lang: PromptLanguage): FitCheck {
  const mentions = recognizeMentions(answer);
  const recommended = new Set(mentions.filter((_, i) => !DISCOURAGED.test(ownText(answer, mentions, i))).map(mentionKey));
  const findings = recognizeModels(answer).map((mention): FitFinding => {
    const { estimate, fit } = assessFit(mention.facts, table.profile, table.contextTokens, lang);
    const finding: FitFinding = { mention: mention.text, tag: mention.facts.tag, quantization: estimate.known ? estimate.quantization : mention.facts.quantization ?? "?", fit };
    if (!recommended.has(mentionKey(mention))) finding.discouraged = true;
    if (fit.verdict === "does-not-run" && !finding.discouraged) {
      const suggestion = suggestFitting(mention.facts, table);
      if (suggestion) finding.suggestion = suggestion;
    }
    return finding;
  });
  return { status: findings.some((f) => f.fit.verdict === "does-not-run" && !f.discouraged) ? "warnings" : "ok", findings };
}

const WORDS: Record<PromptLanguage, {
  summary: string;
  none: string;
  allFit: string;
  cannotRun: (name: string) => string;
  instead: (tag: string, reason: string) => string;
  noAlternative: string;
  period: string;
  advisedAgainst: string;
}> = {
  en: {
    summary: "Hardware check",
    none: "The plan names no model the plugin recognises; nothing to check.",
    allFit: "Every model this plan recommends can run on this hardware.",
    cannotRun: (name) => `${name} cannot run on this hardware`,
    instead: (tag, reason) => `Use **${tag}** instead: ${reason}.`,
    noAlternative: "No model of this kind fits this hardware.",
    period: ".",
    advisedAgainst: " (the plan advises against it)",
  },
  zh: {
    summary: "硬件检查",
    none: "方案中没有插件能识别的模型，无需检查。",
    allFit: "方案推荐的每个模型都能在此硬件上运行。",
    cannotRun: (name) => `${name} 无法在此硬件上运行`,
    instead: (tag, reason) => `改用 **${tag}**：${reason}。`,
    noAlternative: "没有同类模型能在此硬件上运行。",
    period: "。",
    advisedAgainst: "（方案建议不要使用）",
  },
};

function inline(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** The fit check as callouts: a warning per model that cannot run, then the summary of all. */
export function renderFitCheck(check: FitCheck, lang: PromptLanguage): string {
  const w = WORDS[lang];
  const blocks: string[] = [];
  for (const finding of check.findings) {
    if (finding.fit.verdict !== "does-not-run" || finding.discouraged) continue;
    const lines = [`> [!warning] ${w.cannotRun(inline(finding.mention))}`, `> ${inline(finding.tag)} (${finding.quantization}): ${finding.fit.reason}${w.period}`];
    lines.push(finding.suggestion ? `> ${w.instead(finding.suggestion.tag, finding.suggestion.fit.reason)}` : `> ${w.noAlternative}`);
    blocks.push(lines.join("\n"));
  }
  const summary = [`> [!${check.status === "ok" ? "success" : "info"}]- ${w.summary}`];
  if (check.findings.length === 0) summary.push(`> ${w.none}`);
  else {
    if (check.status === "ok") summary.push(`> ${w.allFit}`, ">");
    for (const finding of check.findings) {
      const need = finding.fit.needGb === null ? "" : `, ${formatGb(finding.fit.needGb)}`;
      summary.push(`> - ${inline(finding.mention)} → ${inline(finding.tag)} (${finding.quantization}${need}): ${VERDICT_LABELS[lang][finding.fit.verdict]}${finding.discouraged ? w.advisedAgainst : ""}`);
    }
  }
  blocks.push(summary.join("\n"));
  return blocks.join("\n\n");
}

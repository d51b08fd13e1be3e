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
import { catalogByTag, type CatalogEntry, type ModelFacts } from "./catalog";
import { assessFit, VERDICT_LABELS, type FitResult } from "./fit";
import { computeFitTable, hardwareFactsPart, hasHardwareFacts, type FitRow, type FitTable } from "./fit-table";
import { parseHardwareText } from "./parse-text";
import type { HardwareProfile } from "./profile";
import { mentionKey, recognizeMentions, type ModelMention } from "./recognize";
import { mentionStances, type Stance } from "./stance";
import { splitThinking } from "../shared/thinking";
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
  /** The plan does not tell the user to run this model: advice against, an upgrade path, a comparison. */
  discouraged?: true;
  /** Only named in passing, without a size: not a recommendation and not advice against. */
  mentionedOnly?: true;
}

export interface FitCheck {
  /**
   * `warnings` when a recommended model cannot run at all; `unchecked` when none is known not to
   * run but a recommended model could not be checked (no size, or hardware facts missing); `ok`
   * only when every recommended model was checked and runs.
   */
  status: "ok" | "warnings" | "unchecked";
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

/** The verdict for a name written without a size: the same for every size of its family, or unknown. */
function familyFit(mention: ModelMention, candidates: readonly CatalogEntry[], table: FitTable, lang: PromptLanguage): { fit: FitResult; facts: ModelFacts } {
  const assessed = candidates.map((facts) => ({ facts, fit: assessFit(withQuant(facts, mention), table.profile, table.contextTokens, lang).fit }));
  const verdicts = new Set(assessed.map((a) => a.fit.verdict));
  const bySizeAsc = [...assessed].sort((a, b) => (a.facts.paramsB ?? 0) - (b.facts.paramsB ?? 0));
  if (verdicts.size === 1 && !verdicts.has("unknown")) {
    // All sizes agree: show the hardest case, the largest that runs or the smallest that does not.
    const shown = verdicts.has("does-not-run") ? bySizeAsc[0] : bySizeAsc[bySizeAsc.length - 1];
    return shown;
  }
  const low = bySizeAsc[0].facts.paramsB ?? 0;
  const high = bySizeAsc[bySizeAsc.length - 1].facts.paramsB ?? 0;
  return { facts: bySizeAsc[0].facts, fit: { verdict: "unknown", reason: NOT_CHECKED[lang].sizes(mention.text, sizeText(low), sizeText(high)), needGb: null, headroomGb: null } };
}

function sizeText(b: number): string {
  return b >= 1 ? `${Number(b.toFixed(1))}B` : `${Math.round(b * 1000)}M`;
}

function withQuant(facts: CatalogEntry, mention: ModelMention): ModelFacts {
  return mention.quantization ? { ...facts, quantization: mention.quantization, downloadGb: undefined } : facts;
}

const NOT_CHECKED: Record<PromptLanguage, { sizes: (name: string, low: string, high: string) => string; unknown: string }> = {
  en: {
    sizes: (name, low, high) => `not checked: the plan gives no size, and ${name} comes in sizes from ${low} to ${high}`,
    unknown: "not checked: the plan gives no size and the plugin does not know this model",
  },
  zh: {
    sizes: (name, low, high) => `未检查：方案没有写明大小，${name} 有 ${low} 到 ${high} 多种规格`,
    unknown: "未检查：方案没有写明大小，插件也不认识这个模型",
  },
};

/** Whether a mention carries a size the check can use. */
function sized(mention: ModelMention): boolean {
  return mention.candidates === undefined && mention.facts.paramsB !== undefined;
}

/**
 * Every model the answer names, checked against the table's profile. Thinking is ignored. A model
 * the plan only advises against ("avoid Llama 3.1 70B: it does not fit") is listed but raises no
 * warning; one it recommends anywhere does. A sized model named without a verdict counts as
 * recommended (the safe side); a name without a size only when the plan tells the user to run it.
 */
export function checkPlanFit(answer: string, table: FitTable, lang: PromptLanguage): FitCheck {
  const text = splitThinking(answer).answer;
  const mentions = recognizeMentions(text);
  const stances = mentionStances(text, mentions);
  const groups = new Map<string, { mention: ModelMention; stances: Stance[] }>();
  mentions.forEach((mention, i) => {
    const key = mentionKey(mention);
    const group = groups.get(key) ?? { mention, stances: [] };
    group.stances.push(stances[i]);
    groups.set(key, group);
  });
  const findings = [...groups.values()].map(({ mention, stances: seen }): FitFinding => {
    const role = seen.includes("recommended") ? "recommended" : seen.includes("rejected") ? "rejected" : sized(mention) ? "recommended" : "mentioned";
    const assessed = mention.candidates && mention.candidates.length > 0 ? familyFit(mention, mention.candidates, table, lang) : { facts: mention.facts, fit: assessFit(mention.facts, table.profile, table.contextTokens, lang).fit };
    const { estimate } = assessFit(assessed.facts, table.profile, table.contextTokens, lang);
    let fit = assessed.fit;
    if (fit.verdict === "unknown" && !estimate.known) fit = { ...fit, reason: NOT_CHECKED[lang].unknown };
    const tag = mention.candidates ? (mention.candidates.find((e) => e.latest)?.family ?? mention.text) : mention.facts.tag;
    const finding: FitFinding = { mention: mention.text, tag, quantization: estimate.known ? estimate.quantization : mention.facts.quantization ?? "?", fit };
    if (role === "rejected") finding.discouraged = true;
    if (role === "mentioned") {
      finding.discouraged = true;
      finding.mentionedOnly = true;
    }
    if (fit.verdict === "does-not-run" && !finding.discouraged) {
      const suggestion = suggestFitting(assessed.facts, table);
      if (suggestion) finding.suggestion = suggestion;
    }
    return finding;
  });
  const recommended = findings.filter((f) => !f.discouraged);
  const status = recommended.some((f) => f.fit.verdict === "does-not-run") ? "warnings" : recommended.some((f) => f.fit.verdict === "unknown") ? "unchecked" : "ok";
  return { status, findings };
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
  mentionedOnly: string;
  unchecked: string;
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
    mentionedOnly: " (only mentioned)",
    unchecked: "Not every model this plan recommends could be checked; see below.",
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
    mentionedOnly: "（仅提及）",
    unchecked: "方案推荐的模型中有的无法检查，详见下方。",
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
    if (check.status === "unchecked") summary.push(`> ${w.unchecked}`, ">");
    for (const finding of check.findings) {
      const need = finding.fit.needGb === null ? "" : `, ${formatGb(finding.fit.needGb)}`;
      const role = finding.mentionedOnly ? w.mentionedOnly : finding.discouraged ? w.advisedAgainst : "";
      const why = finding.fit.verdict === "unknown" && !finding.discouraged ? ` (${finding.fit.reason})` : "";
      summary.push(`> - ${inline(finding.mention)} → ${inline(finding.tag)} (${finding.quantization}${need}): ${VERDICT_LABELS[lang][finding.fit.verdict]}${why}${role}`);
    }
  }
  blocks.push(summary.join("\n"));
  return blocks.join("\n\n");
}

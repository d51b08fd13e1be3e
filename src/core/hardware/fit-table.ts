/**
 * What fits on the user's machine, computed once per plan and shown twice: to the model as a
 * delimited prompt part, and to the user as a table in the plan note.
 *
 * - `FIT_CONTEXT_TOKENS`: the context the table assumes for running a recommended model.
 * - `computeFitTable(profile, { installed?, contextTokens?, lang? })`: every catalog model plus the
 *   installed ones, each with its memory need and verdict.
 * - `hasHardwareFacts(profile)`: whether the profile says enough to compute anything.
 * - `hardwareFactsPart(table, lang)`: the "Hardware facts (computed)" prompt part.
 * - `renderFitTable(table, lang)`: the same facts as a Markdown table inside a callout.
 * - `modelFactsFromInstalled(model)`: an installed model as the fit calculator sees it.
 */
import type { PromptPart } from "../plan/prompts";
import type { InstalledModel } from "../shared/ports";
import type { PromptLanguage } from "../shared/language";
import { CATALOG, catalogByTag, tagSize, type ModelFacts, type ModelKind } from "./catalog";
import { assessFit, memoryBudget, VERDICT_LABELS, type FitResult, type Verdict } from "./fit";
import { describeProfile, type HardwareProfile } from "./profile";
import { formatGb } from "./units";

/**
 * Context assumed when running a recommended model day to day: twice Ollama's default of 4,096,
 * enough for a chat with a few retrieved notes. The planning model's own context is a setting.
 */
export const FIT_CONTEXT_TOKENS = 8192;

export interface FitRow {
  tag: string;
  name: string;
  kind: ModelKind;
  quantization: string;
  /** Installed in the user's Ollama. */
  installed: boolean;
  facts: ModelFacts;
  fit: FitResult;
}

export interface FitTable {
  profile: HardwareProfile;
  contextTokens: number;
  rows: FitRow[];
}

/** True when the profile holds a memory fact; without one every verdict would be "unknown". */
export function hasHardwareFacts(profile: HardwareProfile): boolean {
  return profile.ramGb !== undefined || profile.gpus.some((gpu) => gpu.vramGb !== undefined);
}

function parseParameterSize(text: string | undefined): number | undefined {
  const match = /^\s*([\d.]+)\s*([KMBT])\s*$/i.exec(text ?? "");
  if (!match) return undefined;
  const scale: Record<string, number> = { K: 1e-6, M: 1e-3, B: 1, T: 1e3 };
  const value = Number(match[1]) * (scale[match[2].toUpperCase()] ?? Number.NaN);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * An installed model as the calculator sees it: the catalog's attention layout when the tag is
 * one we ship, the installed file's own size and quantization always (the user may have pulled a
 * q8_0 variant under a custom name). Facts Ollama did not give stay unknown.
 */
export function modelFactsFromInstalled(model: InstalledModel): ModelFacts {
  const known = catalogByTag(model.name);
  const paramsB = parseParameterSize(model.parameterSize) ?? known?.paramsB ?? tagSize(model.name).sizeB;
  const facts: ModelFacts = {
    ...(known ?? {}),
    tag: model.name,
    name: known?.name ?? model.name,
    kind: model.canChat ? "chat" : "embedding",
    source: "ollama",
  };
  if (paramsB !== undefined) facts.paramsB = paramsB;
  if (model.quantization !== undefined) facts.quantization = model.quantization;
  // /api/show reads the file itself: its numbers win over the catalog's.
  const show = model.show;
  if (show?.parameterCount !== undefined) facts.paramsB = show.parameterCount / 1e9;
  if (show?.quantization !== undefined) facts.quantization = show.quantization;
  if (show?.layers !== undefined) facts.layers = show.layers;
  if (show?.kvHeads !== undefined) facts.kvHeads = show.kvHeads;
  if (show?.headDim !== undefined) facts.headDim = show.headDim;
  if (show?.contextLength !== undefined) facts.maxContext = show.contextLength;
  if (model.sizeBytes !== undefined && model.sizeBytes > 0) facts.downloadGb = model.sizeBytes / 1e9;
  else if (known && model.quantization !== undefined && model.quantization.toUpperCase() !== known.quantization) delete facts.downloadGb;
  return facts;
}

function sameTag(a: string, b: string): boolean {
  const norm = (tag: string) => (tag.includes(":") ? tag : `${tag}:latest`).toLowerCase();
  return norm(a) === norm(b) || catalogByTag(a)?.tag === b || catalogByTag(b)?.tag === a;
}

/** Every catalog model and every installed model, each with its verdict for `profile`. */
export function computeFitTable(
  profile: HardwareProfile,
  options: { installed?: readonly InstalledModel[]; contextTokens?: number; lang?: PromptLanguage } = {},
): FitTable {
  const contextTokens = options.contextTokens ?? FIT_CONTEXT_TOKENS;
  const lang = options.lang ?? "en";
  const installed = options.installed ?? [];
  const row = (facts: ModelFacts, isInstalled: boolean): FitRow => {
    const { estimate, fit } = assessFit(facts, profile, contextTokens, lang);
    return {
      tag: facts.tag,
      name: facts.name,
      kind: facts.kind,
      quantization: estimate.known ? estimate.quantization : facts.quantization ?? "?",
      installed: isInstalled,
      facts,
      fit,
    };
  };
  const installedRows = installed.map((model) => row(modelFactsFromInstalled(model), true));
  const catalogRows = CATALOG.filter((entry) => !installed.some((model) => sameTag(model.name, entry.tag))).map((entry) => row(entry, false));
  return { profile, contextTokens, rows: [...installedRows, ...catalogRows] };
}

const VERDICT_ORDER: readonly Verdict[] = ["fits-vram", "cpu-only", "partial-offload", "does-not-run", "unknown"];

const WORDS: Record<PromptLanguage, {
  title: string;
  intro: string;
  hardware: string;
  budget: (gpu: string | null, cpu: string, unified: boolean) => string;
  context: (tokens: string) => string;
  groups: Record<Verdict, string>;
  installed: string;
  warnings: string;
  needs: (gb: string) => string;
  unknownNeed: string;
  tableTitle: string;
  columns: readonly string[];
  yes: string;
  colon: string;
}> = {
  en: {
    title: "Hardware facts (computed)",
    intro:
      "The plugin computed these facts from the hardware above (weights + KV cache + runtime overhead for each model, at its Ollama default quantization). Treat them as ground truth: recommend only models listed as fitting, and never one listed as not running.",
    hardware: "Hardware",
    budget: (gpu, cpu, unified) =>
      gpu === null
        ? `Memory for models: no GPU Ollama can use; ${cpu} of RAM after the system.`
        : unified
          ? `Memory for models: ${gpu} of the unified memory usable by the GPU; ${cpu} more for layers on the CPU.`
          : `Memory for models: ${gpu} of usable VRAM; ${cpu} of RAM after the system for layers offloaded to the CPU.`,
    context: (tokens) => `Context assumed: ${tokens} tokens.`,
    groups: {
      "fits-vram": "Fits entirely on the GPU (fast)",
      "cpu-only": "Runs on the CPU from RAM (no usable GPU; slow)",
      "partial-offload": "Runs only with partial CPU offload (much slower)",
      "does-not-run": "Does not run on this hardware (never recommend)",
      unknown: "Unknown (facts missing)",
    },
    installed: "installed",
    warnings: "Doubts about the hardware description",
    needs: (gb) => `needs ${gb}`,
    unknownNeed: "size unknown",
    tableTitle: "Hardware fit (computed)",
    columns: ["Model", "Quantization", "Memory needed", "Verdict", "Installed"],
    yes: "yes",
    colon: ": ",
  },
  zh: {
    title: "硬件事实（计算得出）",
    intro: "以下事实由插件根据上面的硬件计算得出（每个模型按 Ollama 默认量化计算：权重 + KV 缓存 + 运行时开销）。请将其视为事实：只推荐列为可运行的模型，绝不推荐列为无法运行的模型。",
    hardware: "硬件",
    budget: (gpu, cpu, unified) =>
      gpu === null
        ? `可供模型使用的内存：没有 Ollama 可用的 GPU；系统预留之外还有 ${cpu} 内存。`
        : unified
          ? `可供模型使用的内存：统一内存中 GPU 可用 ${gpu}；CPU 上的层还可再用 ${cpu}。`
          : `可供模型使用的内存：可用显存 ${gpu}；卸载到 CPU 的层可用系统预留之外的 ${cpu} 内存。`,
    context: (tokens) => `假定的上下文长度：${tokens} 个 token。`,
    groups: {
      "fits-vram": "可完全放入 GPU（快）",
      "cpu-only": "只能用 CPU 和内存运行（无可用 GPU；慢）",
      "partial-offload": "需要部分卸载到 CPU 才能运行（明显变慢）",
      "does-not-run": "在此硬件上无法运行（绝不推荐）",
      unknown: "未知（缺少信息）",
    },
    installed: "已安装",
    warnings: "对硬件描述的疑问",
    needs: (gb) => `需要 ${gb}`,
    unknownNeed: "大小未知",
    tableTitle: "硬件适配（计算得出）",
    columns: ["模型", "量化", "所需内存", "结论", "已安装"],
    yes: "是",
    colon: "：",
  },
};

function needOf(row: FitRow, lang: PromptLanguage): string {
  return row.fit.needGb === null ? WORDS[lang].unknownNeed : formatGb(row.fit.needGb);
}

function byNeedDescending(a: FitRow, b: FitRow): number {
  return (b.fit.needGb ?? 0) - (a.fit.needGb ?? 0);
}

/** The "Hardware facts (computed)" prompt part: the budget, then the models grouped by verdict. */
export function hardwareFactsPart(table: FitTable, lang: PromptLanguage): PromptPart {
  const w = WORDS[lang];
  const { low } = memoryBudget(table.profile);
  const lines = [
    w.intro,
    "",
    `${w.hardware}${w.colon}${describeProfile(table.profile, lang)}`,
    w.budget(low.hasGpu ? formatGb(low.gpuGb) : null, formatGb(low.cpuGb), low.unified),
    w.context(table.contextTokens.toLocaleString("en-US")),
  ];
  for (const verdict of VERDICT_ORDER) {
    const rows = table.rows.filter((row) => row.fit.verdict === verdict).sort(byNeedDescending);
    if (rows.length === 0) continue;
    lines.push("", `${w.groups[verdict]}${w.colon.trim()}`);
    for (const row of rows) {
      const installed = row.installed ? `, ${w.installed}` : "";
      lines.push(`- ${row.tag} (${row.quantization}${installed})${w.colon}${w.needs(needOf(row, lang))}`);
    }
  }
  if (table.profile.warnings.length > 0) lines.push("", `${w.warnings}${w.colon.trim()}`, ...table.profile.warnings.map((warning) => `- ${warning}`));
  return { name: "hardware-facts", title: w.title, body: lines.join("\n") };
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

/** The facts as a collapsed callout holding a Markdown table, for the plan note. */
export function renderFitTable(table: FitTable, lang: PromptLanguage): string {
  const w = WORDS[lang];
  const rows = [...table.rows].sort((a, b) => VERDICT_ORDER.indexOf(a.fit.verdict) - VERDICT_ORDER.indexOf(b.fit.verdict) || byNeedDescending(a, b));
  const lines = [
    `> [!note]- ${w.tableTitle}`,
    `> ${cell(describeProfile(table.profile, lang))}. ${w.context(table.contextTokens.toLocaleString("en-US"))}`,
    ">",
    `> | ${w.columns.join(" | ")} |`,
    `> |${w.columns.map(() => " --- ").join("|")}|`,
    ...rows.map((row) => `> | ${cell(row.tag)} | ${cell(row.quantization)} | ${needOf(row, lang)} | ${VERDICT_LABELS[lang][row.fit.verdict]} | ${row.installed ? w.yes : ""} |`),
  ];
  return lines.join("\n");
}

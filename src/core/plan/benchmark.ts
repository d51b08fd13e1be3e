/**
 * "Benchmark installed models": the same short, fixed prompt on each installed chat model that
 * fits, timed by Ollama itself (eval_count / eval_duration), written as a comparison note.
 *
 * - `BENCHMARK_PROMPT`: the prompt; short enough to finish in seconds on a CPU.
 * - `benchmarkModels(deps, models, profile, signal, onProgress?)`: one result per model; models
 *   that cannot run are skipped rather than left to exhaust memory.
 * - `renderBenchmarkNote(run, lang)`, `writeBenchmarkNote(vault, folder, run, lang)`.
 */
import { PlannerError } from "../shared/errors";
import { sanitizeFileName, timestampForFileName } from "./file-naming";
import { renderFrontmatter } from "../shared/frontmatter";
import { assessFit, VERDICT_LABELS, type Verdict } from "../hardware/fit";
import { modelFactsFromInstalled } from "../hardware/fit-table";
import { describeProfile, type HardwareProfile } from "../hardware/profile";
import { writeNewNote } from "./note-writer";
import { isoLocal } from "./plan-note";
import type { InstalledModel, LlmPort, VaultPort } from "../shared/ports";
import type { PromptLanguage } from "../shared/language";

/** Fixed, so runs on different days and machines compare. */
export const BENCHMARK_PROMPT = "In five short bullet points, explain why someone might run a language model on their own computer.";
/** Small: the benchmark measures speed, not long-context behaviour. */
export const BENCHMARK_CONTEXT = 2048;

export interface BenchmarkResult {
  model: string;
  parameterSize?: string;
  quantization?: string;
  verdict: Verdict;
  /** Null when skipped or failed. */
  tokensPerSecond: number | null;
  answerTokens: number | null;
  promptTokens: number | null;
  /** Wall-clock seconds, including loading the model. */
  seconds: number | null;
  /** Why there is no measurement. */
  problem?: string;
}

export interface BenchmarkRun {
  created: Date;
  profile: HardwareProfile;
  results: BenchmarkResult[];
}

export interface BenchmarkDeps {
  llm: Pick<LlmPort, "chat">;
  now: () => Date;
  monotonicMs: () => number;
}

/** Runs the prompt on each chat model in turn; stops early (keeping what was measured) when aborted. */
export async function benchmarkModels(
  deps: BenchmarkDeps,
  models: readonly InstalledModel[],
  profile: HardwareProfile,
  signal: AbortSignal,
  onProgress?: (model: string, index: number, total: number) => void,
): Promise<BenchmarkRun> {
  const chat = models.filter((m) => m.canChat);
  const results: BenchmarkResult[] = [];
  for (const [index, model] of chat.entries()) {
    if (signal.aborted) break;
    const { fit } = assessFit(modelFactsFromInstalled(model), profile, BENCHMARK_CONTEXT);
    const base = { model: model.name, parameterSize: model.parameterSize, quantization: model.quantization, verdict: fit.verdict };
    if (fit.verdict === "does-not-run") {
      results.push({ ...base, tokensPerSecond: null, answerTokens: null, promptTokens: null, seconds: null, problem: "skipped: does not fit this hardware" });
      continue;
    }
    onProgress?.(model.name, index, chat.length);
    const started = deps.monotonicMs();
    try {
      const result = await deps.llm.chat({ model: model.name, messages: [{ role: "user", content: BENCHMARK_PROMPT }], contextTokens: BENCHMARK_CONTEXT }, () => undefined, signal);
      const speed = result.answerTokens !== null && result.evalDurationNs ? result.answerTokens / (result.evalDurationNs / 1e9) : null;
      results.push({ ...base, tokensPerSecond: speed, answerTokens: result.answerTokens, promptTokens: result.promptTokens, seconds: (deps.monotonicMs() - started) / 1000 });
    } catch (error) {
      if (error instanceof PlannerError && error.kind === "aborted") break;
      results.push({ ...base, tokensPerSecond: null, answerTokens: null, promptTokens: null, seconds: null, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  return { created: deps.now(), profile, results };
}

const WORDS: Record<PromptLanguage, { title: string; intro: (prompt: string) => string; hardware: string; columns: readonly string[]; none: string; fastest: (model: string, speed: string) => string }> = {
  en: {
    title: "Model benchmark",
    intro: (prompt) => `Each model answered the same prompt: "${prompt}" Speed is Ollama's own count (eval_count / eval_duration); time includes loading the model.`,
    hardware: "Hardware",
    columns: ["Model", "Size", "Quantization", "Fit", "Tokens/s", "Answer tokens", "Seconds", "Note"],
    none: "No chat model is installed.",
    fastest: (model, speed) => `Fastest: **${model}** at ${speed} tokens/s.`,
  },
  zh: {
    title: "模型基准测试",
    intro: (prompt) => `每个模型回答同一个提示：“${prompt}” 速度来自 Ollama 自身的统计（eval_count / eval_duration）；时间包含加载模型。`,
    hardware: "硬件",
    columns: ["模型", "参数量", "量化", "适配", "每秒 token", "回答 token", "秒", "备注"],
    none: "没有安装对话模型。",
    fastest: (model, speed) => `最快：**${model}**，每秒 ${speed} 个 token。`,
  },
};

function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? "—" : value.toFixed(digits);
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

/** The comparison note: frontmatter, the fixed prompt, one table row per model, the fastest. */
export function renderBenchmarkNote(run: BenchmarkRun, lang: PromptLanguage): string {
  const w = WORDS[lang];
  const measured = run.results.filter((r) => r.tokensPerSecond !== null);
  const fastest = [...measured].sort((a, b) => (b.tokensPerSecond ?? 0) - (a.tokensPerSecond ?? 0))[0];
  const frontmatter = renderFrontmatter([
    ["type", "ai-stack-benchmark"],
    ["created", isoLocal(run.created)],
    ["hardware", describeProfile(run.profile, lang)],
    ["models", run.results.map((r) => r.model)],
    ["fastest", fastest?.model ?? null],
    ["fastest_tokens_per_second", fastest?.tokensPerSecond === undefined || fastest.tokensPerSecond === null ? null : Math.round(fastest.tokensPerSecond * 10) / 10],
  ]);
  const rows = run.results.map((r) =>
    [r.model, r.parameterSize ?? "—", r.quantization ?? "—", VERDICT_LABELS[lang][r.verdict], fixed(r.tokensPerSecond, 1), r.answerTokens === null ? "—" : String(r.answerTokens), fixed(r.seconds, 1), r.problem ?? ""].map(cell),
  );
  const table = run.results.length === 0 ? w.none : [`| ${w.columns.join(" | ")} |`, `|${w.columns.map(() => " --- ").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  const body = [`# ${w.title}`, w.intro(BENCHMARK_PROMPT), `**${w.hardware}:** ${describeProfile(run.profile, lang)}`, table, ...(fastest ? [w.fastest(fastest.model, fixed(fastest.tokensPerSecond, 1))] : [])];
  return `${frontmatter}\n${body.join("\n\n")}\n`;
}

/** Writes the benchmark note under a fresh name and returns its path. */
export async function writeBenchmarkNote(vault: VaultPort, folder: string, run: BenchmarkRun, lang: PromptLanguage): Promise<string> {
  return writeNewNote(vault, folder, sanitizeFileName(`${timestampForFileName(run.created)} - Model benchmark`), renderBenchmarkNote(run, lang));
}

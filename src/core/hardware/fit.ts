/**
 * How much memory a model needs, and whether a machine has it.
 *
 * - `estimateMemory(model, { contextTokens, quantization? })`: weights + KV cache + runtime
 *   overhead, in GB (GiB). A model whose attention layout is unknown gets a range, one whose size
 *   is unknown gets `known: false`.
 * - `memoryBudget(profile)`: what the GPU(s) and the RAM can give a model, as a low/high range
 *   when the profile leaves facts out.
 * - `fitVerdict(estimate, profile, lang?)`: fits in VRAM, partial CPU offload, CPU/RAM only, does
 *   not run, or unknown; a verdict is only given when it holds across every range above.
 * - `assessFit(model, profile, contextTokens, lang?)`: both steps at once.
 * - `VERDICT_LABELS`: short names of the verdicts in each language.
 */
import type { PromptLanguage } from "../shared/language";
import type { ModelFacts } from "./catalog";
import { MAX_RAM_GB, MAX_VRAM_GB, osReserveGb, unifiedGpuShareGb, type HardwareProfile } from "./profile";
import { BITS_PER_WEIGHT, normalizeQuantization } from "./quantization";
import { bytesToGb, formatGb } from "./units";

/** Ollama keeps the KV cache in f16 unless told otherwise (OLLAMA_KV_CACHE_TYPE). */
const KV_BYTES_PER_VALUE = 2;
/**
 * Runtime overhead: the CUDA/Metal context and the compute graph buffers, about half a GB,
 * plus scratch space that grows with the model (5% of the weights). This is what sits above
 * weights + KV cache when Ollama reports a loaded model's size.
 */
export const OVERHEAD_BASE_GB = 0.5;
export const OVERHEAD_WEIGHTS_FRACTION = 0.05;
/**
 * Worst-case KV cache per token, per billion parameters, for a model whose attention layout is
 * unknown. The largest among popular models is Phi-3 mini (no grouped-query attention:
 * 393 KB/token at 3.8 B ≈ 103 KB); 120 KB leaves a margin.
 */
export const WORST_KV_BYTES_PER_TOKEN_PER_B = 120_000;
/** Share of each card's VRAM left to the display, the driver and fragmentation. */
export const VRAM_HEADROOM_FRACTION = 0.05;
/** Each further GPU holds its own context and compute buffers when a model is split across cards. */
export const MULTI_GPU_OVERHEAD_GB = 0.5;

/** A fact whose absence makes an estimate a range, or impossible. */
export type MissingFact = "size" | "quantization" | "attention";

export interface MemoryEstimate {
  known: true;
  quantization: string;
  /** The context the numbers are for: the requested one, capped at the model's maximum. */
  contextTokens: number;
  weightsGb: number;
  /** KV cache; 0 with `totalMaxGb` as the worst case when the attention layout is unknown. */
  kvCacheGb: number;
  overheadGb: number;
  totalGb: number;
  /** Upper bound of the total: equal to `totalGb` unless facts are missing. */
  totalMaxGb: number;
  missing: MissingFact[];
}

export interface UnknownEstimate {
  known: false;
  contextTokens: number;
  missing: MissingFact[];
}

export interface EstimateOptions {
  contextTokens: number;
  /** Quantization to estimate for; defaults to the model's own. */
  quantization?: string;
}

function kvCacheBytes(model: ModelFacts, contextTokens: number): number | undefined {
  if (model.kind === "embedding") return 0; // encoders keep no cache between tokens
  const { layers, kvHeads, headDim } = model;
  if (layers === undefined || kvHeads === undefined || headDim === undefined) return undefined;
  // K and V, one vector of kvHeads × headDim per layer and token.
  const bytesPerTokenLayer = 2 * kvHeads * headDim * KV_BYTES_PER_VALUE;
  const sw = model.slidingWindow;
  if (sw === undefined) return bytesPerTokenLayer * layers * contextTokens;
  const globalLayers = Math.floor(layers / sw.globalEvery);
  const localLayers = layers - globalLayers;
  return bytesPerTokenLayer * (globalLayers * contextTokens + localLayers * Math.min(contextTokens, sw.window));
}

function weightBytes(model: ModelFacts, quantization: string | undefined, requested: boolean): number | undefined {
  // The downloaded file is the weights as loaded: exact where bits-per-weight averages are not
  // (small models keep their large embedding tables at Q6/Q8: Qwen 2.5 0.5B weighs 25% more).
  if (model.downloadGb !== undefined && !requested) return model.downloadGb * 1e9;
  const quant = normalizeQuantization(quantization);
  if (model.paramsB !== undefined && quant !== undefined) {
    const vision = model.visionParamsB ?? 0;
    return ((model.paramsB - vision) * BITS_PER_WEIGHT[quant]) / 8 * 1e9 + vision * 2e9;
  }
  return undefined;
}

/** Weights + KV cache + runtime overhead for running `model` with `contextTokens` of context. */
export function estimateMemory(model: ModelFacts, options: EstimateOptions): MemoryEstimate | UnknownEstimate {
  const requested = options.quantization !== undefined && normalizeQuantization(options.quantization) !== normalizeQuantization(model.quantization);
  const quantization = options.quantization ?? model.quantization;
  const contextTokens = Math.max(1, Math.min(options.contextTokens, model.maxContext ?? options.contextTokens));
  const missing: MissingFact[] = [];
  if (normalizeQuantization(quantization) === undefined) missing.push("quantization");

  const weights = weightBytes(model, quantization, requested);
  if (weights === undefined) return { known: false, contextTokens, missing: model.paramsB === undefined ? ["size", ...missing] : missing };

  let kv = kvCacheBytes(model, contextTokens);
  let kvMax = kv;
  if (kv === undefined) {
    missing.push("attention");
    // Parameters from the file size at 4 bits per weight, the fewest bits Ollama commonly serves,
    // so the worst case stays a worst case.
    const paramsB = model.paramsB ?? (weights * 8) / 4 / 1e9;
    kv = 0;
    kvMax = WORST_KV_BYTES_PER_TOKEN_PER_B * paramsB * contextTokens;
  }
  const weightsGb = bytesToGb(weights);
  const overheadGb = OVERHEAD_BASE_GB + OVERHEAD_WEIGHTS_FRACTION * weightsGb;
  const kvCacheGb = bytesToGb(kv);
  const totalGb = weightsGb + kvCacheGb + overheadGb;
  return {
    known: true,
    quantization: normalizeQuantization(quantization) ?? quantization ?? "?",
    contextTokens,
    weightsGb,
    kvCacheGb,
    overheadGb,
    totalGb,
    totalMaxGb: weightsGb + bytesToGb(kvMax ?? kv) + overheadGb,
    missing,
  };
}

/** What a machine can give a model. */
export interface MemoryBudget {
  /** Usable VRAM, or the GPU's share of a unified memory. */
  gpuGb: number;
  /** More memory for layers run on the CPU: RAM after the OS reserve (beyond the GPU share if unified). */
  cpuGb: number;
  /** Whether there is a GPU Ollama can use. */
  hasGpu: boolean;
  unified: boolean;
}

/** A fact the profile lacks: the RAM size, or the VRAM of a named GPU. */
export type BudgetGap = { kind: "ram" } | { kind: "vram"; gpu: string };

/** The budget when every missing fact is as bad (`low`) or as good (`high`) as it could be. */
export interface BudgetRange {
  low: MemoryBudget;
  high: MemoryBudget;
  gaps: BudgetGap[];
}

function ramBudget(ramGb: number | undefined): [number, number] {
  if (ramGb === undefined) return [0, MAX_RAM_GB - osReserveGb(MAX_RAM_GB)];
  const left = Math.max(0, ramGb - osReserveGb(ramGb));
  return [left, left];
}

/** What the profile's GPUs and RAM can give a model; a range when facts are missing. */
export function memoryBudget(profile: HardwareProfile): BudgetRange {
  const gaps: BudgetGap[] = [];
  if (profile.ramGb === undefined) gaps.push({ kind: "ram" });

  if (profile.unifiedMemory) {
    const budget = (ram: number): MemoryBudget => {
      const share = unifiedGpuShareGb(ram);
      return { gpuGb: share, cpuGb: Math.max(0, ram - osReserveGb(ram) - share), hasGpu: true, unified: true };
    };
    if (profile.ramGb === undefined) return { low: { gpuGb: 0, cpuGb: 0, hasGpu: true, unified: true }, high: budget(MAX_RAM_GB), gaps };
    return { low: budget(profile.ramGb), high: budget(profile.ramGb), gaps };
  }

  // Ollama does not use Intel GPUs by default, and an Apple GPU without unified memory is a contradiction.
  const usable = profile.gpus.filter((gpu) => gpu.vendor !== "intel" && gpu.vendor !== "apple");
  let known = 0;
  let unknown = 0;
  for (const gpu of usable) {
    if (gpu.vramGb === undefined) {
      unknown += 1;
      gaps.push({ kind: "vram", gpu: gpu.name ?? "GPU" });
    } else known += gpu.vramGb * (1 - VRAM_HEADROOM_FRACTION);
  }
  const splitCost = MULTI_GPU_OVERHEAD_GB * Math.max(0, usable.length - 1);
  const gpuLow = Math.max(0, known - splitCost);
  const gpuHigh = Math.max(0, known + unknown * MAX_VRAM_GB * (1 - VRAM_HEADROOM_FRACTION) - splitCost);
  const [ramLow, ramHigh] = ramBudget(profile.ramGb);
  const hasGpu = usable.length > 0;
  return {
    low: { gpuGb: gpuLow, cpuGb: ramLow, hasGpu, unified: false },
    high: { gpuGb: gpuHigh, cpuGb: ramHigh, hasGpu, unified: false },
    gaps,
  };
}

export type Verdict = "fits-vram" | "partial-offload" | "cpu-only" | "does-not-run" | "unknown";

export interface FitResult {
  verdict: Verdict;
  /** One sentence saying why, in the requested language. */
  reason: string;
  /** Memory needed (lower end when only a range is known); null when the model's size is unknown. */
  needGb: number | null;
  /** Memory the verdict's pool has left after the model (negative: the shortfall); null if unknown. */
  headroomGb: number | null;
}

/** Short names of the verdicts. */
export const VERDICT_LABELS: Readonly<Record<PromptLanguage, Record<Verdict, string>>> = {
  en: {
    "fits-vram": "fits in VRAM",
    "partial-offload": "partial CPU offload",
    "cpu-only": "CPU/RAM only",
    "does-not-run": "does not run",
    unknown: "unknown",
  },
  zh: {
    "fits-vram": "可完全放入显存",
    "partial-offload": "部分卸载到 CPU",
    "cpu-only": "仅 CPU/内存",
    "does-not-run": "无法运行",
    unknown: "未知",
  },
};

function classify(needGb: number, budget: MemoryBudget): Exclude<Verdict, "unknown"> {
  if (budget.hasGpu && needGb <= budget.gpuGb) return "fits-vram";
  if (needGb <= budget.gpuGb + budget.cpuGb) return budget.hasGpu ? "partial-offload" : "cpu-only";
  return "does-not-run";
}

interface ReasonFacts {
  need: string;
  gpu: string;
  cpu: string;
  total: string;
  spare: string;
  ram: string;
  reserve: string;
}

const REASONS: Record<PromptLanguage, {
  fitsVram: (f: ReasonFacts) => string;
  fitsUnified: (f: ReasonFacts) => string;
  partial: (f: ReasonFacts) => string;
  partialUnified: (f: ReasonFacts) => string;
  cpuOnly: (f: ReasonFacts) => string;
  tooBigGpu: (f: ReasonFacts) => string;
  tooBigUnified: (f: ReasonFacts) => string;
  tooBigCpu: (f: ReasonFacts) => string;
  noSize: string;
  cannotTell: (need: string, missing: string) => string;
  missingRam: string;
  missingVram: (gpu: string) => string;
  missingAttention: string;
  missingQuant: string;
  and: string;
}> = {
  en: {
    fitsVram: (f) => `needs ${f.need}; fits in the ${f.gpu} of usable VRAM (${f.spare} to spare)`,
    fitsUnified: (f) => `needs ${f.need}; fits in the GPU's ${f.gpu} share of ${f.ram} unified memory (${f.spare} to spare)`,
    partial: (f) => `needs ${f.need}, more than the ${f.gpu} of usable VRAM; Ollama runs the rest on the CPU from RAM (${f.total} in all), much slower`,
    partialUnified: (f) => `needs ${f.need}, more than the GPU's ${f.gpu} share of unified memory; Ollama runs some layers on the CPU (${f.total} in all), slower and with memory pressure`,
    cpuOnly: (f) => `needs ${f.need}; no GPU Ollama can use, so it runs on the CPU from the ${f.cpu} of RAM left after the system (slow)`,
    tooBigGpu: (f) => `needs ${f.need}, but only ${f.total} is available (${f.gpu} usable VRAM + ${f.cpu} RAM after the system)`,
    tooBigUnified: (f) => `needs ${f.need}, but only ${f.total} is available (${f.ram} unified memory minus ${f.reserve} for the system)`,
    tooBigCpu: (f) => `needs ${f.need}, but only ${f.total} is available (${f.ram} RAM minus ${f.reserve} for the system, no GPU)`,
    noSize: "model size unknown: no parameter count or file size",
    cannotTell: (need, missing) => `needs ${need}; cannot tell without ${missing}`,
    missingRam: "the RAM size",
    missingVram: (gpu) => `the VRAM of the ${gpu}`,
    missingAttention: "the model's attention layout",
    missingQuant: "the quantization",
    and: " and ",
  },
  zh: {
    fitsVram: (f) => `需要 ${f.need}；可完全放入 ${f.gpu} 可用显存（剩余 ${f.spare}）`,
    fitsUnified: (f) => `需要 ${f.need}；可放入 ${f.ram} 统一内存中 GPU 可用的 ${f.gpu}（剩余 ${f.spare}）`,
    partial: (f) => `需要 ${f.need}，超过 ${f.gpu} 可用显存；Ollama 会把其余部分放到 CPU 和内存上运行（共 ${f.total}），速度明显变慢`,
    partialUnified: (f) => `需要 ${f.need}，超过 GPU 可用的 ${f.gpu} 统一内存；Ollama 会把部分层放到 CPU 上运行（共 ${f.total}），较慢且内存紧张`,
    cpuOnly: (f) => `需要 ${f.need}；没有 Ollama 可用的 GPU，只能用 CPU 在系统预留之外剩余的 ${f.cpu} 内存中运行（较慢）`,
    tooBigGpu: (f) => `需要 ${f.need}，但可用内存只有 ${f.total}（${f.gpu} 可用显存 + 系统预留之外的 ${f.cpu} 内存）`,
    tooBigUnified: (f) => `需要 ${f.need}，但可用内存只有 ${f.total}（${f.ram} 统一内存减去系统预留的 ${f.reserve}）`,
    tooBigCpu: (f) => `需要 ${f.need}，但可用内存只有 ${f.total}（${f.ram} 内存减去系统预留的 ${f.reserve}，无 GPU）`,
    noSize: "模型大小未知：没有参数量也没有文件大小",
    cannotTell: (need, missing) => `需要 ${need}；缺少${missing}，无法判断`,
    missingRam: "内存大小",
    missingVram: (gpu) => ` ${gpu} 的显存大小`,
    missingAttention: "模型的注意力结构",
    missingQuant: "量化方式",
    and: "和",
  },
};

function needText(estimate: MemoryEstimate): string {
  const low = formatGb(estimate.totalGb);
  const high = formatGb(estimate.totalMaxGb);
  return low === high ? low : `${low}–${high}`;
}

function missingText(estimate: MemoryEstimate, gaps: readonly BudgetGap[], lang: PromptLanguage): string {
  const r = REASONS[lang];
  const items = gaps.map((gap) => (gap.kind === "ram" ? r.missingRam : r.missingVram(gap.gpu)));
  if (estimate.missing.includes("attention")) items.push(r.missingAttention);
  if (estimate.missing.includes("quantization")) items.push(r.missingQuant);
  return items.join(r.and);
}

/** The verdict for an estimate on a machine; `unknown` unless it holds for every missing fact. */
export function fitVerdict(estimate: MemoryEstimate | UnknownEstimate, profile: HardwareProfile, lang: PromptLanguage = "en"): FitResult {
  const r = REASONS[lang];
  if (!estimate.known) return { verdict: "unknown", reason: r.noSize, needGb: null, headroomGb: null };

  const range = memoryBudget(profile);
  // The pessimistic verdict takes the largest need and the smallest budget, the optimistic one the
  // opposite. When they agree, no missing fact could change the answer.
  const pessimistic = classify(estimate.totalMaxGb, range.low);
  const optimistic = classify(estimate.totalGb, range.high);
  const need = needText(estimate);
  if (pessimistic !== optimistic) {
    return { verdict: "unknown", reason: r.cannotTell(need, missingText(estimate, range.gaps, lang)), needGb: estimate.totalGb, headroomGb: null };
  }

  const { low, high } = range;
  const ram = profile.ramGb ?? 0;
  const facts: ReasonFacts = {
    need,
    gpu: formatGb(low.gpuGb),
    cpu: formatGb(low.cpuGb),
    total: formatGb(low.gpuGb + low.cpuGb),
    spare: formatGb(low.gpuGb - estimate.totalMaxGb),
    ram: formatGb(ram),
    reserve: formatGb(osReserveGb(ram)),
  };
  const verdict = pessimistic;
  switch (verdict) {
    case "fits-vram":
      return { verdict, reason: low.unified ? r.fitsUnified(facts) : r.fitsVram(facts), needGb: estimate.totalGb, headroomGb: low.gpuGb - estimate.totalMaxGb };
    case "partial-offload":
      return { verdict, reason: low.unified ? r.partialUnified(facts) : r.partial(facts), needGb: estimate.totalGb, headroomGb: low.gpuGb + low.cpuGb - estimate.totalMaxGb };
    case "cpu-only":
      return { verdict, reason: r.cpuOnly(facts), needGb: estimate.totalGb, headroomGb: low.cpuGb - estimate.totalMaxGb };
    case "does-not-run": {
      const reason = low.unified ? r.tooBigUnified(facts) : low.hasGpu ? r.tooBigGpu(facts) : r.tooBigCpu(facts);
      return { verdict, reason, needGb: estimate.totalGb, headroomGb: high.gpuGb + high.cpuGb - estimate.totalGb };
    }
  }
}

/** The estimate and the verdict for running `model` on `profile` with `contextTokens` of context. */
export function assessFit(
  model: ModelFacts,
  profile: HardwareProfile,
  contextTokens: number,
  lang: PromptLanguage = "en",
  quantization?: string,
): { estimate: MemoryEstimate | UnknownEstimate; fit: FitResult } {
  const estimate = estimateMemory(model, { contextTokens, quantization });
  return { estimate, fit: fitVerdict(estimate, profile, lang) };
}

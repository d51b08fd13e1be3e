/**
 * The hardware profile every fit computation starts from.
 *
 * - `HardwareProfile`, `GpuInfo`, `GpuVendor`: what we know about a machine. Unknown facts stay
 *   undefined, never guessed; anything dubious in the input becomes a `warnings` entry.
 * - `emptyProfile()`: a profile with no facts.
 * - `MIN_MEMORY_GB`, `MAX_VRAM_GB`, `MAX_RAM_GB`: the plausible range of a stated size.
 * - `unifiedGpuShareGb(ramGb)`: how much of a unified memory the GPU may use.
 * - `osReserveGb(ramGb)`: RAM left to the operating system and other apps.
 * - `describeProfile(profile, lang)`: the profile in one line, for prompts and notes.
 */
import type { PromptLanguage } from "../shared/language";
import { formatGb } from "./units";

export type GpuVendor = "nvidia" | "amd" | "apple" | "intel" | "unknown";

export interface GpuInfo {
  name?: string;
  vendor?: GpuVendor;
  /** Dedicated memory of this one GPU; undefined for Apple Silicon (it shares the RAM) or when unknown. */
  vramGb?: number;
}

export interface HardwareProfile {
  device?: string;
  cpu?: string;
  /** One entry per physical GPU (two identical cards are two entries). */
  gpus: GpuInfo[];
  /** System RAM; on unified-memory machines, the whole shared memory. */
  ramGb?: number;
  /** CPU and GPU share one memory (Apple Silicon): `ramGb` is all there is. */
  unifiedMemory: boolean;
  os?: string;
  /** Problems with the input, in the language it was parsed for. */
  warnings: string[];
}

/** A profile with no facts. */
export function emptyProfile(): HardwareProfile {
  return { gpus: [], unifiedMemory: false, warnings: [] };
}

/** Sizes below this are not memory a model can use ("0 GB", "512 MB"). */
export const MIN_MEMORY_GB = 1;
/** Largest plausible memory on one GPU; the biggest cards ship 192 GB. */
export const MAX_VRAM_GB = 256;
/** Largest plausible system RAM for a machine someone plans a personal AI stack on. */
export const MAX_RAM_GB = 4096;

/**
 * RAM kept back for the operating system, the browser and Obsidian itself: 2.5 GB or 15% of the
 * RAM, whichever is more. Going past it swaps, which makes generation unusably slow. Less would
 * be optimistic; more (the earlier 4 GB) contradicted Ollama's own guidance that 8 GB of RAM runs
 * 7B models, and left an 8 GB Mac's GPU 4 GB where macOS gives it 5.3 GB.
 */
export function osReserveGb(ramGb: number): number {
  return Math.max(2.5, ramGb * 0.15);
}

/**
 * The part of a unified memory the GPU may use. macOS caps the GPU's working set
 * (`recommendedMaxWorkingSetSize`) at two thirds of the memory up to 32 GB and three quarters
 * above it: 10.7 GB of 16 GB, 48 GB of 64 GB, as Ollama and llama.cpp log it. It is also never
 * more than what the OS reserve leaves. The same rule is applied, as an
 * approximation, to other unified-memory machines.
 */
export function unifiedGpuShareGb(ramGb: number): number {
  const wiredLimit = ramGb <= 32 ? (ramGb * 2) / 3 : ramGb * 0.75;
  return Math.min(wiredLimit, ramGb - osReserveGb(ramGb));
}

const WORDS: Record<PromptLanguage, { sep: string; vram: string; each: string; ram: string; unified: string; gpuShare: (gb: string) => string; noGpu: string; ramUnknown: string; vramUnknown: string; unknown: string }> = {
  en: {
    sep: ", ",
    vram: "VRAM",
    each: " each",
    ram: "RAM",
    unified: "unified memory",
    gpuShare: (gb) => `about ${gb} usable by the GPU`,
    noGpu: "no GPU",
    ramUnknown: "RAM unknown",
    vramUnknown: "VRAM unknown",
    unknown: "hardware unknown",
  },
  zh: {
    sep: "，",
    vram: "显存",
    each: "（每张）",
    ram: "内存",
    unified: "统一内存",
    gpuShare: (gb) => `GPU 约可用 ${gb}`,
    noGpu: "无独立显卡",
    ramUnknown: "内存未知",
    vramUnknown: "显存未知",
    unknown: "硬件未知",
  },
};

function paren(text: string, lang: PromptLanguage): string {
  return lang === "zh" ? `（${text}）` : ` (${text})`;
}

/** Identical GPUs listed once with a count, e.g. "2 × RTX 3090 (24 GB VRAM each)". */
function describeGpus(gpus: readonly GpuInfo[], lang: PromptLanguage): string[] {
  const w = WORDS[lang];
  const groups: { gpu: GpuInfo; count: number }[] = [];
  for (const gpu of gpus) {
    const last = groups[groups.length - 1];
    if (last && last.gpu.name === gpu.name && last.gpu.vramGb === gpu.vramGb) last.count += 1;
    else groups.push({ gpu, count: 1 });
  }
  return groups.map(({ gpu, count }) => {
    const name = gpu.name ?? "GPU";
    const prefix = count > 1 ? `${count} × ` : "";
    if (gpu.vendor === "apple") return `${prefix}${name}`;
    const memory = gpu.vramGb === undefined ? w.vramUnknown : `${formatGb(gpu.vramGb)} ${w.vram}${count > 1 ? w.each : ""}`;
    return `${prefix}${name}${paren(memory, lang)}`;
  });
}

/** The profile in one line: device, CPU, GPUs with VRAM, RAM (and the GPU's share if unified), OS. */
export function describeProfile(profile: HardwareProfile, lang: PromptLanguage): string {
  const w = WORDS[lang];
  const parts: string[] = [];
  if (profile.device) parts.push(profile.device);
  // On Apple Silicon the CPU and the GPU are the same chip; name it once.
  const apple = profile.gpus.some((gpu) => gpu.vendor === "apple");
  if (profile.cpu && !(apple && profile.gpus.some((gpu) => gpu.name === profile.cpu))) parts.push(profile.cpu);
  if (profile.gpus.length > 0) parts.push(...describeGpus(profile.gpus, lang));
  else if (!profile.unifiedMemory && profile.ramGb !== undefined) parts.push(w.noGpu);
  if (profile.ramGb === undefined) parts.push(w.ramUnknown);
  else if (profile.unifiedMemory) parts.push(`${formatGb(profile.ramGb)} ${w.unified}${paren(w.gpuShare(formatGb(unifiedGpuShareGb(profile.ramGb))), lang)}`);
  else parts.push(`${formatGb(profile.ramGb)} ${w.ram}`);
  if (profile.os) parts.push(profile.os);
  const facts = parts.filter((part) => part !== w.ramUnknown);
  return facts.length === 0 ? w.unknown : parts.join(w.sep);
}

/**
 * Builds a hardware profile from facts a desktop adapter detected ("Detect my hardware").
 *
 * - `DetectedFacts`: what the adapter could read: `os.totalmem()`, `os.cpus()[0].model`,
 *   `process.platform`, `process.arch`, and the raw output of `nvidia-smi` and `rocm-smi` when
 *   those tools exist. Every field is optional: a tool that is missing, hangs or fails is simply
 *   left out.
 * - `profileFromDetection(facts, lang?)`: the profile. Output it cannot read becomes a warning,
 *   never a GPU with a made-up size.
 *
 * The adapter is expected to run
 *   nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits   (MiB per line)
 *   rocm-smi --showmeminfo vram --json                                       (bytes per card)
 */
import type { PromptLanguage } from "../shared/language";
import { emptyProfile, MAX_RAM_GB, MAX_VRAM_GB, MIN_MEMORY_GB, type GpuInfo, type HardwareProfile } from "./profile";
import { bytesToGb, round1 } from "./units";

export interface DetectedFacts {
  totalRamBytes?: number;
  cpuModel?: string;
  /** `process.platform`: darwin, win32, linux, ... */
  platform?: string;
  /** `process.arch`: arm64, x64, ... */
  arch?: string;
  nvidiaSmiOutput?: string;
  rocmSmiOutput?: string;
}

const MESSAGES: Record<PromptLanguage, {
  ram: string;
  nvidia: (line: string) => string;
  nvidiaNoMemory: (name: string) => string;
  rocm: string;
  rocmCard: (card: string) => string;
}> = {
  en: {
    ram: "Could not read the RAM size.",
    nvidia: (line) => `Could not read nvidia-smi's output ("${line}"); no NVIDIA GPU was added.`,
    nvidiaNoMemory: (name) => `nvidia-smi did not report the memory of the ${name}.`,
    rocm: "Could not read rocm-smi's output; no AMD GPU was added.",
    rocmCard: (card) => `rocm-smi did not report the VRAM of ${card}.`,
  },
  zh: {
    ram: "无法读取内存大小。",
    nvidia: (line) => `无法解析 nvidia-smi 的输出（“${line}”）；没有添加 NVIDIA 显卡。`,
    nvidiaNoMemory: (name) => `nvidia-smi 没有报告 ${name} 的显存。`,
    rocm: "无法解析 rocm-smi 的输出；没有添加 AMD 显卡。",
    rocmCard: (card) => `rocm-smi 没有报告 ${card} 的显存。`,
  },
};

const OS_NAMES: Readonly<Record<string, string>> = { darwin: "macOS", win32: "Windows", linux: "Linux" };

function clip(text: string): string {
  const line = text.trim().split(/\r?\n/)[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function plausibleVram(gb: number): boolean {
  return Number.isFinite(gb) && gb >= MIN_MEMORY_GB && gb <= MAX_VRAM_GB;
}

/** GPUs from `nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits`. */
function nvidiaGpus(output: string, warn: (message: string) => void, say: (typeof MESSAGES)["en"]): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  let garbage: string | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const m = /^([^,]*[a-z][^,]*),\s*([^,]+)$/i.exec(line);
    if (!m) {
      garbage ??= line;
      continue;
    }
    const name = m[1].trim().replace(/^nvidia\s+(?:geforce\s+)?/i, "");
    const mib = Number(m[2].trim());
    const gb = round1(mib / 1024);
    if (Number.isFinite(mib) && plausibleVram(gb)) gpus.push({ name, vendor: "nvidia", vramGb: gb });
    else if (/^\[.*\]$/.test(m[2].trim())) {
      // "[N/A]" or "[Not Supported]": the card exists, its memory is unknown.
      gpus.push({ name, vendor: "nvidia" });
      warn(say.nvidiaNoMemory(name));
    } else garbage ??= line;
  }
  if (garbage !== undefined) warn(say.nvidia(clip(garbage)));
  return gpus;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** GPUs from `rocm-smi --showmeminfo vram --json`: `{ "card0": { "VRAM Total Memory (B)": "..." } }`. */
function rocmGpus(output: string, warn: (message: string) => void, say: (typeof MESSAGES)["en"]): GpuInfo[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    warn(say.rocm);
    return [];
  }
  if (!isRecord(parsed)) {
    warn(say.rocm);
    return [];
  }
  const gpus: GpuInfo[] = [];
  for (const [card, info] of Object.entries(parsed)) {
    if (!/^card\d+$/i.test(card) || !isRecord(info)) continue;
    const totalKey = Object.keys(info).find((key) => /vram total memory/i.test(key));
    const seriesKey = Object.keys(info).find((key) => /card series|card model/i.test(key));
    const name = seriesKey !== undefined && typeof info[seriesKey] === "string" ? String(info[seriesKey]).trim() : `AMD GPU (${card})`;
    const bytes = totalKey === undefined ? NaN : Number(info[totalKey]);
    const gb = round1(bytesToGb(bytes));
    if (plausibleVram(gb)) gpus.push({ name, vendor: "amd", vramGb: gb });
    else {
      gpus.push({ name, vendor: "amd" });
      warn(say.rocmCard(card));
    }
  }
  if (gpus.length === 0) warn(say.rocm);
  return gpus;
}

/** The profile for what the desktop adapter detected. */
export function profileFromDetection(facts: DetectedFacts, lang: PromptLanguage = "en"): HardwareProfile {
  const say = MESSAGES[lang];
  const profile = emptyProfile();
  const warn = (message: string) => profile.warnings.push(message);

  const ramGb = facts.totalRamBytes === undefined ? NaN : round1(bytesToGb(facts.totalRamBytes));
  if (Number.isFinite(ramGb) && ramGb >= MIN_MEMORY_GB && ramGb <= MAX_RAM_GB) profile.ramGb = ramGb;
  else warn(say.ram);

  const cpu = facts.cpuModel?.trim().replace(/\s+/g, " ");
  if (cpu) profile.cpu = cpu;
  if (facts.platform !== undefined && OS_NAMES[facts.platform] !== undefined) profile.os = OS_NAMES[facts.platform];

  // Apple Silicon: one chip, one memory. os.cpus() names the chip ("Apple M3 Pro").
  if (facts.platform === "darwin" && facts.arch === "arm64") {
    profile.unifiedMemory = true;
    profile.device = "Mac";
    profile.gpus.push({ name: cpu && /^apple\b/i.test(cpu) ? cpu : "Apple Silicon", vendor: "apple" });
    return profile;
  }

  if (facts.nvidiaSmiOutput !== undefined && facts.nvidiaSmiOutput.trim() !== "") profile.gpus.push(...nvidiaGpus(facts.nvidiaSmiOutput, warn, say));
  if (facts.rocmSmiOutput !== undefined && facts.rocmSmiOutput.trim() !== "") profile.gpus.push(...rocmGpus(facts.rocmSmiOutput, warn, say));
  return profile;
}

/**
 * Reads a free-text hardware description into a `HardwareProfile`.
 *
 * - `parseHardwareText(text, lang?)`: "PC, RTX 4090 24GB VRAM, 64GB RAM", "M3 MacBook Pro 16GB",
 *   "2x RTX 3090 (24GB each), 128GB RAM", "台式机，RTX 4090 显卡 24GB 显存，64GB 内存", ...
 *
 * The parser finds GPU names, Apple chips, CPUs, device words and sizes, then gives each size a
 * meaning from the words around it (VRAM, RAM, unified memory, storage) or, failing that, from its
 * place (right after a GPU name it is that GPU's memory, otherwise system RAM). It never throws
 * and never guesses in the optimistic direction: when two statements disagree it keeps the
 * smaller one, and everything it ignored or assumed is explained in `warnings`.
 */
import type { PromptLanguage } from "../shared/language";
import { findGpus, findUnifiedChip, type GpuMention, type Span } from "./gpu-mentions";
import { lookupGpu } from "./gpu-table";
import { emptyProfile, MAX_RAM_GB, MAX_VRAM_GB, MIN_MEMORY_GB, type GpuInfo, type HardwareProfile } from "./profile";
import { formatGb } from "./units";
import { PARSE_MESSAGES as MESSAGES } from "./parse-text-messages";

type Label = "vram" | "ram" | "unified" | "storage";

interface SizeMention extends Span {
  gb: number;
  raw: string;
  label?: Label;
  total: boolean;
}

// ---------------------------------------------------------------------------------------------
// Patterns. They run on the NFKC-normalised text, so full-width "２４ＧＢ" and "，" read as ASCII.

// "M3", "M2 Max", "Apple M4 Pro"; not "M.2" and not an "M2 SSD".
const APPLE_CHIP = /\b(?:apple\s+)?m([1-5])(?:\s*(pro|max|ultra))?(?![\w.])(?!\s*(?:ssd|nvme|slot|drive|硬盘|固态))/gi;
const APPLE_SILICON = /apple\s+silicon|苹果芯片/i;

const SIZE = /(?<![\w.])(\d+(?:\.\d+)?)\s*(tib|tb|t|gigabytes?|gigs?|gib|gb|g|mib|mb)(?![a-z]|\/(?!\d))/gi;
const SEPARATOR = /[,;、。\n|+]/g;

// Labels after a size ("24GB VRAM", "32GB DDR4", "16GB 统一内存") or before it ("RAM: 64GB").
const AFTER_LABELS: ReadonlyArray<readonly [Label, RegExp]> = [
  ["vram", /^\s*(?:of\s+)?(?:(?:gddr\d\w*|hbm\d?e?)\b|(?:vram|video\s*memory|graphics\s*memory|gpu\s*memory|显存|顯存))/i],
  ["unified", /^\s*(?:of\s+)?(?:unified|统一内存|統一記憶體)/i],
  ["ram", /^\s*(?:of\s+)?(?:(?:lp)?ddr\d|ram\b|memory\b|system\s*memory|内存|記憶體|运存)/i],
  ["storage", /^\s*(?:of\s+)?(?:ssd|hdd|nvme|storage|disk|drive|m\.2|硬盘|固态|存储)/i],
];
const BEFORE_LABELS: ReadonlyArray<readonly [Label, RegExp]> = [
  ["vram", /(?:vram|显存|顯存|gpu\s*memory|video\s*memory)\s*[:=]?\s*$/i],
  ["unified", /(?:unified\s*memory|统一内存)\s*[:=]?\s*$/i],
  ["ram", /(?:\bram|memory|内存|运存)\s*[:=]?\s*$/i],
  ["storage", /(?:ssd|storage|硬盘|固态)\s*[:=]?\s*$/i],
];
const TOTAL_WORDS = /(?:\btotal\b|\bcombined\b|总|共)/i;
// Between a GPU name and its size only filler may stand: "RTX 4090 24GB", "RX 7900 XTX (24GB)", "4090 显卡 24GB".
const GPU_TO_SIZE_GAP = /^[\s()/:-]*(?:(?:with|w\/|显卡|graphics\s*card|gpu|card)[\s()/:-]*)?$/i;

const NO_GPU = /\b(?:no|without)\s+(?:a\s+)?(?:dedicated\s+|discrete\s+|separate\s+)?(?:gpu|graphics(?:\s*card)?|video\s*card)\b|\bcpu[-\s]?only\b|\bintegrated\s+graphics\b|无显卡|没有显卡|无独显|没有独显|无独立显卡|没有独立显卡|核显|集显|无\s*gpu|没有\s*gpu/i;
const LAPTOP = /\b(?:laptop|notebook|thinkpad|macbook|xps|zenbook|legion|rog|omen|predator)\b|笔记本/i;

const MAC_DEVICES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bmacbook\s*pro\b/i, "MacBook Pro"],
  [/\bmacbook\s*air\b/i, "MacBook Air"],
  [/\bmac\s*mini\b/i, "Mac mini"],
  [/\bmac\s*studio\b/i, "Mac Studio"],
  [/\bmac\s*pro\b/i, "Mac Pro"],
  [/\bimac\b/i, "iMac"],
  [/\bmacbook\b/i, "MacBook"],
];
const DEVICE = /\b(?:gaming\s+pc|mini\s*pc|pc|desktop|laptop|notebook|workstation|server|thinkpad(?:\s+[a-z]\d+\w*)?|xps\s*\d*|zenbook|surface\s+\w+)\b|台式机|台式电脑|笔记本电脑|笔记本|工作站|服务器|迷你主机|主机/i;

const CPUS: readonly RegExp[] = [
  /\b(?:amd\s+)?ryzen\s+(?:ai\s+)?(?:[3579]\s+)?(?:pro\s+)?(?:hx\s+)?\d{3,4}[a-z0-9]*\b/i,
  /\b(?:amd\s+)?(?:ryzen\s+)?threadripper(?:\s+pro)?\s+\d{4}[a-z0-9]*\b/i,
  /\b(?:intel\s+)?core\s+ultra\s+[579]\s+\d{3}[a-z]*\b/i,
  /\b(?:intel\s+)?(?:core\s+)?i[3579][-\s]?\d{4,5}[a-z]{0,3}\b/i,
  /\b(?:intel\s+)?xeon\b[\w\s-]{0,16}?\d{3,5}\w*/i,
  /\b(?:amd\s+)?epyc\s+\d{4}\w*/i,
  /\bsnapdragon\s+x\s*(?:elite|plus)?/i,
];

const OSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:windows|win\s?1[01])\b/i, "Windows"],
  [/\b(?:macos|mac\s+os)\b/i, "macOS"],
  [/\b(?:linux|ubuntu|debian|fedora|arch\s+linux|linux\s+mint|pop!?_os)\b/i, "Linux"],
];

// ---------------------------------------------------------------------------------------------

function tidy(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

function toGb(value: number, unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith("t")) return value * 1024;
  if (u.startsWith("m")) return value / 1024;
  return value;
}

/** Boundaries of the comma-separated segment holding `pos`. */
function segmentAround(text: string, pos: number): Span {
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(SEPARATOR)) {
    const at = m.index;
    if (at < pos) start = at + 1;
    else {
      end = at;
      break;
    }
  }
  return { start, end };
}

function sameSegment(text: string, a: number, b: number): boolean {
  const seg = segmentAround(text, a);
  return b >= seg.start && b <= seg.end;
}

/** Whether `rest` (the text after a label) opens with a size that has no label after it. */
function labelsNextSize(rest: string): boolean {
  const next = /^\s*[:=]?\s*\d+(?:\.\d+)?\s*[a-z]*/i.exec(rest);
  if (!next) return false;
  const tail = rest.slice(next[0].length);
  // That size's own label after it, unless that one in turn labels a later size ("内存 16G 硬盘 1T").
  return !AFTER_LABELS.some(([, re]) => {
    const m = re.exec(tail);
    return m !== null && !labelsNextSize(tail.slice(m[0].length));
  });
}

function labelOf(text: string, size: Span): Label | undefined {
  const seg = segmentAround(text, size.start);
  const after = text.slice(size.end, seg.end);
  const before = text.slice(seg.start, size.start);
  for (const [label, re] of AFTER_LABELS) {
    const m = re.exec(after);
    // "12G 内存32G": a label followed by a size of its own labels that size, not this one.
    if (m && !labelsNextSize(after.slice(m[0].length))) return label;
  }
  for (const [label, re] of BEFORE_LABELS) if (re.test(before)) return label;
  return undefined;
}

// A memory kit: "2x32GB", "(4x16GB)": the total of its modules (or cards).
const KIT = /(?<![\w.])([1-8])\s*[x×]\s*(\d+(?:\.\d+)?)\s*(gb|gib|g)(?![a-z]|\/(?!\d))/gi;

function findSizes(text: string): SizeMention[] {
  const sizes: SizeMention[] = [];
  const read = (m: RegExpExecArray, gb: number) => {
    const span = { start: m.index, end: m.index + m[0].length };
    const seg = segmentAround(text, span.start);
    sizes.push({ ...span, gb, raw: tidy(m[0]), label: labelOf(text, span), total: TOTAL_WORDS.test(text.slice(seg.start, seg.end)) });
  };
  for (const m of text.matchAll(KIT)) read(m, Number(m[1]) * toGb(Number(m[2]), m[3]));
  // SIZE cannot match inside a kit ("2x32GB": the x is a word character before the 32).
  for (const m of text.matchAll(SIZE)) read(m, toGb(Number(m[1]), m[2]));
  return sizes.sort((a, b) => a.start - b.start);
}

/** The GPU a VRAM size belongs to: the nearest one in its segment, else the nearest before it. */
function gpuForVram(text: string, gpus: readonly GpuMention[], size: Span): GpuMention | undefined {
  const inSegment = gpus.filter((g) => sameSegment(text, size.start, g.start));
  const pick = (list: readonly GpuMention[]) => [...list].reverse().find((g) => g.end <= size.start) ?? list.find((g) => g.start >= size.end);
  return pick(inSegment) ?? pick(gpus);
}

/** The GPU a size without a label sits right after ("RTX 3060 12GB"), if any. */
function gpuRightBefore(text: string, gpus: readonly GpuMention[], size: Span): GpuMention | undefined {
  const gpu = [...gpus].reverse().find((g) => g.end <= size.start);
  if (!gpu || !sameSegment(text, size.start, gpu.start)) return undefined;
  return GPU_TO_SIZE_GAP.test(text.slice(gpu.end, size.start)) ? gpu : undefined;
}

function distinct(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function listGb(values: readonly number[], joiner: string): string {
  return values.map(formatGb).join(joiner);
}

/** "GTX 1070 w/ 16gigs" (no RAM stated elsewhere): a size after "with" larger than any the card ships with is the RAM. */
function withMoreThanCard(text: string, gpu: GpuMention, size: SizeMention, laptopText: boolean): boolean {
  if (!/\b(?:with|w\/)/i.test(text.slice(gpu.end, size.start)) || gpu.vendor === "unknown") return false;
  const known = lookupGpu(gpu.vendor, gpu.key, gpu.laptop || laptopText);
  return known !== undefined && size.gb > known.vramGb[known.vramGb.length - 1] * gpu.count;
}

/** VRAM per card for a stated size, dividing totals ("48GB total", or 2 × a card's known size). */
function perGpu(gpu: GpuMention, size: SizeMention): number {
  if (gpu.count <= 1) return size.gb;
  if (size.total) return size.gb / gpu.count;
  const known = lookupGpu(gpu.vendor, gpu.key, gpu.laptop);
  return known?.vramGb.some((v) => v * gpu.count === size.gb) ? size.gb / gpu.count : size.gb;
}

/** The VRAM of one mentioned GPU, from what was stated and what the table knows. */
function resolveVram(gpu: GpuMention, laptopText: boolean, say: (typeof MESSAGES)["en"], warn: (message: string) => void): number | undefined {
  const name = gpu.name ?? "GPU";
  const known = gpu.vendor === "unknown" ? undefined : lookupGpu(gpu.vendor, gpu.key, gpu.laptop || laptopText);
  const stated = distinct(gpu.stated);
  if (stated.length > 0) {
    let vram = stated[0];
    if (stated.length > 1) warn(say.vramConflict(name, listGb(stated, say.and), formatGb(vram)));
    if (known && !known.vramGb.includes(vram)) {
      const largest = known.vramGb[known.vramGb.length - 1];
      const table = listGb(known.vramGb, say.or);
      if (vram > largest) {
        warn(say.vramAboveTable(name, table, formatGb(vram)));
        vram = largest;
      } else warn(say.vramBelowTable(name, table, formatGb(vram)));
    }
    return vram;
  }
  if (known) {
    if (known.vramGb.length > 1) warn(say.vramAmbiguous(name, listGb(known.vramGb, say.or), formatGb(known.vramGb[0])));
    return known.vramGb[0];
  }
  warn(say.vramUnknown(name));
  return undefined;
}

function firstMatch(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return tidy(m[0]);
  }
  return undefined;
}

function findDevice(text: string): string | undefined {
  for (const [re, name] of MAC_DEVICES) if (re.test(text)) return name;
  const m = DEVICE.exec(text);
  return m ? tidy(m[0]) : undefined;
}

/** The profile described by `text`; warnings are written in `lang`. */
export function parseHardwareText(input: string, lang: PromptLanguage = "en"): HardwareProfile {
  const say = MESSAGES[lang];
  const profile = emptyProfile();
  const warn = (message: string) => {
    if (!profile.warnings.includes(message)) profile.warnings.push(message);
  };
  const text = (typeof input === "string" ? input : "").normalize("NFKC");
  if (text.trim() === "") {
    warn(say.empty);
    return profile;
  }

  const gpus = findGpus(text);
  const chip = [...text.matchAll(APPLE_CHIP)].find((m) => !gpus.some((g) => m.index >= g.start && m.index < g.end));
  const apple = chip !== undefined || APPLE_SILICON.test(text);
  const laptopText = LAPTOP.test(text);
  const noGpu = NO_GPU.test(text);

  const unifiedChip = apple ? undefined : findUnifiedChip(text);
  const ram: number[] = [];
  const unlabeled: SizeMention[] = [];
  let unified = apple || unifiedChip !== undefined;
  let vramOnly: GpuMention | undefined; // VRAM stated with no GPU named
  let sawMemoryFact = gpus.length > 0 || unified;

  const sizes = findSizes(text);
  const ramStated = sizes.some((size) => size.label === "ram" || size.label === "unified");
  for (const size of sizes) {
    let nextToGpu = size.label === undefined ? gpuRightBefore(text, gpus, size) : undefined;
    if (nextToGpu && !ramStated && withMoreThanCard(text, nextToGpu, size, laptopText)) nextToGpu = undefined;
    const label = size.label ?? (nextToGpu ? "vram" : "ram");
    if (label === "storage") continue;
    sawMemoryFact = true;
    if (size.gb < MIN_MEMORY_GB) {
      warn(say.tooSmall(size.raw));
      continue;
    }
    if (label === "vram") {
      if (apple) {
        warn(say.appleVram(size.raw));
        continue;
      }
      let gpu = nextToGpu ?? gpuForVram(text, gpus, size);
      if (!gpu) {
        vramOnly ??= { start: size.start, end: size.end, vendor: "unknown", key: "", laptop: false, count: 1, stated: [] };
        gpu = vramOnly;
      }
      const each = perGpu(gpu, size);
      if (each > MAX_VRAM_GB) warn(say.vramTooBig(size.raw));
      else gpu.stated.push(each);
      continue;
    }
    // A size with no label and no GPU before it is RAM, unless it looks like storage (decided below).
    if (size.label === undefined) unlabeled.push(size);
    else if (size.gb > MAX_RAM_GB) warn(say.ramTooBig(size.raw));
    else {
      ram.push(size.gb);
      if (label === "unified") unified = true;
    }
  }

  // Unlabelled sizes are RAM, except a terabyte, or a storage-sized figure next to a far smaller
  // memory figure ("MacBook Air, 8GB, 512GB"): 256 GB alone is a workstation's RAM.
  const smallest = Math.min(...ram, ...unlabeled.map((size) => size.gb));
  for (const size of unlabeled) {
    if (size.gb >= 1000 || (size.gb >= 256 && size.gb >= 4 * smallest)) warn(say.storage(size.raw));
    else if (size.gb > MAX_RAM_GB) warn(say.ramTooBig(size.raw));
    else ram.push(size.gb);
  }

  // RAM: the smaller of disagreeing statements, so nothing is planned into memory that is not there.
  const rams = distinct(ram);
  if (rams.length > 0) profile.ramGb = rams[0];
  if (rams.length > 1) warn(say.ramConflict(listGb(rams, say.and), formatGb(rams[0])));
  profile.unifiedMemory = unified;

  // GPUs.
  let discrete = gpus;
  if (vramOnly && vramOnly.stated.length > 0) {
    warn(say.vramNoGpu(formatGb(Math.min(...vramOnly.stated))));
    discrete = [...gpus, vramOnly];
  }
  const names = (list: readonly GpuMention[]) => list.map((g) => g.name ?? "GPU").join(say.and);
  if (apple && discrete.length > 0) {
    warn(say.appleDiscrete(names(discrete)));
    discrete = [];
  }
  if (noGpu && discrete.length > 0) {
    warn(say.noGpuConflict(names(discrete)));
    discrete = [];
  }
  for (const gpu of discrete) {
    const vramGb = resolveVram(gpu, laptopText, say, warn);
    if (gpu.vendor === "intel") warn(say.intel(gpu.name ?? "Intel"));
    for (let i = 0; i < gpu.count; i++) {
      const info: GpuInfo = { vendor: gpu.vendor };
      if (gpu.name !== undefined) info.name = gpu.name;
      if (vramGb !== undefined) info.vramGb = vramGb;
      profile.gpus.push(info);
    }
  }

  if (unifiedChip) profile.gpus.push({ name: unifiedChip.name, vendor: unifiedChip.vendor });
  if (chip) {
    const name = `Apple M${chip[1]}${chip[2] ? ` ${chip[2][0].toUpperCase()}${chip[2].slice(1).toLowerCase()}` : ""}`;
    profile.cpu = name;
    profile.gpus.unshift({ name, vendor: "apple" });
  } else if (apple) profile.cpu = "Apple Silicon";
  profile.cpu ??= firstMatch(text, CPUS);
  const device = findDevice(text);
  if (device !== undefined) profile.device = device;
  const os = apple ? "macOS" : OSES.find(([re]) => re.test(text))?.[1];
  if (os !== undefined) profile.os = os;

  if (!sawMemoryFact && profile.ramGb === undefined) warn(say.nothingFound(tidy(input)));
  return profile;
}

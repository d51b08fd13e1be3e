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
import { lookupGpu } from "./gpu-table";
import { emptyProfile, MAX_RAM_GB, MAX_VRAM_GB, MIN_MEMORY_GB, type GpuInfo, type GpuVendor, type HardwareProfile } from "./profile";
import { formatGb } from "./units";
import { PARSE_MESSAGES as MESSAGES } from "./parse-text-messages";

interface Span {
  start: number;
  end: number;
}

interface GpuMention extends Span {
  vendor: GpuVendor;
  /** Display name, e.g. "RTX 4060 Ti". */
  name?: string;
  /** Key into the VRAM table, e.g. "4060 ti". */
  key: string;
  laptop: boolean;
  count: number;
  /** VRAM per GPU as stated in the text, in order. */
  stated: number[];
}

type Label = "vram" | "ram" | "unified" | "storage";

interface SizeMention extends Span {
  gb: number;
  raw: string;
  label?: Label;
  total: boolean;
}

// ---------------------------------------------------------------------------------------------
// Patterns. They run on the NFKC-normalised text, so full-width "２４ＧＢ" and "，" read as ASCII.

interface GpuPattern {
  re: RegExp;
  vendor: GpuVendor;
  build: (m: RegExpExecArray) => { name: string; key: string; laptop: boolean };
}

const upperWords = (text: string) => text.trim().replace(/\s+/g, " ").toUpperCase();

// Checked in order; a later match overlapping an earlier one is dropped ("RTX 6000 Ada" before "RTX 6000").
const GPU_PATTERNS: readonly GpuPattern[] = [
  {
    re: /\b(?:nvidia\s+)?rtx\s*(?:pro\s*)?6000\s*ada\b/gi,
    vendor: "nvidia",
    build: () => ({ name: "RTX 6000 Ada", key: "rtx 6000 ada", laptop: false }),
  },
  {
    re: /\b(?:nvidia\s+)?(?:rtx\s*)?a([456])000\b/gi,
    vendor: "nvidia",
    build: (m) => ({ name: `RTX A${m[1]}000`, key: `rtx a${m[1]}000`, laptop: false }),
  },
  {
    re: /\b(?:nvidia\s+)?(?:tesla\s+)?(a100|h100|h200|l40s|l40|t4|p40|p100|v100)\b/gi,
    vendor: "nvidia",
    build: (m) => {
      const model = m[1].toLowerCase();
      const tesla = ["t4", "p40", "p100", "v100"].includes(model);
      return { name: tesla ? `Tesla ${model.toUpperCase()}` : model.toUpperCase(), key: tesla ? `tesla ${model}` : model, laptop: false };
    },
  },
  {
    re: /\b(?:nvidia\s+)?(?:geforce\s+)?(rtx|gtx)\s*-?\s*(\d{3,4}d?)(\s*ti)?(\s*super)?(\s*(?:laptop|mobile|max-?q)(?:\s*gpu)?)?(?!\w)/gi,
    vendor: "nvidia",
    build: (m) => {
      const suffix = `${m[3] ? " Ti" : ""}${m[4] ? " Super" : ""}`;
      return { name: `${m[1].toUpperCase()} ${m[2].toUpperCase()}${suffix}${m[5] ? " Laptop" : ""}`, key: `${m[2].toLowerCase()}${suffix.toLowerCase()}`, laptop: Boolean(m[5]) };
    },
  },
  {
    re: /\b(?:amd\s+)?(?:radeon\s+)?rx\s*-?\s*(\d{4})(m)?(?:\s*(xtx|xt|gre))?(?!\w)/gi,
    vendor: "amd",
    build: (m) => ({ name: `RX ${m[1]}${m[2] ? "M" : ""}${m[3] ? ` ${upperWords(m[3])}` : ""}`, key: `${m[1]}${m[3] ? ` ${m[3].toLowerCase()}` : ""}`, laptop: Boolean(m[2]) }),
  },
  {
    re: /\b(?:amd\s+)?radeon\s+vii\b/gi,
    vendor: "amd",
    build: () => ({ name: "Radeon VII", key: "radeon vii", laptop: false }),
  },
  {
    re: /\b(?:intel\s+)?arc\s*(?:pro\s*)?([ab]\d{3})(m)?(?!\w)/gi,
    vendor: "intel",
    build: (m) => ({ name: `Arc ${m[1].toUpperCase()}${m[2] ? "M" : ""}`, key: m[1].toLowerCase(), laptop: Boolean(m[2]) }),
  },
];

// "M3", "M2 Max", "Apple M4 Pro"; not "M.2" and not an "M2 SSD".
const APPLE_CHIP = /\b(?:apple\s+)?m([1-5])(?:\s*(pro|max|ultra))?(?![\w.])(?!\s*(?:ssd|nvme|slot|drive|硬盘|固态))/gi;
const APPLE_SILICON = /apple\s+silicon|苹果芯片/i;

const SIZE = /(?<![\w.])(\d+(?:\.\d+)?)\s*(tib|tb|t|gib|gb|g|mib|mb)(?![a-z/])/gi;
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

const CHINESE_COUNTS: Readonly<Record<string, number>> = { 两: 2, 双: 2, 三: 3, 四: 4 };
const ENGLISH_COUNTS: Readonly<Record<string, number>> = { two: 2, dual: 2, twin: 2, three: 3, four: 4, quad: 4 };

/** "2x RTX 3090", "RTX 3090 x2", "两张 3090": how many identical cards. */
function gpuCount(text: string, span: Span): { count: number; start: number; end: number } {
  const before = text.slice(0, span.start);
  const after = text.slice(span.end);
  const prefix = /(?:^|[^\w.])(\d{1,2})\s*[x×*]\s*$/i.exec(before) ?? /(\d{1,2})\s*(?:张|块|个)\s*$/.exec(before);
  if (prefix) return { count: Number(prefix[1]), start: span.start - (prefix[0].length - prefix[0].search(/\d/)), end: span.end };
  const chinese = /(两|双|三|四)\s*(?:张|块|个)?\s*$/.exec(before);
  if (chinese) return { count: CHINESE_COUNTS[chinese[1]] ?? 1, start: span.start - chinese[0].length, end: span.end };
  const english = /\b(two|dual|twin|three|four|quad)\s*(?:x\s*)?$/i.exec(before);
  if (english) return { count: ENGLISH_COUNTS[english[1].toLowerCase()] ?? 1, start: span.start - english[0].length, end: span.end };
  const suffix = /^\s*[x×*]\s*(\d{1,2})(?!\w)/i.exec(after);
  if (suffix) return { count: Number(suffix[1]), start: span.start, end: span.end + suffix[0].length };
  return { count: 1, start: span.start, end: span.end };
}

function findGpus(text: string): GpuMention[] {
  const found: GpuMention[] = [];
  const overlaps = (s: Span) => found.some((g) => s.start < g.end && g.start < s.end);
  for (const pattern of GPU_PATTERNS) {
    for (const m of text.matchAll(pattern.re)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (overlaps(span)) continue;
      const { name, key, laptop } = pattern.build(m);
      const { count, start, end } = gpuCount(text, span);
      found.push({ start, end, vendor: pattern.vendor, name, key, laptop, count: Math.max(1, count), stated: [] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function labelOf(text: string, size: Span): Label | undefined {
  const seg = segmentAround(text, size.start);
  const after = text.slice(size.end, seg.end);
  const before = text.slice(seg.start, size.start);
  for (const [label, re] of AFTER_LABELS) if (re.test(after)) return label;
  for (const [label, re] of BEFORE_LABELS) if (re.test(before)) return label;
  return undefined;
}

function findSizes(text: string): SizeMention[] {
  return [...text.matchAll(SIZE)].map((m) => {
    const span = { start: m.index, end: m.index + m[0].length };
    const seg = segmentAround(text, span.start);
    return {
      ...span,
      gb: toGb(Number(m[1]), m[2]),
      raw: tidy(m[0]),
      label: labelOf(text, span),
      total: TOTAL_WORDS.test(text.slice(seg.start, seg.end)),
    };
  });
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

  const ram: number[] = [];
  let unified = apple;
  let vramOnly: GpuMention | undefined; // VRAM stated with no GPU named
  let sawMemoryFact = gpus.length > 0 || apple;

  for (const size of findSizes(text)) {
    const nextToGpu = size.label === undefined ? gpuRightBefore(text, gpus, size) : undefined;
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
    // A size with no label and no GPU before it is RAM, unless it is far too big for RAM ("1TB").
    if (size.label === undefined && size.gb >= 256) warn(say.storage(size.raw));
    else if (size.gb > MAX_RAM_GB) warn(say.ramTooBig(size.raw));
    else {
      ram.push(size.gb);
      if (label === "unified") unified = true;
    }
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

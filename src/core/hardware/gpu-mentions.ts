/**
 * GPUs named in a hardware description, as people type them.
 *
 * - `findGpus(text)`: every GPU mention with its vendor, table key and count: brand names
 *   ("RTX 4090", "RX 7900 XTX", "Arc B580"), bare model numbers ("3090", "4070ti", "7900 XTX"),
 *   laptop variants, workstation and data-centre cards, and counts ("a pair of 4090s", "2x",
 *   "x2", "两张", "双卡", "one 3090 and one 3060").
 * - `findUnifiedChip(text)`: a chip whose GPU shares the system memory (Jetson, Strix Halo).
 */
import { lookupGpu } from "./gpu-table";
import type { GpuVendor } from "./profile";

export interface Span {
  start: number;
  end: number;
}

export interface GpuMention extends Span {
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

interface GpuPattern {
  re: RegExp;
  vendor: GpuVendor;
  build: (m: RegExpExecArray) => { name: string; key: string; laptop: boolean } | undefined;
}

const upperWords = (text: string) => text.trim().replace(/\s+/g, " ").toUpperCase();
const LAPTOP_SUFFIX = "(\\s*(?:laptop|mobile|max-?q)(?:\\s*gpu)?)?";
const NV_SUFFIX = `(\\s*ti)?(\\s*super)?${LAPTOP_SUFFIX}`;

function nvidia(model: string, ti: string | undefined, sup: string | undefined, laptop: string | undefined, prefix: string): { name: string; key: string; laptop: boolean } {
  const suffix = `${ti ? " Ti" : ""}${sup ? " Super" : ""}`;
  model = model.replace(/\s+/g, "");
  return { name: `${prefix}${model.toUpperCase()}${suffix}${laptop ? " Laptop" : ""}`, key: `${model.toLowerCase()}${suffix.toLowerCase()}`, laptop: Boolean(laptop) };
}

// Checked in order; a later match overlapping an earlier one is dropped ("RTX 6000 Ada" before "RTX 6000").
const GPU_PATTERNS: readonly GpuPattern[] = [
  {
    re: /\b(?:nvidia\s+)?rtx\s*(?:pro\s*)?(\d{4})\s*ada\b/gi,
    vendor: "nvidia",
    build: (m) => ({ name: `RTX ${m[1]} Ada`, key: `rtx ${m[1]} ada`, laptop: false }),
  },
  {
    re: /\b(?:nvidia\s+)?titan\s*(rtx|v|xp|x)\b/gi,
    vendor: "nvidia",
    build: (m) => ({ name: `Titan ${m[1].toUpperCase()}`, key: `titan ${m[1].toLowerCase()}`, laptop: false }),
  },
  {
    re: /\b(?:amd\s+)?(?:instinct\s+)?mi(\d{2,3}x?)\b/gi,
    vendor: "amd",
    build: (m) => ({ name: `Instinct MI${m[1].toUpperCase()}`, key: `mi${m[1].toLowerCase()}`, laptop: false }),
  },
  {
    re: /\b(?:nvidia\s+)?(?:rtx\s*)?a([2456])000\b/gi,
    vendor: "nvidia",
    build: (m) => ({ name: `RTX A${m[1]}000`, key: `rtx a${m[1]}000`, laptop: false }),
  },
  {
    re: /\b(?:nvidia\s+)?(?:tesla\s+)?(a100|h100|h200|l40s|l40|l4|t4|p40|p100|v100|a10g?|a40)(?![\w-])/gi,
    vendor: "nvidia",
    build: (m) => {
      const model = m[1].toLowerCase();
      const tesla = ["t4", "p40", "p100", "v100"].includes(model);
      return { name: tesla ? `Tesla ${model.toUpperCase()}` : model.toUpperCase(), key: tesla ? `tesla ${model}` : model, laptop: false };
    },
  },
  {
    re: new RegExp(`\\b(?:nvidia\\s+)?(?:geforce\\s+)?(rtx|gtx)\\s*-?\\s*(\\d{3,4}(?:\\s?d(?![a-z]))?)(m)?${NV_SUFFIX}(?:s)?(?!\\w)`, "gi"),
    vendor: "nvidia",
    // "GTX 960M", "GTX 1060M": the M marks a laptop chip.
    build: (m) => nvidia(m[2], m[4], m[5], m[6] ?? m[3], `${m[1].toUpperCase()} `),
  },
  {
    re: /\b(?:amd\s+)?(?:radeon\s+)?pro\s+(w\d{4})(?!\w)/gi,
    vendor: "amd",
    build: (m) => ({ name: `Radeon Pro ${m[1].toUpperCase()}`, key: m[1].toLowerCase(), laptop: false }),
  },
  {
    re: /\b(?:amd\s+)?(?:radeon\s+)?rx\s*-?\s*(\d{3,4})(m)?(?:\s*(xtx|xt|gre))?(?!\w)/gi,
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
  {
    // A bare AMD number needs its suffix: "7900 XTX", "6700XT" (a bare "7600" is as often a Ryzen).
    re: /(?<![\w.-])(\d{4})\s*(xtx|xt|gre)(?!\w)/gi,
    vendor: "amd",
    build: (m) => (lookupGpu("amd", `${m[1]} ${m[2].toLowerCase()}`, false) ? { name: `RX ${m[1]} ${m[2].toUpperCase()}`, key: `${m[1]} ${m[2].toLowerCase()}`, laptop: false } : undefined),
  },
  {
    // A bare GeForce number: "3090", "4070ti", "2080 Super", "4090s", "3080 laptop GPU".
    re: new RegExp(`(?:(?<![\\w.-])|(?<=\\d[x×]))(?<!(?:ryzen|core|i[3579]|xeon|epyc|threadripper)\\s*(?:[3579]\\s+)?)(\\d{4})${NV_SUFFIX}(?:s)?(?![\\w.])`, "gi"),
    vendor: "nvidia",
    build: (m) => {
      const built = nvidia(m[1], m[2], m[3], m[4], "RTX ");
      if (!lookupGpu("nvidia", built.key, false) && !lookupGpu("nvidia", built.key, true)) return undefined;
      // The 10 and 16 series are GTX cards.
      return /^1[06]/.test(m[1]) ? { ...built, name: built.name.replace(/^RTX/, "GTX") } : built;
    },
  },
];

const CHINESE_COUNTS: Readonly<Record<string, number>> = { 两: 2, 双: 2, 三: 3, 四: 4, 八: 8 };
const ENGLISH_COUNTS: Readonly<Record<string, number>> = { two: 2, dual: 2, twin: 2, pair: 2, couple: 2, three: 3, four: 4, quad: 4, eight: 8 };

/** "2x RTX 3090", "RTX 3090 x2", "A4000 16GB x2", "两张 3090", "a pair of 4090s": how many identical cards. */
function gpuCount(text: string, span: Span): { count: number; start: number; end: number } {
  const before = text.slice(0, span.start);
  const after = text.slice(span.end);
  const prefix = /(?:^|[^\w.])(\d{1,2})\s*[x×*]\s*$/i.exec(before) ?? /(\d{1,2})\s*(?:张|块|个)\s*(?:显卡\s*)?$/.exec(before);
  if (prefix) return { count: Number(prefix[1]), start: span.start - (prefix[0].length - prefix[0].search(/\d/)), end: span.end };
  const chinese = /(两|双|三|四|八)\s*(?:张|块|个|卡)?\s*(?:显卡\s*)?$/.exec(before);
  if (chinese) return { count: CHINESE_COUNTS[chinese[1]] ?? 1, start: span.start - chinese[0].length, end: span.end };
  const english = /\b(two|dual|twin|three|four|quad|eight|(?:a\s+)?pair|(?:a\s+)?couple)(?:\s+of)?\s*(?:x\s*)?$/i.exec(before);
  if (english) return { count: ENGLISH_COUNTS[english[1].toLowerCase().replace(/^a\s+/, "")] ?? 1, start: span.start - english[0].length, end: span.end };
  const suffix = /^\s*(?:\(?\d+(?:\.\d+)?\s*(?:gb|gib|g)\)?\s*)?[x×*]\s*(\d{1,2})(?!\w)/i.exec(after);
  if (suffix) return { count: Number(suffix[1]), start: span.start, end: span.end };
  return { count: 1, start: span.start, end: span.end };
}

/** Every GPU named in `text`, in order. */
export function findGpus(text: string): GpuMention[] {
  const found: GpuMention[] = [];
  const overlaps = (s: Span) => found.some((g) => s.start < g.end && g.start < s.end);
  for (const pattern of GPU_PATTERNS) {
    for (const m of text.matchAll(pattern.re)) {
      const span = { start: m.index, end: m.index + m[0].length };
      const built = pattern.build(m);
      if (!built || overlaps(span)) continue;
      const { count, start, end } = gpuCount(text, span);
      found.push({ start, end, vendor: pattern.vendor, name: built.name, key: built.key, laptop: built.laptop, count: Math.max(1, count), stated: [] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const UNIFIED_CHIPS: ReadonlyArray<{ re: RegExp; name: (m: RegExpExecArray) => string; vendor: GpuVendor }> = [
  { re: /\bjetson\s+(agx\s+orin|orin\s+nx|orin\s+nano|agx\s+xavier|xavier\s+nx|thor)\b/i, name: (m) => `Jetson ${m[1].replace(/\s+/g, " ").replace(/\b(agx|nx)\b/gi, (w) => w.toUpperCase()).replace(/\b([a-z])/g, (c) => c.toUpperCase())}`, vendor: "nvidia" },
  { re: /\b(?:dgx\s+spark|gb10)\b/i, name: () => "DGX Spark", vendor: "nvidia" },
  { re: /\bryzen\s+ai\s+max\+?\s*(?:pro\s+)?\d{3}\b|\bstrix\s+halo\b|\bradeon\s+80[56]0s\b/i, name: () => "Ryzen AI Max (Radeon 8060S)", vendor: "amd" },
];

/** A chip whose GPU uses the system memory, with its display name and vendor. */
export function findUnifiedChip(text: string): { name: string; vendor: GpuVendor } | undefined {
  for (const chip of UNIFIED_CHIPS) {
    const m = chip.re.exec(text);
    if (m) return { name: chip.name(m), vendor: chip.vendor };
  }
  return undefined;
}

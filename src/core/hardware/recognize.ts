/**
 * Finds the models a plan recommends, however the model wrote them.
 *
 * - `recognizeMentions(text)`: every place a model is named; `recognizeModels(text)`: each distinct
 *   model once. Names are recognised as Ollama tags (`qwen2.5:14b`,
 *   `llama3.1:70b-instruct-q8_0`), `ollama pull/run` commands with a bare family, Hugging Face
 *   names (`Qwen2.5-32B-Instruct Q4_K_M`, `DeepSeek-R1-Distill-Qwen-32B`) and prose
 *   ("Llama 3.1 70B", "Gemma 3 27B", "Mistral 7B").
 *
 * A name resolves to a catalog entry when the family and size match one; a family we know with a
 * size we do not ship becomes a `mention` with only its parameter count; anything else is ignored
 * (an unknown word is not a model). The quantization written next to a name wins over the default.
 */
import { CATALOG, catalogByTag, tagSize, type CatalogEntry, type ModelFacts } from "./catalog";
import { normalizeQuantization, type Quantization } from "./quantization";

export interface ModelMention {
  /** The text as written in the plan. */
  text: string;
  /** Where it starts and ends in the plan. */
  index: number;
  end: number;
  facts: ModelFacts;
  /** Quantization written next to the name, when there was one. */
  quantization?: Quantization;
}

interface Span {
  start: number;
  end: number;
}

// Quantization written after a name: "Q4_K_M", "q8_0", "(Q5_K_M)", "FP16", "-instruct-q4_K_M".
const QUANT_AFTER = /^[\s(（,:-]*(?:instruct[\s-]*)?(?:gguf[\s-]*)?\(?\b(q[2-8]_k_[sml]|q[2-8]_k|q[458]_[01]|iq4_xs|mxfp4|f16|fp16|bf16)\b/i;

function quantizationAfter(text: string, end: number): Quantization | undefined {
  const m = QUANT_AFTER.exec(text.slice(end, end + 24));
  return m ? normalizeQuantization(m[1]) : undefined;
}

function withQuantization(entry: ModelFacts, quantization: Quantization | undefined): ModelFacts {
  if (quantization === undefined || quantization === normalizeQuantization(entry.quantization)) return entry;
  // Another quantization of the same weights: the download size no longer applies.
  const copy: ModelFacts = { ...entry, quantization };
  delete copy.downloadGb;
  return copy;
}

/** Ollama family keys we know, longest first so `mistral-small` wins over `mistral`. */
const FAMILIES = [...new Set(CATALOG.map((entry) => entry.family))].sort((a, b) => b.length - a.length);

/** The catalog entry of `family` whose size matches `sizeB`, preferring the newest. */
function bySize(candidates: readonly CatalogEntry[], sizeB: number): CatalogEntry | undefined {
  const matching = candidates.filter((entry) => {
    const tagged = tagSize(entry.tag).sizeB;
    return (tagged !== undefined && Math.abs(tagged - sizeB) < 0.05) || Math.abs(entry.paramsB - sizeB) / sizeB < 0.08;
  });
  return matching.sort((a, b) => b.released.localeCompare(a.released))[0];
}

/** Resolves an Ollama-style tag (`qwen2.5:14b-instruct-q4_K_M`) to facts, or undefined. */
function resolveTag(tag: string, quantization: Quantization | undefined): ModelFacts | undefined {
  const exact = catalogByTag(tag);
  if (exact) return withQuantization(exact, quantization);
  const [family, rest = ""] = tag.toLowerCase().split(":");
  if (!FAMILIES.includes(family)) return undefined;
  const { sizeB } = tagSize(tag);
  const quant = quantization ?? normalizeQuantization(/(q[2-8]_k_[sml]|q[2-8]_k|q[458]_[01]|fp16|f16|bf16)$/i.exec(rest)?.[1]);
  if (sizeB === undefined) return undefined;
  const entry = bySize(CATALOG.filter((e) => e.family === family), sizeB);
  if (entry) return withQuantization(entry, quant);
  return mention(tag, sizeB, quant);
}

function mention(name: string, sizeB: number, quantization: Quantization | undefined): ModelFacts {
  const facts: ModelFacts = { tag: name, name, kind: "chat", source: "mention", paramsB: sizeB };
  // Ollama serves Q4_K_M unless told otherwise; a plan that names no quantization means that.
  facts.quantization = quantization ?? "Q4_K_M";
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Prose and Hugging Face names.

interface ProsePattern {
  re: RegExp;
  /** Ollama family for the match; undefined when only the lineage was named ("Llama 70B"). */
  family: (m: RegExpExecArray) => string | undefined;
  lineage: CatalogEntry["lineage"];
}

const SEP = "[\\s_-]*";
const SIZE = "(\\d+(?:\\.\\d+)?)\\s*([bm])\\b";
const ANY_WORDS = "(?:[a-z]+[\\s_-]+){0,3}?";

const PROSE: readonly ProsePattern[] = [
  {
    // "DeepSeek-R1-Distill-Qwen-32B", "DeepSeek R1 70B", "deepseek-r1 (Llama 70B)"
    re: new RegExp(`\\bdeep${SEP}seek${SEP}r1${SEP}(?:0528${SEP})?(?:distill${SEP})?(?:\\(?(?:qwen|llama)(?:3)?${SEP})?(?:\\d+(?:\\.\\d+)?[\\s_-]+)?${SIZE}`, "gi"),
    family: () => "deepseek-r1",
    lineage: "deepseek-r1",
  },
  {
    // "Llama 3.1 70B", "Meta-Llama-3.1-70B-Instruct", "Llama-3.3-70B", "llama 3 8B"
    re: new RegExp(`\\b(?:meta${SEP})?llama${SEP}(?:(\\d(?:\\.\\d)?)[\\s_-]+)?${ANY_WORDS}${SIZE}`, "gi"),
    family: (m) => (m[1] ? `llama${m[1]}` : undefined),
    lineage: "llama",
  },
  {
    // "Qwen2.5-32B-Instruct", "Qwen 2.5 14B", "Qwen3 30B-A3B"
    re: new RegExp(`\\bqwen${SEP}(?:(\\d(?:\\.\\d)?)[\\s_-]+)?${ANY_WORDS}${SIZE}`, "gi"),
    family: (m) => (m[1] ? `qwen${m[1]}` : undefined),
    lineage: "qwen",
  },
  {
    re: new RegExp(`\\bgemma${SEP}(?:(\\d)[\\s_-]+)?${ANY_WORDS}${SIZE}`, "gi"),
    family: (m) => (m[1] ? `gemma${m[1]}` : undefined),
    lineage: "gemma",
  },
  {
    // "Mistral Small 24B", "Mistral-Nemo 12B", "Mistral 7B"
    re: new RegExp(`\\bmistral${SEP}(small|nemo)?${SEP}(?:instruct${SEP})?(?:v?0\\.\\d${SEP})?${SIZE}`, "gi"),
    family: (m) => (m[1] ? `mistral-${m[1].toLowerCase()}` : "mistral"),
    lineage: "mistral",
  },
  {
    // "Phi-4 14B", "Phi-3 mini", "Phi-4"
    re: /\bphi[\s_-]*([34])(?:[\s_-]*(mini)|[\s_-]*(\d+(?:\.\d+)?)\s*(b)\b)?/gi,
    family: (m) => `phi${m[1]}`,
    lineage: "phi",
  },
];

function proseFacts(pattern: ProsePattern, m: RegExpExecArray, quantization: Quantization | undefined): ModelFacts | undefined {
  const family = pattern.family(m);
  if (pattern.lineage === "phi") {
    const sizeB = m[3] !== undefined ? Number(m[3]) : undefined;
    const entry = sizeB === undefined ? catalogByTag(family ?? "") : bySize(CATALOG.filter((e) => e.family === family), sizeB);
    return entry ? withQuantization(entry, quantization) : sizeB !== undefined ? mention(m[0].trim(), sizeB, quantization) : undefined;
  }
  const sizeText = m[m.length - 2];
  const unit = m[m.length - 1].toLowerCase();
  const sizeB = Number(sizeText) / (unit === "m" ? 1000 : 1);
  if (!Number.isFinite(sizeB) || sizeB <= 0) return undefined;
  // The named family first; then any model of the same lineage and size ("Llama 3 70B" is a Llama 70B).
  const entry = bySize(CATALOG.filter((e) => e.family === family), sizeB) ?? bySize(CATALOG.filter((e) => e.lineage === pattern.lineage && e.kind === "chat"), sizeB);
  return entry ? withQuantization(entry, quantization) : mention(m[0].trim(), sizeB, quantization);
}

// An Ollama tag: family:tag, written anywhere (code spans, commands, prose).
const TAG = /(?<![\w.:/-])([a-z][a-z0-9.-]*[a-z0-9]):([a-z0-9][a-z0-9._-]*[a-z0-9])(?![\w:])/gi;
// A bare family after an Ollama command: "ollama pull llama3.2", "ollama run mistral".
const COMMAND = /\bollama\s+(?:pull|run)\s+([a-z][a-z0-9.-]*[a-z0-9])(?![\w:.-])/gi;
// Embedding and other models known by a bare name.
const BARE_NAMES = CATALOG.filter((entry) => entry.kind === "embedding").flatMap((entry) => [entry.family, ...entry.aliases]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The key under which two mentions name the same model at the same quantization. */
export function mentionKey(mention: ModelMention): string {
  return `${mention.facts.source === "mention" ? mention.facts.paramsB : mention.facts.tag}|${normalizeQuantization(mention.facts.quantization) ?? ""}`;
}

/** Every distinct model named in `text`, in order of first mention. */
export function recognizeModels(text: string): ModelMention[] {
  const seen = new Set<string>();
  return recognizeMentions(text).filter((mention) => {
    const key = mentionKey(mention);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every place `text` names a model, in order (the same model may appear many times). */
export function recognizeMentions(text: string): ModelMention[] {
  const found: ModelMention[] = [];
  const taken: Span[] = [];
  const free = (s: Span) => !taken.some((t) => s.start < t.end && t.start < s.end);
  const add = (start: number, raw: string, facts: ModelFacts | undefined, quantization: Quantization | undefined) => {
    const span = { start, end: start + raw.length };
    if (!facts || !free(span)) return;
    taken.push(span);
    found.push({ text: raw.trim(), index: start, end: span.end, facts, ...(quantization ? { quantization } : {}) });
  };

  // Exact aliases first (they are the longest, most specific names), then tags, commands, prose.
  for (const entry of CATALOG) {
    for (const alias of entry.aliases) {
      for (const m of text.matchAll(new RegExp(`(?<![\\w-])${escapeRegExp(alias)}(?![\\w-])`, "gi"))) {
        const quantization = quantizationAfter(text, m.index + m[0].length);
        add(m.index, m[0], withQuantization(entry, quantization), quantization);
      }
    }
  }
  for (const m of text.matchAll(TAG)) {
    const quantization = quantizationAfter(text, m.index + m[0].length);
    add(m.index, m[0], resolveTag(m[0], quantization), quantization);
  }
  for (const m of text.matchAll(COMMAND)) {
    const entry = catalogByTag(m[1]);
    add(m.index + m[0].length - m[1].length, m[1], entry, undefined);
  }
  for (const name of BARE_NAMES) {
    for (const m of text.matchAll(new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`, "gi"))) add(m.index, m[0], catalogByTag(name) ?? CATALOG.find((e) => e.aliases.includes(name)), undefined);
  }
  for (const pattern of PROSE) {
    for (const m of text.matchAll(pattern.re)) {
      const quantization = quantizationAfter(text, m.index + m[0].length);
      add(m.index, m[0], proseFacts(pattern, m, quantization), quantization);
    }
  }

  return found.sort((a, b) => a.index - b.index);
}

/**
 * Finds every model an answer names, however it is written, so none is dropped silently.
 *
 * - `recognizeMentions(text)`: every place a model is named; `recognizeModels(text)`: each distinct
 *   model once. Names are read as Ollama tags of any family (`qwen2.5:14b`, `yi:34b`,
 *   `llama3.1:70b-instruct-q8_0`), `ollama pull/run` commands, Hugging Face names
 *   (`Qwen2.5-32B-Instruct`, `bartowski/Meta-Llama-3.1-70B-Instruct-GGUF`) and prose with the size
 *   anywhere in the phrase ("Gemma 2 (27 billion parameters)", "Llama 3.1（405B 参数）", "千问 14B",
 *   "Mixtral 8x22B", "Qwen3-235B-A22B", "a 70B Llama").
 * - `mentionKey(mention)`: the key under which two mentions name the same model.
 *
 * A name resolves to a known model when family and size match one; a family or size we do not
 * ship becomes a `mention` sized from the written parameter count; a name without any size keeps
 * the sizes its family comes in (`candidates`), or none, and is then "not checked". The precision
 * comes from the same phrase, the table row or the line that follows.
 */
import { catalogByTag, KNOWN_MODELS, tagSize, type CatalogEntry, type ModelFacts } from "./catalog";
import { FAMILY_NAMES, familiesFor } from "./model-names";
import { readQuantization, readSize, typicalArchitecture, type SizeReading } from "./model-sizes";
import { normalizeQuantization, type Quantization } from "./quantization";

export interface ModelMention {
  /** The text as written in the plan. */
  text: string;
  /** Where it starts and ends in the plan. */
  index: number;
  end: number;
  facts: ModelFacts;
  /** Precision written with the name, when there was one. */
  quantization?: Quantization;
  /** No size written: the models of the family it may mean (empty: nothing known about it). */
  candidates?: readonly CatalogEntry[];
}

interface Span {
  start: number;
  end: number;
}

function withQuantization(entry: ModelFacts, quantization: Quantization | undefined): ModelFacts {
  if (quantization === undefined || quantization === normalizeQuantization(entry.quantization)) return entry;
  // Another quantization of the same weights: the download size no longer applies.
  const copy: ModelFacts = { ...entry, quantization };
  delete copy.downloadGb;
  return copy;
}

/** Every Ollama family key we know, to tell a tag from other `word:word` text. */
const KNOWN_FAMILIES = new Set(KNOWN_MODELS.map((entry) => entry.family));

/**
 * The known entry of one of `candidates` whose size matches `sizeB`: one whose tag names that size
 * first ("Qwen3 32B" is `qwen3:32b`, not the 30.5 B `qwen3:30b-a3b` close to it), then the newest.
 */
function bySize(candidates: readonly CatalogEntry[], sizeB: number): CatalogEntry | undefined {
  const exact = (entry: CatalogEntry) => {
    const tagged = tagSize(entry.tag).sizeB;
    return tagged !== undefined && Math.abs(tagged - sizeB) < 0.05;
  };
  const matching = candidates.filter((entry) => exact(entry) || Math.abs(entry.paramsB - sizeB) / sizeB < 0.08);
  return matching.sort((a, b) => Number(exact(b)) - Number(exact(a)) || b.released.localeCompare(a.released))[0];
}

/** A model known only by the name and size an answer wrote. */
function sizedMention(name: string, size: Pick<SizeReading, "sizeB" | "activeB">, quantization: Quantization | undefined): ModelFacts {
  const facts: ModelFacts = { tag: name, name, kind: "chat", source: "mention", paramsB: size.sizeB, ...typicalArchitecture(size.sizeB) };
  if (size.activeB !== undefined) facts.activeParamsB = size.activeB;
  // Ollama serves Q4_K_M unless told otherwise; a plan that names no quantization means that.
  facts.quantization = quantization ?? "Q4_K_M";
  return facts;
}

/** A model named without any size we could read: it cannot be checked. */
function unsizedMention(name: string): ModelFacts {
  return { tag: name, name, kind: "chat", source: "mention" };
}

// An Ollama tag: family:tag, written anywhere (code spans, commands, prose).
const TAG = /(?<![\w.:/-])([a-z][a-z0-9.-]*[a-z0-9]):([a-z0-9][a-z0-9._-]*[a-z0-9])(?![\w:])/gi;
// A bare model after an Ollama command: "ollama pull llama3.2", "ollama run mistral".
const COMMAND = /\bollama\s+(?:pull|run)\s+([a-z][a-z0-9._-]*[a-z0-9])(?![\w:.-])/gi;
const TAG_QUANT = /(q[2-8]_k_[sml]|q[2-8]_k|q[458]_[01]|fp16|f16|bf16|mxfp4)$/i;
// "16x17b", "8x7b": an MoE tag, experts × size.
const MOE_TAG = /:(\d+)x(\d+(?:\.\d+)?)b/i;

/** Resolves an Ollama-style tag to facts, or undefined when it is not a model tag. */
function resolveTag(tag: string, sizeWords: boolean): ModelFacts | undefined {
  const [family, rest = ""] = tag.toLowerCase().split(":");
  const quantization = normalizeQuantization(TAG_QUANT.exec(rest)?.[1]);
  const exact = catalogByTag(tag) ?? catalogByTag(`${family}:${rest.split("-")[0]}`);
  if (exact) return withQuantization(exact, quantization);
  const moe = MOE_TAG.exec(tag);
  const size = moe ? readSize(`${moe[1]}x${moe[2]}b`) : tagSize(tag).sizeB !== undefined ? { sizeB: tagSize(tag).sizeB ?? 0, ...(tagSize(tag).activeB ? { activeB: tagSize(tag).activeB } : {}) } : undefined;
  const inFamily = KNOWN_MODELS.filter((e) => e.family === family);
  if (size) return (bySize(inFamily, size.sizeB) && withQuantization(bySize(inFamily, size.sizeB) as CatalogEntry, quantization)) || sizedMention(tag, size, quantization);
  const variant = inFamily.find((e) => e.variant !== undefined && rest.startsWith(e.variant));
  if (variant) return withQuantization(variant, quantization);
  // "model:latest", "model:instruct": a tag, but of a model we cannot size.
  return KNOWN_FAMILIES.has(family) || sizeWords ? unsizedMention(tag) : undefined;
}

/** Bare names that are models on their own (embedding models). */
const BARE_NAMES = KNOWN_MODELS.filter((entry) => entry.kind === "embedding").flatMap((entry) => [entry.family, ...entry.aliases]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

// Where the size of a prose name may be written: the rest of the phrase, up to these.
const PHRASE_END = /[,，、;；:：|\n!?！？。]|\.(?!\d)|\s(?:and|or|vs\.?|versus|with|than|but)\s|和|或|与/i;
const PHRASE_CHARS = 40;
// A size written before the name: "a 70B Llama", "70B 的 Llama".
const SIZE_BEFORE = /(\d+(?:\.\d+)?)\s*(?:b|bn)(?![a-z])\s*(?:的|version of|model of|)\s*(?:[a-z]+\s+)?$/i;

/** The models the family words of one prose name may mean. */
function candidatesFor(families: readonly string[]): CatalogEntry[] {
  const known = KNOWN_MODELS.filter((entry) => families.includes(entry.family));
  return known.some((entry) => entry.kind === "chat") ? known.filter((entry) => entry.kind === "chat") : known;
}

interface ProseHit {
  start: number;
  end: number;
  facts: ModelFacts;
  candidates?: readonly CatalogEntry[];
}

function proseHit(text: string, m: RegExpExecArray, name: (typeof FAMILY_NAMES)[number], isTaken: (s: Span) => boolean): ProseHit | undefined {
  const start = m.index;
  const nameEnd = m.index + m[0].length;
  const rest = text.slice(nameEnd, nameEnd + PHRASE_CHARS);
  const stop = PHRASE_END.exec(rest);
  const phrase = stop ? rest.slice(0, stop.index) : rest;
  const families = familiesFor(name, m);
  const candidates = candidatesFor(families);
  const after = readSize(phrase);
  const before = after ? undefined : SIZE_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
  const size: SizeReading | undefined = after ?? (before ? { sizeB: Number(before[1]), index: 0, end: 0 } : undefined);
  let end = after ? nameEnd + after.end : nameEnd;
  // "DBRX (132B)": the name as written takes its closing bracket along.
  const close = /^\s*[)）]/.exec(text.slice(end));
  if (after && close && /[(（][^)）]*$/.test(text.slice(start, end))) end += close[0].length;
  if (isTaken({ start, end })) return undefined;
  const written = text.slice(start, end).trim();
  if (size) {
    // Families are listed in order of preference: the named one first, the newest for a bare lineage.
    const entry = families.map((family) => bySize(candidates.filter((e) => e.family === family), size.sizeB)).find((e) => e !== undefined) ?? bySize(candidates, size.sizeB);
    return { start, end, facts: entry ?? sizedMention(written, size, undefined) };
  }
  const variantWord = m.slice(1).find((group) => group !== undefined && /^[a-z]/i.test(group))?.toLowerCase();
  const variant = candidates.find((e) => e.variant !== undefined && e.variant === variantWord);
  if (variant) return { start, end, facts: variant };
  if (!name.specific(m)) return undefined;
  if (candidates.length === 1) return { start, end, facts: candidates[0] };
  const shown = candidates.find((e) => e.latest) ?? candidates[0];
  return { start, end, facts: shown ? { ...shown, tag: written, name: written } : unsizedMention(written), candidates };
}

/** The text a mention's precision may be read from: after it up to the next mention or line end, its table row, the next line. */
function quantizationFor(text: string, mention: Span, next: Span | undefined): Quantization | undefined {
  const lineEnd = text.indexOf("\n", mention.end) === -1 ? text.length : text.indexOf("\n", mention.end);
  const sentence = /[!?！？。;；]|\.(?!\d)/.exec(text.slice(mention.end, lineEnd));
  const limit = Math.min(lineEnd, next?.start ?? lineEnd, sentence ? mention.end + sentence.index : lineEnd);
  const own = readQuantization(text.slice(mention.end, limit));
  if (own) return own.quantization;
  const lineStart = text.lastIndexOf("\n", mention.start) + 1;
  const line = text.slice(lineStart, lineEnd);
  if (/^\s*\|/.test(line) && (!next || next.start > lineEnd)) return readQuantization(text.slice(mention.end, lineEnd))?.quantization;
  // The line after names the precision ("  Quantisation: Q8_0") when it names no other model.
  const following = text.slice(lineEnd + 1).split("\n")[0] ?? "";
  const indentOf = (s: string) => /^\s*/.exec(s)?.[0].length ?? 0;
  const continues = following.trim() !== "" && !/^\s*(?:#|\|)/.test(following) && (indentOf(following) > indentOf(line) || !/^\s*(?:[-*+]|\d+[.)])\s/.test(following));
  if (continues && (!next || next.start > lineEnd + 1 + following.length)) return readQuantization(following)?.quantization;
  return undefined;
}

/** The key under which two mentions name the same model at the same quantization. */
export function mentionKey(mention: ModelMention): string {
  if (mention.candidates && mention.candidates.length > 0) return `family:${[...new Set(mention.candidates.map((e) => e.family))].join(",")}|${mention.quantization ?? ""}`;
  return `${mention.facts.source === "mention" ? `${mention.facts.paramsB ?? mention.facts.tag}` : mention.facts.tag}|${normalizeQuantization(mention.facts.quantization) ?? ""}`;
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
  const found: Omit<ModelMention, "quantization">[] = [];
  const taken: Span[] = [];
  const isTaken = (s: Span) => taken.some((t) => s.start < t.end && t.start < s.end);
  const add = (start: number, raw: string, facts: ModelFacts | undefined, candidates?: readonly CatalogEntry[]) => {
    const span = { start, end: start + raw.length };
    if (!facts || raw.trim() === "" || isTaken(span)) return;
    taken.push(span);
    found.push({ text: raw.trim(), index: start, end: span.end, facts, ...(candidates ? { candidates } : {}) });
  };

  // Exact aliases first (the longest, most specific names), then tags, commands, bare names, prose.
  for (const entry of KNOWN_MODELS) {
    for (const alias of entry.aliases) {
      for (const m of text.matchAll(new RegExp(`(?<![\\w-])${escapeRegExp(alias)}(?![\\w-])`, "gi"))) add(m.index, m[0], entry);
    }
  }
  for (const m of text.matchAll(TAG)) {
    const inCode = text[m.index - 1] === "`" || /ollama\s+(?:pull|run)\s+$/i.test(text.slice(Math.max(0, m.index - 16), m.index));
    add(m.index, m[0], resolveTag(m[0], inCode || readSize(m[2]) !== undefined));
  }
  for (const m of text.matchAll(COMMAND)) {
    const entry = catalogByTag(m[1]);
    const start = m.index + m[0].length - m[1].length;
    add(start, m[1], entry ?? unsizedMention(m[1]));
  }
  for (const name of BARE_NAMES) {
    for (const m of text.matchAll(new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`, "gi"))) add(m.index, m[0], catalogByTag(name) ?? KNOWN_MODELS.find((e) => e.aliases.includes(name)));
  }
  for (const name of FAMILY_NAMES) {
    for (const m of text.matchAll(new RegExp(name.re.source, "gi"))) {
      const hit = proseHit(text, m, name, isTaken);
      if (hit) add(hit.start, text.slice(hit.start, hit.end), hit.facts, hit.candidates);
    }
  }

  const sorted = found.sort((a, b) => a.index - b.index);
  const sizedFamilies = new Set(sorted.filter((m) => !m.candidates).map((m) => m.facts.family));
  return sorted
    // A name without a size is the same model as the family's sized mention elsewhere in the answer.
    .filter((m) => !m.candidates || !m.candidates.some((e) => sizedFamilies.has(e.family)))
    .map((m, i, all) => {
      const quantization = quantizationFor(text, { start: m.index, end: m.end }, all[i + 1] ? { start: all[i + 1].index, end: all[i + 1].end } : undefined);
      return quantization ? { ...m, facts: m.candidates ? m.facts : withQuantization(m.facts, quantization), quantization } : m;
    });
}

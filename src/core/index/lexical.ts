/**
 * Words for the lexical (BM25) side of search (pure). Text is NFKC-folded and lowercased;
 * Chinese, Japanese and Korean runs become overlapping character bigrams, the usual way to index
 * CJK without a dictionary: ICU's word breaks for Chinese vary with context ("显卡" came out as
 * "显|卡"), bigrams match either way. Thai, Lao, Khmer and Myanmar runs (no spaces, no bigram
 * convention) are split with `Intl.Segmenter`. Everything else is split at characters that cannot
 * be inside a word: the same words the segmenter gives for space-separated scripts, at a tenth of
 * the cost (the segmenter over whole chunks took ~0.6 ms a chunk, 40 % of indexing's own CPU).
 * English stop words are dropped and plurals folded.
 *
 * A chunk's words are stored as a term bag ("#4 gpu memory:2 显卡"): its length in terms, then the
 * distinct terms, sorted, with their count when above 1. The bag is all the index keeps of the
 * text; the length up front lets a search get BM25's document lengths without parsing every bag.
 */

/** Han, kana and Hangul: indexed as character bigrams. */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
/** Scripts written without spaces that bigrams do not suit: left to Intl.Segmenter. */
const SEGMENTED_RUN = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
const HAS_SEGMENTED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** Inside a word: letters, digits, marks and the joiners of names like "qwen2.5" or "e-mail". */
const NOT_WORDS = /[^\p{L}\p{N}\p{M}._'-]+/u;
const EDGE_PUNCT = /^[._'-]+|[._'-]+$/g;

/** English words too common to say anything about a note (BM25's idf would nearly zero them anyway; dropping them keeps the index small). */
const STOP_WORDS = new Set(
  (
    "a about above after again all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves"
  ).split(" "),
);

let segmenter: Intl.Segmenter | null | undefined;

function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) segmenter = typeof Intl === "object" && "Segmenter" in Intl ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;
  return segmenter;
}

/** Folds English plurals so "settings" finds "setting" (the same rule runs on notes and queries). */
function fold(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function addWord(raw: string, out: string[]): void {
  for (const piece of raw.split(NOT_WORDS)) {
    const word = piece.replace(EDGE_PUNCT, "").replace(/'s$/, "");
    if (word === "" || STOP_WORDS.has(word)) continue;
    out.push(/^\p{L}+$/u.test(word) ? fold(word) : word);
  }
}

/** The terms of `text`, in order, repeats kept (for counting). */
export function tokenize(text: string): string[] {
  const normalized = text.normalize("NFKC").toLowerCase();
  const out: string[] = [];
  for (const match of normalized.matchAll(CJK_RUN)) {
    const run = [...match[0]];
    if (run.length === 1) out.push(run[0]);
    for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
  }
  let rest = normalized.replace(CJK_RUN, " ");
  if (HAS_SEGMENTED.test(rest)) {
    const seg = wordSegmenter();
    for (const match of rest.matchAll(SEGMENTED_RUN)) {
      if (seg) for (const s of seg.segment(match[0])) if (s.isWordLike) out.push(s.segment);
      else out.push(match[0]);
    }
    rest = rest.replace(SEGMENTED_RUN, " ");
  }
  addWord(rest, out);
  return out;
}

/** A parsed term bag: distinct terms with their counts, and the chunk's length in terms. */
export interface TermBag {
  terms: string[];
  counts: number[];
  length: number;
}

/** The term bag of `text` as stored with its chunk: "#length term term:count …", terms sorted. */
export function termBagOf(text: string): string {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const entries = [...counts.keys()].sort().map((t) => {
    const n = counts.get(t) ?? 1;
    return n > 1 ? `${t}:${n}` : t;
  });
  return [`#${tokens.length}`, ...entries].join(" ");
}

/** The length in terms of a stored bag, read from its header (no parsing of the terms). */
export function termBagLength(bag: string): number {
  if (!bag.startsWith("#")) return parseTermBag(bag).length;
  const end = bag.indexOf(" ");
  return Number(end < 0 ? bag.slice(1) : bag.slice(1, end)) || 0;
}

/** How often `term` occurs in a stored bag (0 when it does not), found without parsing the bag. */
export function termCount(bag: string, term: string): number {
  for (let from = 0; ; ) {
    const at = bag.indexOf(term, from);
    if (at < 0) return 0;
    const after = at + term.length;
    if ((at === 0 || bag.charCodeAt(at - 1) === 32) && (after === bag.length || bag.charCodeAt(after) === 32 || bag.charCodeAt(after) === 58)) {
      if (bag.charCodeAt(after) !== 58) return 1;
      const end = bag.indexOf(" ", after);
      return Number(bag.slice(after + 1, end < 0 ? bag.length : end)) || 1;
    }
    from = at + 1;
  }
}

/** Parses a stored term bag (an empty string is an empty bag). */
export function parseTermBag(bag: string): TermBag {
  const terms: string[] = [];
  const counts: number[] = [];
  let length = 0;
  if (bag === "") return { terms, counts, length };
  for (const entry of bag.split(" ")) {
    if (entry.startsWith("#")) continue;
    const colon = entry.lastIndexOf(":");
    const n = colon > 0 ? Number(entry.slice(colon + 1)) : 1;
    const count = Number.isInteger(n) && n > 0 ? n : 1;
    terms.push(colon > 0 && n === count ? entry.slice(0, colon) : entry);
    counts.push(count);
    length += count;
  }
  return { terms, counts, length };
}

/** The distinct terms of a query, in order of first appearance. */
export function queryTerms(query: string): string[] {
  return [...new Set(tokenize(query))];
}

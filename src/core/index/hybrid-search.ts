/**
 * Hybrid ranking (pure): the vector ranking and the BM25 ranking fused by weighted reciprocal
 * rank fusion, then one result per note (its best chunk first, its other matching chunks under
 * it), and a relevance floor that decides which notes may go into a plan or an Ask answer.
 * The constants were tuned on the retrieval eval set (eval/, `npm run eval:retrieval`); see
 * docs/decisions/0007-hybrid-retrieval.md for the figures behind them.
 */
import type { IndexHit, LexicalHit } from "./index-ports";

/** Which rankings a search uses: both (the default), or one alone (for the eval). */
export type SearchMode = "hybrid" | "vector" | "lexical";

/** Reciprocal rank fusion constant: the usual 60 flattens the head too much for top-3 answers. */
export const RRF_K = 10;
/** Weight of the lexical ranking against the vector ranking (1 = equal). */
export const LEXICAL_WEIGHT = 2;
/** Chunks taken from each ranking before fusion. */
export const CANDIDATES_PER_RANKING = 60;

/** A chunk with what each ranking said about it. */
export interface FusedHit extends IndexHit {
  /** Cosine similarity, when the vector ranking found it. */
  cosine?: number;
  /** BM25 score and matched share of the query's term weight, when the lexical ranking found it. */
  bm25?: number;
  coverage?: number;
}

function key(hit: IndexHit): string {
  return `${hit.path}\u0000${hit.ord}`;
}

/** Fusion constants (the eval's tuning grid passes others). */
export interface FusionOptions {
  rrfK?: number;
  lexicalWeight?: number;
  /** Scale each lexical contribution by the share of the query's weight the chunk matched (default true). */
  byCoverage?: boolean;
}

/** Weighted RRF of both rankings; `score` becomes the fused score, best first. */
export function fuseRankings(vector: readonly IndexHit[], lexical: readonly LexicalHit[], mode: SearchMode = "hybrid", options: FusionOptions = {}): FusedHit[] {
  const rrfK = options.rrfK ?? RRF_K;
  const lexicalWeight = options.lexicalWeight ?? LEXICAL_WEIGHT;
  const fused = new Map<string, FusedHit>();
  if (mode !== "lexical") {
    vector.forEach((hit, rank) => {
      fused.set(key(hit), { ...hit, cosine: hit.score, score: 1 / (rrfK + rank + 1) });
    });
  }
  if (mode !== "vector") {
    lexical.forEach((hit, rank) => {
      const k = key(hit);
      // Rank alone would let a chunk matching one common query word count like one matching the
      // rare name the question is about: the matched share of the query's idf weight tells them apart.
      const add = (lexicalWeight * (options.byCoverage === false ? 1 : hit.coverage)) / (rrfK + rank + 1);
      const seen = fused.get(k);
      const { coverage, score, ...rest } = hit;
      if (seen) fused.set(k, { ...seen, bm25: score, coverage, score: seen.score + add });
      else fused.set(k, { ...rest, bm25: score, coverage, score: add });
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.path.localeCompare(b.path) || a.ord - b.ord);
}

/** A note in the results: its best chunk and the note's other matching chunks, best first. */
export interface NoteGroup<T extends IndexHit> {
  best: T;
  more: T[];
}

/** One entry per note, in order of each note's best chunk; a note's other chunks go under it. */
export function groupByNote<T extends IndexHit>(hits: readonly T[]): NoteGroup<T>[] {
  const groups = new Map<string, NoteGroup<T>>();
  for (const hit of hits) {
    const group = groups.get(hit.path);
    if (group) group.more.push(hit);
    else groups.set(hit.path, { best: hit, more: [] });
  }
  return [...groups.values()];
}

/**
 * The relevance floor. A note is relevant when its words match enough of the question (BM25
 * coverage ≥ `MIN_COVERAGE` of the query's idf weight), or when both kinds of evidence together
 * reach `MIN_EVIDENCE` (cosine + coverage) and its cosine is within `COSINE_MARGIN` of the best
 * one of this search. A note only one ranking liked weakly (a pasta recipe sharing the word
 * "fast" with a GPU question) is not sent. Calibrated on the eval with the stand-in embedder:
 * the cosine levels of a real model differ (see docs/decisions/0007-hybrid-retrieval.md).
 */
export const MIN_COVERAGE = 0.45;
export const MIN_EVIDENCE = 0.5;
export const COSINE_MARGIN = 0.15;

/** How the vector candidates of one search are spread: the floor's yardstick. */
export interface CosineSpread {
  best: number;
}

/** The best cosine of the vector candidates (best first), or null without any. */
export function cosineSpread(hits: readonly IndexHit[]): CosineSpread | null {
  return hits.length === 0 ? null : { best: hits[0].score };
}

/** Whether a note (the strongest evidence of its chunks) passes the floor. */
export function isRelevant(evidence: { coverage?: number; cosine?: number }, spread: CosineSpread | null): boolean {
  const coverage = evidence.coverage ?? 0;
  if (coverage >= MIN_COVERAGE) return true;
  const c = evidence.cosine;
  if (c === undefined || !spread) return false;
  return c + coverage >= MIN_EVIDENCE && c >= spread.best - COSINE_MARGIN;
}

/** The strongest evidence over a note's chunks (the floor looks at the note, not one chunk). */
export function noteEvidence(group: NoteGroup<FusedHit>): { coverage?: number; cosine?: number } {
  let coverage: number | undefined;
  let cosine: number | undefined;
  for (const hit of [group.best, ...group.more]) {
    if (hit.coverage !== undefined) coverage = Math.max(coverage ?? 0, hit.coverage);
    if (hit.cosine !== undefined) cosine = Math.max(cosine ?? -1, hit.cosine);
  }
  return { coverage, cosine };
}

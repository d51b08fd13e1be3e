/**
 * Hybrid ranking (pure): the vector ranking and the BM25 ranking fused by weighted reciprocal
 * rank fusion, then one result per note (its best chunk first, its other matching chunks under
 * it), and a relevance floor that decides which notes may go into a plan or an Ask answer.
 * The constants were tuned on the retrieval eval set (eval/, `npm run eval:retrieval`); see
 * docs/decisions/hybrid-retrieval.md for the figures behind them.
 */
import type { IndexHit, LexicalHit } from "./index-ports";

/** Which rankings a search uses: both (the default), or one alone (for the eval). */
export type SearchMode = "hybrid" | "vector" | "lexical";

/** Reciprocal rank fusion constant: the usual 60 flattens the head too much for top-3 answers. */
export const RRF_K = 20;
/** Weight of the lexical ranking against the vector ranking (1 = equal). */
export const LEXICAL_WEIGHT = 1;
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

/** Weighted RRF of both rankings; `score` becomes the fused score, best first. */
export function fuseRankings(vector: readonly IndexHit[], lexical: readonly LexicalHit[], mode: SearchMode = "hybrid"): FusedHit[] {
  const fused = new Map<string, FusedHit>();
  if (mode !== "lexical") {
    vector.forEach((hit, rank) => {
      fused.set(key(hit), { ...hit, cosine: hit.score, score: 1 / (RRF_K + rank + 1) });
    });
  }
  if (mode !== "vector") {
    lexical.forEach((hit, rank) => {
      const k = key(hit);
      const add = LEXICAL_WEIGHT / (RRF_K + rank + 1);
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
 * The relevance floor. A note is relevant when its words match enough of the question
 * (BM25 coverage ≥ `MIN_COVERAGE` of the query's idf weight), or when its meaning is close to
 * the question both absolutely (cosine ≥ `MIN_COSINE`) and next to the best note
 * (within `COSINE_MARGIN` of the best cosine of this search). A note only one ranking liked
 * weakly (a pasta recipe sharing the word "fast" with a GPU question) is not sent.
 */
export const MIN_COVERAGE = 0.5;
export const MIN_COSINE = 0.3;
export const COSINE_MARGIN = 0.12;

/** Whether a note (its best chunk's evidence, and its best cosine) passes the floor. */
export function isRelevant(evidence: { coverage?: number; cosine?: number }, bestCosine: number): boolean {
  if ((evidence.coverage ?? 0) >= MIN_COVERAGE) return true;
  const c = evidence.cosine;
  return c !== undefined && c >= MIN_COSINE && c >= bestCosine - COSINE_MARGIN;
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

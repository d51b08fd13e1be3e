/**
 * Brute-force cosine search over the shards' matrices and the pending (WAL) changes: the hot
 * loops of a query, kept small and monomorphic.
 */
import type { IndexHit } from "../../core/index/index-ports";
import type { ChunkWithVector, NoteMeta, Shard } from "./vectra-shard";

/** A pending change of one note: its facts and chunks, or null for a removal. */
export interface Pending {
  note: NoteMeta;
  chunks: ChunkWithVector[];
}

/** The Euclidean norm of `v`. */
export function norm(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Heap-free top-K: a small array kept sorted by ascending score. */
export class TopK<T> {
  readonly scores: number[] = [];
  readonly items: T[] = [];
  constructor(private readonly k: number) {}

  get threshold(): number {
    return this.scores.length < this.k ? -Infinity : this.scores[0];
  }

  push(score: number, item: T): void {
    if (this.k <= 0 || (this.scores.length >= this.k && score <= this.scores[0])) return;
    if (this.scores.length >= this.k) {
      this.scores.shift();
      this.items.shift();
    }
    let i = this.scores.length;
    while (i > 0 && this.scores[i - 1] > score) i--;
    this.scores.splice(i, 0, score);
    this.items.splice(i, 0, item);
  }
}

/** Dot product of `q` with row `row` of `m` (4-way unrolled). */
export function dotRow(m: Float32Array, offset: number, q: Float32Array, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dims; j += 4) {
    s0 += m[offset + j] * q[j];
    s1 += m[offset + j + 1] * q[j + 1];
    s2 += m[offset + j + 2] * q[j + 2];
    s3 += m[offset + j + 3] * q[j + 3];
  }
  for (; j < dims; j++) s0 += m[offset + j] * q[j];
  return s0 + s1 + s2 + s3;
}

/**
 * `out[i]` = dot(row i, q) × inverseNorms[i] for the first `count` rows of a shard's matrix: the
 * hot loop of a query, kept small and monomorphic (one contiguous Float32Array, four accumulators).
 */
export function scoreRows(matrix: Float32Array, inverseNorms: Float32Array, count: number, dims: number, q: Float32Array, out: Float64Array): void {
  const tail = dims - (dims % 4);
  for (let i = 0, o = 0; i < count; i++, o += dims) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < tail; j += 4) {
      s0 += matrix[o + j] * q[j];
      s1 += matrix[o + j + 1] * q[j + 1];
      s2 += matrix[o + j + 2] * q[j + 2];
      s3 += matrix[o + j + 3] * q[j + 3];
    }
    for (let j = tail; j < dims; j++) s0 += matrix[o + j] * q[j];
    out[i] = (s0 + s1 + s2 + s3) * inverseNorms[i];
  }
}

/** What a query searches: the shards, the pending changes, and which shard a path is in. */
export interface SearchSpace {
  shards: readonly Shard[];
  overlay: ReadonlyMap<string, Pending | null>;
  shardOf(path: string): Shard;
  /** The index's vector size (0 while empty). */
  dims: number;
}

type Candidate = { shard: Shard | null; row: number; pending?: { path: string; chunk: ChunkWithVector } };

/** The `k` chunks most similar to `vector` (cosine), over every shard and pending change. */
export function queryExact(space: SearchSpace, vector: Float32Array, k: number): IndexHit[] {
  const qn = norm(vector);
  const dims = vector.length;
  if (qn === 0 || k <= 0 || (space.dims !== 0 && dims !== space.dims)) return [];
  const q = vector;
  const top = new TopK<Candidate>(k);
  // Rows of notes with a pending change are hidden; only shards the overlay touches need the check.
  const maskedShards = new Set<Shard>();
  for (const path of space.overlay.keys()) maskedShards.add(space.shardOf(path));
  let threshold = top.threshold;
  let scores = new Float64Array(0);
  for (const shard of space.shards) {
    const { rows, matrix, inverseNorms } = shard;
    const count = rows.length;
    if (count === 0 || shard.dims !== dims) continue;
    const masked = maskedShards.has(shard) ? space.overlay : null;
    if (scores.length < count) scores = new Float64Array(count);
    scoreRows(matrix, inverseNorms, count, dims, q, scores);
    for (let i = 0; i < count; i++) {
      const score = scores[i] / qn;
      if (score <= threshold || inverseNorms[i] === 0) continue;
      if (masked && masked.has(rows[i].path)) continue;
      top.push(score, { shard, row: i });
      threshold = top.threshold;
    }
  }
  pushPending(space.overlay, vector, qn, top);
  return hitsOf(top);
}

/** Scores the pending chunks into `top`. */
export function pushPending(overlay: ReadonlyMap<string, Pending | null>, vector: Float32Array, qn: number, top: TopK<Candidate>): void {
  const dims = vector.length;
  for (const [path, pending] of overlay) {
    if (!pending) continue;
    for (const chunk of pending.chunks) {
      const n = norm(chunk.vector);
      if (n === 0 || chunk.vector.length !== dims) continue;
      const score = dotRow(chunk.vector, 0, vector, dims) / (qn * n);
      if (score > top.threshold) top.push(score, { shard: null, row: -1, pending: { path, chunk } });
    }
  }
}

/** The hits of `top`, best first. */
export function hitsOf(top: TopK<Candidate>): IndexHit[] {
  const hits: IndexHit[] = [];
  for (let i = top.items.length - 1; i >= 0; i--) {
    const item = top.items[i];
    const score = top.scores[i];
    if (item.pending) {
      const c = item.pending.chunk;
      hits.push({ path: item.pending.path, ord: c.ord, hash: c.hash, headingPath: c.headingPath, startLine: c.start, endLine: c.end, score });
    } else if (item.shard) {
      const r = item.shard.rows[item.row];
      hits.push({ path: r.path, ord: r.ord, hash: r.hash, headingPath: r.headingPath, startLine: r.start, endLine: r.end, score });
    }
  }
  return hits;
}

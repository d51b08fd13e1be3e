/**
 * Brute-force cosine search over the shards' matrices and the pending (WAL) changes: the hot
 * loops of a query, kept small and monomorphic.
 */
import type { IndexHit } from "../../core/index/index-ports";
import { quantizedOf, quantizeInto, worthQuantizing } from "./quantized";
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

/**
 * The `k` best items pushed so far: a binary min-heap (O(log k) a push; the first pass of a query
 * keeps hundreds of candidates, where a sorted array's shifting showed up in profiles).
 */
export class TopK<T> {
  private readonly heapScores: number[] = [];
  private readonly heapItems: T[] = [];
  private readonly heapOrder: number[] = [];
  private pushed = 0;
  constructor(private readonly k: number) {}

  /** The score an item must beat to get in (-Infinity until `k` items are in). */
  get threshold(): number {
    return this.heapScores.length < this.k ? -Infinity : this.heapScores[0];
  }

  push(score: number, item: T): void {
    if (this.k <= 0) return;
    const s = this.heapScores;
    if (s.length >= this.k) {
      if (score <= s[0]) return;
      this.set(0, score, item, this.pushed++);
      this.siftDown(0);
      return;
    }
    s.push(score);
    this.heapItems.push(item);
    this.heapOrder.push(this.pushed++);
    this.siftUp(s.length - 1);
  }

  /** Scores in ascending order (ties: first pushed first), with `items` in the same order. */
  get scores(): number[] {
    return this.sorted().map((i) => this.heapScores[i]);
  }

  get items(): T[] {
    return this.sorted().map((i) => this.heapItems[i]);
  }

  private sorted(): number[] {
    return this.heapScores.map((_, i) => i).sort((a, b) => this.heapScores[a] - this.heapScores[b] || this.heapOrder[a] - this.heapOrder[b]);
  }

  private set(i: number, score: number, item: T, order: number): void {
    this.heapScores[i] = score;
    this.heapItems[i] = item;
    this.heapOrder[i] = order;
  }

  private less(a: number, b: number): boolean {
    const s = this.heapScores;
    return s[a] < s[b] || (s[a] === s[b] && this.heapOrder[a] > this.heapOrder[b]);
  }

  private swap(a: number, b: number): void {
    const [sa, ia, oa] = [this.heapScores[a], this.heapItems[a], this.heapOrder[a]];
    this.set(a, this.heapScores[b], this.heapItems[b], this.heapOrder[b]);
    this.set(b, sa, ia, oa);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.heapScores.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
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

/** Candidates the int8 pass hands to the exact re-scoring: `OVERSAMPLE` × k, at least `MIN_CANDIDATES` (64 for a top-8). */
export const OVERSAMPLE = 4;
export const MIN_CANDIDATES = 64;

/**
 * The same answer as `queryExact`, faster: an int8 first pass (WebAssembly SIMD) picks the
 * `max(4k, 64)` most promising rows, which are then scored exactly on their float32 vectors. The
 * bench reports its recall@8 against `queryExact`. Falls back to `queryExact` where WebAssembly
 * SIMD is missing.
 */
export function queryFast(space: SearchSpace, vector: Float32Array, k: number): IndexHit[] {
  const qn = norm(vector);
  const dims = vector.length;
  if (qn === 0 || k <= 0 || (space.dims !== 0 && dims !== space.dims)) return [];
  // A matrix is quantized on its second query (quantizing costs ~8 exact scans): a one-shot search scans exactly.
  let ready = true;
  for (const shard of space.shards) if (shard.rows.length > 0 && !worthQuantizing(shard.matrix)) ready = false;
  if (!ready) return queryExact(space, vector, k);
  const qCodes = new Int8Array(dims);
  if (quantizeInto(vector, 0, dims, qCodes, 0) === 0) return [];
  const candidates = new TopK<{ shard: Shard; row: number }>(Math.max(k * OVERSAMPLE, MIN_CANDIDATES));
  const maskedShards = new Set<Shard>();
  for (const path of space.overlay.keys()) maskedShards.add(space.shardOf(path));
  for (const shard of space.shards) {
    const { rows, matrix, inverseNorms } = shard;
    const count = rows.length;
    if (count === 0 || shard.dims !== dims) continue;
    const quantized = quantizedOf(matrix, inverseNorms, count, dims);
    if (!quantized) return queryExact(space, vector, k);
    const dots = quantized.dots(qCodes);
    const factors = quantized.factors;
    const masked = maskedShards.has(shard) ? space.overlay : null;
    let threshold = candidates.threshold;
    for (let i = 0; i < count; i++) {
      const approx = dots[i] * factors[i];
      if (approx <= threshold || factors[i] === 0) continue;
      if (masked && masked.has(rows[i].path)) continue;
      candidates.push(approx, { shard, row: i });
      threshold = candidates.threshold;
    }
  }
  const top = new TopK<Candidate>(k);
  for (const { shard, row } of candidates.items.reverse()) {
    const score = (dotRow(shard.matrix, row * dims, vector, dims) * shard.inverseNorms[row]) / qn;
    top.push(score, { shard, row });
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
  const items = top.items;
  const scores = top.scores;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    const score = scores[i];
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

/**
 * A shard's vectors as int8 codes in WebAssembly memory, for the first pass of a query. Each row
 * is scaled by its own largest magnitude (symmetric, 127 steps), so `dot(codes) × factor` ranks
 * rows by cosine to within a fraction of a percent; the candidates are then re-scored exactly on
 * the float32 vectors. Built lazily, on the second query that reads a shard's matrix: quantizing
 * costs about as much as eight exact scans, so a one-shot search (the CLI) never pays for it and
 * opening the index costs what it did.
 */
import { int8Kernel, type Int8Kernel } from "./int8-kernel";

/** Rows of the int8 kernel are padded to this many bytes (one SIMD register). */
const LANES = 16;

/** Writes the int8 codes of `v[from, from+dims)` into `out` at `at`; returns the scale (max|v| / 127). */
export function quantizeInto(v: Float32Array, from: number, dims: number, out: Int8Array, at: number): number {
  let max = 0;
  for (let j = 0; j < dims; j++) {
    const a = Math.abs(v[from + j]);
    max = a > max ? a : max;
  }
  if (max === 0) return 0;
  const k = 127 / max;
  for (let j = 0; j < dims; j++) out[at + j] = Math.round(v[from + j] * k);
  return max / 127;
}

/** The int8 image of one shard's matrix, with the memory the kernel works in. */
export class QuantizedRows {
  private readonly kernel: Int8Kernel;
  readonly stride: number;
  /** scale × 1/norm of each row: dot(codes) × factor is proportional to the row's cosine. */
  readonly factors: Float32Array;
  private readonly queryAt: number;
  private readonly outAt: number;

  private constructor(
    kernel: Int8Kernel,
    readonly count: number,
    readonly dims: number,
  ) {
    this.kernel = kernel;
    this.stride = Math.ceil(dims / LANES) * LANES;
    // One zero row after the last when the count is odd: the kernel scores rows in pairs.
    this.queryAt = (count + (count % 2)) * this.stride;
    this.outAt = this.queryAt + this.stride;
    this.factors = new Float32Array(count);
  }

  /** Quantizes `count` rows of `matrix`; null where WebAssembly SIMD is not available. */
  static build(matrix: Float32Array, inverseNorms: Float32Array, count: number, dims: number): QuantizedRows | null {
    const stride = Math.ceil(dims / LANES) * LANES;
    const padded = count + (count % 2);
    const kernel = int8Kernel(padded * stride + stride + padded * 4);
    if (!kernel) return null;
    const q = new QuantizedRows(kernel, count, dims);
    const codes = new Int8Array(kernel.memory.buffer);
    for (let i = 0; i < count; i++) q.factors[i] = quantizeInto(matrix, i * dims, dims, codes, i * stride) * inverseNorms[i];
    return q;
  }

  /** dot(codes of row i, query codes) for every row (the query's scale is left out: it is the same for all). */
  dots(queryCodes: Int8Array): Int32Array {
    new Int8Array(this.kernel.memory.buffer, this.queryAt, this.stride).set(queryCodes);
    this.kernel.dots(0, this.count, this.stride, this.queryAt, this.outAt);
    return new Int32Array(this.kernel.memory.buffer, this.outAt, this.count);
  }
}

const cache = new WeakMap<Float32Array, QuantizedRows | null>();
const scans = new WeakMap<Float32Array, number>();

/** Exact scans of a matrix before it is quantized. */
export const QUANTIZE_AFTER = 1;

/** True when `matrix` is (or may now be) quantized; otherwise counts one exact scan of it. */
export function worthQuantizing(matrix: Float32Array): boolean {
  if (cache.has(matrix)) return true;
  const n = scans.get(matrix) ?? 0;
  if (n >= QUANTIZE_AFTER) return true;
  scans.set(matrix, n + 1);
  return false;
}

/** The int8 image of a shard's matrix, built once per matrix (a shard gets a new matrix when it changes). */
export function quantizedOf(matrix: Float32Array, inverseNorms: Float32Array, count: number, dims: number): QuantizedRows | null {
  let q = cache.get(matrix);
  if (q === undefined || (q && (q.count !== count || q.dims !== dims))) {
    q = QuantizedRows.build(matrix, inverseNorms, count, dims);
    cache.set(matrix, q);
  }
  return q;
}

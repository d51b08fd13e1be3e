/**
 * The first pass of a query: int8 dot products of every row with the query in a WebAssembly SIMD
 * kernel (16 multiply-adds per step instead of one in plain JavaScript, and a quarter of the
 * bytes to stream). The module is ~120 bytes, assembled here so no build step or binary file is
 * needed. Where WebAssembly SIMD is missing, `int8Kernel()` is null and queries use the exact scan.
 */

/** Dot products of `count` int8 rows (each `stride` bytes, a multiple of 16) with one query. */
export interface Int8Kernel {
  /** Linear memory the rows, the query and the output live in. */
  readonly memory: WebAssembly.Memory;
  /** Writes dot(row i, query) as int32 at `out + 4i` for i < count, two rows at a time: an odd count reads and writes one row more (pad it). */
  dots(rows: number, count: number, stride: number, query: number, out: number): void;
}

const SIMD = 0xfd;
/** SIMD opcodes (LEB128-encoded after the 0xfd prefix). */
const V128_LOAD = [0x00];
const V128_CONST = [0x0c];
const I32X4_EXTRACT_LANE = [0x1b];
const I16X8_EXTEND_LOW_I8X16_S = [0x87, 0x01];
const I16X8_EXTEND_HIGH_I8X16_S = [0x88, 0x01];
const I32X4_ADD = [0xae, 0x01];
const I32X4_DOT_I16X8_S = [0xba, 0x01];

// Locals: 0 rows, 1 count, 2 stride, 3 query, 4 out (params); 5 i, 6 j, 7 second row (i32);
// 8 accA, 9 accB, 10 v, 11 qLow, 12 qHigh (v128).
const [ROWS, COUNT, STRIDE, QUERY, OUT, I, J, ROW2, ACC_A, ACC_B, V, Q_LOW, Q_HIGH] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const get = (l: number) => [0x20, l];
const set = (l: number) => [0x21, l];
const simd = (op: number[], ...imm: number[]) => [SIMD, ...op, ...imm];
const i32 = (n: number) => [0x41, n];
const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const I32_GE_U = 0x4f;
const LOAD = simd(V128_LOAD, 0x00, 0x00);

/** acc += dot(low half of v, qLow) + dot(high half of v, qHigh), v being 16 int8 lanes of a row. */
const accumulate = (acc: number) => [
  ...get(acc),
  ...get(V), ...simd(I16X8_EXTEND_LOW_I8X16_S), ...get(Q_LOW), ...simd(I32X4_DOT_I16X8_S), ...simd(I32X4_ADD),
  ...get(V), ...simd(I16X8_EXTEND_HIGH_I8X16_S), ...get(Q_HIGH), ...simd(I32X4_DOT_I16X8_S), ...simd(I32X4_ADD),
  ...set(acc),
];

/** out[i + offset] = the sum of acc's four lanes. */
const store = (acc: number, offset: number) => [
  ...get(OUT), ...get(I), ...i32(offset), I32_ADD, ...i32(2), I32_SHL, I32_ADD,
  ...get(acc), ...simd(I32X4_EXTRACT_LANE, 0),
  ...get(acc), ...simd(I32X4_EXTRACT_LANE, 1), I32_ADD,
  ...get(acc), ...simd(I32X4_EXTRACT_LANE, 2), I32_ADD,
  ...get(acc), ...simd(I32X4_EXTRACT_LANE, 3), I32_ADD,
  0x36, 0x02, 0x00, // i32.store align=4 offset=0
];

const ZERO = simd(V128_CONST, ...new Array<number>(16).fill(0));

// Two rows per pass share the query's load and widening (the caller pads an odd count with a zero row).
const body = [
  // locals: 3 × i32, 5 × v128
  0x02, 0x03, 0x7f, 0x05, 0x7b,
  0x02, 0x40, 0x03, 0x40, // block loop (over pairs of rows)
  ...get(I), ...get(COUNT), I32_GE_U, 0x0d, 0x01,
  ...ZERO, ...set(ACC_A), ...ZERO, ...set(ACC_B),
  ...get(ROWS), ...get(STRIDE), I32_ADD, ...set(ROW2),
  ...i32(0), ...set(J),
  0x02, 0x40, 0x03, 0x40, // block loop (over 16-byte steps)
  ...get(J), ...get(STRIDE), I32_GE_U, 0x0d, 0x01,
  ...get(QUERY), ...get(J), I32_ADD, ...LOAD, ...set(V),
  ...get(V), ...simd(I16X8_EXTEND_LOW_I8X16_S), ...set(Q_LOW),
  ...get(V), ...simd(I16X8_EXTEND_HIGH_I8X16_S), ...set(Q_HIGH),
  ...get(ROWS), ...get(J), I32_ADD, ...LOAD, ...set(V),
  ...accumulate(ACC_A),
  ...get(ROW2), ...get(J), I32_ADD, ...LOAD, ...set(V),
  ...accumulate(ACC_B),
  ...get(J), ...i32(16), I32_ADD, ...set(J),
  0x0c, 0x00, 0x0b, 0x0b, // br 0, end loop, end block
  ...store(ACC_A, 0),
  ...store(ACC_B, 1),
  ...get(ROW2), ...get(STRIDE), I32_ADD, ...set(ROWS),
  ...get(I), ...i32(2), I32_ADD, ...set(I),
  0x0c, 0x00, 0x0b, 0x0b, // br 0, end loop, end block
  0x0b, // end function
];

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

/** The module's bytes: imports memory "e"."m", exports function "d". */
export const INT8_KERNEL_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]),
  ...section(2, [0x01, ...name("e"), ...name("m"), 0x02, 0x00, 0x01]),
  ...section(3, [0x01, 0x00]),
  ...section(7, [0x01, ...name("d"), 0x00, 0x00]),
  ...section(10, [0x01, ...leb(body.length), ...body]),
]);

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is not available. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === "object" && WebAssembly.validate(INT8_KERNEL_WASM) ? new WebAssembly.Module(INT8_KERNEL_WASM) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** A kernel over a fresh memory of at least `bytes` bytes, or null without WebAssembly SIMD. */
export function int8Kernel(bytes: number): Int8Kernel | null {
  const module = kernelModule();
  if (!module) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new WebAssembly.Instance(module, { e: { m: memory } });
  const dots = instance.exports.d as (rows: number, count: number, stride: number, query: number, out: number) => void;
  return { memory, dots };
}

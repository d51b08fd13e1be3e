/**
 * The binary container of every index file (shards and write-ahead log records): a fixed header,
 * a JSON section and raw little-endian float32 vectors, all under one checksum.
 *
 *   0  magic (4 ASCII bytes)          16 dims (u32)
 *   4  format version (u32)           20 reserved, 0 (u32)
 *   8  JSON byte length (u32)         24 checksum (2 × u32) over bytes 0–23 and 32–end
 *  12  vector count (u32)             32 JSON (UTF-8), space-padded to a multiple of 4
 *                                        then count × dims float32
 *
 * A truncated file, a flipped bit, a wrong length or invalid UTF-8/JSON all fail `decode` with a
 * `DamagedFileError`; nothing half-read is ever used.
 */
import { WordChecksum } from "../../core/shared/hash";

export const CONTAINER_VERSION = 1;
const HEADER_BYTES = 32;

export class DamagedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DamagedFileError";
  }
}

export interface Container<T> {
  header: T;
  dims: number;
  count: number;
  /** count × dims floats, row-major; a view into the file's bytes when they are aligned. */
  vectors: Float32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

function checksum(words: Uint32Array): [number, number] {
  return new WordChecksum().update(words, 0, 6).update(words, 8, words.length).digest();
}

/**
 * Encodes `header` (JSON) and `vectors` (each of length `dims`, or one contiguous block). The
 * result is a fresh, 4-byte-aligned buffer whose vector block can be viewed without copying.
 */
export function encodeContainer(magic: string, header: unknown, dims: number, vectors: readonly Float32Array[] | Float32Array): Uint8Array {
  const json = encoder.encode(JSON.stringify(header));
  const jsonPadded = (json.length + 3) & ~3;
  const count = vectors instanceof Float32Array ? (dims > 0 ? vectors.length / dims : 0) : vectors.length;
  const total = HEADER_BYTES + jsonPadded + count * dims * 4;
  const bytes = new Uint8Array(total);
  for (let i = 0; i < 4; i++) bytes[i] = magic.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, CONTAINER_VERSION, true);
  view.setUint32(8, json.length, true);
  view.setUint32(12, count, true);
  view.setUint32(16, dims, true);
  view.setUint32(20, 0, true);
  bytes.set(json, HEADER_BYTES);
  bytes.fill(0x20, HEADER_BYTES + json.length, HEADER_BYTES + jsonPadded);
  const floats = new Float32Array(bytes.buffer, HEADER_BYTES + jsonPadded, count * dims);
  if (vectors instanceof Float32Array) floats.set(vectors);
  else
    vectors.forEach((v, i) => {
      if (v.length !== dims) throw new Error(`vector ${i} has ${v.length} dimensions, expected ${dims}`);
      floats.set(v, i * dims);
    });
  const words = new Uint32Array(bytes.buffer, 0, total / 4);
  const [a, b] = checksum(words);
  view.setUint32(24, a, true);
  view.setUint32(28, b, true);
  return bytes;
}

/** The vector block of an encoded container, as a view (for keeping what was just written). */
export function vectorsOf(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonPadded = (view.getUint32(8, true) + 3) & ~3;
  const count = view.getUint32(12, true);
  const dims = view.getUint32(16, true);
  return new Float32Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES + jsonPadded, count * dims);
}

/** Decodes and verifies a container; throws `DamagedFileError` on any inconsistency. */
export function decodeContainer<T>(input: Uint8Array, magic: string): Container<T> {
  if (input.byteLength < HEADER_BYTES) throw new DamagedFileError(`file is truncated (${input.byteLength} bytes)`);
  if (input.byteLength % 4 !== 0) throw new DamagedFileError(`file length ${input.byteLength} is not a multiple of 4 (truncated?)`);
  // Views need 4-byte alignment; Node's and Obsidian's reads are aligned, a pooled slice is copied.
  const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
  for (let i = 0; i < 4; i++) if (bytes[i] !== magic.charCodeAt(i)) throw new DamagedFileError("not an index file of this kind (bad magic)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== CONTAINER_VERSION) throw new DamagedFileError(`unsupported format version ${version}`);
  const jsonBytes = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const dims = view.getUint32(16, true);
  const jsonPadded = (jsonBytes + 3) & ~3;
  const expected = HEADER_BYTES + jsonPadded + count * dims * 4;
  if (expected !== bytes.byteLength) throw new DamagedFileError(`file is ${bytes.byteLength} bytes, its header says ${expected} (truncated?)`);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const [a, b] = checksum(words);
  if (a !== view.getUint32(24, true) || b !== view.getUint32(28, true)) throw new DamagedFileError("checksum mismatch");
  let header: T;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonBytes))) as T;
  } catch (error) {
    throw new DamagedFileError(`unreadable header (${error instanceof Error ? error.message : String(error)})`);
  }
  const vectors = new Float32Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES + jsonPadded, count * dims);
  return { header, dims, count, vectors };
}

/**
 * Small pure hashes (no Node crypto in the core): FNV-1a 64 for content identity and a two-lane
 * word checksum for damage detection in index files.
 */

const HEX = "0123456789abcdef";

function hex16(x: number): string {
  return HEX[(x >>> 12) & 15] + HEX[(x >>> 8) & 15] + HEX[(x >>> 4) & 15] + HEX[x & 15];
}

/**
 * FNV-1a 64 of `bytes` as 16 hex digits. The 64-bit state is kept in four 16-bit limbs so every
 * intermediate stays an exact small integer (the prime is 2^40 + 0x1b3).
 */
export function fnv1a64Bytes(bytes: Uint8Array): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < bytes.length; i++) {
    h0 ^= bytes[i];
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3;
    const t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    const c1 = t1 + (t0 >>> 16);
    h0 = t0 & 0xffff;
    const c2 = t2 + (c1 >>> 16);
    h1 = c1 & 0xffff;
    h3 = (t3 + (c2 >>> 16)) & 0xffff;
    h2 = c2 & 0xffff;
  }
  return hex16(h3) + hex16(h2) + hex16(h1) + hex16(h0);
}

const encoder = new TextEncoder();

/** FNV-1a 64 of the UTF-8 encoding of `text`. */
export function fnv1a64(text: string): string {
  return fnv1a64Bytes(encoder.encode(text));
}

/**
 * A 64-bit checksum over 32-bit words (two independent multiplicative lanes), fed in ranges. Each
 * step is a bijection of the state for a fixed word and of the word for a fixed state, so changing
 * any one word always changes the result; it runs at memory speed, which matters for 100 MB of
 * vectors.
 */
export class WordChecksum {
  private a = 0x811c9dc5;
  private b = 0x9e3779b9;
  private count = 0;

  update(words: Uint32Array, start = 0, end = words.length): this {
    let a = this.a;
    let b = this.b;
    for (let i = start; i < end; i++) {
      const w = words[i];
      a = Math.imul(a ^ w, 0x01000193);
      b = Math.imul((b + w) | 0, 0x85ebca6b);
      b = (b << 13) | (b >>> 19);
    }
    this.a = a;
    this.b = b;
    this.count += Math.max(0, end - start);
    return this;
  }

  /** The two 32-bit halves (unsigned). */
  digest(): [number, number] {
    let a = Math.imul(this.a ^ this.count, 0x01000193);
    a ^= a >>> 16;
    let b = this.b ^ (this.b >>> 15);
    b = Math.imul(b, 0x2c1b3c6d);
    return [a >>> 0, b >>> 0];
  }

  hex(): string {
    const [a, b] = this.digest();
    return hex16(a >>> 16) + hex16(a & 0xffff) + hex16(b >>> 16) + hex16(b & 0xffff);
  }
}

/** Checksum of `words[start..end)` as 16 hex digits. */
export function checksumWords(words: Uint32Array, start = 0, end = words.length): string {
  return new WordChecksum().update(words, start, end).hex();
}

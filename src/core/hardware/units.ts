/**
 * Memory units shared by the hardware modules.
 *
 * Every memory figure in `src/core/hardware` is in GiB (2^30 bytes) and written "GB", the way
 * operating systems, `nvidia-smi` and GPU vendors mean it ("24 GB VRAM" is 24 GiB). Ollama's
 * library pages and `ollama list` use decimal gigabytes; `decimalGbToGb` converts them once.
 *
 * - `BYTES_PER_GB`: 2^30.
 * - `bytesToGb(bytes)`, `decimalGbToGb(gb)`: conversions into the unit used here.
 * - `formatGb(gb)`: "10.8 GB", "64 GB".
 * - `round1(n)`: one decimal, the precision our estimates honestly have.
 */

export const BYTES_PER_GB = 2 ** 30;

/** Bytes to GB (GiB). */
export function bytesToGb(bytes: number): number {
  return bytes / BYTES_PER_GB;
}

/** Decimal gigabytes (10^9 bytes, as Ollama prints sizes) to the GB (GiB) used here. */
export function decimalGbToGb(decimalGb: number): number {
  return (decimalGb * 1e9) / BYTES_PER_GB;
}

/** `n` rounded to one decimal. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** "10.8 GB"; whole numbers drop the ".0" so stated sizes read as the user wrote them. */
export function formatGb(gb: number): string {
  const rounded = round1(gb);
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} GB`;
}

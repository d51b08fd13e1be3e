/**
 * Sizes and precisions as answers write them.
 *
 * - `readSize(text)`: the first parameter count in `text` ("70B", "27 billion", "8x7B",
 *   "235B-A22B", "405B 参数", "340亿"), in billions, total for mixtures of experts.
 * - `readQuantization(text)`: the first precision named ("Q4_K_M", "q8", "F16", "full precision",
 *   "at 8-bit", "int4", "8 位量化").
 * - `typicalArchitecture(paramsB)`: an attention layout for a model known only by its size.
 */
import { normalizeQuantization, type Quantization } from "./quantization";

/** A parameter count read from text. */
export interface SizeReading {
  sizeB: number;
  /** Where it starts and ends in the text read. */
  index: number;
  end: number;
  /** Parameters active per token, when written ("235B-A22B"). */
  activeB?: number;
}

/**
 * Mixture-of-experts sizes written as experts × expert size overstate the total: attention and
 * embeddings are shared (Mixtral 8x7B has 46.7 B, not 56; 8x22B has 141 B, not 176).
 */
const SHARED_MOE_FACTOR = 0.82;

// Order matters: the MoE forms first, so "8x7B" is not read as "7B".
const SIZE_FORMS: ReadonlyArray<{ re: RegExp; read: (m: RegExpExecArray) => Omit<SizeReading, "index" | "end"> }> = [
  { re: /(?<![\w.])(\d{1,3})\s*[x×]\s*(\d+(?:\.\d+)?)\s*b(?![a-z])/i, read: (m) => ({ sizeB: Number(m[1]) * Number(m[2]) * SHARED_MOE_FACTOR }) },
  { re: /(?<![\w.])(\d+(?:\.\d+)?)\s*b[\s_-]*a(\d+(?:\.\d+)?)\s*b(?![a-z])/i, read: (m) => ({ sizeB: Number(m[1]), activeB: Number(m[2]) }) },
  { re: /(?<![\w.])(\d+(?:\.\d+)?)\s*(?:b|bn|billion)(?![a-z])/i, read: (m) => ({ sizeB: Number(m[1]) }) },
  { re: /(?<![\w.])(\d+(?:\.\d+)?)\s*(?:m|million)(?![a-z])(?=\s*(?:param|参数|model|embed|\)|）|$))/i, read: (m) => ({ sizeB: Number(m[1]) / 1000 }) },
  { re: /(?<![\w.])(\d+(?:\.\d+)?)\s*亿/, read: (m) => ({ sizeB: Number(m[1]) / 10 }) },
];

/** The first parameter count written in `text`, or undefined. */
export function readSize(text: string): SizeReading | undefined {
  let best: SizeReading | undefined;
  for (const form of SIZE_FORMS) {
    const m = form.re.exec(text);
    if (!m) continue;
    const reading = { ...form.read(m), index: m.index, end: m.index + m[0].length };
    if (!Number.isFinite(reading.sizeB) || reading.sizeB <= 0) continue;
    // The earliest wins; at the same place, the longer form (an MoE size) wins.
    if (!best || reading.index < best.index || (reading.index === best.index && reading.end > best.end)) best = reading;
  }
  return best;
}

const BITS: Readonly<Record<string, Quantization>> = { "2": "Q2_K", "3": "Q3_K_M", "4": "Q4_K_M", "5": "Q5_K_M", "6": "Q6_K", "8": "Q8_0", "16": "F16" };

const QUANT_FORMS: ReadonlyArray<{ re: RegExp; read: (m: RegExpExecArray) => Quantization | undefined }> = [
  { re: /(?<![\w])(iq4_xs|mxfp4|q[2-8]_k_[sml]|q[2-8]_k|q[458]_[01]|q[2-8]|f16|fp16|bf16|f32|fp32)(?![\w])/i, read: (m) => normalizeQuantization(m[1]) },
  { re: /\b(?:full|half)[\s-]precision\b|\bunquantized\b|\bnon-quantized\b|半精度|全精度|不量化/i, read: () => "F16" },
  { re: /(?<![\w.])(2|3|4|5|6|8|16)[\s-]?bits?\b|(?<![\w.])(2|3|4|5|6|8|16)\s*(?:位|比特)/i, read: (m) => BITS[m[1] ?? m[2]] },
  { re: /\bint([48])\b/i, read: (m) => BITS[m[1]] },
];

/** The first precision named in `text`, with where it is; undefined when none is. */
export function readQuantization(text: string): { quantization: Quantization; index: number } | undefined {
  let best: { quantization: Quantization; index: number } | undefined;
  for (const form of QUANT_FORMS) {
    const m = form.re.exec(text);
    const quantization = m ? form.read(m) : undefined;
    if (m && quantization && (!best || m.index < best.index)) best = { quantization, index: m.index };
  }
  return best;
}

/**
 * An attention layout for a model known only by its parameter count: grouped-query attention with
 * 8 KV heads of 128 (what nearly every model since 2024 uses) and the layer count of a typical
 * model that size. Without it the worst case (no grouping) makes every verdict "unknown".
 */
export function typicalArchitecture(paramsB: number): { layers: number; kvHeads: number; headDim: number } {
  const layers = paramsB <= 2 ? 24 : paramsB <= 9 ? 32 : paramsB <= 15 ? 40 : paramsB <= 40 ? 60 : paramsB <= 80 ? 80 : 100;
  return { layers, kvHeads: 8, headDim: 128 };
}

/**
 * GGUF quantization types and how many bits each weight costs on average.
 *
 * - `BITS_PER_WEIGHT`: average bits per weight for each quantization Ollama serves.
 * - `Quantization`: the names above.
 * - `normalizeQuantization(text)`: "q4_K_M", "Q4_K_M", "fp16" → the canonical name, or undefined.
 */

/**
 * Average bits per weight, over all of a model's tensors.
 *
 * Legacy quants store blocks of 32 weights plus one f16 scale: Q4_0 = 4 + 16/32 = 4.5 bits,
 * Q8_0 = 8 + 16/32 = 8.5, Q4_1/Q5_1 add an f16 minimum (+0.5). K-quants use 256-weight
 * super-blocks: Q4_K is 4.5 bits, Q5_K 5.5, Q6_K 6.5625. The "_M" mixes keep the attention value
 * and feed-forward down projections of about half the layers, and the output matrix, at Q6_K,
 * which lifts Q4_K_M to about 4.85 bits and Q5_K_M to about 5.7 (llama.cpp reports 4.89 and 5.70
 * BPW for Llama 3 8B). F16/BF16 are 16 bits. MXFP4 (gpt-oss) is 4 bits + one 8-bit scale per 32.
 */
export const BITS_PER_WEIGHT = {
  // Q2_K keeps attention and output tensors at higher precision: 3.2 GB for Llama 3.1 8B, 26 GB for 70B.
  Q2_K: 3.1,
  Q3_K_S: 3.5,
  Q3_K_M: 3.9,
  Q3_K_L: 4.3,
  IQ4_XS: 4.25,
  MXFP4: 4.25,
  Q4_0: 4.5,
  Q4_K_S: 4.6,
  Q4_K_M: 4.85,
  Q4_1: 5.0,
  Q5_0: 5.5,
  Q5_K_S: 5.55,
  Q5_K_M: 5.7,
  Q5_1: 6.0,
  Q6_K: 6.6,
  Q8_0: 8.5,
  F16: 16,
  BF16: 16,
  F32: 32,
} as const;

/** A quantization we know the size of. */
export type Quantization = keyof typeof BITS_PER_WEIGHT;

const ALIASES: Readonly<Record<string, Quantization>> = {
  FP16: "F16",
  FP32: "F32",
  Q8: "Q8_0",
  Q6: "Q6_K",
  // "Q4" in prose means Ollama's usual 4-bit quant; bare K-quants mean their medium mix.
  Q5: "Q5_K_M",
  Q4: "Q4_K_M",
  Q3: "Q3_K_M",
  Q2: "Q2_K",
  Q5_K: "Q5_K_M",
  Q4_K: "Q4_K_M",
  Q3_K: "Q3_K_M",
};

/** The canonical name for a quantization as Ollama or a model card writes it; undefined if unknown. */
export function normalizeQuantization(text: string | undefined): Quantization | undefined {
  if (text === undefined) return undefined;
  const upper = text.trim().toUpperCase().replace(/-/g, "_");
  if (upper in BITS_PER_WEIGHT) return upper as Quantization;
  return ALIASES[upper];
}

/**
 * Facts about popular models that may not be installed, so the plugin can say what fits before
 * anything is downloaded.
 *
 * - `ModelFacts`: what the fit calculator needs to know about a model; any field may be missing
 *   (installed models with incomplete `/api/show` data), and the calculator says so.
 * - `CatalogEntry`: a `ModelFacts` with every field known, plus recognition data.
 * - `CATALOG`: the entries, in family order.
 * - `catalogByTag(tag)`: the entry for an Ollama tag (`qwen2.5:14b`, `llama3.2`, `phi3:mini`).
 * - `catalogModels(kind?)`: all entries, optionally only chat or only embedding models.
 * - `tagSize(tag)`: the size written in a tag (`qwen3:30b-a3b` → 30 B total, 3 B active).
 */
import { familyEntries as family, type CatalogEntry, type ModelKind, type SlidingWindow } from "./model-facts";
import { LIBRARY } from "./library";

export type { CatalogEntry, Lineage, ModelFacts, ModelKind, ModelUse, SlidingWindow } from "./model-facts";

const GEMMA3_SWA: SlidingWindow = { window: 1024, globalEvery: 6 };
const GEMMA2_SWA: SlidingWindow = { window: 4096, globalEvery: 2 };
// Gemma 3 (4B and up) bundles a SigLIP vision encoder of about 0.42 B parameters, shipped at F16.
const SIGLIP_B = 0.42;

/*
 * Architecture numbers are the models' published configs (num_hidden_layers, num_key_value_heads,
 * head_dim or hidden_size / num_attention_heads, max_position_embeddings). Parameter counts are
 * what Ollama's model pages report. `downloadGb` is the size on the ollama.com library page
 * sizes for the default tag (decimal GB). `quantization` is the default tag's: Q4_K_M for most,
 * Q4_0 for models Ollama published before mid-2024 (Mistral 7B, Mistral Nemo, Phi-3, Gemma 2),
 * Q8_0 for Llama 3.2 1B, F16 for embedding models.
 */
export const CATALOG: readonly CatalogEntry[] = [
  ...family("llama", { quantization: "Q4_K_M", kvHeads: 8, headDim: 128, maxContext: 131072 }, [
    { tag: "llama3.1:8b", name: "Llama 3.1 8B", paramsB: 8.03, layers: 32, downloadGb: 4.9, released: "2024-07", latest: true, aliases: ["Meta-Llama-3.1-8B-Instruct"] },
    { tag: "llama3.1:70b", name: "Llama 3.1 70B", paramsB: 70.6, layers: 80, downloadGb: 43, released: "2024-07", aliases: ["Meta-Llama-3.1-70B-Instruct"] },
    { tag: "llama3.1:405b", name: "Llama 3.1 405B", paramsB: 405.9, layers: 126, downloadGb: 243, released: "2024-07", aliases: ["Meta-Llama-3.1-405B-Instruct"] },
    { tag: "llama3.2:1b", name: "Llama 3.2 1B", paramsB: 1.24, layers: 16, headDim: 64, quantization: "Q8_0", downloadGb: 1.3, released: "2024-09", aliases: ["Llama-3.2-1B-Instruct"] },
    { tag: "llama3.2:3b", name: "Llama 3.2 3B", paramsB: 3.21, layers: 28, downloadGb: 2.0, released: "2024-09", latest: true, aliases: ["Llama-3.2-3B-Instruct"] },
    { tag: "llama3.3:70b", name: "Llama 3.3 70B", paramsB: 70.6, layers: 80, downloadGb: 43, released: "2024-12", latest: true, aliases: ["Llama-3.3-70B-Instruct"] },
  ]),
  ...family("qwen", { quantization: "Q4_K_M", headDim: 128, maxContext: 32768 }, [
    { tag: "qwen2.5:0.5b", name: "Qwen 2.5 0.5B", paramsB: 0.49, layers: 24, kvHeads: 2, headDim: 64, downloadGb: 0.398, released: "2024-09", aliases: ["Qwen2.5-0.5B-Instruct"] },
    { tag: "qwen2.5:1.5b", name: "Qwen 2.5 1.5B", paramsB: 1.54, layers: 28, kvHeads: 2, downloadGb: 0.986, released: "2024-09", aliases: ["Qwen2.5-1.5B-Instruct"] },
    { tag: "qwen2.5:3b", name: "Qwen 2.5 3B", paramsB: 3.09, layers: 36, kvHeads: 2, downloadGb: 1.9, released: "2024-09", aliases: ["Qwen2.5-3B-Instruct"] },
    { tag: "qwen2.5:7b", name: "Qwen 2.5 7B", paramsB: 7.62, layers: 28, kvHeads: 4, downloadGb: 4.7, released: "2024-09", latest: true, aliases: ["Qwen2.5-7B-Instruct"] },
    { tag: "qwen2.5:14b", name: "Qwen 2.5 14B", paramsB: 14.8, layers: 48, kvHeads: 8, downloadGb: 9.0, released: "2024-09", aliases: ["Qwen2.5-14B-Instruct"] },
    { tag: "qwen2.5:32b", name: "Qwen 2.5 32B", paramsB: 32.8, layers: 64, kvHeads: 8, downloadGb: 20, released: "2024-09", aliases: ["Qwen2.5-32B-Instruct"] },
    { tag: "qwen2.5:72b", name: "Qwen 2.5 72B", paramsB: 72.7, layers: 80, kvHeads: 8, downloadGb: 47, released: "2024-09", aliases: ["Qwen2.5-72B-Instruct"] },
    // Qwen 3: the original configs' 40,960-token context (the 2507 refreshes extend it to 256K).
    { tag: "qwen3:0.6b", name: "Qwen 3 0.6B", paramsB: 0.75, layers: 28, kvHeads: 8, maxContext: 40960, downloadGb: 0.523, released: "2025-04", aliases: ["Qwen3-0.6B"] },
    { tag: "qwen3:1.7b", name: "Qwen 3 1.7B", paramsB: 2.03, layers: 28, kvHeads: 8, maxContext: 40960, downloadGb: 1.4, released: "2025-04", aliases: ["Qwen3-1.7B"] },
    { tag: "qwen3:4b", name: "Qwen 3 4B", paramsB: 4.02, layers: 36, kvHeads: 8, maxContext: 40960, downloadGb: 2.5, released: "2025-04", aliases: ["Qwen3-4B"] },
    { tag: "qwen3:8b", name: "Qwen 3 8B", paramsB: 8.19, layers: 36, kvHeads: 8, maxContext: 40960, downloadGb: 5.2, released: "2025-04", latest: true, aliases: ["Qwen3-8B"] },
    { tag: "qwen3:14b", name: "Qwen 3 14B", paramsB: 14.8, layers: 40, kvHeads: 8, maxContext: 40960, downloadGb: 9.3, released: "2025-04", aliases: ["Qwen3-14B"] },
    { tag: "qwen3:30b-a3b", name: "Qwen 3 30B-A3B", paramsB: 30.5, activeParamsB: 3.3, layers: 48, kvHeads: 4, maxContext: 40960, downloadGb: 19, released: "2025-04", tags: ["qwen3:30b"], aliases: ["Qwen3-30B-A3B"] },
    { tag: "qwen3:32b", name: "Qwen 3 32B", paramsB: 32.8, layers: 64, kvHeads: 8, maxContext: 40960, downloadGb: 20, released: "2025-04", aliases: ["Qwen3-32B"] },
    { tag: "qwen3:235b-a22b", name: "Qwen 3 235B-A22B", paramsB: 235.1, activeParamsB: 22, layers: 94, kvHeads: 4, maxContext: 40960, downloadGb: 142, released: "2025-04", tags: ["qwen3:235b"], aliases: ["Qwen3-235B-A22B"] },
  ]),
  ...family("gemma", { quantization: "Q4_0", maxContext: 8192, slidingWindow: GEMMA2_SWA }, [
    { tag: "gemma2:2b", name: "Gemma 2 2B", paramsB: 2.61, layers: 26, kvHeads: 4, headDim: 256, downloadGb: 1.6, released: "2024-07", aliases: ["gemma-2-2b-it"] },
    { tag: "gemma2:9b", name: "Gemma 2 9B", paramsB: 9.24, layers: 42, kvHeads: 8, headDim: 256, downloadGb: 5.4, released: "2024-06", latest: true, aliases: ["gemma-2-9b-it"] },
    { tag: "gemma2:27b", name: "Gemma 2 27B", paramsB: 27.2, layers: 46, kvHeads: 16, headDim: 128, downloadGb: 16, released: "2024-06", aliases: ["gemma-2-27b-it"] },
  ]),
  ...family("gemma", { quantization: "Q4_K_M", maxContext: 131072, slidingWindow: GEMMA3_SWA, visionParamsB: SIGLIP_B }, [
    { tag: "gemma3:1b", name: "Gemma 3 1B", paramsB: 1.0, visionParamsB: 0, layers: 26, kvHeads: 1, headDim: 256, maxContext: 32768, downloadGb: 0.815, released: "2025-03", aliases: ["gemma-3-1b-it"] },
    { tag: "gemma3:4b", name: "Gemma 3 4B", paramsB: 4.3, layers: 34, kvHeads: 4, headDim: 256, downloadGb: 3.3, released: "2025-03", latest: true, aliases: ["gemma-3-4b-it"] },
    { tag: "gemma3:12b", name: "Gemma 3 12B", paramsB: 12.2, layers: 48, kvHeads: 8, headDim: 256, downloadGb: 8.1, released: "2025-03", aliases: ["gemma-3-12b-it"] },
    { tag: "gemma3:27b", name: "Gemma 3 27B", paramsB: 27.4, layers: 62, kvHeads: 16, headDim: 128, downloadGb: 17, released: "2025-03", aliases: ["gemma-3-27b-it"] },
  ]),
  ...family("mistral", { kvHeads: 8, headDim: 128 }, [
    { tag: "mistral:7b", name: "Mistral 7B", paramsB: 7.25, layers: 32, quantization: "Q4_0", maxContext: 32768, downloadGb: 4.1, released: "2024-05", latest: true, aliases: ["Mistral-7B-Instruct-v0.3"] },
    { tag: "mistral-nemo:12b", name: "Mistral Nemo 12B", paramsB: 12.2, layers: 40, quantization: "Q4_0", maxContext: 131072, downloadGb: 7.1, released: "2024-07", latest: true, aliases: ["Mistral-Nemo-Instruct-2407"] },
    { tag: "mistral-small:24b", name: "Mistral Small 24B", paramsB: 23.6, layers: 40, quantization: "Q4_K_M", maxContext: 32768, downloadGb: 14, released: "2025-01", latest: true, aliases: ["Mistral-Small-24B-Instruct-2501"] },
  ]),
  ...family("phi", {}, [
    // phi3:mini is the 4K-context Phi-3 mini; Ollama still serves it as Q4_0.
    { tag: "phi3:3.8b", name: "Phi-3 Mini 3.8B", paramsB: 3.82, layers: 32, kvHeads: 32, headDim: 96, quantization: "Q4_0", maxContext: 4096, downloadGb: 2.2, released: "2024-04", latest: true, variant: "mini", tags: ["phi3:mini"], aliases: ["Phi-3-mini-4k-instruct"] },
    { tag: "phi4:14b", name: "Phi-4 14B", paramsB: 14.7, layers: 40, kvHeads: 10, headDim: 128, quantization: "Q4_K_M", maxContext: 16384, downloadGb: 9.1, released: "2024-12", latest: true, aliases: ["Phi-4"] },
  ]),
  // DeepSeek-R1 distills: a Qwen or Llama base fine-tuned on R1's reasoning; the configs are the bases'.
  ...family("deepseek-r1", { quantization: "Q4_K_M", headDim: 128, maxContext: 131072, use: "reasoning" }, [
    { tag: "deepseek-r1:1.5b", name: "DeepSeek-R1 Distill Qwen 1.5B", paramsB: 1.78, layers: 28, kvHeads: 2, downloadGb: 1.1, released: "2025-01", aliases: ["DeepSeek-R1-Distill-Qwen-1.5B"] },
    { tag: "deepseek-r1:7b", name: "DeepSeek-R1 Distill Qwen 7B", paramsB: 7.62, layers: 28, kvHeads: 4, downloadGb: 4.7, released: "2025-01", aliases: ["DeepSeek-R1-Distill-Qwen-7B"] },
    // Since May 2025 the 8b tag is the R1-0528 distill into Qwen3 8B (it was Llama 3.1 8B before).
    { tag: "deepseek-r1:8b", name: "DeepSeek-R1 0528 Qwen3 8B", paramsB: 8.19, layers: 36, kvHeads: 8, downloadGb: 5.2, released: "2025-05", latest: true, aliases: ["DeepSeek-R1-0528-Qwen3-8B", "DeepSeek-R1-Distill-Llama-8B"] },
    { tag: "deepseek-r1:14b", name: "DeepSeek-R1 Distill Qwen 14B", paramsB: 14.8, layers: 48, kvHeads: 8, downloadGb: 9.0, released: "2025-01", aliases: ["DeepSeek-R1-Distill-Qwen-14B"] },
    { tag: "deepseek-r1:32b", name: "DeepSeek-R1 Distill Qwen 32B", paramsB: 32.8, layers: 64, kvHeads: 8, downloadGb: 20, released: "2025-01", aliases: ["DeepSeek-R1-Distill-Qwen-32B"] },
    { tag: "deepseek-r1:70b", name: "DeepSeek-R1 Distill Llama 70B", paramsB: 70.6, layers: 80, kvHeads: 8, downloadGb: 43, released: "2025-01", aliases: ["DeepSeek-R1-Distill-Llama-70B"] },
  ]),
  // Encoder-only embedding models: F16, no KV cache; heads and layers are listed for completeness.
  ...family("embedding", { kind: "embedding", use: "embedding", quantization: "F16", headDim: 64, latest: true }, [
    { tag: "nomic-embed-text", name: "nomic-embed-text", paramsB: 0.137, layers: 12, kvHeads: 12, maxContext: 8192, downloadGb: 0.274, released: "2024-02", tags: ["nomic-embed-text:v1.5"], aliases: ["nomic-embed-text-v1.5"] },
    { tag: "mxbai-embed-large", name: "mxbai-embed-large", paramsB: 0.335, layers: 24, kvHeads: 16, maxContext: 512, downloadGb: 0.67, released: "2024-03", tags: ["mxbai-embed-large:335m"], aliases: ["mxbai-embed-large-v1"] },
    { tag: "bge-m3", name: "bge-m3", paramsB: 0.567, layers: 24, kvHeads: 16, maxContext: 8192, downloadGb: 1.2, released: "2024-01", tags: ["bge-m3:567m"], aliases: ["BAAI/bge-m3"] },
  ]),
];

function withoutLatest(tag: string): string {
  return tag.toLowerCase().replace(/:latest$/, "");
}

/** Every model the plugin knows: the catalog first, then the wider library. */
export const KNOWN_MODELS: readonly CatalogEntry[] = [...CATALOG, ...LIBRARY];

/** The known entry for an Ollama tag; a bare family name means its `latest` model. */
export function catalogByTag(tag: string): CatalogEntry | undefined {
  const wanted = withoutLatest(tag.trim());
  const exact = KNOWN_MODELS.find((entry) => entry.tags.some((t) => t === wanted));
  if (exact || wanted.includes(":")) return exact;
  return KNOWN_MODELS.find((entry) => entry.family === wanted && entry.latest === true);
}

/** Every catalog entry, or only those of one kind. */
export function catalogModels(kind?: ModelKind): readonly CatalogEntry[] {
  return kind === undefined ? CATALOG : CATALOG.filter((entry) => entry.kind === kind);
}

/** The sizes written in an Ollama tag, in billions: `qwen3:30b-a3b` → { sizeB: 30, activeB: 3 }. */
export function tagSize(tag: string): { sizeB?: number; activeB?: number } {
  const match = /:(\d+(?:\.\d+)?)([bm])(?:-a(\d+(?:\.\d+)?)b)?(?![a-z0-9])/i.exec(tag);
  if (!match) return {};
  const size = Number(match[1]) / (match[2].toLowerCase() === "m" ? 1000 : 1);
  return match[3] === undefined ? { sizeB: size } : { sizeB: size, activeB: Number(match[3]) };
}

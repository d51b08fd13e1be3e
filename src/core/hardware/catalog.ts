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
import { parseModelRows, type CatalogEntry, type ModelKind } from "./model-facts";
import { LIBRARY } from "./library";

export type { CatalogEntry, Lineage, ModelFacts, ModelKind, ModelUse, SlidingWindow } from "./model-facts";

/*
 * Architecture numbers are the models' published configs (num_hidden_layers, num_key_value_heads,
 * head_dim or hidden_size / num_attention_heads, max_position_embeddings). Parameter counts are
 * what Ollama's model pages report. `downloadGb` is the size on the ollama.com library page
 * sizes for the default tag (decimal GB). `quantization` is the default tag's: Q4_K_M for most,
 * Q4_0 for models Ollama published before mid-2024 (Mistral 7B, Mistral Nemo, Phi-3, Gemma 2),
 * Q8_0 for Llama 3.2 1B, F16 for embedding models.
 */
export const CATALOG: readonly CatalogEntry[] = parseModelRows({
  "llama": [
    "llama3.1:8b|Llama 3.1 8B|8.03|4.9|32 8 128 131072|Q4_K_M|2024-07|latest aka=Meta-Llama-3.1-8B-Instruct",
    "llama3.1:70b|Llama 3.1 70B|70.6|43|80 8 128 131072|Q4_K_M|2024-07|aka=Meta-Llama-3.1-70B-Instruct",
    "llama3.1:405b|Llama 3.1 405B|405.9|243|126 8 128 131072|Q4_K_M|2024-07|aka=Meta-Llama-3.1-405B-Instruct",
    "llama3.2:1b|Llama 3.2 1B|1.24|1.3|16 8 64 131072|Q8_0|2024-09|aka=Llama-3.2-1B-Instruct",
    "llama3.2:3b|Llama 3.2 3B|3.21|2|28 8 128 131072|Q4_K_M|2024-09|latest aka=Llama-3.2-3B-Instruct",
    "llama3.3:70b|Llama 3.3 70B|70.6|43|80 8 128 131072|Q4_K_M|2024-12|latest aka=Llama-3.3-70B-Instruct",
  ],
  "qwen": [
    "qwen2.5:0.5b|Qwen 2.5 0.5B|0.49|0.398|24 2 64 32768|Q4_K_M|2024-09|aka=Qwen2.5-0.5B-Instruct",
    "qwen2.5:1.5b|Qwen 2.5 1.5B|1.54|0.986|28 2 128 32768|Q4_K_M|2024-09|aka=Qwen2.5-1.5B-Instruct",
    "qwen2.5:3b|Qwen 2.5 3B|3.09|1.9|36 2 128 32768|Q4_K_M|2024-09|aka=Qwen2.5-3B-Instruct",
    "qwen2.5:7b|Qwen 2.5 7B|7.62|4.7|28 4 128 32768|Q4_K_M|2024-09|latest aka=Qwen2.5-7B-Instruct",
    "qwen2.5:14b|Qwen 2.5 14B|14.8|9|48 8 128 32768|Q4_K_M|2024-09|aka=Qwen2.5-14B-Instruct",
    "qwen2.5:32b|Qwen 2.5 32B|32.8|20|64 8 128 32768|Q4_K_M|2024-09|aka=Qwen2.5-32B-Instruct",
    "qwen2.5:72b|Qwen 2.5 72B|72.7|47|80 8 128 32768|Q4_K_M|2024-09|aka=Qwen2.5-72B-Instruct",
    // Qwen 3: the original configs' 40,960-token context (the 2507 refreshes extend it to 256K).
    "qwen3:0.6b|Qwen 3 0.6B|0.75|0.523|28 8 128 40960|Q4_K_M|2025-04|aka=Qwen3-0.6B",
    "qwen3:1.7b|Qwen 3 1.7B|2.03|1.4|28 8 128 40960|Q4_K_M|2025-04|aka=Qwen3-1.7B",
    "qwen3:4b|Qwen 3 4B|4.02|2.5|36 8 128 40960|Q4_K_M|2025-04|aka=Qwen3-4B",
    "qwen3:8b|Qwen 3 8B|8.19|5.2|36 8 128 40960|Q4_K_M|2025-04|latest aka=Qwen3-8B",
    "qwen3:14b|Qwen 3 14B|14.8|9.3|40 8 128 40960|Q4_K_M|2025-04|aka=Qwen3-14B",
    "qwen3:30b-a3b|Qwen 3 30B-A3B|30.5|19|48 4 128 40960|Q4_K_M|2025-04|active=3.3 tags=qwen3:30b aka=Qwen3-30B-A3B",
    "qwen3:32b|Qwen 3 32B|32.8|20|64 8 128 40960|Q4_K_M|2025-04|aka=Qwen3-32B",
    "qwen3:235b-a22b|Qwen 3 235B-A22B|235.1|142|94 4 128 40960|Q4_K_M|2025-04|active=22 tags=qwen3:235b aka=Qwen3-235B-A22B",
  ],
  // Gemma 2 keeps every other layer to a 4,096-token window, Gemma 3 five in six to 1,024; Gemma 3
  // (4B and up) bundles a SigLIP vision encoder of about 0.42 B parameters, shipped at F16.
  "gemma": [
    "gemma2:2b|Gemma 2 2B|2.61|1.6|26 4 256 8192|Q4_0|2024-07|window=4096/2 aka=gemma-2-2b-it",
    "gemma2:9b|Gemma 2 9B|9.24|5.4|42 8 256 8192|Q4_0|2024-06|latest window=4096/2 aka=gemma-2-9b-it",
    "gemma2:27b|Gemma 2 27B|27.2|16|46 16 128 8192|Q4_0|2024-06|window=4096/2 aka=gemma-2-27b-it",
    "gemma3:1b|Gemma 3 1B|1|0.815|26 1 256 32768|Q4_K_M|2025-03|vision=0 window=1024/6 aka=gemma-3-1b-it",
    "gemma3:4b|Gemma 3 4B|4.3|3.3|34 4 256 131072|Q4_K_M|2025-03|latest vision=0.42 window=1024/6 aka=gemma-3-4b-it",
    "gemma3:12b|Gemma 3 12B|12.2|8.1|48 8 256 131072|Q4_K_M|2025-03|vision=0.42 window=1024/6 aka=gemma-3-12b-it",
    "gemma3:27b|Gemma 3 27B|27.4|17|62 16 128 131072|Q4_K_M|2025-03|vision=0.42 window=1024/6 aka=gemma-3-27b-it",
  ],
  "mistral": [
    "mistral:7b|Mistral 7B|7.25|4.1|32 8 128 32768|Q4_0|2024-05|latest aka=Mistral-7B-Instruct-v0.3",
    "mistral-nemo:12b|Mistral Nemo 12B|12.2|7.1|40 8 128 131072|Q4_0|2024-07|latest aka=Mistral-Nemo-Instruct-2407",
    "mistral-small:24b|Mistral Small 24B|23.6|14|40 8 128 32768|Q4_K_M|2025-01|latest aka=Mistral-Small-24B-Instruct-2501",
  ],
  "phi": [
    // phi3:mini is the 4K-context Phi-3 mini; Ollama still serves it as Q4_0.
    "phi3:3.8b|Phi-3 Mini 3.8B|3.82|2.2|32 32 96 4096|Q4_0|2024-04|latest variant=mini tags=phi3:mini aka=Phi-3-mini-4k-instruct",
    "phi4:14b|Phi-4 14B|14.7|9.1|40 10 128 16384|Q4_K_M|2024-12|latest aka=Phi-4",
  ],
  // DeepSeek-R1 distills: a Qwen or Llama base fine-tuned on R1's reasoning; the configs are the bases'.
  "deepseek-r1": [
    "deepseek-r1:1.5b|DeepSeek-R1 Distill Qwen 1.5B|1.78|1.1|28 2 128 131072|Q4_K_M|2025-01|reasoning aka=DeepSeek-R1-Distill-Qwen-1.5B",
    "deepseek-r1:7b|DeepSeek-R1 Distill Qwen 7B|7.62|4.7|28 4 128 131072|Q4_K_M|2025-01|reasoning aka=DeepSeek-R1-Distill-Qwen-7B",
    // Since May 2025 the 8b tag is the R1-0528 distill into Qwen3 8B (it was Llama 3.1 8B before).
    "deepseek-r1:8b|DeepSeek-R1 0528 Qwen3 8B|8.19|5.2|36 8 128 131072|Q4_K_M|2025-05|latest reasoning aka=DeepSeek-R1-0528-Qwen3-8B+DeepSeek-R1-Distill-Llama-8B",
    "deepseek-r1:14b|DeepSeek-R1 Distill Qwen 14B|14.8|9|48 8 128 131072|Q4_K_M|2025-01|reasoning aka=DeepSeek-R1-Distill-Qwen-14B",
    "deepseek-r1:32b|DeepSeek-R1 Distill Qwen 32B|32.8|20|64 8 128 131072|Q4_K_M|2025-01|reasoning aka=DeepSeek-R1-Distill-Qwen-32B",
    "deepseek-r1:70b|DeepSeek-R1 Distill Llama 70B|70.6|43|80 8 128 131072|Q4_K_M|2025-01|reasoning aka=DeepSeek-R1-Distill-Llama-70B",
  ],
  // Encoder-only embedding models: F16, no KV cache; heads and layers are listed for completeness.
  "embedding": [
    "nomic-embed-text||0.137|0.274|12 12 64 8192|F16|2024-02|latest embedding tags=nomic-embed-text:v1.5 aka=nomic-embed-text-v1.5",
    "mxbai-embed-large||0.335|0.67|24 16 64 512|F16|2024-03|latest embedding tags=mxbai-embed-large:335m aka=mxbai-embed-large-v1",
    "bge-m3||0.567|1.2|24 16 64 8192|F16|2024-01|latest embedding tags=bge-m3:567m aka=BAAI/bge-m3",
  ],

});

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

/**
 * The facts a model entry holds, shared by the shipped catalog and the wider library.
 *
 * - `ModelFacts`: what the fit calculator needs to know about a model; any field may be missing.
 * - `CatalogEntry`: a `ModelFacts` with every field known, plus recognition data.
 * - `familyEntries(lineage, defaults, specs)`: entries of one family, defaults filled in.
 */
import type { Quantization } from "./quantization";

/** Chat models generate text; embedding models only turn text into vectors (no KV cache). */
export type ModelKind = "chat" | "embedding";
/** What the offline plan may pick a model for: reasoning distills think at length before answering. */
export type ModelUse = "general" | "reasoning" | "embedding";

/**
 * Layers that attend only to a window of recent tokens keep only that window in the KV cache
 * (Ollama's Gemma engines do this): every `globalEvery`-th layer sees the whole context.
 */
export interface SlidingWindow {
  window: number;
  globalEvery: number;
}

/** The facts the fit calculator uses; a missing field is unknown, never guessed. */
export interface ModelFacts {
  /** Ollama tag (`qwen2.5:14b`), or the name as written for a model we only saw mentioned. */
  tag: string;
  /** Human name, e.g. "Qwen 2.5 14B". */
  name: string;
  kind: ModelKind;
  /** Where the facts came from. */
  source: "catalog" | "ollama" | "mention";
  /** Ollama family key, e.g. `qwen2.5`, `mistral-small`. */
  family?: string;
  /** Parameters in billions; for mixture-of-experts models the total, which must all be loaded. */
  paramsB?: number;
  /** Parameters active per token (mixture of experts): they decide speed, not memory. */
  activeParamsB?: number;
  /** Parameters of a bundled vision encoder, which Ollama ships at F16. */
  visionParamsB?: number;
  /** Quantization of the weights as served, e.g. `Q4_K_M`. */
  quantization?: string;
  /** `num_hidden_layers` / `<arch>.block_count`. */
  layers?: number;
  /** `num_key_value_heads` / `<arch>.attention.head_count_kv`. */
  kvHeads?: number;
  /** `head_dim` / `<arch>.attention.key_length`. */
  headDim?: number;
  /** Longest context the model was trained for. */
  maxContext?: number;
  slidingWindow?: SlidingWindow;
  /** Download size in decimal GB, as Ollama prints it. */
  downloadGb?: number;
}

/** A family of related models, used to suggest a smaller sibling of a model that does not fit. */
export type Lineage = "llama" | "qwen" | "gemma" | "mistral" | "phi" | "deepseek-r1" | "deepseek" | "embedding" | "other";

/** A catalog model: every fact known. */
export interface CatalogEntry extends ModelFacts {
  source: "catalog";
  family: string;
  lineage: Lineage;
  use: ModelUse;
  paramsB: number;
  quantization: Quantization;
  layers: number;
  kvHeads: number;
  headDim: number;
  maxContext: number;
  downloadGb: number;
  /** Every tag Ollama accepts for these exact weights; the first is the one we show. */
  tags: readonly string[];
  /** Other names the model goes by (Hugging Face repos, model cards); the recognizer must find each. */
  aliases: readonly string[];
  /** Word that picks this model within its family when no size is written ("Phi-3 mini"). */
  variant?: string;
  /** The model `ollama pull <family>` gets. */
  latest?: boolean;
  /** Year and month of release, to prefer the newer of two equally large models. */
  released: string;
}

/** Facts shared by a family's entries; an entry's own value wins. */
export type Defaults = Partial<Pick<CatalogEntry, "kind" | "use" | "quantization" | "layers" | "kvHeads" | "headDim" | "maxContext" | "slidingWindow" | "visionParamsB" | "latest">>;
export type Spec = Defaults &
  Pick<CatalogEntry, "tag" | "name" | "paramsB" | "downloadGb" | "released"> &
  Partial<Pick<CatalogEntry, "activeParamsB" | "variant" | "tags" | "aliases">>;

/** Entries of one family with its shared facts filled in; the catalog test checks that none is left out. */
export function familyEntries(lineage: Lineage, defaults: Defaults, specs: readonly Spec[]): CatalogEntry[] {
  return specs.map((spec) => {
    const merged = { ...defaults, ...spec };
    return {
      ...merged,
      source: "catalog",
      kind: merged.kind ?? "chat",
      use: merged.use ?? "general",
      lineage,
      family: spec.tag.split(":")[0],
      tags: [spec.tag, ...(spec.tags ?? [])],
      aliases: spec.aliases ?? [],
    } as CatalogEntry;
  });
}


/**
 * The facts a model entry holds, shared by the shipped catalog and the wider library.
 *
 * - `ModelFacts`: what the fit calculator needs to know about a model; any field may be missing.
 * - `CatalogEntry`: a `ModelFacts` with every field known, plus recognition data.
 * - `parseModelRows(rows)`: entries from compact rows (what ships in main.js, under its budget):
 *   `tag|name|params B|download GB|layers kvHeads headDim maxContext|quantization|released|extras`,
 *   extras being `latest`, `reasoning`, `embedding`, `active=B`, `vision=B`, `variant=word`,
 *   `window=tokens/globalEvery`, `tags=a+b`, `aka=alias+alias`; an empty name means the tag.
 */
import { normalizeQuantization, type Quantization } from "./quantization";

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

function modelRow(lineage: Lineage, row: string): CatalogEntry {
  const [tag, name, params, download, arch, quant, released, extras = ""] = row.split("|");
  const [layers, kvHeads, headDim, maxContext] = arch.split(" ").map(Number);
  const flags = new Set(extras.split(" ").filter((x) => !x.includes("=")));
  const values = new Map(extras.split(" ").filter((x) => x.includes("=")).map((x) => x.split("=") as [string, string]));
  const list = (key: string) => (values.get(key) ?? "").split("+").filter(Boolean);
  const model: CatalogEntry = {
    tag,
    name: name || tag,
    kind: flags.has("embedding") ? "embedding" : "chat",
    source: "catalog",
    family: tag.split(":")[0],
    lineage,
    use: flags.has("embedding") ? "embedding" : flags.has("reasoning") ? "reasoning" : "general",
    paramsB: Number(params),
    quantization: normalizeQuantization(quant) ?? "Q4_K_M",
    layers,
    kvHeads,
    headDim,
    maxContext,
    downloadGb: Number(download),
    tags: [tag, ...list("tags")],
    aliases: list("aka"),
    released,
  };
  if (flags.has("latest")) model.latest = true;
  if (values.has("active")) model.activeParamsB = Number(values.get("active"));
  if (values.has("vision")) model.visionParamsB = Number(values.get("vision"));
  if (values.has("variant")) model.variant = values.get("variant");
  const window = values.get("window")?.split("/").map(Number);
  if (window) model.slidingWindow = { window: window[0], globalEvery: window[1] };
  return model;
}

/** Entries from compact rows, grouped by lineage, in order. */
export function parseModelRows(rows: Readonly<Partial<Record<Lineage, readonly string[]>>>): CatalogEntry[] {
  return (Object.entries(rows) as [Lineage, readonly string[]][]).flatMap(([lineage, list]) => list.map((row) => modelRow(lineage, row)));
}

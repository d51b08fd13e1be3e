/**
 * The Embedder over Ollama's `/api/embed` (batched input) and `/api/show`, through the official
 * client and the same host-scoped, abortable fetch as chat (`scopedFetch`). Every failure becomes
 * an EmbedError whose message tells the user what to do.
 */
import { Ollama } from "ollama/browser";
import { EmbedError, embedErrors, wordedEmbedError } from "../../core/index/index-errors";
import type { Embedder, EmbeddingModelInfo, EmbedPurpose } from "../../core/index/index-ports";
import { PlannerError, plannerErrors } from "../../core/shared/errors";
import { isStreamLimitError, type StreamLimits } from "./stream-guard";
import { checkOllamaHost } from "../../core/shared/host-policy";
import { scopedFetch, type FetchFn } from "./ollama-client";

/** How long `/api/show` may take before Ollama counts as unreachable. */
const DESCRIBE_TIMEOUT_MS = 10_000;
/** A batch that takes longer than this is treated as a hung server (a cold model load included). */
const EMBED_TIMEOUT_MS = 300_000;

export interface OllamaEmbedderOptions {
  /** Validated base URL (see checkOllamaHost). */
  baseUrl: string;
  fetch: FetchFn;
  /** The embedding model as configured, e.g. `nomic-embed-text`. */
  model: string;
  /** How long Ollama keeps the model loaded after a request (default "5m"). */
  keepAlive?: string;
  describeTimeoutMs?: number;
  embedTimeoutMs?: number;
  /** First-byte, stall and line-size limits of every answer (see stream-guard). */
  limits?: Partial<StreamLimits>;
}

/** `name:latest` when no tag is given, as Ollama resolves it, so both spellings are one model. */
export function canonicalModelName(name: string): string {
  const trimmed = name.trim();
  return trimmed.includes(":") ? trimmed : `${trimmed}:latest`;
}

/**
 * Task prefixes some embedding models were trained with. nomic-embed-text's model card requires
 * `search_document:` / `search_query:`; without them retrieval quality drops noticeably.
 */
export function taskPrefix(model: string, purpose: EmbedPurpose): string {
  if (/nomic-embed-text/i.test(model)) return purpose === "query" ? "search_query: " : "search_document: ";
  return "";
}

interface ErrorLike {
  name?: string;
  message?: string;
  status_code?: number;
  error?: string;
  cause?: { code?: string };
}

/** Largest magnitude a float32 holds; beyond it a value is stored as Infinity and every score is NaN. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** The vector as float32, or why it can't be stored (the index would score it NaN). */
function toFloat32(values: unknown): Float32Array | string {
  if (!Array.isArray(values) || values.length === 0) return "a vector is empty";
  const out = new Float32Array(values.length);
  let nonZero = false;
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) return "a vector holds something other than numbers";
    if (Math.abs(v) > FLOAT32_MAX) return "a vector holds a value too large to store";
    out[i] = v;
    if (v !== 0) nonZero = true;
  }
  return nonZero ? out : "a vector is all zeros";
}

/** The vector size from `/api/show`'s model_info (`<arch>.embedding_length`). */
function embeddingLength(modelInfo: unknown): number | undefined {
  const entries: [string, unknown][] = modelInfo instanceof Map ? [...(modelInfo as Map<string, unknown>).entries()] : typeof modelInfo === "object" && modelInfo !== null ? Object.entries(modelInfo) : [];
  const hit = entries.find(([key, value]) => key.endsWith(".embedding_length") && typeof value === "number");
  return hit ? (hit[1] as number) : undefined;
}

export class OllamaEmbedder implements Embedder {
  readonly model: string;
  readonly hostLabel: string;

  constructor(private readonly options: OllamaEmbedderOptions) {
    this.model = canonicalModelName(options.model);
    this.hostLabel = options.baseUrl;
  }

  private client(signal: AbortSignal): Ollama {
    return new Ollama({ host: this.options.baseUrl, fetch: scopedFetch(this.options.baseUrl, this.options.fetch, signal, this.options.limits) });
  }

  /** Maps what the client threw to the EmbedError the user should see. */
  private classify(error: unknown, signal: AbortSignal, timeout: AbortSignal, timeoutMs: number): EmbedError {
    if (error instanceof EmbedError) return error;
    if (signal.aborted) return embedErrors.aborted();
    // A limit, not a missing server: say which and for how long, so "not reachable" means just that.
    const limit = isStreamLimitError(error) ? error : timeout.aborted ? { limit: "first-byte" as const, amount: timeoutMs } : null;
    if (limit !== null) {
      const worded = plannerErrors.streamLimit(limit.limit, limit.amount, this.hostLabel, this.model);
      return new EmbedError("server", "stream-cut", `${worded.message} Indexing is paused.`, worded.wording && ((context) => `${worded.wording?.(context) ?? worded.message} Indexing is paused.`));
    }
    if (error instanceof PlannerError) return new EmbedError("server", error.kind, error.message, error.wording);
    const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as ErrorLike;
    const detail = e.error ?? e.message ?? "unknown error";
    if (e.name === "AbortError") return embedErrors.aborted();
    if (e.name === "ResponseError") {
      if (e.status_code === 404 && /not found/i.test(detail)) return embedErrors.modelMissing(this.model);
      if (/does not support embed|not an embedding model|embeddings? (are|is) not supported/i.test(detail)) return embedErrors.notEmbedding(this.model);
      return embedErrors.server(e.status_code ? `${detail} (HTTP ${e.status_code})` : detail);
    }
    // Names, not instanceof: errors may come from another realm (Electron's fetch, jsdom in tests).
    if (e.name === "SyntaxError") return embedErrors.badAnswer("not valid JSON");
    if (e.name === "TypeError" || e.cause?.code !== undefined) return embedErrors.unreachable(this.hostLabel);
    return embedErrors.server(detail);
  }

  private async call<T>(signal: AbortSignal, timeoutMs: number, run: (client: Ollama) => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = AbortSignal.any([signal, timeout]);
    if (signal.aborted) throw embedErrors.aborted();
    try {
      return await run(this.client(combined));
    } catch (error) {
      throw this.classify(error, signal, timeout, timeoutMs);
    }
  }

  async describe(signal: AbortSignal): Promise<EmbeddingModelInfo> {
    const show = await this.call(signal, this.options.describeTimeoutMs ?? DESCRIBE_TIMEOUT_MS, (client) => client.show({ model: this.model }));
    const capabilities: unknown = show.capabilities;
    // Servers before capabilities existed (Ollama < 0.6) say nothing: let the first embed decide.
    const canEmbed = Array.isArray(capabilities) && capabilities.length > 0 ? capabilities.includes("embedding") : true;
    return { dims: embeddingLength(show.model_info), canEmbed };
  }

  async embed(texts: readonly string[], signal: AbortSignal, purpose: EmbedPurpose = "document"): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const prefix = taskPrefix(this.model, purpose);
    const response = await this.call(signal, this.options.embedTimeoutMs ?? EMBED_TIMEOUT_MS, (client) =>
      client.embed({ model: this.model, input: texts.map((t) => prefix + t), truncate: true, keep_alive: this.options.keepAlive ?? "5m" }),
    );
    const embeddings: unknown = response?.embeddings;
    if (!Array.isArray(embeddings)) throw embedErrors.badAnswer("no embeddings in the answer");
    if (embeddings.length !== texts.length) throw embedErrors.badAnswer(`${embeddings.length} vectors for ${texts.length} texts`);
    const vectors: Float32Array[] = [];
    for (const raw of embeddings) {
      const vector = toFloat32(raw);
      if (typeof vector === "string") throw embedErrors.badAnswer(vector);
      if (vectors.length > 0 && vector.length !== vectors[0].length) throw embedErrors.badAnswer("vectors of different sizes in one answer");
      vectors.push(vector);
    }
    return vectors;
  }
}

/** The embedder for `host` after the privacy check; a refused host is an EmbedError that pauses indexing. */
export function createEmbedder(host: string, allowRemote: boolean, platformFetch: FetchFn, model: string, limits?: Partial<StreamLimits>): OllamaEmbedder {
  const check = checkOllamaHost(host, allowRemote);
  if (check.error !== undefined || check.baseUrl === undefined) throw wordedEmbedError("server", "invalid-host", (context) => checkOllamaHost(host, allowRemote, context).error ?? "Invalid Ollama host.");
  return new OllamaEmbedder({ baseUrl: check.baseUrl, fetch: platformFetch, model, ...(limits ? { limits } : {}) });
}

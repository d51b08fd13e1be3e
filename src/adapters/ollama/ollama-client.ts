/** The LlmPort over Ollama's HTTP API, through the official `ollama` browser client. */
import { Ollama } from "ollama/browser";
import { PlannerError, plannerErrors } from "../../core/shared/errors";
import type { ChatRequest, ChatResult, InstalledModel, LlmPort, ModelShowFacts, PullProgress } from "../../core/shared/ports";
import { DEFAULT_STREAM_LIMITS, guardResponse, isStreamLimitError, StreamLimitError, type StreamLimits } from "./stream-guard";

/** How long listing models may take before Ollama counts as unreachable. */
const PROBE_TIMEOUT_MS = 4000;

export type FetchFn = typeof fetch;

export interface OllamaClientOptions {
  /** Validated base URL (see checkOllamaHost). */
  baseUrl: string;
  /** The platform's fetch (window.fetch in Obsidian, global fetch in Node). */
  fetch: FetchFn;
  probeTimeoutMs?: number;
  /** First-byte, stall and line-size limits (defaults: DEFAULT_STREAM_LIMITS). */
  limits?: Partial<StreamLimits>;
}

function requestUrl(input: Parameters<FetchFn>[0]): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** A refused redirect: the answer's status, for callers that report it (n8n's health check). */
export interface RedirectRefusal {
  redirectStatus: number;
}

/** The refusal of a redirect: both addresses, and that nothing went to the second one. */
export function redirectRefused(from: string, to: string | null, status = 0, service = "Ollama"): PlannerError & RedirectRefusal {
  const target = to === null ? "another address (the platform does not say which)" : to;
  const where = service === "Ollama" ? "set the Ollama host" : `set the ${service} URL`;
  const error = plannerErrors.invalidHost(
    `Refused a redirect: ${from} answered with a redirect to ${target}. Nothing was sent there. Check what is listening at ${new URL(from).origin}, or ${where} to the address ${service} really answers on.`,
  );
  return Object.assign(error, { redirectStatus: status });
}

/** True for the error scopedFetch throws when it refused a redirect. */
export function isRedirectRefusal(error: unknown): error is RedirectRefusal {
  return typeof error === "object" && error !== null && typeof (error as Partial<RedirectRefusal>).redirectStatus === "number";
}

/** True for an answer that is a redirect (Node shows the 3xx; a browser an opaque redirect). */
function isRedirect(response: Response): boolean {
  return response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400);
}

/**
 * The one network gate: a fetch that only ever talks to `baseUrl`, never follows a redirect (the
 * platform fetch would replay the note text to wherever it points), and cancels with `signal`.
 * URLs are compared parsed, so the client's explicit default port (":443") still matches.
 */
export function scopedFetch(baseUrl: string, platformFetch: FetchFn, signal?: AbortSignal, limits: Partial<StreamLimits> = {}, service = "Ollama"): FetchFn {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  const all: StreamLimits = { ...DEFAULT_STREAM_LIMITS, ...limits };
  return async (input, init) => {
    const url = requestUrl(input);
    let target: URL | null = null;
    try {
      target = new URL(url);
    } catch {
      target = null;
    }
    if (target === null || target.origin !== base.origin || !(target.pathname === basePath || target.pathname.startsWith(`${basePath}/`))) {
      throw plannerErrors.invalidHost(`Blocked a request to ${url}: only the configured ${service} host ${base.origin} may be contacted.`);
    }
    const signals = [signal, init?.signal ?? undefined].filter((s): s is AbortSignal => s !== undefined);
    const outer = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    return guardResponse(async (guarded) => {
      const response = await platformFetch(input, { ...init, redirect: "manual", signal: guarded });
      if (isRedirect(response)) {
        const location = response.headers.get("location");
        await response.body?.cancel().catch(() => undefined);
        throw redirectRefused(url, location === null ? null : new URL(location, url).href, response.status, service);
      }
      // A fetch that ignored "manual" (a polyfill) already followed it: refuse the answer at least.
      if (response.redirected && response.url !== "" && new URL(response.url).origin !== base.origin) {
        await response.body?.cancel().catch(() => undefined);
        throw redirectRefused(url, response.url, response.status, service);
      }
      return response;
    }, all, outer);
  };
}

interface ErrorWithDetails {
  name?: string;
  message?: string;
  status_code?: number;
  error?: string;
  cause?: { code?: string };
}

/** Maps whatever the client threw to the error the user should see. */
export function classifyOllamaError(error: unknown, context: { hostLabel: string; model?: string; aborted: boolean; streaming: boolean }): PlannerError {
  if (error instanceof PlannerError) return error;
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as ErrorWithDetails;
  const message = e.message ?? "";
  if (context.aborted) return plannerErrors.aborted();
  if (isStreamLimitError(error)) return plannerErrors.streamLimit(error.limit, error.amount, context.hostLabel, context.model);
  if (e.name === "AbortError") return plannerErrors.aborted();
  if (e.name === "ResponseError") {
    const detail = e.error ?? message;
    if (e.status_code === 404 && /not found/i.test(detail)) return plannerErrors.modelMissing(context.model ?? detail);
    return plannerErrors.server(e.status_code ? `${detail} (HTTP ${e.status_code})` : detail);
  }
  if (/did not receive done or success response/i.test(message)) return plannerErrors.streamCut("the connection was closed mid-answer");
  if (error instanceof SyntaxError) return plannerErrors.streamCut("Ollama sent a line that isn't valid JSON");
  // undici's "other side closed": the server took the request and hung up, which is not "not running".
  if (e.cause?.code === "UND_ERR_SOCKET") return plannerErrors.streamCut(context.streaming ? "the connection was lost" : "the connection was closed before the answer began");
  if (error instanceof TypeError || e.cause?.code !== undefined) {
    // fetch rejects with a TypeError both when nothing listens and when a running stream is cut.
    return context.streaming ? plannerErrors.streamCut("the connection was lost") : plannerErrors.unreachable(context.hostLabel);
  }
  // An {"error": "..."} line inside a 200 stream surfaces as a plain Error with that text.
  return plannerErrors.server(message || "unknown error");
}

function toInstalledModel(model: { name: string; size?: number; details?: { family?: string; families?: string[] | null; parameter_size?: string; quantization_level?: string } }): InstalledModel {
  const families = [model.details?.family, ...(model.details?.families ?? [])].filter((f): f is string => Boolean(f));
  const embeddingOnly = families.some((f) => /bert|embed/i.test(f)) || /embed|minilm|bge-/i.test(model.name);
  return {
    name: model.name,
    family: model.details?.family,
    parameterSize: model.details?.parameter_size,
    quantization: model.details?.quantization_level,
    sizeBytes: model.size,
    canChat: !embeddingOnly,
  };
}

/** Talks to one Ollama server. A new client is made per request so each has its own abort signal. */
export class OllamaLlm implements LlmPort {
  readonly hostLabel: string;

  constructor(private readonly options: OllamaClientOptions) {
    this.hostLabel = options.baseUrl;
  }

  private client(signal?: AbortSignal): Ollama {
    return new Ollama({ host: this.options.baseUrl, fetch: scopedFetch(this.options.baseUrl, this.options.fetch, signal, this.options.limits) });
  }

  /** Runs a short request with the probe timeout; a timeout counts as "unreachable". */
  private async probe<T>(signal: AbortSignal | undefined, call: (client: Ollama) => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.options.probeTimeoutMs ?? PROBE_TIMEOUT_MS);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      return await call(this.client(combined));
    } catch (error) {
      if (signal?.aborted) throw plannerErrors.aborted();
      if (timeout.aborted) throw plannerErrors.unreachable(this.hostLabel);
      throw classifyOllamaError(error, { hostLabel: this.hostLabel, aborted: false, streaming: false });
    }
  }

  async listModels(signal?: AbortSignal): Promise<InstalledModel[]> {
    const { models } = await this.probe(signal, (client) => client.list());
    return models.map(toInstalledModel);
  }

  async version(signal?: AbortSignal): Promise<string> {
    return (await this.probe(signal, (client) => client.version())).version;
  }

  async loadedModels(signal?: AbortSignal): Promise<string[]> {
    const { models } = await this.probe(signal, (client) => client.ps());
    return models.map((m) => m.name);
  }

  async showModel(name: string, signal?: AbortSignal): Promise<ModelShowFacts> {
    try {
      const show = await this.probe(signal, (client) => client.show({ model: name }));
      return showFacts(show.model_info as unknown, show.details?.quantization_level);
    } catch (error) {
      // The probe does not know which model a 404 was about.
      if (error instanceof PlannerError && error.kind === "model-missing") throw plannerErrors.modelMissing(name);
      throw error;
    }
  }

  async pullModel(name: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal): Promise<void> {
    let streaming = false;
    try {
      const stream = await this.client(signal).pull({ model: name, stream: true });
      streaming = true;
      for await (const part of stream) {
        onProgress({ status: part.status, ...(typeof part.completed === "number" ? { completed: part.completed } : {}), ...(typeof part.total === "number" ? { total: part.total } : {}) });
        if (part.status === "success") return;
      }
      throw plannerErrors.streamCut("the download ended before Ollama reported success");
    } catch (error) {
      throw classifyOllamaError(error, { hostLabel: this.hostLabel, model: name, aborted: signal.aborted, streaming });
    }
  }

  async chat(request: ChatRequest, onChunk: (chunk: string) => void, signal: AbortSignal, onThinking?: (chunk: string) => void): Promise<ChatResult> {
    try {
      return await this.chatOnce(request, onChunk, signal, onThinking);
    } catch (error) {
      // A model without the thinking capability answers `think` with a 400; ask again without it.
      if (request.think && isNoThinkingError(error)) return this.chatOnce({ ...request, think: false }, onChunk, signal, onThinking);
      throw error;
    }
  }

  private async chatOnce(request: ChatRequest, onChunk: (chunk: string) => void, signal: AbortSignal, onThinking?: (chunk: string) => void): Promise<ChatResult> {
    let text = "";
    let thinking = "";
    let streaming = false;
    const maxChars = this.options.limits?.maxAnswerChars ?? DEFAULT_STREAM_LIMITS.maxAnswerChars;
    // Answer plus thinking, each part at least one: a stream that never sends `done` still ends.
    let counted = 0;
    try {
      const stream = await this.client(signal).chat({
        model: request.model,
        messages: request.messages,
        stream: true,
        options: { num_ctx: request.contextTokens },
        ...(request.think ? { think: true } : {}),
      });
      streaming = true;
      for await (const part of stream) {
        counted += Math.max(1, (part.message?.thinking?.length ?? 0) + (part.message?.content?.length ?? 0));
        if (counted > maxChars) {
          // Closes the HTTP request; the loop's exit would only stop reading.
          stream.abort();
          throw new StreamLimitError("answer", maxChars);
        }
        if (part.message?.thinking) {
          thinking += part.message.thinking;
          onThinking?.(part.message.thinking);
        }
        if (part.message?.content) {
          text += part.message.content;
          onChunk(part.message.content);
        }
        if (part.done) {
          return {
            text,
            thinking,
            doneReason: part.done_reason,
            promptTokens: typeof part.prompt_eval_count === "number" ? part.prompt_eval_count : null,
            answerTokens: typeof part.eval_count === "number" ? part.eval_count : null,
            evalDurationNs: typeof part.eval_duration === "number" ? part.eval_duration : null,
          };
        }
      }
      throw plannerErrors.streamCut("the connection was closed mid-answer");
    } catch (error) {
      if (request.think && isNoThinkingError(error)) throw error;
      throw classifyOllamaError(error, { hostLabel: this.hostLabel, model: request.model, aborted: signal.aborted, streaming });
    }
  }
}

/** Ollama's 400 for `think` on a model without the thinking capability. */
function isNoThinkingError(error: unknown): boolean {
  return error instanceof Error && error.name === "ResponseError" && /does not support thinking/i.test(error.message);
}

/** The fit calculator's facts from /api/show's `model_info` (keys prefixed by the architecture). */
export function showFacts(modelInfo: unknown, quantization: string | undefined): ModelShowFacts {
  const info = (typeof modelInfo === "object" && modelInfo !== null ? modelInfo : {}) as Record<string, unknown>;
  const num = (key: string): number | undefined => {
    const value = info[key];
    return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const arch = typeof info["general.architecture"] === "string" ? info["general.architecture"] : undefined;
  const facts: ModelShowFacts = {};
  if (arch !== undefined) facts.architecture = arch;
  const set = <K extends keyof ModelShowFacts>(key: K, value: ModelShowFacts[K] | undefined) => {
    if (value !== undefined) facts[key] = value;
  };
  set("parameterCount", num("general.parameter_count"));
  set("quantization", quantization || undefined);
  if (arch !== undefined) {
    set("contextLength", num(`${arch}.context_length`));
    set("layers", num(`${arch}.block_count`));
    set("kvHeads", num(`${arch}.attention.head_count_kv`));
    const heads = num(`${arch}.attention.head_count`);
    const width = num(`${arch}.embedding_length`);
    set("headDim", num(`${arch}.attention.key_length`) ?? (heads && width ? width / heads : undefined));
  }
  return facts;
}

/**
 * A fake Ollama server for tests: a real node:http server on 127.0.0.1 (random port) that speaks
 * Ollama's REST API closely enough for the official `ollama` client, streams NDJSON for real (one
 * line per write, a pause between lines) and can inject faults (404/500, slow first token, a cut
 * stream, an in-stream error, a malformed line, wrong embedding dimensions).
 *
 * Field names and error texts follow ollama/ollama `server/routes.go` and `docs/api.md`. The
 * contract test (`fake-ollama.contract.test.ts`) drives every endpoint through `ollama/browser`, so
 * the fake cannot drift from what the real client accepts.
 *
 * Timers come from `node:timers`, so a test that installs jest fake timers does not freeze it.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { setImmediate, setTimeout, clearTimeout } from "node:timers";

export interface FakeModel {
  name: string;
  family?: string;
  parameterSize?: string;
  quantization?: string;
  sizeBytes?: number;
  contextLength?: number;
  embeddingLength?: number;
  /** e.g. ['completion'] or ['embedding']; default ['embedding'] for *bert families, else ['completion']. */
  capabilities?: string[];
  /** /api/show's `<arch>.block_count`, `.attention.head_count_kv`, `.attention.key_length` (defaults: a 3B Llama's). */
  layers?: number;
  kvHeads?: number;
  headDim?: number;
  /** model_info keys /api/show leaves out, e.g. ['general.parameter_count'], as some GGUFs do. */
  omitShowFields?: string[];
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. '/api/chat'. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the raw string when it is not JSON, or undefined when the body is empty. */
  body: unknown;
  rawBody: string;
  /** True once the client closed the connection before the response finished. */
  abortedByClient: boolean;
  /** Date.now() when the request body had been read. */
  receivedAt: number;
}

export type FakeFault =
  /** 404 {"error":"model '<requested model>' not found"} */
  | { kind: "not-found" }
  /** 500 {"error": message ?? "internal error"} */
  | { kind: "server-error"; message?: string }
  /** Nothing (not even the status line) is sent before delayMs have passed. */
  | { kind: "slow-first-token"; delayMs: number }
  /**
   * Streams afterChunks lines, then no done line. how 'destroy' (default) destroys the socket
   * mid-response; how 'end' ends the response cleanly (a well-formed but incomplete stream).
   * On a non-streaming request the socket is destroyed before anything is sent.
   */
  | { kind: "cut-stream"; afterChunks: number; how?: "destroy" | "end" }
  /** Status 200, afterChunks lines, then {"error": message} and the end (non-streaming: 500 JSON). */
  | { kind: "in-stream-error"; afterChunks: number; message: string }
  /** afterChunks lines, then one line that is not JSON, then the rest of the stream as usual. */
  | { kind: "malformed-line"; afterChunks: number }
  /** /api/embed only: vectors of this length instead of the model's. */
  | { kind: "wrong-dimensions"; dimensions: number }
  /**
   * afterChunks lines, then the last one (or, with `empty`, a part with no text) again and again,
   * never `done`, until the client closes the request: a runaway model or a hostile server.
   */
  | { kind: "endless-stream"; afterChunks: number; empty?: boolean };

export interface FaultRule {
  fault: FakeFault;
  /** e.g. '/api/chat'; default: any path. */
  path?: string;
  /** How many requests it applies to; default: forever. */
  times?: number;
  /** How many matching requests pass untouched before it applies (e.g. "fail from the 3rd batch on"); default 0. */
  after?: number;
}

export interface ReplyRequest {
  path: string;
  model: string;
  messages?: { role: string; content: string }[];
  prompt?: string;
  system?: string;
  options?: Record<string, unknown>;
}

export interface FakeOllamaOptions {
  models?: FakeModel[];
  reply?: string | ((req: ReplyRequest) => string);
  /**
   * What a model with the "thinking" capability thinks before it answers: sent as
   * `message.thinking` chunks when the request says `think: true`, inside `<think>` tags at the start
   * of the content when it says nothing (templates before thinking support), not at all for `false`.
   */
  thinking?: string;
  chunkDelayMs?: number;
  /** /api/embed only: each request is answered this many ms after its vectors are computed (a per-batch model latency). */
  embedDelayMs?: number;
  /** Length of embedding vectors for models without embeddingLength; default 768. */
  embeddingDimensions?: number;
  /** Reported by /api/version; default '0.12.0'. */
  version?: string;
  /** Port on 127.0.0.1; default 0 (a random free port). */
  port?: number;
}

export const DEFAULT_REPLY = "Hello from the fake Ollama. This reply is streamed in small chunks.";

const JSON_TYPE = "application/json; charset=utf-8";
const NDJSON_TYPE = "application/x-ndjson";
/** Real Ollama's default runtime context when the request sets no options.num_ctx. */
const DEFAULT_NUM_CTX = 4096;
/** Default limit of waitForRequest/waitForClientAbort: a hang guard, long enough for a busy machine. */
const WAIT_LIMIT_MS = 30_000;

type Json = Record<string, unknown>;

interface Waiter {
  path: string;
  resolve: (r: RecordedRequest) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  record: RecordedRequest;
  /** Set when the client went away (or the server is shutting down): stop writing. */
  gone: boolean;
  /** Set just before the fake itself destroys the socket, so it is not counted as a client abort. */
  destroyedByServer: boolean;
}

interface Plan {
  /** The lines before the final one (content chunks or progress lines). */
  lines: Json[];
  /** The done/success line. */
  final: Json;
}

export class FakeOllama {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly requests: RecordedRequest[] = [];

  private readonly server: http.Server;
  private models = new Map<string, FakeModel>();
  /** name → runtime context length, for /api/ps. */
  private readonly loaded = new Map<string, number>();
  private reply: FakeOllamaOptions["reply"];
  private thinking: string;
  private chunkDelayMs: number;
  private embedDelayMs: number;
  private readonly embeddingDimensions: number;
  private readonly version: string;
  private faults: { rule: FaultRule; left: number; skip: number }[] = [];
  private readonly requestWaiters: Waiter[] = [];
  private readonly abortWaiters: Waiter[] = [];
  private readonly live = new Set<Exchange>();
  private readonly startedAt = new Date();
  private readonly wordVectorCache = new Map<string, Float64Array>();
  private closing = false;

  private constructor(server: http.Server, port: number, options: FakeOllamaOptions) {
    this.server = server;
    this.port = port;
    this.host = "127.0.0.1";
    this.url = `http://127.0.0.1:${port}`;
    this.reply = options.reply;
    this.thinking = options.thinking ?? "The user has limited memory, so I should check each model's size first.";
    this.chunkDelayMs = options.chunkDelayMs ?? 0;
    this.embedDelayMs = options.embedDelayMs ?? 0;
    this.embeddingDimensions = options.embeddingDimensions ?? 768;
    this.version = options.version ?? "0.12.0";
    this.setModels(options.models ?? defaultModels(this.embeddingDimensions));
  }

  static async start(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const address = server.address() as net.AddressInfo;
    const fake = new FakeOllama(server, address.port, options);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      fake.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          sendJson(res, 500, { error: `fake-ollama: ${String(err)}` });
        } else {
          res.destroy();
        }
      });
    });
    return fake;
  }

  // ---------------------------------------------------------------- configuration

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  setModels(models: FakeModel[]): void {
    this.models = new Map(models.map((m) => [m.name, { ...m }]));
    for (const name of [...this.loaded.keys()]) if (!this.models.has(name)) this.loaded.delete(name);
  }

  /** The installed models, as the fake currently knows them (pull adds to this). */
  getModels(): FakeModel[] {
    return [...this.models.values()].map((m) => ({ ...m }));
  }

  /** Names of the models /api/ps reports as loaded. */
  loadedModels(): string[] {
    return [...this.loaded.keys()];
  }

  setReply(reply: FakeOllamaOptions["reply"]): void {
    this.reply = reply;
  }

  setThinking(thinking: string): void {
    this.thinking = thinking;
  }

  setChunkDelay(ms: number): void {
    this.chunkDelayMs = ms;
  }

  /** Per-request latency of /api/embed from now on (0: answer as soon as the vectors are computed). */
  setEmbedDelay(ms: number): void {
    this.embedDelayMs = ms;
  }

  addFault(rule: FaultRule): void {
    this.faults.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY, skip: rule.after ?? 0 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Forget recorded requests (faults, models and the reply stay). */
  clearRequests(): void {
    this.requests.length = 0;
  }

  waitForRequest(path: string, timeoutMs = WAIT_LIMIT_MS): Promise<RecordedRequest> {
    const already = this.requests.find((r) => r.path === path);
    if (already) return Promise.resolve(already);
    return this.addWaiter(this.requestWaiters, path, timeoutMs, "request to");
  }

  waitForClientAbort(path: string, timeoutMs = WAIT_LIMIT_MS): Promise<RecordedRequest> {
    const already = this.requests.find((r) => r.path === path && r.abortedByClient);
    if (already) return Promise.resolve(already);
    return this.addWaiter(this.abortWaiters, path, timeoutMs, "client abort on");
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const ex of this.live) ex.gone = true;
    for (const w of [...this.requestWaiters, ...this.abortWaiters]) {
      clearTimeout(w.timer);
      w.reject(new Error("fake-ollama: closed"));
    }
    this.requestWaiters.length = 0;
    this.abortWaiters.length = 0;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  // ---------------------------------------------------------------- plumbing

  private addWaiter(list: Waiter[], path: string, timeoutMs: number, what: string): Promise<RecordedRequest> {
    return new Promise<RecordedRequest>((resolve, reject) => {
      const waiter: Waiter = {
        path,
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = list.indexOf(waiter);
          if (i >= 0) list.splice(i, 1);
          reject(new Error(`fake-ollama: no ${what} ${path} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      list.push(waiter);
    });
  }

  private notify(list: Waiter[], record: RecordedRequest): void {
    for (const w of [...list]) {
      if (w.path !== record.path) continue;
      list.splice(list.indexOf(w), 1);
      clearTimeout(w.timer);
      w.resolve(record);
    }
  }

  private takeFault(path: string): FakeFault | undefined {
    for (const entry of this.faults) {
      const { rule } = entry;
      if (rule.path !== undefined && rule.path !== path) continue;
      if (rule.fault.kind === "wrong-dimensions" && path !== "/api/embed") continue;
      if (entry.left <= 0) continue;
      if (entry.skip > 0) {
        entry.skip -= 1;
        continue;
      }
      entry.left -= 1;
      this.faults = this.faults.filter((e) => e.left > 0);
      return rule.fault;
    }
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    let body: unknown = undefined;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        body = rawBody;
      }
    }
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      headers: { ...req.headers },
      body,
      rawBody,
      abortedByClient: false,
      receivedAt: Date.now(),
    };
    this.requests.push(record);

    const ex: Exchange = { req, res, record, gone: false, destroyedByServer: false };
    this.live.add(ex);
    // A client abort shows up as the response closing before it finished (req 'close' fires as
    // soon as the request body has been read, so it says nothing about the client).
    res.on("close", () => {
      this.live.delete(ex);
      if (!res.writableFinished && !ex.destroyedByServer && !this.closing) {
        ex.gone = true;
        record.abortedByClient = true;
        this.notify(this.abortWaiters, record);
      }
      ex.gone = true;
    });
    this.notify(this.requestWaiters, record);

    await this.route(ex, record.method, path, body);
  }

  private async route(ex: Exchange, method: string, path: string, body: unknown): Promise<void> {
    const { res } = ex;
    const routes: Record<string, { method: string[]; run: () => Promise<void> }> = {
      "/": { method: ["GET", "HEAD"], run: async () => this.sendText(ex, 200, "Ollama is running") },
      "/api/version": { method: ["GET", "HEAD"], run: async () => this.plain(ex, { version: this.version }) },
      "/api/tags": { method: ["GET", "HEAD"], run: async () => this.plain(ex, { models: this.tags() }) },
      "/api/ps": { method: ["GET"], run: async () => this.plain(ex, { models: this.ps() }) },
      "/api/show": { method: ["POST"], run: async () => this.show(ex, asObject(body)) },
      "/api/chat": { method: ["POST"], run: async () => this.completion(ex, "chat", asObject(body)) },
      "/api/generate": { method: ["POST"], run: async () => this.completion(ex, "generate", asObject(body)) },
      "/api/embed": { method: ["POST"], run: async () => this.embed(ex, asObject(body)) },
      "/api/pull": { method: ["POST"], run: async () => this.pull(ex, asObject(body)) },
    };
    const route = routes[path];
    if (!route) {
      this.sendText(ex, 404, "404 page not found");
      return;
    }
    if (!route.method.includes(method)) {
      this.sendText(ex, 405, "405 method not allowed");
      return;
    }
    if (res.destroyed) return;
    await route.run();
  }

  // ---------------------------------------------------------------- endpoints

  /** A non-streaming JSON endpoint, with the faults that make sense for it. */
  private async plain(ex: Exchange, payload: Json, model = ""): Promise<void> {
    const fault = this.takeFault(ex.record.path);
    if (await this.applyUpfrontFault(ex, fault, model)) return;
    this.finishNonStreaming(ex, fault, payload);
  }

  private tags(): Json[] {
    return [...this.models.values()].map((m) => ({
      name: m.name,
      model: m.name,
      modified_at: this.startedAt.toISOString(),
      size: sizeOf(m),
      digest: digestOf(m.name),
      details: details(m),
    }));
  }

  private ps(): Json[] {
    const expires = new Date(Date.now() + 5 * 60_000).toISOString();
    const out: Json[] = [];
    for (const [name, ctx] of this.loaded) {
      const m = this.models.get(name);
      if (!m) continue;
      out.push({
        name: m.name,
        model: m.name,
        size: sizeOf(m),
        digest: digestOf(m.name),
        details: details(m),
        expires_at: expires,
        size_vram: sizeOf(m),
        context_length: ctx,
      });
    }
    return out;
  }

  private async show(ex: Exchange, body: Json): Promise<void> {
    const requested = str(body.model) || str(body.name);
    const fault = this.takeFault(ex.record.path);
    if (await this.applyUpfrontFault(ex, fault, requested)) return;
    if (!requested) return sendJson(ex.res, 400, { error: "model is required" });
    const m = this.find(requested);
    if (!m) return sendJson(ex.res, 404, { error: `model '${requested}' not found` });
    const arch = m.family ?? "llama";
    const embedding = isEmbedding(m);
    const modelInfo: Json = {
      "general.architecture": arch,
      "general.parameter_count": parameterCount(m.parameterSize),
      "general.file_type": 15,
      "general.quantization_version": 2,
      [`${arch}.context_length`]: m.contextLength ?? (embedding ? 2048 : 131072),
      [`${arch}.embedding_length`]: this.embeddingLengthOf(m),
      [`${arch}.block_count`]: m.layers ?? (embedding ? 12 : 28),
      [`${arch}.attention.head_count`]: embedding ? 12 : 24,
      [`${arch}.attention.head_count_kv`]: m.kvHeads ?? (embedding ? 12 : 8),
      [`${arch}.attention.key_length`]: m.headDim ?? Math.round(this.embeddingLengthOf(m) / (embedding ? 12 : 24)),
    };
    for (const key of m.omitShowFields ?? []) delete modelInfo[key.replace(/^<arch>/, arch)];
    const template = embedding
      ? "{{ .Prompt }}"
      : "<|start_header_id|>user<|end_header_id|>\n\n{{ .Prompt }}<|eot_id|>";
    this.finishNonStreaming(ex, fault, {
      license: "",
      modelfile: `# Modelfile generated by "ollama show"\nFROM ${m.name}\nTEMPLATE """${template}"""\n`,
      parameters: embedding ? 'num_ctx                        8192' : 'stop                           "<|eot_id|>"',
      template,
      details: details(m),
      model_info: modelInfo,
      tensors: [],
      capabilities: capabilitiesOf(m),
      modified_at: this.startedAt.toISOString(),
    });
  }

  private async completion(ex: Exchange, kind: "chat" | "generate", body: Json): Promise<void> {
    const started = process.hrtime.bigint();
    const model = str(body.model);
    const stream = body.stream !== false;
    // Thinking (Ollama 0.9+): `think` on a model without the capability is a 400, as in the server;
    // checked before a fault is taken, so a queued fault hits the request that streams.
    const asked = this.find(model);
    if (body.think !== undefined && body.think !== false && asked && !capabilitiesOf(asked).includes("thinking")) {
      return sendJson(ex.res, 400, { error: `"${model}" does not support thinking` });
    }
    const fault = this.takeFault(ex.record.path);
    if (await this.applyUpfrontFault(ex, fault, model)) return;
    if (!model) return sendJson(ex.res, 400, { error: "model is required" });
    const m = this.find(model);
    if (!m) return sendJson(ex.res, 404, { error: `model '${model}' not found` });
    if (!capabilitiesOf(m).includes("completion")) {
      return sendJson(ex.res, 400, { error: `"${model}" does not support ${kind}` });
    }
    const options = isObject(body.options) ? body.options : undefined;
    const messages = Array.isArray(body.messages)
      ? body.messages.filter(isObject).map((x) => ({ role: str(x.role), content: str(x.content) }))
      : undefined;
    const prompt = typeof body.prompt === "string" ? body.prompt : undefined;
    const system = typeof body.system === "string" ? body.system : undefined;
    const createdAt = () => new Date().toISOString();
    const wrap = (content: string): Json =>
      kind === "chat" ? { message: { role: "assistant", content } } : { response: content };

    // An empty request loads (or, with keep_alive 0, unloads) the model: one JSON answer, as in
    // routes.go, whatever `stream` says.
    const empty = kind === "chat" ? !messages || messages.length === 0 : !prompt;
    if (empty) {
      const unload = isZeroKeepAlive(body.keep_alive);
      if (unload) this.loaded.delete(m.name);
      else this.markLoaded(m, options);
      return sendJson(ex.res, 200, {
        model,
        created_at: createdAt(),
        ...wrap(""),
        done: true,
        done_reason: unload ? "unload" : "load",
      });
    }
    this.markLoaded(m, options);

    const think = body.think === undefined ? undefined : body.think !== false;
    const thinks = capabilitiesOf(m).includes("thinking");
    const answerText = this.replyFor({ path: ex.record.path, model, messages, prompt, system, options });
    const replyText = thinks && think === undefined ? `<think>\n${this.thinking}\n</think>\n\n${answerText}` : answerText;
    const thoughtChunks = thinks && think === true ? splitIntoChunks(this.thinking) : [];
    let chunks = splitIntoChunks(replyText);
    let doneReason = "stop";
    const numPredict = typeof options?.num_predict === "number" ? options.num_predict : -1;
    if (numPredict >= 0 && chunks.length > numPredict) {
      chunks = chunks.slice(0, numPredict);
      doneReason = "length";
    }
    const promptText =
      kind === "chat" ? (messages ?? []).map((x) => x.content).join(" ") : `${system ?? ""} ${prompt ?? ""}`;
    const promptEvalCount = Math.max(1, countWords(promptText));
    const stats = (): Json => {
      const load = 2_500_000;
      const promptEval = promptEvalCount * 150_000 + 1_000_000;
      const evalDuration = Math.max(1, chunks.length) * 12_000_000;
      const elapsed = Number(process.hrtime.bigint() - started);
      return {
        total_duration: load + promptEval + evalDuration + elapsed,
        load_duration: load,
        prompt_eval_count: promptEvalCount,
        prompt_eval_duration: promptEval,
        eval_count: chunks.length,
        eval_duration: evalDuration,
      };
    };
    const finalLine = (content: string): Json => ({
      model,
      created_at: createdAt(),
      ...wrap(content),
      done: true,
      done_reason: doneReason,
      ...(kind === "generate" ? { context: fakeContext(promptEvalCount + chunks.length) } : {}),
      ...stats(),
    });

    if (!stream) {
      return this.finishNonStreaming(ex, fault, finalLine(chunks.join("")));
    }
    await this.stream(ex, fault, {
      lines: [
        ...thoughtChunks.map((c) => ({ model, created_at: createdAt(), ...(kind === "chat" ? { message: { role: "assistant", content: "", thinking: c } } : { response: "", thinking: c }), done: false })),
        ...chunks.map((c) => ({ model, created_at: createdAt(), ...wrap(c), done: false })),
      ],
      get final() {
        return finalLine("");
      },
    });
  }

  private async embed(ex: Exchange, body: Json): Promise<void> {
    const started = process.hrtime.bigint();
    const model = str(body.model);
    const fault = this.takeFault(ex.record.path);
    if (await this.applyUpfrontFault(ex, fault, model)) return;
    if (!model) return sendJson(ex.res, 400, { error: "model is required" });
    let inputs: string[];
    if (typeof body.input === "string") inputs = body.input.length > 0 ? [body.input] : [];
    else if (Array.isArray(body.input)) {
      const list: unknown[] = body.input;
      if (!list.every((x): x is string => typeof x === "string")) {
        return sendJson(ex.res, 400, { error: "invalid input type" });
      }
      inputs = list;
    } else if (body.input === undefined || body.input === null) inputs = [];
    else return sendJson(ex.res, 400, { error: "invalid input type" });
    const m = this.find(model);
    if (!m) return sendJson(ex.res, 404, { error: `model '${model}' not found` });
    if (!capabilitiesOf(m).includes("embedding")) {
      return sendJson(ex.res, 400, { error: `"${model}" does not support embeddings` });
    }
    this.markLoaded(m, isObject(body.options) ? body.options : undefined);
    let dims = fault?.kind === "wrong-dimensions" ? fault.dimensions : this.embeddingLengthOf(m);
    const requestedDims = typeof body.dimensions === "number" ? body.dimensions : 0;
    if (fault?.kind !== "wrong-dimensions" && requestedDims > 0 && requestedDims < dims) dims = requestedDims;
    const embeddings = inputs.map((t) => this.embedText(t, dims));
    if (this.embedDelayMs > 0) await sleep(this.embedDelayMs);
    const promptEvalCount = inputs.reduce((n, t) => n + Math.max(1, countWords(t)), 0);
    const load = 1_800_000;
    this.finishNonStreaming(ex, fault, {
      model,
      embeddings,
      total_duration: load + promptEvalCount * 90_000 + Number(process.hrtime.bigint() - started) + 1,
      load_duration: load,
      prompt_eval_count: promptEvalCount,
    });
  }

  private async pull(ex: Exchange, body: Json): Promise<void> {
    // ollama-js sends { name, stream, insecure }; the REST docs say { model }; Ollama takes either.
    const name = str(body.model) || str(body.name);
    const stream = body.stream !== false;
    const fault = this.takeFault(ex.record.path);
    if (await this.applyUpfrontFault(ex, fault, name)) return;
    if (!name) return sendJson(ex.res, 400, { error: "invalid model name" });
    const canonical = name.includes(":") ? name : `${name}:latest`;
    const model = this.find(name) ?? guessModel(canonical, this.embeddingDimensions);
    const total = sizeOf(model);
    const blob = createHash("sha256").update(`blob:${canonical}`).digest("hex");
    const small = createHash("sha256").update(`params:${canonical}`).digest("hex");
    const layer = (hex: string, size: number, done: number): Json => ({
      status: `pulling ${hex.slice(0, 12)}`,
      digest: `sha256:${hex}`,
      total: size,
      completed: done,
    });
    const lines: Json[] = [
      { status: "pulling manifest" },
      layer(blob, total, 0),
      layer(blob, total, Math.floor(total / 2)),
      layer(blob, total, total),
      layer(small, 412, 412),
      { status: "verifying sha256 digest" },
      { status: "writing manifest" },
    ];
    const install = () => {
      if (!this.models.has(model.name)) this.models.set(model.name, model);
    };
    if (!stream) {
      install();
      return this.finishNonStreaming(ex, fault, { status: "success" }, "application/json");
    }
    const completed = await this.stream(ex, fault, { lines, final: { status: "success" } });
    if (completed) install();
  }

  // ---------------------------------------------------------------- faults and streaming

  /** Faults that act before anything is produced. Returns true when the response is done. */
  private async applyUpfrontFault(ex: Exchange, fault: FakeFault | undefined, model: string): Promise<boolean> {
    if (!fault) return false;
    switch (fault.kind) {
      case "not-found":
        sendJson(ex.res, 404, { error: `model '${model}' not found` });
        return true;
      case "server-error":
        sendJson(ex.res, 500, { error: fault.message ?? "internal error" });
        return true;
      case "slow-first-token":
        await sleep(fault.delayMs);
        return ex.gone;
      default:
        return false;
    }
  }

  /** One JSON answer, or what a streaming-only fault turns into when there is no stream. */
  private finishNonStreaming(ex: Exchange, fault: FakeFault | undefined, payload: Json, type = JSON_TYPE): void {
    if (ex.gone) return;
    switch (fault?.kind) {
      case "cut-stream":
        if (fault.how === "end") {
          ex.res.writeHead(200, { "Content-Type": type });
          ex.res.end();
        } else this.destroy(ex);
        return;
      case "in-stream-error":
        sendJson(ex.res, 500, { error: fault.message });
        return;
      case "malformed-line":
        ex.res.writeHead(200, { "Content-Type": type });
        ex.res.end("this is not json\n");
        return;
      default:
        sendJson(ex.res, 200, payload, type);
    }
  }

  /** Streams NDJSON for real: one line per write, then a pause. Resolves true if it completed. */
  private async stream(ex: Exchange, fault: FakeFault | undefined, plan: Plan): Promise<boolean> {
    const { res } = ex;
    if (ex.gone) return false;
    res.writeHead(200, { "Content-Type": NDJSON_TYPE });
    const after =
      fault && "afterChunks" in fault ? Math.max(0, Math.min(fault.afterChunks, plan.lines.length)) : -1;
    for (let i = 0; i <= plan.lines.length; i++) {
      if (i === after && fault) {
        if (fault.kind === "cut-stream") {
          if (fault.how === "end") res.end();
          else this.destroy(ex);
          return false;
        }
        if (fault.kind === "in-stream-error") {
          if (!(await this.writeLine(ex, JSON.stringify({ error: fault.message })))) return false;
          res.end();
          return false;
        }
        if (fault.kind === "malformed-line") {
          if (!(await this.writeLine(ex, '{"model": this is not json'))) return false;
          await this.pause();
        }
        if (fault.kind === "endless-stream") return this.endless(ex, plan, i, fault.empty === true);
      }
      if (i === plan.lines.length) break;
      if (!(await this.writeLine(ex, JSON.stringify(plan.lines[i])))) return false;
      await this.pause();
      if (ex.gone) return false;
    }
    if (!(await this.writeLine(ex, JSON.stringify(plan.final)))) return false;
    res.end();
    return true;
  }

  /** Repeats one streamed part forever (no `done`); returns once the client has gone. */
  private async endless(ex: Exchange, plan: Plan, from: number, empty: boolean): Promise<false> {
    const part = plan.lines[Math.max(0, Math.min(from, plan.lines.length) - 1)] ?? {};
    const text = (value: unknown): unknown => (empty ? "" : value);
    const repeated: Json = isObject(part.message) ? { ...part, message: { ...part.message, content: text(part.message.content) } } : { ...part, response: text(part.response) };
    const line = JSON.stringify(repeated);
    while (await this.writeLine(ex, line)) await this.pause();
    return false;
  }

  private async writeLine(ex: Exchange, line: string): Promise<boolean> {
    if (ex.gone || ex.res.destroyed) return false;
    const ok = ex.res.write(`${line}\n`);
    if (!ok) {
      await new Promise<void>((resolve) => {
        const done = () => {
          ex.res.off("drain", done);
          ex.res.off("close", done);
          resolve();
        };
        ex.res.on("drain", done);
        ex.res.on("close", done);
      });
    }
    return !ex.gone;
  }

  private pause(): Promise<void> {
    return this.chunkDelayMs > 0 ? sleep(this.chunkDelayMs) : new Promise((r) => setImmediate(r));
  }

  private destroy(ex: Exchange): void {
    ex.destroyedByServer = true;
    ex.gone = true;
    ex.res.socket?.destroy();
    ex.res.destroy();
  }

  private sendText(ex: Exchange, status: number, text: string): void {
    if (ex.gone) return;
    ex.res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
    ex.res.end(ex.req.method === "HEAD" ? undefined : text);
  }

  // ---------------------------------------------------------------- models and content

  /** Finds an installed model the way Ollama resolves names: a missing tag means ':latest'. */
  private find(name: string): FakeModel | undefined {
    return this.models.get(name) ?? (name.includes(":") ? undefined : this.models.get(`${name}:latest`));
  }

  private markLoaded(m: FakeModel, options: Record<string, unknown> | undefined): void {
    const numCtx = typeof options?.num_ctx === "number" ? options.num_ctx : DEFAULT_NUM_CTX;
    this.loaded.set(m.name, Math.min(numCtx, m.contextLength ?? numCtx));
  }

  private embeddingLengthOf(m: FakeModel): number {
    return m.embeddingLength ?? (isEmbedding(m) ? this.embeddingDimensions : 3072);
  }

  private replyFor(req: ReplyRequest): string {
    const reply = this.reply;
    if (typeof reply === "function") return reply(req);
    return reply ?? DEFAULT_REPLY;
  }

  /**
   * Deterministic, L2-normalised, float32-representable. A hashed bag of words (each word a
   * pseudo-random vector seeded from sha256 of the word) plus a small component seeded from the
   * whole text: texts that share words are close, equal texts are equal, different texts differ.
   */
  embedText(text: string, dims: number): number[] {
    const sum = new Float64Array(dims);
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const w of words) {
      const v = this.wordVector(w, dims);
      for (let i = 0; i < dims; i++) sum[i] += v[i];
    }
    normaliseInPlace(sum);
    const own = randomVector(`text:${text}`, dims);
    normaliseInPlace(own);
    const weight = words.length > 0 ? 0.1 : 1;
    for (let i = 0; i < dims; i++) sum[i] += weight * own[i];
    normaliseInPlace(sum);
    return Array.from(sum, (x) => Math.fround(x));
  }

  private wordVector(word: string, dims: number): Float64Array {
    const key = `${dims}:${word}`;
    let v = this.wordVectorCache.get(key);
    if (!v) {
      v = randomVector(`word:${word}`, dims);
      if (this.wordVectorCache.size > 20_000) this.wordVectorCache.clear();
      this.wordVectorCache.set(key, v);
    }
    return v;
  }
}

/** A port on 127.0.0.1 with nothing listening on it (bound to port 0, read, closed). */
export function unusedLoopbackPort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function defaultModels(embeddingDimensions = 768): FakeModel[] {
  return [
    {
      name: "llama3.2:3b",
      family: "llama",
      parameterSize: "3.2B",
      quantization: "Q4_K_M",
      sizeBytes: 2_019_393_189,
      contextLength: 131072,
      embeddingLength: 3072,
      capabilities: ["completion", "tools"],
    },
    {
      name: "nomic-embed-text:latest",
      family: "nomic-bert",
      parameterSize: "137M",
      quantization: "F16",
      sizeBytes: 274_302_450,
      contextLength: 2048,
      embeddingLength: embeddingDimensions,
      capabilities: ["embedding"],
    },
  ];
}

/** Splits a reply the way a model streams it: a word (with its trailing space) per chunk, long words in pieces. */
export function splitIntoChunks(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.match(/\s*\S+\s*|\s+/g) ?? []) {
    if (piece.length <= 10) out.push(piece);
    else for (let i = 0; i < piece.length; i += 6) out.push(piece.slice(i, i + 6));
  }
  return out;
}

// ------------------------------------------------------------------ helpers

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown, type = JSON_TYPE): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(payload);
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function asObject(x: unknown): Json {
  return isObject(x) ? x : {};
}

function str(x: unknown): string {
  return typeof x === "string" ? x : "";
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

function isZeroKeepAlive(x: unknown): boolean {
  return x === 0 || x === "0" || x === "0s" || x === "0m";
}

function isEmbedding(m: FakeModel): boolean {
  return capabilitiesOf(m).includes("embedding");
}

function capabilitiesOf(m: FakeModel): string[] {
  if (m.capabilities) return m.capabilities;
  return /bert/i.test(m.family ?? "") || /embed/i.test(m.name) ? ["embedding"] : ["completion"];
}

function details(m: FakeModel): Json {
  const family = m.family ?? "llama";
  return {
    parent_model: "",
    format: "gguf",
    family,
    families: [family],
    parameter_size: m.parameterSize ?? "3.2B",
    quantization_level: m.quantization ?? "Q4_K_M",
  };
}

function sizeOf(m: FakeModel): number {
  if (m.sizeBytes !== undefined) return m.sizeBytes;
  // Roughly what a quantised GGUF weighs: parameters × bits per weight / 8.
  const bits = /F16/i.test(m.quantization ?? "") ? 16 : /Q8/i.test(m.quantization ?? "") ? 8.5 : 4.85;
  return Math.round((parameterCount(m.parameterSize) * bits) / 8);
}

function digestOf(name: string): string {
  return createHash("sha256").update(`manifest:${name}`).digest("hex");
}

function parameterCount(size: string | undefined): number {
  const match = /^([\d.]+)\s*([KMBT]?)/i.exec(size ?? "3.2B");
  if (!match) return 3_212_749_888;
  const scale: Record<string, number> = { "": 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
  return Math.round(Number(match[1]) * (scale[match[2].toUpperCase()] ?? 1));
}

function fakeContext(n: number): number[] {
  return Array.from({ length: Math.min(n, 64) }, (_, i) => 128_000 + i);
}

function guessModel(name: string, embeddingDimensions: number): FakeModel {
  const sizeTag = /:(\d+(?:\.\d+)?[mb])\b/i.exec(name)?.[1];
  if (/embed|bge|minilm/i.test(name)) {
    return {
      name,
      family: "nomic-bert",
      parameterSize: "137M",
      quantization: "F16",
      contextLength: 2048,
      embeddingLength: embeddingDimensions,
      capabilities: ["embedding"],
    };
  }
  return {
    name,
    family: "llama",
    parameterSize: sizeTag ? sizeTag.toUpperCase() : "3.2B",
    quantization: "Q4_K_M",
    contextLength: 131072,
    capabilities: ["completion"],
  };
}

/** sfc32 seeded with the first 128 bits of sha256(seed); values uniform in [-1, 1). */
function randomVector(seed: string, dims: number): Float64Array {
  const h = createHash("sha256").update(seed).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const out = new Float64Array(dims);
  for (let i = 0; i < dims; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    out[i] = ((t >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

function normaliseInPlace(v: Float64Array): void {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm < 1e-12) return;
  for (let i = 0; i < v.length; i++) v[i] /= norm;
}

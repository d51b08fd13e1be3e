/**
 * Contract test for the fake Ollama: every endpoint and fault is driven through the official
 * client (`ollama/browser`, the build the plugin bundles), so the fake cannot drift from what the
 * real client expects. Where the client's behaviour is surprising, the assertion records what it
 * actually does (measured on ollama 0.6.4 under Node 20).
 */
import { Ollama } from "ollama/browser";
import { FakeOllama, unusedLoopbackPort, DEFAULT_REPLY } from "./fake-ollama";

const CHAT = "llama3.2:3b";
const EMBED = "nomic-embed-text:latest";

let fake: FakeOllama;
let client: Ollama;

beforeAll(async () => {
  fake = await FakeOllama.start();
  client = new Ollama({ host: fake.url });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.clearFaults();
  fake.setReply(undefined);
  fake.setChunkDelay(0);
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** What a rejected promise rejected with, for assertions on its exact shape. */
async function caught(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error("expected a rejection");
}

function norm(v: number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

function cosine(a: number[], b: number[]): number {
  return a.reduce((s, x, i) => s + x * b[i], 0) / (norm(a) * norm(b));
}

// Asymmetric matchers are typed `any`; holding them as `unknown` keeps the lint rules quiet.
const ANY_NUMBER: unknown = expect.any(Number);
const ANY_STRING: unknown = expect.any(String);
const HEX64: unknown = expect.stringMatching(/^[0-9a-f]{64}$/);
const SHA256_DIGEST: unknown = expect.stringMatching(/^sha256:[0-9a-f]{64}$/);

const hello = [{ role: "user", content: "Say hello to the test suite please" }];

describe("endpoints through ollama/browser", () => {
  test("version()", async () => {
    expect(await client.version()).toEqual({ version: "0.12.0" });
    const custom = await FakeOllama.start({ version: "0.13.5" });
    try {
      expect(await new Ollama({ host: custom.url }).version()).toEqual({ version: "0.13.5" });
    } finally {
      await custom.close();
    }
  });

  test("list() reports the default models with Ollama's field names", async () => {
    const { models } = await client.list();
    expect(models.map((m) => m.name)).toEqual([CHAT, EMBED]);
    const llama = models[0];
    expect(llama).toMatchObject({
      name: CHAT,
      model: CHAT,
      size: ANY_NUMBER,
      digest: HEX64,
      details: {
        parent_model: "",
        format: "gguf",
        family: "llama",
        families: ["llama"],
        parameter_size: "3.2B",
        quantization_level: "Q4_K_M",
      },
    });
    expect(Number.isNaN(Date.parse(String(llama.modified_at)))).toBe(false);
    expect(models[1].details).toMatchObject({ family: "nomic-bert", parameter_size: "137M", quantization_level: "F16" });
  });

  test("show() returns details, model_info and capabilities; an unknown model is a 404", async () => {
    const chat = await client.show({ model: CHAT });
    expect(chat.details).toMatchObject({ family: "llama", parameter_size: "3.2B" });
    expect(chat.capabilities).toContain("completion");
    expect(typeof chat.modelfile).toBe("string");
    expect(typeof chat.template).toBe("string");
    expect(typeof chat.parameters).toBe("string");
    const info = chat.model_info as unknown as Record<string, unknown>;
    expect(info["general.architecture"]).toBe("llama");
    expect(info["general.parameter_count"]).toBe(3_200_000_000);
    expect(info["llama.context_length"]).toBe(131072);
    expect(info["llama.embedding_length"]).toBe(3072);
    for (const k of ["llama.block_count", "llama.attention.head_count", "llama.attention.head_count_kv"]) {
      expect(typeof info[k]).toBe("number");
    }

    const embed = await client.show({ model: EMBED });
    expect(embed.capabilities).toEqual(["embedding"]);
    const embedInfo = embed.model_info as unknown as Record<string, unknown>;
    expect(embedInfo["general.architecture"]).toBe("nomic-bert");
    expect(embedInfo["nomic-bert.embedding_length"]).toBe(768);

    // Ollama resolves a name without a tag to ':latest'.
    expect((await client.show({ model: "nomic-embed-text" })).capabilities).toEqual(["embedding"]);

    const err = await caught(() => client.show({ model: "nope:1b" }));
    expect(err).toMatchObject({ name: "ResponseError", status_code: 404, error: "model 'nope:1b' not found" });
  });

  test("ps() lists the models used since start, with the runtime context length", async () => {
    const own = await FakeOllama.start();
    const c = new Ollama({ host: own.url });
    try {
      expect(await c.ps()).toEqual({ models: [] });
      await c.chat({ model: CHAT, messages: hello, options: { num_ctx: 8192 } });
      await c.embed({ model: EMBED, input: "x" });
      const { models } = await c.ps();
      expect(models.map((m) => m.name).sort()).toEqual([CHAT, EMBED]);
      const llama = models.find((m) => m.name === CHAT);
      expect(llama).toMatchObject({
        model: CHAT,
        size: ANY_NUMBER,
        size_vram: ANY_NUMBER,
        digest: ANY_STRING,
        details: { family: "llama" },
        context_length: 8192,
      });
      expect(Date.parse(String(llama?.expires_at))).toBeGreaterThan(Date.now());
      // ollama-js 0.6.4's ModelResponse type has no context_length, though the REST API sends it.
      const embed = models.find((m) => m.name === EMBED) as unknown as { context_length?: number };
      expect(embed.context_length).toBe(2048);
    } finally {
      await own.close();
    }
  });

  test("chat, streaming: the parts add up to the reply; the last part carries the stats", async () => {
    fake.setReply("The quick brown fox jumps over the extraordinarily lazy dog.");
    const stream = await client.chat({ model: CHAT, messages: hello, stream: true });
    const parts = [];
    for await (const part of stream) parts.push(part);
    const last = parts[parts.length - 1];
    expect(parts.map((p) => p.message.content).join("")).toBe("The quick brown fox jumps over the extraordinarily lazy dog.");
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts.slice(0, -1)) {
      expect(p).toMatchObject({ model: CHAT, done: false, message: { role: "assistant" } });
      expect(Number.isNaN(Date.parse(String(p.created_at)))).toBe(false);
    }
    expect(last).toMatchObject({ model: CHAT, done: true, done_reason: "stop", message: { role: "assistant", content: "" } });
    expect(last.eval_count).toBe(parts.length - 1);
    expect(last.prompt_eval_count).toBe(7); // words in the messages
    for (const k of ["total_duration", "load_duration", "prompt_eval_duration", "eval_duration"] as const) {
      expect(last[k]).toBeGreaterThan(0);
    }
    expect(last.total_duration).toBeGreaterThanOrEqual(last.load_duration + last.prompt_eval_duration + last.eval_duration);
  });

  test("chat without `stream` streams (Ollama's default); the client itself sends stream:false", async () => {
    const res = await fetch(`${fake.url}/api/chat`, {
      method: "POST",
      body: JSON.stringify({ model: CHAT, messages: hello }),
    });
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    await res.text();
    await client.chat({ model: CHAT, messages: hello });
    const sent = fake.requestsTo("/api/chat").at(-1);
    expect(sent?.body).toMatchObject({ model: CHAT, stream: false });
  });

  test("chat, non-streaming: one object with the whole message and the stats", async () => {
    fake.setReply(({ messages }) => `echo: ${messages?.at(-1)?.content ?? ""}`);
    const res = await client.chat({ model: CHAT, messages: hello, stream: false });
    expect(res).toMatchObject({
      model: CHAT,
      message: { role: "assistant", content: "echo: Say hello to the test suite please" },
      done: true,
      done_reason: "stop",
      prompt_eval_count: 7,
    });
    expect(res.eval_count).toBeGreaterThan(1);
    expect(res.total_duration).toBeGreaterThan(0);
  });

  test("chat honours options.num_predict with done_reason 'length'", async () => {
    fake.setReply("one two three four five six");
    const res = await client.chat({ model: CHAT, messages: hello, options: { num_predict: 3 } });
    expect(res.message.content).toBe("one two three ");
    expect(res).toMatchObject({ done_reason: "length", eval_count: 3 });
  });

  test("chat with no messages loads the model (done_reason 'load')", async () => {
    const res = await client.chat({ model: CHAT, messages: [] });
    expect(res).toMatchObject({ done: true, done_reason: "load", message: { role: "assistant", content: "" } });
  });

  test("generate, streaming and non-streaming, uses `response`", async () => {
    const stream = await client.generate({ model: CHAT, prompt: "Why is the sky blue?", stream: true });
    let text = "";
    let last;
    for await (const part of stream) {
      text += part.response;
      last = part;
    }
    expect(text).toBe(DEFAULT_REPLY);
    expect(last).toMatchObject({ done: true, done_reason: "stop", prompt_eval_count: 5, response: "" });
    expect(last?.eval_count).toBeGreaterThan(0);
    expect(Array.isArray(last?.context)).toBe(true);

    const whole = await client.generate({ model: CHAT, prompt: "Why is the sky blue?" });
    expect(whole).toMatchObject({ model: CHAT, response: DEFAULT_REPLY, done: true, done_reason: "stop" });
    expect(whole.eval_duration).toBeGreaterThan(0);
  });

  test("the reply function sees the request; the request is recorded before the answer", async () => {
    let recordedFirst = false;
    fake.setReply((req) => {
      recordedFirst = fake.requestsTo("/api/generate").some((r) => (r.body as { prompt?: string }).prompt === "ping");
      return `${req.path} ${req.model} ${req.prompt ?? ""} ${JSON.stringify(req.options)}`;
    });
    const res = await client.generate({ model: CHAT, prompt: "ping", options: { temperature: 0 } });
    expect(res.response).toBe('/api/generate llama3.2:3b ping {"temperature":0}');
    expect(recordedFirst).toBe(true);
    const rec = await fake.waitForRequest("/api/generate");
    expect(rec.method).toBe("POST");
    expect(rec.headers["content-type"]).toBe("application/json");
    expect(String(rec.headers["user-agent"])).toMatch(/^ollama-js\//);
    expect(typeof rec.rawBody).toBe("string");
  });

  test("embed: a batch of 3 gives 3 deterministic, L2-normalised, 768-long vectors", async () => {
    const texts = ["local models keep notes private", "a vector index on disk", "local models keep notes private"];
    const res = await client.embed({ model: EMBED, input: texts });
    expect(res.model).toBe(EMBED);
    expect(res.embeddings).toHaveLength(3);
    for (const v of res.embeddings) {
      expect(v).toHaveLength(768);
      expect(norm(v)).toBeCloseTo(1, 5);
      for (const x of v) expect(Math.fround(x)).toBe(x); // float32, as Ollama's
    }
    expect(res.embeddings[0]).toEqual(res.embeddings[2]);
    expect(res.embeddings[0]).not.toEqual(res.embeddings[1]);
    expect(res.prompt_eval_count).toBe(15);
    expect(res.total_duration).toBeGreaterThan(0);
    expect(res.load_duration).toBeGreaterThan(0);

    // Same text, another request: same vector. Shared words: closer than unrelated text.
    const again = await client.embed({ model: EMBED, input: "local models keep notes private" });
    expect(again.embeddings).toEqual([res.embeddings[0]]);
    const near = (await client.embed({ model: EMBED, input: "keep private notes with local models" })).embeddings[0];
    expect(cosine(near, res.embeddings[0])).toBeGreaterThan(0.8);
    expect(Math.abs(cosine(res.embeddings[1], res.embeddings[0]))).toBeLessThan(0.3);
  });

  test("embed with a per-batch latency answers that much later, with the same vectors", async () => {
    const quick = await client.embed({ model: EMBED, input: ["a", "b"] });
    fake.setEmbedDelay(120);
    try {
      const started = Date.now();
      const slow = await client.embed({ model: EMBED, input: ["a", "b"] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(115);
      expect(slow.embeddings).toEqual(quick.embeddings);
    } finally {
      fake.setEmbedDelay(0);
    }
  });

  test("embed refuses unknown models and models without the embedding capability", async () => {
    expect(await caught(() => client.embed({ model: "ghost", input: "x" }))).toMatchObject({
      name: "ResponseError",
      status_code: 404,
      error: "model 'ghost' not found",
    });
    expect(await caught(() => client.embed({ model: CHAT, input: "x" }))).toMatchObject({
      name: "ResponseError",
      status_code: 400,
      error: '"llama3.2:3b" does not support embeddings',
    });
  });

  test("pull, streaming: progress lines end in 'success' and the model is then listed", async () => {
    const stream = await client.pull({ model: "qwen2.5:0.5b", stream: true });
    const parts = [];
    for await (const p of stream) parts.push(p);
    expect(parts[0]).toEqual({ status: "pulling manifest" });
    const layer = parts.find((p) => p.status.startsWith("pulling ") && p.digest);
    expect(layer).toMatchObject({ digest: SHA256_DIGEST, total: ANY_NUMBER });
    expect(parts.map((p) => p.status).slice(-3)).toEqual(["verifying sha256 digest", "writing manifest", "success"]);
    const sent = fake.requestsTo("/api/pull").at(-1)?.body;
    expect(sent).toMatchObject({ name: "qwen2.5:0.5b", stream: true }); // ollama-js sends `name`
    const { models } = await client.list();
    expect(models.map((m) => m.name)).toContain("qwen2.5:0.5b");
    expect((await client.show({ model: "qwen2.5:0.5b" })).details.parameter_size).toBe("0.5B");

    const plain = await client.pull({ model: "all-minilm:latest" });
    expect(plain).toEqual({ status: "success" });
    expect((await client.show({ model: "all-minilm" })).capabilities).toEqual(["embedding"]);
    fake.setModels(fake.getModels().filter((m) => !["qwen2.5:0.5b", "all-minilm:latest"].includes(m.name)));
  });

  test("on the wire: application/x-ndjson, one JSON object per line", async () => {
    const res = await fetch(`${fake.url}/api/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ model: CHAT, messages: hello, stream: true }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    const raw = await res.text();
    expect(raw.endsWith("\n")).toBe(true);
    const lines = raw.split("\n").slice(0, -1);
    expect(lines.length).toBeGreaterThan(2);
    const objects = lines.map((l) => JSON.parse(l) as { done: boolean });
    expect(objects.filter((o) => o.done)).toHaveLength(1);
    expect(objects.at(-1)?.done).toBe(true);
  });

  test("unknown paths are a plain-text 404; a missing model is a 400", async () => {
    const res = await fetch(`${fake.url}/api/nothing`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("404 page not found");
    const bad = await fetch(`${fake.url}/api/chat`, { method: "POST", body: JSON.stringify({ messages: hello }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "model is required" });
  });
});

describe("faults through ollama/browser", () => {
  test("not-found: ResponseError 404 naming the requested model", async () => {
    fake.addFault({ fault: { kind: "not-found" }, path: "/api/chat", times: 1 });
    const err = await caught(() => client.chat({ model: CHAT, messages: hello, stream: true }));
    expect(err.name).toBe("ResponseError");
    expect(err.status_code).toBe(404);
    expect(String(err.message)).toContain("not found");
    expect(err.error).toBe("model 'llama3.2:3b' not found");
    // times: 1 — the next request is served normally.
    expect((await client.chat({ model: CHAT, messages: hello })).done).toBe(true);
  });

  test("an unknown model is a real 404 without any fault", async () => {
    const err = await caught(() => client.chat({ model: "missing:7b", messages: hello }));
    expect(err).toMatchObject({ name: "ResponseError", status_code: 404, message: "model 'missing:7b' not found" });
  });

  test("server-error: ResponseError 500 with the message", async () => {
    fake.addFault({ fault: { kind: "server-error" }, path: "/api/embed", times: 1 });
    fake.addFault({ fault: { kind: "server-error", message: "out of memory" }, times: 1 });
    expect(await caught(() => client.embed({ model: EMBED, input: "x" }))).toMatchObject({
      name: "ResponseError",
      status_code: 500,
      message: "internal error",
    });
    expect(await caught(() => client.list())).toMatchObject({ status_code: 500, message: "out of memory" });
    expect((await client.list()).models.length).toBeGreaterThan(0);
  });

  test("cut-stream (socket destroyed): the iterator throws undici's TypeError 'terminated'", async () => {
    fake.addFault({ fault: { kind: "cut-stream", afterChunks: 2 }, path: "/api/chat", times: 1 });
    const stream = await client.chat({ model: CHAT, messages: hello, stream: true });
    const got: string[] = [];
    const err = await caught(async () => {
      for await (const p of stream) got.push(p.message.content);
    });
    expect(got).toEqual(["Hello ", "from "]);
    expect(err.name).toBe("TypeError");
    expect(err.message).toBe("terminated");
    expect(err.cause).toMatchObject({ code: "UND_ERR_SOCKET" });
    expect(fake.requestsTo("/api/chat").at(-1)?.abortedByClient).toBe(false);
  });

  test("cut-stream how 'end' (clean end, no done line): 'Did not receive done or success response in stream.'", async () => {
    fake.addFault({ fault: { kind: "cut-stream", afterChunks: 2, how: "end" }, path: "/api/generate", times: 1 });
    const stream = await client.generate({ model: CHAT, prompt: "hi", stream: true });
    const err = await caught(async () => {
      for await (const p of stream) void p;
    });
    expect(err.name).toBe("Error");
    expect(err.message).toBe("Did not receive done or success response in stream.");
  });

  test("in-stream-error: status 200, then the iterator throws with the message", async () => {
    fake.addFault({ fault: { kind: "in-stream-error", afterChunks: 1, message: "model runner crashed" }, path: "/api/chat" });
    const stream = await client.chat({ model: CHAT, messages: hello, stream: true });
    const got: string[] = [];
    const err = await caught(async () => {
      for await (const p of stream) got.push(p.message.content);
    });
    expect(got).toEqual(["Hello "]);
    expect(err.message).toBe("model runner crashed");
    // Non-streaming, the same fault is a 500 with that error (as Ollama answers).
    expect(await caught(() => client.chat({ model: CHAT, messages: hello }))).toMatchObject({
      name: "ResponseError",
      status_code: 500,
      message: "model runner crashed",
    });
  });

  test("in-stream-error on pull: the progress iterator throws", async () => {
    fake.addFault({ fault: { kind: "in-stream-error", afterChunks: 1, message: "pull model manifest: file does not exist" }, path: "/api/pull", times: 1 });
    const stream = await client.pull({ model: "does-not-exist:1b", stream: true });
    const err = await caught(async () => {
      for await (const p of stream) void p;
    });
    expect(err.message).toBe("pull model manifest: file does not exist");
    expect((await client.list()).models.map((m) => m.name)).not.toContain("does-not-exist:1b");
  });

  test("malformed-line: the streaming client skips it (console.warn) and completes; non-streaming it throws", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    fake.addFault({ fault: { kind: "malformed-line", afterChunks: 2 }, path: "/api/chat", times: 2 });
    const stream = await client.chat({ model: CHAT, messages: hello, stream: true });
    let text = "";
    for await (const p of stream) text += p.message.content;
    expect(text).toBe(DEFAULT_REPLY);
    expect(warn).toHaveBeenCalledWith("invalid json: ", '{"model": this is not json');

    const err = await caught(() => client.chat({ model: CHAT, messages: hello }));
    expect(err.name).toBe("SyntaxError");
  });

  test("slow-first-token: the first chunk arrives no earlier than the delay", async () => {
    fake.addFault({ fault: { kind: "slow-first-token", delayMs: 400 }, path: "/api/chat", times: 1 });
    const t0 = performance.now();
    const stream = await client.chat({ model: CHAT, messages: hello, stream: true });
    let first = -1;
    for await (const p of stream) {
      if (first < 0) first = performance.now() - t0;
      void p;
    }
    // 1 ms of slack: Node timers are scheduled on a millisecond clock.
    expect(first).toBeGreaterThanOrEqual(399);
    // The fault was for one request: the next one is not held back (compared with the first, not
    // with a fixed time, so a busy machine cannot fail it).
    const t1 = performance.now();
    await client.chat({ model: CHAT, messages: hello });
    expect(performance.now() - t1).toBeLessThan(first);
  });

  test("abort mid-stream: the client throws an AbortError and the fake sees the abort", async () => {
    fake.setChunkDelay(20);
    fake.setReply("word ".repeat(200));
    const stream = await client.chat({ model: CHAT, messages: hello, stream: true });
    let parts = 0;
    const err = await caught(async () => {
      for await (const p of stream) {
        parts += 1;
        void p;
        stream.abort();
      }
    });
    // The client may have read a second chunk in the same packet before the abort took effect (a
    // busy machine): what matters is that the stream of 200 words stopped there.
    expect(parts).toBeGreaterThanOrEqual(1);
    expect(parts).toBeLessThan(5);
    expect(err.name).toBe("AbortError");
    expect(err.message).toBe("This operation was aborted");
    const rec = await fake.waitForClientAbort("/api/chat");
    expect(rec.abortedByClient).toBe(true);
  });

  test("wrong-dimensions: /api/embed returns vectors of the given length", async () => {
    fake.addFault({ fault: { kind: "wrong-dimensions", dimensions: 384 }, times: 1 });
    // A path-less wrong-dimensions rule is not spent on other endpoints.
    await client.list();
    const res = await client.embed({ model: EMBED, input: ["a", "b"] });
    expect(res.embeddings.map((v) => v.length)).toEqual([384, 384]);
    expect(norm(res.embeddings[0])).toBeCloseTo(1, 5);
    expect((await client.embed({ model: EMBED, input: "a" })).embeddings[0]).toHaveLength(768);
  });

  test("after: the first matching requests pass, then the fault applies", async () => {
    fake.addFault({ path: "/api/embed", fault: { kind: "server-error", message: "from the third on" }, after: 2 });
    await client.list();
    expect((await client.embed({ model: EMBED, input: "a" })).embeddings).toHaveLength(1);
    expect((await client.embed({ model: EMBED, input: "b" })).embeddings).toHaveLength(1);
    expect(await caught(() => client.embed({ model: EMBED, input: "c" }))).toMatchObject({ name: "ResponseError", status_code: 500, error: "from the third on" });
    expect(await caught(() => client.embed({ model: EMBED, input: "d" }))).toMatchObject({ status_code: 500 });
  });

  test("connection refused: fetch's TypeError 'fetch failed' with cause.code ECONNREFUSED", async () => {
    const port = await unusedLoopbackPort();
    const dead = new Ollama({ host: `http://127.0.0.1:${port}` });
    const err = await caught(() => dead.version());
    expect(err.name).toBe("TypeError");
    expect(err.message).toBe("fetch failed");
    expect(err.cause).toMatchObject({ code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port });
    const streamErr = await caught(() => dead.chat({ model: CHAT, messages: hello, stream: true }));
    expect(streamErr).toMatchObject({ name: "TypeError", message: "fetch failed" });
  });

  test("waitForRequest times out with a clear error; close() ends open streams", async () => {
    const own = await FakeOllama.start({ chunkDelayMs: 50, reply: "slow ".repeat(100) });
    await expect(own.waitForRequest("/api/never", 30)).rejects.toThrow("no request to /api/never within 30 ms");
    const stream = await new Ollama({ host: own.url }).chat({ model: CHAT, messages: hello, stream: true });
    const consumed = caught(async () => {
      for await (const p of stream) void p;
    });
    await own.waitForRequest("/api/chat");
    const t0 = performance.now();
    await own.close();
    expect(performance.now() - t0).toBeLessThan(500);
    expect((await consumed).message).toBe("terminated");
    expect(own.requestsTo("/api/chat")[0].abortedByClient).toBe(false);
  });
});

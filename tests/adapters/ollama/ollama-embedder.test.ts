/** OllamaEmbedder against the fake Ollama over real HTTP: what goes on the wire and every failure's message. */
import { canonicalModelName, OllamaEmbedder, taskPrefix } from "../../../src/adapters/ollama/ollama-embedder";
import { EmbedError, type EmbedFault } from "../../../src/core/index/index-errors";
import { FakeOllama, unusedLoopbackPort } from "../../harness/fake-ollama";

let fake: FakeOllama;

beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearFaults();
  fake.clearRequests();
  fake.setModels([
    { name: "nomic-embed-text:latest", family: "nomic-bert", embeddingLength: 768, capabilities: ["embedding"] },
    { name: "mxbai-embed-large:latest", family: "bert", embeddingLength: 1024, capabilities: ["embedding"] },
    { name: "llama3.2:3b", family: "llama", capabilities: ["completion"] },
  ]);
});

function embedder(model = "nomic-embed-text", baseUrl = fake.url) {
  return new OllamaEmbedder({ baseUrl, fetch, model });
}

async function failure(promise: Promise<unknown>): Promise<EmbedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EmbedError) return error;
    throw error;
  }
  throw new Error("expected an EmbedError");
}

describe("embed", () => {
  test("one request per batch, with the model's task prefix; float32 vectors in order", async () => {
    const texts = ["Hardware > GPU\n\nRTX 4090", "Uses\n\nnotes", "隐私\n\n本地"];
    const vectors = await embedder().embed(texts, new AbortController().signal);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(768);
    }
    const requests = fake.requestsTo("/api/embed");
    expect(requests).toHaveLength(1);
    expect(requests[0].body).toMatchObject({ model: "nomic-embed-text:latest", input: texts.map((t) => `search_document: ${t}`), truncate: true });
    // Deterministic: the same text gives the same vector as the fake computes it.
    expect(Array.from(vectors[0])).toEqual(fake.embedText(`search_document: ${texts[0]}`, 768));
  });

  test("queries get the query prefix; other models get none", async () => {
    await embedder().embed(["gpu"], new AbortController().signal, "query");
    await embedder("mxbai-embed-large").embed(["gpu"], new AbortController().signal, "query");
    expect(fake.requestsTo("/api/embed").map((r) => (r.body as { input: string[] }).input[0])).toEqual(["search_query: gpu", "gpu"]);
    expect(taskPrefix("nomic-embed-text:v1.5", "document")).toBe("search_document: ");
  });

  test("nothing to embed sends nothing", async () => {
    expect(await embedder().embed([], new AbortController().signal)).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  test("model names without a tag mean :latest", () => {
    expect(canonicalModelName("nomic-embed-text")).toBe("nomic-embed-text:latest");
    expect(canonicalModelName(" bge-m3:567m ")).toBe("bge-m3:567m");
    expect(embedder("nomic-embed-text:latest").model).toBe(embedder("nomic-embed-text").model);
  });
});

describe("describe", () => {
  test("reports the vector size and whether the model embeds", async () => {
    expect(await embedder().describe(new AbortController().signal)).toEqual({ dims: 768, canEmbed: true });
    expect(await embedder("mxbai-embed-large").describe(new AbortController().signal)).toEqual({ dims: 1024, canEmbed: true });
    expect((await embedder("llama3.2:3b").describe(new AbortController().signal)).canEmbed).toBe(false);
    expect(fake.requestsTo("/api/embed")).toHaveLength(0);
  });
});

describe("failures become clear messages", () => {
  test.each<[string, () => void | Promise<void>, string, EmbedFault, RegExp]>([
    ["model not installed", () => undefined, "all-minilm", "model-missing", /The embedding model "all-minilm:latest" isn't installed in Ollama\. Run `ollama pull all-minilm:latest`/],
    ["a chat model", () => undefined, "llama3.2:3b", "not-embedding", /can't make embeddings\. Pick an embedding model such as nomic-embed-text/],
    ["a server error", () => fake.addFault({ path: "/api/embed", fault: { kind: "server-error", message: "out of memory" } }), "nomic-embed-text", "server", /Ollama reported an error while embedding notes: out of memory \(HTTP 500\)/],
    ["a malformed answer", () => fake.addFault({ path: "/api/embed", fault: { kind: "malformed-line", afterChunks: 0 } }), "nomic-embed-text", "bad-answer", /can't use/],
    ["a dropped connection", () => fake.addFault({ path: "/api/embed", fault: { kind: "cut-stream", afterChunks: 0 } }), "nomic-embed-text", "unreachable", /Ollama isn't reachable at http:\/\/127\.0\.0\.1:\d+\. Start it with `ollama serve`; indexing resumes where it stopped\./],
  ])("%s", async (_name, arrange, model, fault, message) => {
    await arrange();
    const error = await failure(embedder(model).embed(["text"], new AbortController().signal));
    expect(error.fault).toBe(fault);
    expect(error.message).toMatch(message);
  });

  test("nothing listening: unreachable, for embed and describe", async () => {
    const port = await unusedLoopbackPort();
    const down = embedder("nomic-embed-text", `http://127.0.0.1:${port}`);
    expect((await failure(down.embed(["x"], new AbortController().signal))).fault).toBe("unreachable");
    expect((await failure(down.describe(new AbortController().signal))).fault).toBe("unreachable");
  });

  test("a missing model on describe", async () => {
    expect((await failure(embedder("nope").describe(new AbortController().signal))).fault).toBe("model-missing");
  });

  test("aborting closes the request and says indexing stopped", async () => {
    fake.addFault({ path: "/api/embed", fault: { kind: "slow-first-token", delayMs: 2000 } });
    const controller = new AbortController();
    const pending = failure(embedder().embed(["x"], controller.signal));
    await fake.waitForRequest("/api/embed");
    controller.abort();
    const error = await pending;
    expect(error.fault).toBe("aborted");
    expect(error.message).toBe("Indexing stopped.");
    await fake.waitForClientAbort("/api/embed");
  });

  test("a hung server times out with a message naming the model, the host and the wait (not 'unreachable')", async () => {
    fake.addFault({ path: "/api/embed", fault: { kind: "slow-first-token", delayMs: 1500 } });
    const slow = new OllamaEmbedder({ baseUrl: fake.url, fetch, model: "nomic-embed-text", embedTimeoutMs: 100 });
    const error = await failure(slow.embed(["x"], new AbortController().signal));
    expect(error.fault).toBe("server");
    expect(error.message).toBe(`"nomic-embed-text:latest" at ${fake.url} sent nothing for 100 ms, not even the start of an answer. Check \`ollama ps\` and the Ollama log, then try again. Indexing is paused.`);
  });

  test("requests never leave the configured host", async () => {
    const spy = jest.fn(fetch);
    await new OllamaEmbedder({ baseUrl: fake.url, fetch: spy, model: "nomic-embed-text" }).embed(["x"], new AbortController().signal);
    for (const call of spy.mock.calls) expect(call[0] instanceof Request ? call[0].url : call[0].toString()).toMatch(new RegExp(`^${fake.url}/api/`));
  });
});

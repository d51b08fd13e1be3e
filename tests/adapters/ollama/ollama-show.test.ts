/** /api/show through the real client against the fake: the fit calculator's facts, missing ones stay unknown. */
import { OllamaLlm, showFacts } from "../../../src/adapters/ollama/ollama-client";
import { hardwareFactsWithShow } from "../../../src/core/hardware/fit-check";
import { FakeOllama, defaultModels } from "../../harness/fake-ollama";

let fake: FakeOllama;
beforeAll(async () => {
  fake = await FakeOllama.start({
    models: [
      ...defaultModels(),
      { name: "custom-qwen:32b", family: "qwen2", parameterSize: "32.8B", quantization: "Q4_K_M", sizeBytes: 19_851_336_256, layers: 64, kvHeads: 8, headDim: 128, contextLength: 32768 },
      { name: "stripped:13b", family: "llama", parameterSize: "13B", quantization: "Q4_0", omitShowFields: ["general.parameter_count", "<arch>.block_count", "<arch>.attention.head_count_kv", "<arch>.attention.key_length"] },
    ],
  });
});
afterAll(() => fake.close());

const llm = () => new OllamaLlm({ baseUrl: fake.url, fetch });

test("reads parameter count, layers, KV heads, head size, context and quantization", async () => {
  expect(await llm().showModel("custom-qwen:32b")).toEqual({
    architecture: "qwen2",
    parameterCount: 32_800_000_000,
    quantization: "Q4_K_M",
    contextLength: 32768,
    layers: 64,
    kvHeads: 8,
    headDim: 128,
  });
});

test("fields the model file lacks stay undefined", async () => {
  const facts = await llm().showModel("stripped:13b");
  expect(facts).not.toHaveProperty("parameterCount");
  expect(facts).not.toHaveProperty("layers");
  expect(facts).not.toHaveProperty("kvHeads");
  // key_length missing: the head size still follows from embedding_length / head_count.
  expect(facts.headDim).toBe(128);
});

test("garbage model_info gives no facts, not a crash", () => {
  expect(showFacts(null, undefined)).toEqual({});
  expect(showFacts({ "general.architecture": "llama", "llama.block_count": "many", "llama.attention.head_count_kv": [8, 8], "general.parameter_count": -1 }, "")).toEqual({ architecture: "llama" });
});

test("an unknown model is a clear error", async () => {
  await expect(llm().showModel("nope:1b")).rejects.toThrow('The model "nope:1b" isn\'t installed');
});

test("a plan's fit table asks /api/show only about models the catalog does not know, and uses the answer", async () => {
  fake.clearRequests();
  const installed = await llm().listModels();
  const facts = await hardwareFactsWithShow(llm(), { hardware: "PC, RTX 4090 24GB VRAM, 64GB RAM", language: "en" }, installed);
  expect(fake.requestsTo("/api/show").map((r) => (r.body as { model: string }).model).sort()).toEqual(["custom-qwen:32b", "stripped:13b"]);
  const rows = new Map(facts?.table.rows.map((row) => [row.tag, row]));
  expect(rows.get("custom-qwen:32b")?.fit).toMatchObject({ verdict: "fits-vram" });
  expect(rows.get("custom-qwen:32b")?.facts).toMatchObject({ layers: 64, kvHeads: 8, headDim: 128, source: "ollama" });
  expect(rows.get("custom-qwen:32b")?.installed).toBe(true);
  // A failing /api/show leaves the model as the tags described it.
  fake.addFault({ path: "/api/show", fault: { kind: "server-error" } });
  const again = await hardwareFactsWithShow(llm(), { hardware: "Laptop, 8GB RAM", language: "en" }, installed);
  expect(again?.table.rows.find((row) => row.tag === "stripped:13b")?.fit.verdict).toBe("does-not-run");
  fake.clearFaults();
});

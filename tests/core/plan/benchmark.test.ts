/** Benchmarking installed models against the fake Ollama: speeds from Ollama's own counts. */
import { parse } from "yaml";
import { BENCHMARK_PROMPT, benchmarkModels, renderBenchmarkNote, writeBenchmarkNote } from "../../../src/core/plan/benchmark";
import { parseHardwareText } from "../../../src/core/hardware/parse-text";
import { OllamaLlm } from "../../../src/adapters/ollama/ollama-client";
import { FolderVaultPort } from "../../../src/adapters/node/folder-vault";
import { FakeOllama, defaultModels } from "../../harness/fake-ollama";
import { listFiles, makeTempVault, removeTempVault } from "../../harness/temp-vault";

let fake: FakeOllama;
beforeAll(async () => {
  fake = await FakeOllama.start({
    reply: "- private\n- offline\n- free\n- fast\n- yours",
    models: [...defaultModels(), { name: "llama3.1:70b", family: "llama", parameterSize: "70.6B", quantization: "Q4_K_M", sizeBytes: 42_520_413_916 }, { name: "qwen2.5:7b", family: "qwen2", parameterSize: "7.6B", quantization: "Q4_K_M", sizeBytes: 4_683_087_332 }],
  });
});
afterAll(() => fake.close());

const deps = () => ({ llm: new OllamaLlm({ baseUrl: fake.url, fetch }), now: () => new Date(2026, 10, 27, 9, 0), monotonicMs: (() => { let t = 0; return () => (t += 2000); })() });

test("runs the fixed prompt on every chat model that fits, skips the one that cannot run", async () => {
  fake.clearRequests();
  const llm = new OllamaLlm({ baseUrl: fake.url, fetch });
  const run = await benchmarkModels(deps(), await llm.listModels(), parseHardwareText("M3 MacBook Pro 16GB"), new AbortController().signal);
  expect(run.results.map((r) => [r.model, r.verdict, r.problem ?? "measured"])).toEqual([
    ["llama3.2:3b", "fits-vram", "measured"],
    ["llama3.1:70b", "does-not-run", "skipped: does not fit this hardware"],
    ["qwen2.5:7b", "fits-vram", "measured"],
  ]);
  const chats = fake.requestsTo("/api/chat");
  expect(chats.map((r) => (r.body as { model: string }).model)).toEqual(["llama3.2:3b", "qwen2.5:7b"]);
  expect((chats[0].body as { messages: { content: string }[]; options: { num_ctx: number } }).messages[0].content).toBe(BENCHMARK_PROMPT);
  // The fake reports 12 ms per answer token: 83.3 tokens/s.
  expect(run.results[0].tokensPerSecond).toBeCloseTo(1000 / 12, 5);
  expect(run.results[0].answerTokens).toBe(10);
});

test("a model that fails is reported, the others still run; an abort keeps what was measured", async () => {
  fake.addFault({ path: "/api/chat", fault: { kind: "server-error", message: "out of memory" }, times: 1 });
  const llm = new OllamaLlm({ baseUrl: fake.url, fetch });
  const models = (await llm.listModels()).filter((m) => m.name !== "llama3.1:70b");
  const run = await benchmarkModels(deps(), models, parseHardwareText("PC, RTX 4090 24GB VRAM, 64GB RAM"), new AbortController().signal);
  expect(run.results[0].problem).toBe("Ollama reported an error: out of memory (HTTP 500)");
  expect(run.results[1].tokensPerSecond).not.toBeNull();

  const controller = new AbortController();
  const aborted = await benchmarkModels(deps(), models, parseHardwareText("PC, RTX 4090 24GB VRAM, 64GB RAM"), controller.signal, () => controller.abort());
  expect(aborted.results).toEqual([]);
});

test("the comparison note (approval) and its file", async () => {
  const llm = new OllamaLlm({ baseUrl: fake.url, fetch });
  const run = await benchmarkModels(deps(), await llm.listModels(), parseHardwareText("M3 MacBook Pro 16GB"), new AbortController().signal);
  const note = renderBenchmarkNote(run, "en");
  const fm = parse(/^---\n([\s\S]*?)\n---\n/.exec(note)?.[1] ?? "") as Record<string, unknown>;
  expect(fm).toMatchObject({ type: "ai-stack-benchmark", models: ["llama3.2:3b", "llama3.1:70b", "qwen2.5:7b"], fastest: "llama3.2:3b", fastest_tokens_per_second: 83.3 });
  expect(note.replace(/created: "[^"]+"/, "created: <time>")).toMatchSnapshot();
  expect(renderBenchmarkNote(run, "zh")).toContain("| 模型 | 参数量 | 量化 | 适配 | 每秒 token | 回答 token | 秒 | 备注 |");
  const vault = await makeTempVault();
  try {
    const path = await writeBenchmarkNote(new FolderVaultPort(vault), "Plans", run, "en");
    expect(path).toBe("Plans/2026-11-27 0900 - Model benchmark.md");
    expect(await listFiles(vault)).toEqual([path]);
  } finally {
    await removeTempVault(vault);
  }
});

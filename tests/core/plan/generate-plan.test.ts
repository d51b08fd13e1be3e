import { promises as fs } from "node:fs";
import path from "node:path";
import { PlannerError } from "../../../src/core/shared/errors";
import { InterruptedPlan, PartialPlanSaved, chooseModel, generatePlan, streamPlan, type PlanInput } from "../../../src/core/plan/generate-plan";
import { FolderVaultPort } from "../../../src/adapters/node/folder-vault";
import { OllamaLlm } from "../../../src/adapters/ollama/ollama-client";
import { FakeOllama } from "../../harness/fake-ollama";
import { listFiles, makeTempVault, removeTempVault } from "../../harness/temp-vault";

const input: PlanInput = {
  tier: "pro",
  language: "en",
  hardware: "RTX 4090/24GB",
  usage: "finance, notes",
  model: "",
  contextTokens: 8192,
  plansFolder: "AI Stack Plans",
  keepPartial: false,
};

let fake: FakeOllama;
let vaultDir: string;

const REPLY = "## Compute\n- Ollama with llama3.2:3b\n## Memory\n- Qdrant\n";

beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearFaults();
  fake.setChunkDelay(0);
  fake.setReply(REPLY);
  vaultDir = await makeTempVault({ "Existing.md": "# keep me\n" });
});
afterEach(() => removeTempVault(vaultDir));

function deps() {
  let t = 0;
  return {
    llm: new OllamaLlm({ baseUrl: fake.url, fetch }),
    vault: new FolderVaultPort(vaultDir),
    now: () => new Date(2026, 10, 25, 10, 0),
    monotonicMs: () => (t += 1500),
  };
}

describe("chooseModel", () => {
  const installed = [
    { name: "nomic-embed-text:latest", canChat: false },
    { name: "llama3.2:latest", canChat: true },
    { name: "qwen2.5:14b", canChat: true },
  ];
  test.each([
    ["", "llama3.2:latest"],
    ["qwen2.5:14b", "qwen2.5:14b"],
    ["llama3.2", "llama3.2:latest"],
    ["QWEN2.5:14B", "qwen2.5:14b"],
  ])("%j → %s", (configured, expected) => {
    expect(chooseModel(configured, installed)).toBe(expected);
  });
  test("a missing model names the pull command", () => {
    expect(() => chooseModel("llama3.1:70b", installed)).toThrow("Run `ollama pull llama3.1:70b`");
  });
  test("only embedding models installed", () => {
    expect(() => chooseModel("", [installed[0]])).toThrow("Ollama has no chat models installed");
  });
});

describe("generatePlan", () => {
  test("writes one note with the streamed answer and Ollama's counts", async () => {
    const chunks: string[] = [];
    const outcome = await generatePlan(deps(), input, new AbortController().signal, { onChunk: (c) => chunks.push(c) });
    expect(outcome.path).toBe("AI Stack Plans/2026-11-25 1000 - Pro plan - RTX 4090 24GB.md");
    const note = await fs.readFile(path.join(vaultDir, outcome.path), "utf8");
    expect(note).toContain("## Memory\n- Qdrant");
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe(outcome.plan.answer);
    const chat = fake.requestsTo("/api/chat").at(-1);
    const body = chat?.body as { stream: boolean; options: { num_ctx: number }; messages: { content: string }[] };
    expect(body.stream).toBe(true);
    expect(body.options.num_ctx).toBe(8192);
    expect(body.messages[0].content).toContain("- My hardware: RTX 4090/24GB");
    expect(note).toMatch(/prompt_tokens: \d+\nanswer_tokens: \d+/);
    expect(outcome.plan.answerTokens).toBeGreaterThan(0);
    expect(outcome.plan.generationSeconds).toBe(1.5);
    expect(await fs.readFile(path.join(vaultDir, "Existing.md"), "utf8")).toBe("# keep me\n");
  });

  test("a second run at the same minute gets a new name; the first note is untouched", async () => {
    const first = await generatePlan(deps(), input, new AbortController().signal);
    const before = await fs.readFile(path.join(vaultDir, first.path), "utf8");
    const second = await generatePlan(deps(), input, new AbortController().signal);
    expect(second.path).toBe(first.path.replace(/\.md$/, " 2.md"));
    expect(await fs.readFile(path.join(vaultDir, first.path), "utf8")).toBe(before);
  });

  test("a cut stream writes nothing and says so", async () => {
    fake.addFault({ fault: { kind: "cut-stream", afterChunks: 2 }, path: "/api/chat", times: 1 });
    const error = await generatePlan(deps(), input, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as PlannerError).kind).toBe("stream-cut");
    expect((error as Error).message).toMatch(/^The answer from Ollama stopped before it was finished .* Nothing was saved\.$/);
    expect(await listFiles(vaultDir)).toEqual(["Existing.md"]);
  });

  test("with keepPartial a cut stream keeps what arrived, marked partial", async () => {
    fake.addFault({ fault: { kind: "cut-stream", afterChunks: 3, how: "end" }, path: "/api/chat", times: 1 });
    const error = await generatePlan(deps(), { ...input, keepPartial: true }, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialPlanSaved);
    const saved = (error as PartialPlanSaved).partialPath;
    expect((error as Error).message).toContain(`The partial plan was saved to "${saved}".`);
    const note = await fs.readFile(path.join(vaultDir, saved), "utf8");
    expect(note).toContain("status: partial");
    expect(note).toContain("## Compute");
  });

  test("aborting mid-stream cancels the HTTP request and writes nothing", async () => {
    fake.setChunkDelay(30);
    fake.setReply("word ".repeat(400));
    const controller = new AbortController();
    const run = generatePlan(deps(), input, controller.signal, { onChunk: () => controller.abort() });
    await expect(run).rejects.toThrow("Generation stopped. Nothing was saved.");
    const aborted = await fake.waitForClientAbort("/api/chat");
    expect(aborted.abortedByClient).toBe(true);
    expect(await listFiles(vaultDir)).toEqual(["Existing.md"]);
  });

  test("a write failure is reported with the path and loses no note", async () => {
    await fs.writeFile(path.join(vaultDir, "AI Stack Plans"), "a file where the folder should be");
    await expect(generatePlan(deps(), input, new AbortController().signal)).rejects.toThrow(/^Couldn't write the plan note "AI Stack Plans\//);
    expect(await fs.readFile(path.join(vaultDir, "AI Stack Plans"), "utf8")).toBe("a file where the folder should be");
  });
});

describe("streamPlan", () => {
  test("returns the plan without writing anything", async () => {
    const plan = await streamPlan(deps(), input, new AbortController().signal);
    expect(plan).toMatchObject({ tier: "pro", model: "llama3.2:3b", partial: false, answer: REPLY });
    expect(await listFiles(vaultDir)).toEqual(["Existing.md"]);
  });

  test("a stop mid-stream throws InterruptedPlan carrying the partial answer", async () => {
    fake.setChunkDelay(20);
    const controller = new AbortController();
    let chunks = 0;
    const error = await streamPlan(deps(), input, controller.signal, { onChunk: () => ++chunks === 2 && controller.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedPlan);
    const interrupted = error as InterruptedPlan;
    expect(interrupted.kind).toBe("aborted");
    expect(interrupted.partial?.partial).toBe(true);
    expect(interrupted.partial?.answer.length).toBeGreaterThan(0);
    expect(REPLY.startsWith(interrupted.partial?.answer ?? "x")).toBe(true);
    expect(await listFiles(vaultDir)).toEqual(["Existing.md"]);
  });
});

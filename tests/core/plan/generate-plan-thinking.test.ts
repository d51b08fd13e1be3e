/**
 * Reasoning models through generatePlan and the fake Ollama: thinking sent apart (`think`) or in
 * raw `<think>` tags stays out of the answer and the fit check; the note keeps it folded only when
 * the setting says so; progress says the model is thinking.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { generatePlan, type PlanInput } from "../../../src/core/plan/generate-plan";
import { FolderVaultPort } from "../../../src/adapters/node/folder-vault";
import { OllamaLlm } from "../../../src/adapters/ollama/ollama-client";
import { defaultModels, FakeOllama } from "../../harness/fake-ollama";
import { makeTempVault, removeTempVault } from "../../harness/temp-vault";

const THINKING = "Llama 3.1 70B would be best but needs 40 GB; the user has 16 GB. Use Llama 3.1 8B.";
const ANSWER = "## Compute\n- Run `llama3.1:8b` for chat.\n- Embeddings: nomic-embed-text.\n";

describe("reasoning models", () => {
  let fake: FakeOllama;
  let vaultDir: string;
  const input: PlanInput = { tier: "pro", language: "en", hardware: "M3 MacBook Pro 16GB", usage: "notes", model: "", contextTokens: 8192, plansFolder: "Plans", keepPartial: false };

  beforeAll(async () => {
    fake = await FakeOllama.start({
      models: [{ name: "qwen3:8b", family: "qwen3", parameterSize: "8.2B", quantization: "Q4_K_M", sizeBytes: 5_225_000_000, capabilities: ["completion", "thinking"] }, ...defaultModels()],
      thinking: THINKING,
      reply: ANSWER,
    });
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    vaultDir = await makeTempVault();
    fake.clearRequests();
  });
  afterEach(() => removeTempVault(vaultDir));

  async function plan(overrides: Partial<PlanInput>) {
    const thinkingSeen: string[] = [];
    const answerSeen: string[] = [];
    const outcome = await generatePlan(
      { llm: new OllamaLlm({ baseUrl: fake.url, fetch }), vault: new FolderVaultPort(vaultDir), now: () => new Date(2026, 10, 25, 10, 0), monotonicMs: () => 0 },
      { ...input, ...overrides },
      new AbortController().signal,
      { onThinking: (_chunk, all) => thinkingSeen.push(all), onChunk: (_chunk, all) => answerSeen.push(all) },
    );
    const note = await fs.readFile(path.join(vaultDir, outcome.path), "utf8");
    const frontmatter = parse(/^---\n([\s\S]*?)\n---\n/.exec(note)?.[1] ?? "") as Record<string, unknown>;
    return { note, frontmatter, thinkingSeen, answerSeen };
  }

  test("a model that refuses `think` is asked again without it", async () => {
    const llm = new OllamaLlm({ baseUrl: fake.url, fetch });
    const result = await llm.chat({ model: "llama3.2:3b", messages: [{ role: "user", content: "plan" }], contextTokens: 2048, think: true }, () => undefined, new AbortController().signal);
    expect(fake.requestsTo("/api/chat").map((r) => (r.body as { think?: boolean }).think)).toEqual([true, undefined]);
    expect(result.text).toBe(ANSWER);
  });

  test("thinking sent apart (think: true) is not in the note nor in the check", async () => {
    const { note, frontmatter, thinkingSeen, answerSeen } = await plan({ model: "qwen3:8b" });
    expect((fake.requestsTo("/api/chat")[0].body as { think?: boolean }).think).toBe(true);
    expect(frontmatter.fit_check).toBe("ok");
    expect(note).not.toContain("70B");
    expect(note).toContain("Run `llama3.1:8b` for chat.");
    expect(thinkingSeen[thinkingSeen.length - 1]).toBe(THINKING);
    expect(answerSeen.some((text) => text.includes("70B"))).toBe(false);
  });

  test("with the setting on, the thinking is kept folded under the answer", async () => {
    const { note, frontmatter } = await plan({ model: "qwen3:8b", keepThinking: true });
    expect(frontmatter.fit_check).toBe("ok");
    expect(note).toContain(`> [!abstract]- The model's thinking\n> ${THINKING}`);
    expect(note.indexOf("Run `llama3.1:8b`")).toBeLessThan(note.indexOf("[!abstract]-"));
  });

  test("raw <think> tags in the answer (older servers and models) are taken out", async () => {
    fake.setReply(`<think>\n${THINKING}\n</think>\n\n${ANSWER}`);
    try {
      const { note, frontmatter, thinkingSeen } = await plan({ model: "llama3.2:3b" });
      // llama3.2 is not a reasoning family: `think` is not sent, the raw tags are split off.
      expect(fake.requestsTo("/api/chat").map((r) => (r.body as { think?: boolean }).think)).toEqual([undefined]);
      expect(frontmatter.fit_check).toBe("ok");
      expect(note).not.toContain("<think>");
      expect(note).not.toContain("70B");
      expect(thinkingSeen[thinkingSeen.length - 1]).toContain("needs 40 GB");
    } finally {
      fake.setReply(ANSWER);
    }
  });
});

/**
 * The answer is checked: models a plan recommends are recognised and checked against the
 * hardware, both directly and through generatePlan against the fake Ollama.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { checkPlanFit, hardwareFactsFor, renderFitCheck, suggestFitting } from "../../../src/core/hardware/fit-check";
import { generatePlan, type PlanInput } from "../../../src/core/plan/generate-plan";
import { catalogByTag } from "../../../src/core/hardware/catalog";
import { computeFitTable } from "../../../src/core/hardware/fit-table";
import { parseHardwareText } from "../../../src/core/hardware/parse-text";
import { FolderVaultPort } from "../../../src/adapters/node/folder-vault";
import { OllamaLlm } from "../../../src/adapters/ollama/ollama-client";
import { FakeOllama } from "../../harness/fake-ollama";
import { makeTempVault, removeTempVault } from "../../harness/temp-vault";

const M3_16 = "M3 MacBook Pro 16GB";
const OVERSIZED = "## Compute\n- Run **Llama 3.1 70B** (`ollama pull llama3.1:70b`) for everything.\n- Embeddings: nomic-embed-text.\n";
const FITTING = "## Compute\n- Run `llama3.1:8b` for chat and `qwen2.5:7b` for email.\n- Embeddings: nomic-embed-text.\n";

describe("checkPlanFit", () => {
  const table = computeFitTable(parseHardwareText(M3_16));

  test("an oversized recommendation is a warning with a fitting suggestion of the same family", () => {
    const check = checkPlanFit(OVERSIZED, table, "en");
    expect(check.status).toBe("warnings");
    expect(check.findings.map((f) => [f.mention, f.tag, f.fit.verdict, f.suggestion?.tag])).toEqual([
      ["Llama 3.1 70B", "llama3.1:70b", "does-not-run", "llama3.1:8b"],
      ["nomic-embed-text", "nomic-embed-text", "fits-vram", undefined],
    ]);
  });

  test("fitting recommendations are ok", () => {
    const check = checkPlanFit(FITTING, table, "en");
    expect(check.status).toBe("ok");
    expect(check.findings.map((f) => f.fit.verdict)).toEqual(["fits-vram", "fits-vram", "fits-vram"]);
  });

  test.each<[string, "ok" | "warnings"]>([
    ["Avoid Llama 3.1 70B: it needs far more memory. Use `llama3.1:8b`.", "ok"],
    ["Use `llama3.1:8b`, since Llama 3.1 70B would not fit.", "ok"],
    ["Llama 3.1 70B, which is too large for 16 GB, is out; run qwen2.5:7b.", "ok"],
    ["| llama3.1:70b | does not fit |\n| llama3.1:8b | fits |", "ok"],
    ["不推荐 Llama 3.1 70B（显存放不下），请用 Qwen2.5 7B。", "ok"],
    // Advice against it in one place does not cancel a recommendation in another.
    ["Avoid Llama 3.1 70B for chat. For hard questions, run Llama 3.1 70B overnight.", "warnings"],
    // "instead of" rejects the other model, not this one.
    ["Use Llama 3.1 70B instead of qwen2.5:7b.", "warnings"],
  ])("advice against a model is not a recommendation: %j → %s", (answer, status) => {
    const check = checkPlanFit(answer, table, "en");
    expect(check.status).toBe(status);
    expect(check.findings.find((f) => f.tag === "llama3.1:70b")?.discouraged).toBe(status === "ok" ? true : undefined);
  });

  test("a model advised against is listed as such, without a warning callout", () => {
    const text = renderFitCheck(checkPlanFit("Avoid Llama 3.1 70B. Use `llama3.1:8b`.", table, "en"), "en");
    expect(text).not.toContain("[!warning]");
    expect(text).toContain("> - `Llama 3.1 70B` → `llama3.1:70b` (Q4_K_M, 45 GB): does not run (the plan advises against it)");
  });

  test("the article's examples: a 70B is never fine on an 8 GB laptop; 32B is fine on an RTX 4090", () => {
    expect(checkPlanFit("Use Llama 3.1 70B.", computeFitTable(parseHardwareText("Laptop, 8GB RAM")), "en").status).toBe("warnings");
    expect(checkPlanFit("Use Qwen2.5-32B-Instruct Q4_K_M.", computeFitTable(parseHardwareText("PC, RTX 4090 24GB VRAM, 64GB RAM")), "en").status).toBe("ok");
    expect(checkPlanFit("Use Qwen2.5-32B-Instruct Q8_0.", computeFitTable(parseHardwareText("PC, RTX 4090 24GB VRAM, 64GB RAM")), "en").findings[0].fit.verdict).toBe("partial-offload");
  });

  test("the suggestion prefers a reasoning model for a reasoning model, and says when it is installed", () => {
    const laptop = computeFitTable(parseHardwareText(M3_16));
    expect(suggestFitting(catalogByTag("deepseek-r1:70b")!, laptop)?.tag).toBe("deepseek-r1:8b");
    const withInstalled = computeFitTable(parseHardwareText(M3_16), { installed: [{ name: "llama3.1:8b", parameterSize: "8.0B", quantization: "Q4_K_M", sizeBytes: 4_920_753_328, canChat: true }] });
    expect(suggestFitting(catalogByTag("llama3.3:70b")!, withInstalled)).toMatchObject({ tag: "llama3.1:8b", installed: true });
  });

  test("callouts for the note (approval), English and Chinese", () => {
    expect(renderFitCheck(checkPlanFit(OVERSIZED, table, "en"), "en")).toMatchSnapshot();
    expect(renderFitCheck(checkPlanFit(OVERSIZED, computeFitTable(parseHardwareText(M3_16), { lang: "zh" }), "zh"), "zh")).toMatchSnapshot();
    expect(renderFitCheck(checkPlanFit("No models here.", table, "en"), "en")).toBe("> [!success]- Hardware check\n> The plan names no model the plugin recognises; nothing to check.");
  });

  test("no facts, no check: hardware text without any memory size", () => {
    expect(hardwareFactsFor({ hardware: "my old computer", language: "en" }, [])).toBeNull();
    expect(hardwareFactsFor({ hardware: "", language: "en" }, [])).toBeNull();
  });
});

describe("through generatePlan against the fake Ollama", () => {
  let fake: FakeOllama;
  let vaultDir: string;
  const input: PlanInput = { tier: "pro", language: "en", hardware: M3_16, usage: "notes, email", model: "", contextTokens: 8192, plansFolder: "Plans", keepPartial: false };

  beforeAll(async () => {
    fake = await FakeOllama.start();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    vaultDir = await makeTempVault();
  });
  afterEach(() => removeTempVault(vaultDir));

  async function plan(reply: string, overrides: Partial<PlanInput> = {}) {
    fake.setReply(reply);
    fake.clearRequests();
    const outcome = await generatePlan(
      { llm: new OllamaLlm({ baseUrl: fake.url, fetch }), vault: new FolderVaultPort(vaultDir), now: () => new Date(2026, 10, 25, 10, 0), monotonicMs: () => 0 },
      { ...input, ...overrides },
      new AbortController().signal,
    );
    const note = await fs.readFile(path.join(vaultDir, outcome.path), "utf8");
    const frontmatter = parse(/^---\n([\s\S]*?)\n---\n/.exec(note)?.[1] ?? "") as Record<string, unknown>;
    const sent = fake.requestsTo("/api/chat")[0].body as { messages: { content: string }[] };
    return { note, frontmatter, prompt: sent.messages[0].content };
  }

  test("a plan recommending an oversized model carries the warning next to a model that fits", async () => {
    const { note, frontmatter } = await plan(OVERSIZED);
    expect(frontmatter.fit_check).toBe("warnings");
    expect(note).toContain("> [!warning] `Llama 3.1 70B` cannot run on this hardware\n> `llama3.1:70b` (Q4_K_M): needs 45 GB, but only 13.5 GB is available");
    expect(note).toContain("> Use **llama3.1:8b** instead: needs 6.3 GB; fits in the GPU's 10.7 GB share of 16 GB unified memory");
    // The warning comes before the answer, the fit table after it.
    expect(note.indexOf("[!warning]")).toBeLessThan(note.indexOf("## Compute"));
    expect(note.indexOf("## Compute")).toBeLessThan(note.indexOf("> [!note]- Hardware fit (computed)"));
  });

  test("a plan recommending fitting models carries fit_check: ok and the speed it was written at", async () => {
    const { note, frontmatter } = await plan(FITTING);
    expect(frontmatter.fit_check).toBe("ok");
    expect(note).not.toContain("[!warning]");
    expect(note).toContain("> [!success]- Hardware check\n> Every model this plan recommends can run on this hardware.");
    expect(typeof frontmatter.tokens_per_second).toBe("number");
    expect(note).toContain(`> **Speed on this machine:** ${String(frontmatter.tokens_per_second)} tokens/s`);
  });

  test("the prompt carries the computed facts right after the blueprint; the installed model is marked", async () => {
    const { prompt } = await plan(FITTING);
    const blueprintEnd = prompt.indexOf("never recommend an oversized model that cannot run.");
    const facts = prompt.indexOf("===== Hardware facts (computed) =====");
    expect(blueprintEnd).toBeGreaterThan(0);
    expect(facts).toBeGreaterThan(blueprintEnd);
    expect(prompt).toContain("- llama3.2:3b (Q4_K_M, installed): needs");
    expect(prompt).toMatch(/Does not run on this hardware \(never recommend\):\n(- .*\n)*- llama3\.1:70b \(Q4_K_M\): needs 45 GB/);
    expect(prompt.trimEnd().endsWith("===== End of Hardware facts (computed) =====")).toBe(true);
  });

  test("Chinese: the facts and the warning are in Chinese", async () => {
    const { note, prompt, frontmatter } = await plan(OVERSIZED, { language: "zh", hardware: "M3 MacBook Pro，16GB 统一内存" });
    expect(prompt).toContain("===== 硬件事实（计算得出） =====");
    expect(frontmatter.fit_check).toBe("warnings");
    expect(note).toContain("> [!warning] `Llama 3.1 70B` 无法在此硬件上运行");
  });

  test("without any memory fact no facts are sent and the note has no fit_check", async () => {
    const { note, prompt, frontmatter } = await plan(OVERSIZED, { hardware: "a computer" });
    expect(prompt).not.toContain("Hardware facts");
    expect(frontmatter).not.toHaveProperty("fit_check");
    expect(note).not.toContain("Hardware check");
  });
});

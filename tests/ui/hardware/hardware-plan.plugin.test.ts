/**
 * Hardware-aware planning through the real plugin: the "Generate pro stack plan" command against
 * the fake Ollama, scripted to recommend a model that cannot run, then models that fit.
 */
import { Modal, Notice, type SuggestModal } from "obsidian-test-mocks/obsidian";
import type { FitRow } from "../../../src/core/hardware/fit-table";
import { FakeOllama, unusedLoopbackPort } from "../../harness/fake-ollama";
import { parseNote, startPlugin, waitFor } from "../../harness/plugin-harness";

let fake: FakeOllama;
beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
afterEach(() => jest.restoreAllMocks());

async function planWith(reply: string, hardware: string) {
  fake.setReply(reply);
  const h = await startPlugin({ settings: { ollamaHost: fake.url, hardware, usage: "notes and email" } });
  const path = await h.generate("generate-pro-plan");
  if (path === undefined) throw new Error(`no plan written: ${h.notices.plain().join(" | ")}`);
  return parseNote(await h.read(path));
}

test("an oversized recommendation on an 8 GB laptop carries the warning and fit_check: warnings", async () => {
  const note = await planWith("## Compute\n- **Llama 3.1 70B** via `ollama pull llama3.1:70b`.\n", "Laptop, 8GB RAM");
  expect(note.frontmatter.fit_check).toBe("warnings");
  expect(note.body).toContain("> [!warning] `Llama 3.1 70B` cannot run on this hardware\n> `llama3.1:70b` (Q4_K_M): needs 45 GB, but only 5.5 GB is available (8 GB RAM minus 2.5 GB for the system, no GPU).");
  expect(note.body).toMatch(/> Use \*\*llama3\.2:3b\*\* instead: needs 3\.3 GB; no GPU Ollama can use/);
});

test("fitting recommendations on an RTX 4090 carry fit_check: ok and the fit table", async () => {
  const note = await planWith("## Compute\n- `qwen2.5:14b` for email, Qwen2.5-32B-Instruct Q4_K_M for analysis.\n", "PC, RTX 4090 24GB VRAM, 64GB RAM");
  expect(note.frontmatter.fit_check).toBe("ok");
  expect(note.body).not.toContain("[!warning]");
  expect(note.body).toContain("> | qwen2.5:32b | Q4_K_M | 22.1 GB | fits in VRAM |  |");
  expect(note.body).toContain("> | llama3.2:3b | Q4_K_M | 3.3 GB | fits in VRAM | yes |");
});

test('"Write offline draft plan" writes and opens the draft without contacting Ollama', async () => {
  fake.clearRequests();
  const h = await startPlugin({ settings: { ollamaHost: fake.url, hardware: "M3 MacBook Pro 16GB", usage: "email replies", language: "en" } });
  h.execute("write-offline-draft");
  await waitFor(() => h.planPaths().length === 1, "the draft note");
  const [path] = h.planPaths();
  expect(path).toMatch(/^AI Stack Plans\/.* - Offline draft plan - M3 MacBook Pro 16GB\.md$/);
  await waitFor(() => h.notices.plain().length === 1, "the notice");
  expect(h.notices.plain()).toEqual([`Offline draft plan saved to ${path}`]);
  const note = parseNote(await h.read(path));
  expect(note.frontmatter).toMatchObject({ status: "offline-draft", fit_check: "ok" });
  expect(note.body).toContain("**Email Trigger (IMAP)**");
  await waitFor(() => h.app.workspace.getActiveFile()?.path === path, "the draft to open");
  expect(fake.requests).toHaveLength(0);
});

test("when Ollama isn't reachable the message offers the offline draft", async () => {
  const port = await unusedLoopbackPort();
  const h = await startPlugin({ settings: { ollamaHost: `http://127.0.0.1:${port}`, hardware: "Laptop, 8GB RAM" } });
  expect(await h.generate("generate-pro-plan")).toBeUndefined();
  expect(h.notices.plain()).toEqual([`Ollama isn't reachable at http://127.0.0.1:${port}. Start it with \`ollama serve\`. Or run "Write offline draft plan" for a draft built from your hardware without Ollama.`]);
  h.execute("write-offline-draft");
  await waitFor(() => h.planPaths().length === 1, "the draft note");
});

test('"Benchmark installed models" writes the comparison note', async () => {
  fake.setReply("- one\n- two");
  const h = await startPlugin({ settings: { ollamaHost: fake.url, hardware: "PC, RTX 4090 24GB VRAM, 64GB RAM" } });
  h.execute("benchmark-models");
  await waitFor(() => h.planPaths().length === 1, "the benchmark note");
  const [path] = h.planPaths();
  expect(path).toMatch(/^AI Stack Plans\/.* - Model benchmark\.md$/);
  const note = parseNote(await h.read(path));
  expect(note.frontmatter).toMatchObject({ type: "ai-stack-benchmark", models: ["llama3.2:3b"], fastest: "llama3.2:3b" });
  await waitFor(() => h.notices.plain().includes(`Model benchmark saved to ${path}`), "the notice");
});

test('"Pull a model that fits" offers fitting models, recommended first, and pulls the chosen one with progress', async () => {
  const modals = jest.spyOn(Modal.prototype, "constructor__");
  const progress = jest.spyOn(Notice.prototype, "setMessage");
  fake.clearRequests();
  const h = await startPlugin({ settings: { ollamaHost: fake.url, hardware: "M3 MacBook Pro 16GB", usage: "email" } });
  h.execute("pull-model");
  await waitFor(() => modals.mock.contexts.length === 1, "the model picker");
  const picker = modals.mock.contexts[0] as SuggestModal<FitRow>;
  const rows = await picker.getSuggestions("");
  // The offline draft's main pick first; the embedding model it would pick is already installed.
  expect(rows[0].tag).toBe("gemma3:12b");
  expect(rows.map((r) => r.tag)).not.toContain("nomic-embed-text");
  expect(rows.every((r) => r.fit.verdict === "fits-vram" && !r.installed)).toBe(true);
  expect(rows.map((r) => r.tag)).not.toContain("llama3.2:3b");
  expect(rows.map((r) => r.tag)).not.toContain("qwen2.5:32b");
  expect((await picker.getSuggestions("qwen3")).map((r) => r.tag)).toEqual(["qwen3:8b", "deepseek-r1:8b", "qwen3:4b", "qwen3:1.7b", "qwen3:0.6b"]);
  picker.onChooseSuggestion(rows[0], new MouseEvent("click"));
  await waitFor(() => h.notices.plain().includes("gemma3:12b is installed and ready."), "the pull to finish");
  expect(fake.requestsTo("/api/pull").map((r) => (r.body as { model?: string; name?: string }).model ?? (r.body as { name?: string }).name)).toEqual(["gemma3:12b"]);
  expect(fake.getModels().map((m) => m.name)).toContain("gemma3:12b");
  const shown = progress.mock.calls.map((call) => (typeof call[0] === "string" ? call[0] : ""));
  expect(shown).toEqual(expect.arrayContaining(["Pulling gemma3:12b… 0%", "Pulling gemma3:12b… 50%", "Pulling gemma3:12b… 100%"]));
});

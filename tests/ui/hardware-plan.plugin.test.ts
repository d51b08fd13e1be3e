/**
 * Hardware-aware planning through the real plugin: the "Generate pro stack plan" command against
 * the fake Ollama, scripted to recommend a model that cannot run, then models that fit.
 */
import { FakeOllama } from "../harness/fake-ollama";
import { parseNote, startPlugin } from "../harness/plugin-harness";

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

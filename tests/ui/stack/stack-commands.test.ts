/** "Check my stack" and "Copy n8n workflow" through the real plugin, against the fake Ollama and a fake n8n. */
import { FakeN8n } from "../../harness/fake-n8n";
import { FakeOllama } from "../../harness/fake-ollama";
import { startPlugin, waitFor } from "../../harness/plugin-harness";
import { N8N_API_KEY_STORAGE } from "../../../src/ui/stack/stack-commands";

let ollama: FakeOllama;
let n8n: FakeN8n;
let writeText: jest.Mock<Promise<void>, [string]>;

beforeAll(async () => {
  ollama = await FakeOllama.start();
  n8n = await FakeN8n.start();
});
afterAll(async () => {
  await ollama.close();
  await n8n.close();
});
beforeEach(() => {
  n8n.mode = "healthy";
  n8n.workflows = [];
  writeText = jest.fn<Promise<void>, [string]>(() => Promise.resolve());
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
});
afterEach(() => jest.restoreAllMocks());

async function pluginWithDraft() {
  const h = await startPlugin({ settings: { ollamaHost: ollama.url, n8nUrl: n8n.url, hardware: "M3 MacBook Pro 16GB", usage: "email replies", language: "en", openPlanAfterWrite: true } });
  h.execute("write-offline-draft");
  await waitFor(() => h.planPaths().length === 1 && h.workflowPaths().length === 1, "the draft and its workflow");
  return { h, path: h.planPaths()[0], workflowPath: h.workflowPaths()[0] };
}

test("Check my stack writes the Stack status into the open plan and leaves the rest of it as it was", async () => {
  const { h, path } = await pluginWithDraft();
  n8n.workflows = ["AI Stack Planner: Email digest (gemma3:12b)"];
  h.app.saveLocalStorage(N8N_API_KEY_STORAGE, "test-key");
  const before = await h.read(path);
  h.execute("check-my-stack");
  await waitFor(() => h.notices.plain().some((n) => n.startsWith("Stack status of")), "the check's notice");
  const after = await h.read(path);
  expect(after.slice(0, before.length)).toBe(before);
  const section = after.slice(before.length);
  expect(section).toMatch(/^\n## Stack status\n\nChecked \d{4}-\d\d-\d\d \d\d:\d\d\.\n\n- \[x\] Ollama 0\.12\.0 answers at http:\/\/127\.0\.0\.1:\d+ \(/);
  expect(section).toContain("- [ ] `gemma3:12b` is not installed (fits in VRAM on this hardware)\n    - Fix: `ollama pull gemma3:12b`");
  expect(section).toMatch(/- \[x\] n8n answers at http:\/\/127\.0\.0\.1:\d+ \(/);
  expect(section).toMatch(/- \[x\] The workflow "AI Stack Planner: Email digest \(gemma3:12b\)" is imported in n8n \(/);
  expect(section).toContain("- [ ] The vault index is not built yet\n    - Fix: Run the command **Index vault now**.");
  expect(h.notices.plain()).toContain(`Stack status of ${path.slice(path.lastIndexOf("/") + 1, -3)}: 4 of 8 checks pass. The checklist is in the note.`);
});

test("Copy n8n workflow puts the workflow file beside the plan on the clipboard", async () => {
  const { h, workflowPath } = await pluginWithDraft();
  h.execute("copy-n8n-workflow");
  await waitFor(() => writeText.mock.calls.length === 1, "the clipboard");
  expect(writeText.mock.calls[0][0]).toBe(await h.read(workflowPath));
  expect(JSON.parse(writeText.mock.calls[0][0])).toMatchObject({ name: "AI Stack Planner: Email digest (gemma3:12b)" });
});

/**
 * The panel over the real vault index: a VaultIndexer on a temp folder (sharded store on disk,
 * embeddings from the fake Ollama), plugged in through `indexFeatures`. "Index now" indexes,
 * the status follows, and "Ask my vault" answers from passages the index retrieved.
 */
import { FakeOllama } from "../harness/fake-ollama";
import { waitFor } from "../harness/plugin-harness";
import { startPanelHarness } from "../harness/panel-harness";
import { makeTempVault, removeTempVault } from "../harness/temp-vault";
import { openTestIndex } from "../harness/vault-index";
import { indexFeatures, panelIndexStatus } from "../../src/ui/index-features";

const NOTES = {
  "Hardware.md": "# PC\nDesktop with an RTX 4090 and 24 GB of VRAM.\n\n# Memory\n64 GB DDR5 RAM.\n",
  "Uses.md": "# Uses\nA personal knowledge base, email replies and coding help.\n",
  "Recipes.md": "# Pancakes\nFlour, milk, eggs and a pinch of salt.\n",
};
const ANSWER = "Your desktop has an RTX 4090 with 24 GB of VRAM [[Hardware#PC]].";

let fake: FakeOllama;
let vault: string;

beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearRequests();
  fake.setReply(ANSWER);
  vault = await makeTempVault(NOTES);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await removeTempVault(vault);
});

test("the indexer's states map to what the panel shows", () => {
  const base = { notes: 3, chunks: 4, model: "m", progress: null, message: null, lastRun: null };
  expect(panelIndexStatus({ ...base, state: "idle" })).toEqual({ state: "ready", indexedNotes: 3, message: undefined });
  expect(panelIndexStatus({ ...base, notes: 0, state: "starting" })).toMatchObject({ state: "empty" });
  expect(panelIndexStatus({ ...base, state: "indexing", progress: { done: 1, total: 5, embedded: 2, notesPerSecond: 1, etaSeconds: 4 } })).toMatchObject({ state: "indexing", progress: { done: 1, total: 5 } });
  expect(panelIndexStatus({ ...base, state: "paused", message: "Ollama isn't reachable." })).toEqual({ state: "error", indexedNotes: 3, message: "Ollama isn't reachable." });
});

test("Index now indexes the vault; Ask my vault answers from the passages the index retrieves", async () => {
  const index = openTestIndex(vault, { host: fake.url });
  const features = indexFeatures(index.indexer);
  const h = await startPanelHarness({ settings: { ollamaHost: fake.url, language: "en" }, files: NOTES });
  h.plugin.panelFeatures.index = () => features.index;
  h.plugin.panelFeatures.retriever = () => features.retriever;
  try {
    const view = await h.openPanel();
    const status = () => view.contentEl.querySelector(".ai-stack-planner-index-status")?.textContent ?? "";
    expect(status()).toBe("Nothing indexed yet.");
    view.contentEl.querySelector<HTMLButtonElement>("button.ai-stack-planner-index-now")?.click();
    await waitFor(() => status() === "3 notes indexed.", "the index", 10000);
    expect(fake.requestsTo("/api/embed").length).toBeGreaterThan(0);

    fake.clearRequests();
    const question = view.contentEl.querySelector<HTMLTextAreaElement>("textarea.ai-stack-planner-question");
    if (!question) throw new Error("no question box");
    question.value = "Which GPU and how much VRAM does my desktop have?";
    view.contentEl.querySelector<HTMLButtonElement>("button.ai-stack-planner-ask-button")?.click();
    const ask = view.contentEl.querySelector(".ai-stack-planner-ask") as HTMLElement;
    await waitFor(() => (ask.querySelector(".ai-stack-planner-run-status")?.textContent ?? "") === "Answered by llama3.2:3b.", "the answer", 10000);

    // The question was embedded, and the best passage went into the prompt with its link.
    const embedded = fake.requestsTo("/api/embed").flatMap((r) => (r.body as { input: string[] }).input);
    expect(embedded.some((text) => text.includes("Which GPU and how much VRAM"))).toBe(true);
    const user = (fake.requestsTo("/api/chat")[0].body as { messages: { content: string }[] }).messages[1].content;
    expect(user).toContain("[[Hardware#PC]]\nDesktop with an RTX 4090 and 24 GB of VRAM.");
    const sources = Array.from(ask.querySelectorAll<HTMLAnchorElement>(".ai-stack-planner-sources a.internal-link")).map((a) => a.dataset.href);
    expect(sources[0]).toBe("Hardware#PC");
    expect(Array.from(ask.querySelectorAll<HTMLAnchorElement>(".ai-stack-planner-answer a.internal-link")).map((a) => a.dataset.href)).toEqual(["Hardware#PC"]);
  } finally {
    await h.closePanel();
    await index.indexer.close();
  }
});

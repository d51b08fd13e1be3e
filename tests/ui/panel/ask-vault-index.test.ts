/**
 * "Ask my vault" and panel plans over the real vault index, wired by the real plugin: notes in the
 * mock vault, the index on the mock adapter, embeddings and answers from the fake Ollama.
 */
import { useFakeOllama } from "../../harness/use-fake-ollama";
import { useFastIndexTiming } from "../../harness/vault-index";
import { waitFor } from "../../harness/plugin-harness";
import { startPanelHarness } from "../../harness/panel-harness";

const NOTES = {
  "Hardware.md": "# PC\nDesktop with an RTX 4090 and 24 GB of VRAM.\n\n# Memory\n64 GB DDR5 RAM.\n",
  "Uses.md": "# Uses\nA personal knowledge base, email replies and coding help.\n",
  "Recipes.md": "# Pancakes\nFlour, milk, eggs and a pinch of salt.\n",
};
const ANSWER = "Your desktop has an RTX 4090 with 24 GB of VRAM [[Hardware#PC]].";

const fake = useFakeOllama(ANSWER);
useFastIndexTiming();
afterEach(() => jest.restoreAllMocks());

test("Ask my vault answers from the passages the vault index retrieves, with sources and citation links", async () => {
  // The plan below retrieves with the hardware as its query: with none typed, no note is relevant
  // enough to pass the relevance floor (the fake's embeddings carry no meaning), and none is sent.
  const h = await startPanelHarness({ settings: { ollamaHost: fake.url, language: "en", hardware: "Desktop with an RTX 4090, 24 GB VRAM" }, files: NOTES });
  const view = await h.openPanel();
  const status = () => view.contentEl.querySelector(".ai-stack-planner-index-status")?.textContent ?? "";
  h.app.workspace.setLayoutReady__();
  await waitFor(() => status() === "3 notes indexed.", "the index");

  fake.clearRequests();
  const question = view.contentEl.querySelector<HTMLTextAreaElement>("textarea.ai-stack-planner-question");
  if (!question) throw new Error("no question box");
  question.value = "Which GPU and how much VRAM does my desktop have?";
  view.contentEl.querySelector<HTMLButtonElement>("button.ai-stack-planner-ask-button")?.click();
  const ask = view.contentEl.querySelector(".ai-stack-planner-ask") as HTMLElement;
  await waitFor(() => (ask.querySelector(".ai-stack-planner-run-status")?.textContent ?? "") === "Answered by llama3.2:3b.", "the answer");

  // The question was embedded, and the best passage went into the prompt with its link.
  const embedded = fake.requestsTo("/api/embed").flatMap((r) => (r.body as { input: string[] }).input);
  expect(embedded.some((text) => text.includes("Which GPU and how much VRAM"))).toBe(true);
  const user = (fake.requestsTo("/api/chat")[0].body as { messages: { content: string }[] }).messages[1].content;
  expect(user).toContain("[[Hardware#PC]]\nDesktop with an RTX 4090 and 24 GB of VRAM.");
  const sources = Array.from(ask.querySelectorAll<HTMLAnchorElement>(".ai-stack-planner-sources a.internal-link")).map((a) => a.dataset.href);
  expect(sources[0]).toBe("Hardware#PC");
  expect(Array.from(ask.querySelectorAll<HTMLAnchorElement>(".ai-stack-planner-answer a.internal-link")).map((a) => a.dataset.href)).toEqual(["Hardware#PC"]);

  // A plan generated in the panel gets the same notes: a "From my notes" part and its sources.
  fake.clearRequests();
  view.contentEl.querySelector<HTMLButtonElement>("button.ai-stack-planner-generate")?.click();
  await waitFor(() => view.contentEl.querySelector(".ai-stack-planner-save") !== null, "the plan");
  const prompt = (fake.requestsTo("/api/chat")[0].body as { messages: { content: string }[] }).messages[0].content;
  expect(prompt).toContain("===== From my notes =====");
  const planSources = Array.from(view.contentEl.querySelectorAll<HTMLAnchorElement>(".ai-stack-planner-form ~ .ai-stack-planner-sources a.internal-link"));
  expect(planSources.length).toBeGreaterThan(0);
  await h.closePanel();
  h.mock.unload();
});

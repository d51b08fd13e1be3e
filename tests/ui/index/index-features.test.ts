/** The indexer's status as the panel shows it (the panel over the real index: ask-vault-index.test.ts). */
import { panelIndexStatus } from "../../../src/ui/index/index-features";

test("the indexer's states map to what the panel shows", () => {
  const base = { notes: 3, chunks: 4, model: "m", progress: null, message: null, lastRun: null, unreadable: 0 };
  expect(panelIndexStatus({ ...base, state: "idle" })).toEqual({ state: "ready", indexedNotes: 3, message: undefined, unreadable: 0 });
  expect(panelIndexStatus({ ...base, notes: 0, state: "starting" })).toMatchObject({ state: "empty" });
  expect(panelIndexStatus({ ...base, state: "indexing", progress: { done: 1, total: 5, embedded: 2, notesPerSecond: 1, etaSeconds: 4 } })).toMatchObject({ state: "indexing", progress: { done: 1, total: 5 } });
  expect(panelIndexStatus({ ...base, state: "paused", message: "Ollama isn't reachable." })).toEqual({ state: "error", indexedNotes: 3, message: "Ollama isn't reachable.", unreadable: 0 });
});

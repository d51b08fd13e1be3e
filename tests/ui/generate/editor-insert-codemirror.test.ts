/**
 * Inline generation into a real CodeMirror 6 view (what Obsidian's editor is): the stream's writes
 * stay out of the undo history and the finished plan is recorded as one change, so one Undo
 * removes it. The view is wrapped in the few Editor methods the stream uses, as Obsidian does.
 */
import { Transaction, type Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { Editor, EditorPosition, MarkdownView } from "obsidian";
import { FakeOllama } from "../../harness/fake-ollama";
import { startPlugin, waitFor } from "../../harness/plugin-harness";
import { streamPlanIntoEditor } from "../../../src/ui/generate/editor-insert";
import { App } from "obsidian-test-mocks/obsidian";
import { PluginServices } from "../../../src/ui/shared/create-context";
import { migrateSettings } from "../../../src/core/shared/settings";

let fake: FakeOllama;

beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
afterEach(() => jest.restoreAllMocks());

interface Recorded {
  inserted: string;
  inHistory: boolean;
  userEvent: string | undefined;
}

function editorOver(view: EditorView): Editor {
  const toPos = (doc: Text, offset: number): EditorPosition => {
    const line = doc.lineAt(offset);
    return { line: line.number - 1, ch: offset - line.from };
  };
  return {
    cm: view,
    getValue: () => view.state.doc.toString(),
    posToOffset: (pos: EditorPosition) => view.state.doc.line(pos.line + 1).from + pos.ch,
    offsetToPos: (offset: number) => toPos(view.state.doc, offset),
    getCursor: () => toPos(view.state.doc, view.state.selection.main.head),
    replaceRange: () => {
      throw new Error("the CodeMirror path must not use replaceRange");
    },
  } as unknown as Editor;
}

test("the streamed plan lands in the note as one undoable change", async () => {
  await startPlugin({ settings: {} }); // loads the Obsidian mock's DOM helpers
  fake.setReply(Array.from({ length: 120 }, (_, i) => `w${i}`).join(" "));
  fake.setChunkDelay(3);
  const recorded: Recorded[] = [];
  const view = new EditorView({
    doc: "Top\n\nBottom",
    parent: document.body,
    extensions: [
      EditorView.updateListener.of((update) => {
        for (const tr of update.transactions) {
          if (!tr.docChanged) continue;
          let inserted = "";
          tr.changes.iterChanges((_fa, _ta, _fb, _tb, text) => (inserted += text.toString()));
          recorded.push({ inserted, inHistory: tr.annotation(Transaction.addToHistory) !== false, userEvent: tr.annotation(Transaction.userEvent) });
        }
      }),
    ],
  });
  const editor = editorOver(view);
  const settings = migrateSettings({ ollamaHost: fake.url, hardware: "M3 MacBook Pro 16GB", usage: "wiki", language: "en" });
  const file = {};
  const ctx = new PluginServices({ app: App.createConfigured__({}).asOriginalType__(), settings, persist: () => Promise.resolve(), fetch, uiLanguage: () => "en" });
  const run = streamPlanIntoEditor(ctx, editor, { file } as unknown as MarkdownView, 4, { usage: "wiki" });
  // The user types at the top while the plan streams.
  await waitFor(() => view.state.doc.toString().includes("w10 "), "the first words");
  view.dispatch({ changes: { from: 0, insert: "# Title\n" }, userEvent: "input.type" });
  const written = await run;
  const plan = Array.from({ length: 120 }, (_, i) => `w${i}`).join(" ");
  expect(view.state.doc.toString()).toBe(`# Title\nTop\n\n${plan}\n\nBottom`);
  expect(written).toBe(`\n${plan}\n`);

  // Every streamed write stayed out of the history; one recorded change holds the whole plan.
  const ours = recorded.filter((r) => r.userEvent !== "input.type");
  expect(ours.filter((r) => r.inHistory)).toEqual([{ inserted: `\n${plan}\n`, inHistory: true, userEvent: "input" }]);
  expect(ours.filter((r) => !r.inHistory && r.inserted !== "").length).toBeGreaterThan(1);
  // The user's own typing is recorded as usual.
  expect(recorded.filter((r) => r.userEvent === "input.type")).toEqual([{ inserted: "# Title\n", inHistory: true, userEvent: "input.type" }]);
  view.destroy();
});

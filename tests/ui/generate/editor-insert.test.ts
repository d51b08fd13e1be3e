/**
 * Inline generation through the real plugin's editor commands, the mock Editor and the fake
 * Ollama: what ends up in the note, where, while the user keeps typing; Stop on the wire.
 */
import { MarkdownView, TFile, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import type { Command, Editor } from "obsidian";
import { unusedLoopbackPort } from "../../harness/fake-ollama";
import { useFakeOllama } from "../../harness/use-fake-ollama";
import { startPlugin, waitFor, type PluginHarness } from "../../harness/plugin-harness";
import { EDITOR_FLUSH_MS } from "../../../src/ui/generate/editor-insert";

const HARDWARE = "M3 MacBook Pro 16GB";
const USAGE = "Personal knowledge base";
const REPLY = "## Compute\n\nRun Ollama with llama3.2:3b.";

const fake = useFakeOllama(REPLY);

afterEach(() => {
  jest.restoreAllMocks();
});

interface Note {
  h: PluginHarness;
  view: MarkdownView;
  editor: Editor;
  command(id: string): Command;
}

async function openNote(text: string, settings: Record<string, unknown> = {}): Promise<Note> {
  const h = await startPlugin({ settings: { ollamaHost: fake.url, hardware: HARDWARE, usage: USAGE, language: "en", defaultTier: "pro", ...settings }, files: { "Note.md": text } });
  const file = h.app.vault.getAbstractFileByPath("Note.md");
  if (!(file instanceof TFile)) throw new Error("no note");
  const view = new MarkdownView(WorkspaceLeaf.create2__(h.app));
  (view as unknown as { file: TFile }).file = file;
  view.editor.setValue(text);
  const editor = view.editor as unknown as Editor;
  return {
    h,
    view,
    editor,
    command(id) {
      const cmd = h.mock.commands__.get(id);
      if (!cmd) throw new Error(`no command ${id}`);
      return cmd;
    },
  };
}

function run(note: Note, id: string): void {
  const cmd = note.command(id);
  if (cmd.editorCallback) void cmd.editorCallback(note.editor, note.view as unknown as never);
  else if (cmd.editorCheckCallback) expect(cmd.editorCheckCallback(false, note.editor, note.view as unknown as never)).toBe(true);
}

async function finished(note: Note): Promise<void> {
  await waitFor(() => note.h.notices.plain().some((n) => /written by|Stopped|reachable|closed or switched/.test(n)), "the inline generation to end");
}

describe("Insert stack plan at cursor", () => {
  test("streams the plan into the note at the cursor, on its own paragraph, with the settings' request", async () => {
    const note = await openNote("# Today\nSome text here.\n\nLast line");
    note.editor.setCursor({ line: 1, ch: 15 });
    run(note, "insert-plan-at-cursor");
    await finished(note);
    expect(note.editor.getValue()).toBe(`# Today\nSome text here.\n\n${REPLY}\n\nLast line`);
    const body = fake.requestsTo("/api/chat")[0].body as { messages: { content: string }[] };
    expect(body.messages[0].content).toContain(`My hardware: ${HARDWARE}`);
    expect(body.messages[0].content).toContain(`Main uses: ${USAGE}`);
    expect(note.h.notices.plain()).toContain("Stack plan written by llama3.2:3b.");
    expect(note.h.filePaths()).toEqual(["Note.md"]);
  });

  test("writes are batched: a long stream makes few editor changes", async () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    fake.setReply(words.join(" "));
    fake.setChunkDelay(3);
    const note = await openNote("");
    const replace = jest.spyOn(note.editor, "replaceRange");
    const started = Date.now();
    run(note, "insert-plan-at-cursor");
    await finished(note);
    const elapsed = Date.now() - started;
    expect(note.editor.getValue()).toBe(`${words.join(" ")}\n`);
    expect(replace.mock.calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / EDITOR_FLUSH_MS) + 2);
    expect(replace.mock.calls.length).toBeGreaterThan(1);
  });

  test("keeps following the insertion point while the user types above and below it", async () => {
    const words = Array.from({ length: 150 }, (_, i) => `w${i}`);
    const reply = words.join(" ");
    fake.setReply(reply);
    fake.setChunkDelay(4);
    const note = await openNote("Top\n\nBottom");
    note.editor.setCursor({ line: 1, ch: 0 });
    run(note, "insert-plan-at-cursor");
    await waitFor(() => note.editor.getValue().includes("w10 "), "the first words");
    // The user types a heading at the very top, then appends at the very end.
    note.editor.replaceRange("# Title\n", { line: 0, ch: 0 });
    await waitFor(() => note.editor.getValue().includes("w60 "), "more words");
    const doc = note.editor.getValue();
    note.editor.replaceRange("\nP.S.", note.editor.offsetToPos(doc.length));
    await waitFor(() => note.editor.getValue().includes("w100 "), "even more words");
    // And deletes a word just above the plan.
    note.editor.replaceRange("", { line: 1, ch: 0 }, { line: 1, ch: 3 });
    await finished(note);
    expect(note.editor.getValue()).toBe(`# Title\n\n\n${reply}\n\nBottom\nP.S.`);
  });

  test("Stop (the shared stop command) aborts the request on the wire and keeps what arrived", async () => {
    fake.setReply(Array.from({ length: 300 }, (_, i) => `w${i}`).join(" "));
    fake.setChunkDelay(10);
    const note = await openNote("");
    run(note, "insert-plan-at-cursor");
    await waitFor(() => note.editor.getValue().includes("w5 "), "some words");
    note.h.execute("stop-generation");
    await fake.waitForClientAbort("/api/chat");
    await finished(note);
    expect(note.h.notices.plain()).toContain("Stopped. The plan so far stays in the note.");
    const text = note.editor.getValue();
    expect(text).toMatch(/^w0 w1 w2 w3 w4 w5 /);
    expect(text).not.toContain("w299");
    // The slot is free again.
    expect(note.h.mock.commands__.get("stop-generation")?.checkCallback?.(true)).toBe(false);
  });

  test("switching the editor to another note stops the generation instead of writing into it", async () => {
    fake.setReply(Array.from({ length: 300 }, (_, i) => `w${i}`).join(" "));
    fake.setChunkDelay(5);
    const note = await openNote("");
    run(note, "insert-plan-at-cursor");
    await waitFor(() => note.editor.getValue().includes("w3 "), "some words");
    (note.view as unknown as { file: TFile | null }).file = null;
    note.editor.setValue("Another note");
    await fake.waitForClientAbort("/api/chat");
    await finished(note);
    expect(note.editor.getValue()).toBe("Another note");
    expect(note.h.notices.plain()).toContain("The note was closed or switched, so generation stopped.");
  });

  test("Ollama unreachable: a clear message and the note is untouched", async () => {
    const host = `http://127.0.0.1:${await unusedLoopbackPort()}`;
    const note = await openNote("Keep me", { ollamaHost: host });
    note.editor.setCursor({ line: 0, ch: 7 });
    run(note, "insert-plan-at-cursor");
    await finished(note);
    expect(note.editor.getValue()).toBe("Keep me");
    expect(note.h.notices.plain()).toContain(`Ollama isn't reachable at ${host}. Start it with \`ollama serve\`.`);
  });
});

describe("Plan from selection", () => {
  test("is offered only with a selection; the selection is the usage and the plan goes after it", async () => {
    const note = await openNote("Intro\nI want local email drafting and a private wiki.\nOutro");
    const cmd = note.command("plan-from-selection");
    expect(cmd.editorCheckCallback?.(true, note.editor, note.view as unknown as never)).toBe(false);
    note.editor.setSelection({ line: 1, ch: 0 }, { line: 1, ch: 48 });
    expect(cmd.editorCheckCallback?.(true, note.editor, note.view as unknown as never)).toBe(true);
    run(note, "plan-from-selection");
    await finished(note);
    const body = fake.requestsTo("/api/chat")[0].body as { messages: { content: string }[] };
    expect(body.messages[0].content).toContain("Main uses: I want local email drafting and a private wiki.");
    expect(note.editor.getValue()).toBe(`Intro\nI want local email drafting and a private wiki.\n\n${REPLY}\n\nOutro`);
  });
});

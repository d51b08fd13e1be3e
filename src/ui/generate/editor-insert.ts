/**
 * Inline generation: "Insert stack plan at cursor" and "Plan from selection" stream the plan into
 * the note. The insertion point follows the user's own edits elsewhere in the note (tracked by
 * offsets), Stop keeps what arrived, writes are batched, and in CodeMirror the plan is one undo step.
 */
import { Transaction } from "@codemirror/state";
import { Notice, type Editor, type MarkdownFileInfo, type MarkdownView, type Plugin } from "obsidian";
import { InterruptedPlan, planInputFromSettings, streamPlan } from "../../core/plan/generate-plan";
import { userMessage } from "../../core/shared/errors";
import { followOffset } from "../../core/plan/follow-offset";
import type { PluginContext } from "../shared/plugin-context";
import { strings } from "../shared/i18n";

/** Pause between writes into the editor: a few writes a second, whatever the token rate. */
export const EDITOR_FLUSH_MS = 100;

/**
 * The part of CodeMirror 6's EditorView the stream needs. Obsidian's Editor exposes its view as
 * `editor.cm` (not in the typed API). Its `replaceRange` ignores the `origin` argument, so there is
 * no public way to merge a stream's writes into one undo step; through the view there is.
 */
interface CodeMirrorView {
  state: { doc: { length: number; sliceString(from: number, to: number): string } };
  dispatch(spec: { changes: { from: number; to?: number; insert?: string }; annotations?: unknown; userEvent?: string }): void;
}

function codeMirrorOf(editor: Editor): CodeMirrorView | null {
  if (!("cm" in editor)) return null;
  const cm = (editor as unknown as { cm?: Partial<CodeMirrorView> }).cm;
  return cm && typeof cm.dispatch === "function" && typeof cm.state?.doc?.sliceString === "function" ? (cm as CodeMirrorView) : null;
}

const TEXT = {
  en: {
    insertAtCursor: "Insert stack plan at cursor",
    fromSelection: "Plan from selection",
    generating: "Writing the stack plan into the note…",
    stop: "Stop",
    done: (model: string) => `Stack plan written by ${model}.`,
    stopped: "Stopped. The plan so far stays in the note.",
    noteChanged: "The note was closed or switched, so generation stopped.",
  },
  zh: {
    insertAtCursor: "在光标处插入技术栈方案",
    fromSelection: "根据选中内容生成方案",
    generating: "正在把技术栈方案写入笔记…",
    stop: "停止",
    done: (model: string) => `方案已由 ${model} 写入。`,
    stopped: "已停止。已生成的部分保留在笔记中。",
    noteChanged: "笔记已关闭或切换，生成已停止。",
  },
};

/** Writes streamed text into an editor at a point that follows the user's edits. */
export class EditorStream {
  private start: number;
  private end: number;
  private readonly cm: CodeMirrorView | null;
  private pending = "";
  private timer: number | null = null;
  /** The note's text right after our last write, to tell the user's edits from ours. */
  private lastSeen: string;
  /** How many writes went into the editor. */
  writes = 0;
  /** Everything written so far. */
  written = "";
  /** Set when a write found the note closed or switched. */
  failed = false;

  constructor(
    private readonly editor: Editor,
    startOffset: number,
    private readonly stillValid: () => boolean,
    private readonly onFail: () => void,
    private readonly intervalMs = EDITOR_FLUSH_MS,
  ) {
    this.start = startOffset;
    this.end = startOffset;
    this.lastSeen = editor.getValue();
    this.cm = codeMirrorOf(editor);
  }

  /** Where the next text goes, as an offset in the note now. */
  get insertionOffset(): number {
    this.follow();
    return this.end;
  }

  push(text: string): void {
    this.pending += text;
    if (this.timer === null && !this.failed) this.timer = window.setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Writes what is pending now; returns false (and calls onFail) when the note is gone. */
  flush(): boolean {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
    if (this.failed) return false;
    if (this.pending === "") return true;
    if (!this.stillValid()) {
      this.failed = true;
      this.pending = "";
      this.onFail();
      return false;
    }
    this.follow();
    const text = this.pending;
    this.pending = "";
    if (this.cm) {
      // Kept out of the undo history while streaming; finish() records the whole plan as one step.
      this.cm.dispatch({ changes: { from: this.end, insert: text }, annotations: Transaction.addToHistory.of(false) });
    } else {
      const at = this.editor.offsetToPos(this.end);
      this.editor.replaceRange(text, at, at);
    }
    this.end += text.length;
    this.written += text;
    this.writes++;
    this.lastSeen = this.editor.getValue();
    return true;
  }

  /**
   * Writes what is pending and, in CodeMirror, turns the streamed text into one undo step: the
   * unrecorded writes are taken out and the text is put back in one recorded change, in the same
   * frame, so nothing flickers. Without CodeMirror each write is its own undo step.
   */
  finish(): boolean {
    const ok = this.flush();
    const cm = this.cm;
    if (!ok || !cm || this.written === "") return ok;
    this.follow();
    const text = cm.state.doc.sliceString(this.start, this.end);
    cm.dispatch({ changes: { from: this.start, to: this.end }, annotations: Transaction.addToHistory.of(false) });
    cm.dispatch({ changes: { from: this.start, insert: text }, userEvent: "input" });
    this.lastSeen = this.editor.getValue();
    return ok;
  }

  /** Drops pending text and the timer. */
  cancel(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
    this.pending = "";
  }

  private follow(): void {
    const now = this.editor.getValue();
    if (now === this.lastSeen) return;
    const cursor = this.editor.posToOffset(this.editor.getCursor());
    this.start = followOffset(this.lastSeen, now, this.start, cursor <= this.start);
    this.end = Math.max(this.start, followOffset(this.lastSeen, now, this.end, cursor <= this.end));
    this.lastSeen = now;
  }
}

/** Streams a plan into `editor` at `offset`; resolves with what was written. */
export async function streamPlanIntoEditor(
  ctx: PluginContext,
  editor: Editor,
  view: MarkdownView | MarkdownFileInfo,
  offset: number,
  request: { usage: string },
): Promise<string | null> {
  const t = strings(TEXT);
  const controller = ctx.slot.acquire();
  if (!controller) return null;
  const file = view.file;
  const stream = new EditorStream(editor, offset, () => view.file === file, () => controller.abort());
  const notice = new Notice(
    createFragment((f) => {
      f.createSpan({ text: t.generating });
      const stop = f.createEl("button", { text: t.stop, cls: "ai-stack-planner-stop" });
      stop.addEventListener("click", () => controller.abort());
    }),
    0,
  );
  // A plan starts on its own paragraph when the cursor is in the middle of text.
  const before = editor.getValue().slice(0, offset);
  const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  let started = false;
  const settings = ctx.settings();
  try {
    const input = planInputFromSettings(settings, { tier: settings.defaultTier, hardware: settings.hardware, usage: request.usage }, ctx.uiLanguage());
    // The same plan dependencies as every entry point: the notes' "From my notes" part included.
    const plan = await streamPlan(ctx.planDeps(settings), input, controller.signal, {
      onChunk: (chunk) => {
        if (!started) {
          started = true;
          stream.push(lead);
        }
        stream.push(chunk);
      },
    });
    // …and ends its paragraph before whatever follows it.
    const after = editor.getValue().slice(stream.insertionOffset);
    const have = (/\n*$/.exec(plan.answer)?.[0].length ?? 0) + (/^\n*/.exec(after)?.[0].length ?? 0);
    stream.push("\n".repeat(Math.max(0, (after === "" ? 1 : 2) - have)));
    if (!stream.finish()) {
      new Notice(t.noteChanged);
      return stream.written || null;
    }
    new Notice(t.done(plan.model));
    return stream.written;
  } catch (error) {
    if (!stream.finish()) new Notice(t.noteChanged);
    else new Notice(error instanceof InterruptedPlan && error.kind === "aborted" ? t.stopped : userMessage(error), 10000);
    return stream.written || null;
  } finally {
    stream.cancel();
    notice.hide();
    ctx.slot.release(controller);
  }
}

/** Registers the two editor commands (no default hotkeys). */
export function registerEditorCommands(plugin: Plugin, ctx: PluginContext): void {
  const t = strings(TEXT);
  plugin.addCommand({
    id: "insert-plan-at-cursor",
    name: t.insertAtCursor,
    editorCallback: (editor, view) => {
      void streamPlanIntoEditor(ctx, editor, view, editor.posToOffset(editor.getCursor("to")), { usage: ctx.settings().usage });
    },
  });
  plugin.addCommand({
    id: "plan-from-selection",
    name: t.fromSelection,
    editorCheckCallback: (checking, editor, view) => {
      const selection = editor.getSelection().trim();
      if (selection === "") return false;
      if (!checking) void streamPlanIntoEditor(ctx, editor, view, editor.posToOffset(editor.getCursor("to")), { usage: selection });
      return true;
    },
  });
}

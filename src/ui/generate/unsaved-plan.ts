/**
 * A generated plan the vault refused (NoteNotSaved, after the short fallback name failed too) is
 * put on the clipboard, so minutes of generation are not lost to a file error; the notice says so.
 */
import { NoteNotSaved } from "../../core/plan/note-writer";
import { strings } from "../shared/i18n";

const TEXT = {
  en: {
    copied: "The plan was copied to the clipboard: paste it into a note.",
    notCopied: "The plan couldn't be copied to the clipboard either; it is in the developer console.",
  },
  zh: {
    copied: "方案已复制到剪贴板：可粘贴到笔记中。",
    notCopied: "方案也无法复制到剪贴板；可在开发者控制台中找到它。",
  },
};

/**
 * For a NoteNotSaved: copies its text to the clipboard and returns the sentence to add to the
 * notice (with a leading space); for any other error, "".
 */
export async function keepUnsavedPlan(error: unknown): Promise<string> {
  if (!(error instanceof NoteNotSaved)) return "";
  const t = strings(TEXT);
  try {
    await navigator.clipboard.writeText(error.content);
    return ` ${t.copied}`;
  } catch {
    // Last resort: the text stays reachable in the console (Ctrl/Cmd+Shift+I).
    console.warn("AI Stack Planner: the plan that couldn't be saved:\n", error.content);
    return ` ${t.notCopied}`;
  }
}

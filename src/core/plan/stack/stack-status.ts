/**
 * The "Stack status" section of a plan note: a checklist with the time checked and the fix for each
 * unticked line, written in place. Re-running replaces that section and nothing else: every byte
 * before and after it stays as it was.
 */
import type { PromptLanguage } from "../../shared/language";
import type { StackFinding } from "./check-stack";

const HEADINGS: Record<PromptLanguage, string> = { en: "## Stack status", zh: "## 技术栈状态" };
const CHECKED: Record<PromptLanguage, (when: string) => string> = {
  en: (when) => `Checked ${when}.`,
  zh: (when) => `检查时间：${when}。`,
};
const FIX: Record<PromptLanguage, string> = { en: "Fix", zh: "解决" };

function stamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The section's text (no trailing newline). */
export function renderStackStatus(findings: readonly StackFinding[], language: PromptLanguage, checkedAt: Date): string {
  const when = stamp(checkedAt);
  const lines = findings.flatMap((f) => (f.ok ? [`- [x] ${f.text} (${when})`] : [`- [ ] ${f.text}`, ...(f.fix ? [`    - ${FIX[language]}: ${f.fix}`] : [])]));
  return [HEADINGS[language], "", CHECKED[language](when), "", ...lines].join("\n");
}

/** Where an existing section starts and ends (its heading up to the next heading of level 1 or 2). */
function findSection(note: string): { start: number; end: number } | null {
  const heading = /^## (?:Stack status|技术栈状态)[ \t]*$/m.exec(note);
  if (!heading) return null;
  const after = heading.index + heading[0].length;
  const next = /^#{1,2} /m.exec(note.slice(after));
  // Without a next heading the section runs to the end, minus the note's final newline.
  const end = next ? after + next.index : note.length - (note.endsWith("\n") ? 1 : 0);
  return { start: heading.index, end };
}

/** `note` with the section replaced, or appended at the end when it has none yet. */
export function upsertStackStatus(note: string, section: string): string {
  const found = findSection(note);
  if (found) {
    const tail = note.slice(found.end);
    // Keep one blank line before the following heading, as the section was written.
    return `${note.slice(0, found.start)}${section}${tail.startsWith("#") ? "\n\n" : ""}${tail}`;
  }
  const base = note.endsWith("\n") ? note : `${note}\n`;
  return `${base}\n${section}\n`;
}

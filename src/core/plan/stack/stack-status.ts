/**
 * The "Stack status" section of a plan note: a checklist with the time checked and the fix for each
 * unticked line, written in place. Re-running replaces that section (its heading and the lines this
 * module writes) and nothing else: every byte before and after it stays as it was.
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

/** A line this module writes inside the section: blank, the time line, a checklist line or its fix. */
const OWN_LINE = /^(?:|Checked .*|检查时间：.*|- \[[x ]\] .*| {4}- .*)$/;

/**
 * Where an existing section starts and ends: its heading and the lines this module writes after it.
 * The first other line (the user's own text or heading) ends it, so nothing the user wrote is replaced.
 */
function findSection(note: string): { start: number; end: number } | null {
  const heading = /^## (?:Stack status|技术栈状态)[ \t]*$/m.exec(note);
  if (!heading) return null;
  let end = heading.index + heading[0].length;
  while (end < note.length) {
    const lineEnd = note.indexOf("\n", end + 1);
    const line = note.slice(end + 1, lineEnd === -1 ? note.length : lineEnd);
    if (!OWN_LINE.test(line)) break;
    end = lineEnd === -1 ? note.length : lineEnd;
  }
  // The section ends with its last line's text: newlines and blank lines stay with what follows.
  while (end > heading.index && note[end - 1] === "\n") end -= 1;
  return { start: heading.index, end };
}

/** `note` with the section replaced, or appended at the end when it has none yet. */
export function upsertStackStatus(note: string, section: string): string {
  const found = findSection(note);
  if (found) return `${note.slice(0, found.start)}${section}${note.slice(found.end)}`;
  const base = note.endsWith("\n") ? note : `${note}\n`;
  return `${base}\n${section}\n`;
}

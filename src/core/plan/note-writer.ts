/** Writes a generated note under a fresh name: never overwrites, and failures say which note. */
import { PlannerError, plannerErrors } from "../shared/errors";
import { joinVaultPath, uniqueNotePath } from "./file-naming";
import type { VaultPort } from "../shared/ports";

/**
 * A generated note that could not be written under its name nor its short fallback name. It
 * carries the note's text, so the caller can keep it (a copy elsewhere, the clipboard): a
 * generated answer is never lost to a file-system error.
 */
export class NoteNotSaved extends PlannerError {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly content: string,
  ) {
    // A full sentence, so a caller can add what it did with the text after it.
    super("write-failed", plannerErrors.writeFailed(path, reason).message.replace(/([^.])$/, "$1."));
    this.name = "NoteNotSaved";
  }
}

/** A file written beside a note (same name, another extension, such as `.n8n.json`) that the note links to. */
export interface BesideFile {
  extension: string;
  content: string;
}

/** The note's text, knowing where its beside file went. */
type NoteText = string | ((besidePath: string | undefined) => string);

async function freeBesidePath(vault: VaultPort, notePath: string, extension: string): Promise<string> {
  const stem = notePath.replace(/\.md$/, "");
  for (let n = 1; n < 1000; n++) {
    const candidate = `${stem}${n === 1 ? "" : ` ${n}`}${extension}`;
    if (!(await vault.exists(candidate))) return candidate;
  }
  throw new Error(`Could not find a free name for ${stem}${extension}.`);
}

async function writeUnder(vault: VaultPort, folder: string, base: string, content: NoteText, attempt: { path: string; text: string }, beside?: BesideFile): Promise<{ path: string; besidePath?: string }> {
  const path = await uniqueNotePath(folder, base, (p) => vault.exists(p));
  attempt.path = path;
  const besidePath = beside ? await freeBesidePath(vault, path, beside.extension) : undefined;
  attempt.text = typeof content === "function" ? content(besidePath) : content;
  await vault.ensureFolder(folder);
  await vault.createNote(path, attempt.text);
  if (!beside || !besidePath) return { path };
  // The note comes first and holds everything the file does: a file that can't be written loses nothing.
  try {
    await vault.createNote(besidePath, beside.content);
    return { path, besidePath };
  } catch {
    return { path };
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Creates `folder/base.md` (or `base 2.md`, …) with `content` and returns its path. When that name
 * can't be written, `fallbackBase` (a short, plain name) is tried once in the same folder; when
 * both fail, a NoteNotSaved carrying `content` is thrown.
 */
export async function writeNewNote(vault: VaultPort, folder: string, base: string, content: string, fallbackBase?: string): Promise<string> {
  return (await writeNewNoteWith(vault, folder, base, content, fallbackBase)).path;
}

/**
 * `writeNewNote` with a file beside the note (`<note name><extension>`, never overwriting one),
 * written after it; `content` gets that file's path, to link it. Returns both paths (the file's
 * only when it was written).
 */
export async function writeNewNoteWith(vault: VaultPort, folder: string, base: string, content: NoteText, fallbackBase?: string, beside?: BesideFile): Promise<{ path: string; besidePath?: string }> {
  const attempt = { path: joinVaultPath(folder, `${base}.md`), text: typeof content === "function" ? content(undefined) : content };
  try {
    return await writeUnder(vault, folder, base, content, attempt, beside);
  } catch (error) {
    const failed = attempt.path;
    const text = attempt.text;
    if (fallbackBase !== undefined && fallbackBase !== base) {
      try {
        return await writeUnder(vault, folder, fallbackBase, content, { path: "", text: "" }, beside);
      } catch {
        // The first failure says more about the cause (the folder, the disk) than the retry's.
      }
    }
    throw new NoteNotSaved(failed, reasonOf(error), text);
  }
}

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

async function writeUnder(vault: VaultPort, folder: string, base: string, content: string, attempt: { path: string }): Promise<string> {
  const path = await uniqueNotePath(folder, base, (p) => vault.exists(p));
  attempt.path = path;
  await vault.ensureFolder(folder);
  await vault.createNote(path, content);
  return path;
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
  const attempt = { path: joinVaultPath(folder, `${base}.md`) };
  try {
    return await writeUnder(vault, folder, base, content, attempt);
  } catch (error) {
    const failed = attempt.path;
    if (fallbackBase !== undefined && fallbackBase !== base) {
      try {
        return await writeUnder(vault, folder, fallbackBase, content, { path: "" });
      } catch {
        // The first failure says more about the cause (the folder, the disk) than the retry's.
      }
    }
    throw new NoteNotSaved(failed, reasonOf(error), content);
  }
}

/** Writes a generated note under a fresh name: never overwrites, and failures say which note. */
import { plannerErrors } from "./errors";
import { uniqueNotePath } from "./file-naming";
import type { VaultPort } from "./ports";

/** Creates `folder/base.md` (or `base 2.md`, …) with `content` and returns its path. */
export async function writeNewNote(vault: VaultPort, folder: string, base: string, content: string): Promise<string> {
  const path = await uniqueNotePath(folder, base, (p) => vault.exists(p));
  try {
    await vault.ensureFolder(folder);
    await vault.createNote(path, content);
  } catch (error) {
    throw plannerErrors.writeFailed(path, error instanceof Error ? error.message : String(error));
  }
  return path;
}

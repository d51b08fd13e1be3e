/**
 * Keeps a generated note the vault refused (NoteNotSaved): a copy in the temp folder, or the text
 * on stdout when even that fails. A plan costs minutes of generation; a file error must not lose it.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { NoteNotSaved } from "../core/plan/note-writer";

export interface RescueIo {
  out: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** Saves `error.content` outside the vault; returns the sentence that tells the user where it is. */
export async function keepUnsavedNote(error: NoteNotSaved, io: RescueIo, now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const file = path.join(io.env.TMPDIR ?? os.tmpdir(), `ai-stack-planner ${stamp} ${path.posix.basename(error.path)}`);
  try {
    // The temp folder is shared with other users of the machine: the copy is readable by its owner only.
    await fs.writeFile(file, error.content, { encoding: "utf8", flag: "wx", mode: 0o600 });
    await fs.chmod(file, 0o600);
    return `A copy was saved outside the vault: ${file}`;
  } catch {
    io.out(error.content.endsWith("\n") ? error.content : `${error.content}\n`);
    return "The note's text was printed on standard output instead.";
  }
}

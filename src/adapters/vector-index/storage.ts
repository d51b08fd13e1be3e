/**
 * The storage port of the vault index: six calls, so the same index code runs over Obsidian's
 * `vault.adapter` and over Node's fs (CLI, tests, benchmark). Paths are relative to the storage's
 * root (the vault), with forward slashes.
 */

export interface IndexStorage {
  /** The file's bytes, or null when it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  /**
   * Replaces the file atomically: a reader (or a crash) sees the old or the new content, never a
   * mix. Implementations write `<path>.tmp` and rename it over `<path>` (see `TEMP_SUFFIX`); where
   * the platform's rename refuses to replace, remove `<path>` first: the index promotes a lone
   * complete `.tmp` at load, so that window is safe too.
   */
  write(path: string, bytes: Uint8Array): Promise<void>;
  /** Removes a file; no error when it is already gone. */
  remove(path: string): Promise<void>;
  /** Names of the files (not folders) directly inside `dir`; empty when `dir` does not exist. */
  list(dir: string): Promise<string[]>;
  /** Creates the folder and its parents; no error when it exists. */
  mkdir(dir: string): Promise<void>;
  /** Moves a file or folder (used to move damaged entries aside). */
  rename(from: string, to: string): Promise<void>;
  /**
   * Names of the entries directly inside `dir` that are not files (folders, and on Node also links,
   * sockets…): where an index file should be, such an entry is damage. Optional: a storage
   * without it only sees files.
   */
  listNonFiles?(dir: string): Promise<string[]>;
  /**
   * Creates the file with `bytes` only if nothing is at `path`; false when something is. The index
   * takes its writer lock with it. Optional: a storage without it is not locked.
   */
  createExclusive?(path: string, bytes: Uint8Array): Promise<boolean>;
  /** This process, for the writer lock: its id and host, and whether a process id on this host is alive. */
  readonly lockOwner?: { pid: number; host: string; isAlive(pid: number): boolean };
}

/** Suffix of the temporary file an atomic write goes through. */
export const TEMP_SUFFIX = ".tmp";

export function joinPath(...parts: string[]): string {
  return parts
    .map((p, i) => (i === 0 ? p.replace(/\/+$/, "") : p.replace(/^\/+|\/+$/g, "")))
    .filter((p) => p !== "")
    .join("/");
}

export function dirName(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "" : path.slice(0, at);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

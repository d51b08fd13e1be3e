/** The failures of the vault index, each with the message the user sees (status bar, notices, CLI). */
import { PlannerError, type PlannerErrorKind } from "./errors";

export type EmbedFault = "unreachable" | "model-missing" | "not-embedding" | "wrong-dimensions" | "bad-answer" | "server" | "aborted";

/** An embedding failure. Indexing pauses on it and resumes from where it stopped. */
export class EmbedError extends PlannerError {
  constructor(
    readonly fault: EmbedFault,
    kind: PlannerErrorKind,
    message: string,
  ) {
    super(kind, message);
    this.name = "EmbedError";
  }
}

export const embedErrors = {
  unreachable: (host: string) => new EmbedError("unreachable", "unreachable", `Ollama isn't reachable at ${host}. Start it with \`ollama serve\`; indexing resumes where it stopped.`),
  modelMissing: (model: string) =>
    new EmbedError("model-missing", "model-missing", `The embedding model "${model}" isn't installed in Ollama. Run \`ollama pull ${model}\`, or pick an installed embedding model in settings.`),
  notEmbedding: (model: string) =>
    new EmbedError("not-embedding", "server", `The model "${model}" can't make embeddings. Pick an embedding model such as nomic-embed-text in settings (\`ollama pull nomic-embed-text\`).`),
  wrongDimensions: (model: string, got: number, expected: number) =>
    new EmbedError(
      "wrong-dimensions",
      "server",
      `Ollama returned ${got}-dimensional vectors from "${model}", but the index holds ${expected}-dimensional ones. Indexing is paused; if you switched models, run "Rebuild index".`,
    ),
  badAnswer: (detail: string) => new EmbedError("bad-answer", "server", `Ollama sent an embedding answer the index can't use (${detail}). Indexing is paused.`),
  server: (detail: string) => new EmbedError("server", "server", `Ollama reported an error while embedding notes: ${detail}. Indexing is paused.`),
  aborted: () => new EmbedError("aborted", "aborted", "Indexing stopped."),
};

/** Why the index folder could not be used, in words (no errno codes), from a file system error. */
function storageProblem(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "EEXIST":
    case "ENOTDIR":
    case "EISDIR":
      return "a file is in the way of the index folder";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "there is no permission to write there";
    case "ENOSPC":
    case "EDQUOT":
      return "the disk is full";
    default:
      return "the files there could not be read or written";
  }
}

/**
 * The message when the index folder itself fails (not Ollama): where, why, and what to do. Notes
 * are never written by the index, so the message says they are safe.
 */
export function indexStorageMessage(location: string, error: unknown): string {
  return `The vault index in "${location}" can't be used: ${storageProblem(error)}. Move that file away or pick another index folder in settings; your notes are not affected.`;
}

/** True for errors that come from the file system (Node's fs codes). */
export function isStorageError(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && /^E[A-Z]+$/.test(String(error.code));
}

/**
 * Another process (the CLI, or Obsidian with the same vault open) is writing the vault index: this
 * one touches nothing and says so. `holder` describes the other writer ("process 123 on host,
 * since 09:41").
 */
export class IndexBusyError extends Error {
  constructor(holder: string) {
    super(`The vault index is being updated by another process (${holder}). Try again when it finishes.`);
    this.name = "IndexBusyError";
  }
}

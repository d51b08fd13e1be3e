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

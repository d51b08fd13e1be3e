/** The failures of the vault index, each with the message the user sees (status bar, notices, CLI). */
import { PlannerError, type PlannerErrorKind } from "../shared/errors";
import { fsProblem } from "../shared/fs-errors";
import type { Embedder } from "./index-ports";
import { actionText, cliCommand, IN_PLUGIN, sentence, type MessageContext } from "../shared/user-actions";

export type EmbedFault = "unreachable" | "model-missing" | "not-embedding" | "wrong-dimensions" | "bad-answer" | "server" | "aborted";

/** An embedding failure. Indexing pauses on it and resumes from where it stopped. */
export class EmbedError extends PlannerError {
  constructor(
    readonly fault: EmbedFault,
    kind: PlannerErrorKind,
    message: string,
    wording?: (context: MessageContext) => string,
  ) {
    super(kind, message, wording);
    this.name = "EmbedError";
  }
}

/** An EmbedError worded for where the user is; `message` is the plugin's wording. */
export function wordedEmbedError(fault: EmbedFault, kind: PlannerErrorKind, wording: (context: MessageContext) => string): EmbedError {
  return new EmbedError(fault, kind, wording(IN_PLUGIN), wording);
}

/** `error` worded for `context` when it is an EmbedError that can be; any other value unchanged. */
export function embedErrorIn(error: unknown, context: MessageContext): unknown {
  if (!(error instanceof EmbedError) || !error.wording) return error;
  return new EmbedError(error.fault, error.kind, error.wording(context), error.wording);
}

/**
 * The embedder whose failures are worded for `context`: the indexer passes an embedding failure's
 * message on as it is (notices, status), so it must be worded before it gets there.
 */
export function embedderIn(embedder: Embedder, context: MessageContext): Embedder {
  async function worded<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw embedErrorIn(error, context);
    }
  }
  return {
    model: embedder.model,
    embed: (texts, signal, purpose) => worded(() => embedder.embed(texts, signal, purpose)),
    describe: (signal) => worded(() => embedder.describe(signal)),
  };
}

export const embedErrors = {
  unreachable: (host: string) =>
    wordedEmbedError("unreachable", "unreachable", (context) =>
      // A search (or a plan's look-up) stops; only an indexing run resumes by itself.
      context.activity === "search" || context.activity === "plan"
        ? `Ollama isn't reachable at ${host}. Start it with \`ollama serve\` and try again.`
        : `Ollama isn't reachable at ${host}. Start it with \`ollama serve\`; indexing resumes where it stopped.`,
    ),
  modelMissing: (model: string) =>
    wordedEmbedError("model-missing", "model-missing", (context) => `The embedding model "${model}" isn't installed in Ollama. Run \`ollama pull ${model}\`, or ${actionText("pick-embedding-model", context)}.`),
  notEmbedding: (model: string) =>
    wordedEmbedError("not-embedding", "server", (context) =>
      context.surface === "cli"
        ? `The model "${model}" can't make embeddings. Pass an embedding model such as --embed-model nomic-embed-text (\`ollama pull nomic-embed-text\`).`
        : `The model "${model}" can't make embeddings. Pick an embedding model such as nomic-embed-text in settings (\`ollama pull nomic-embed-text\`).`,
    ),
  wrongDimensions: (model: string, got: number, expected: number) =>
    wordedEmbedError("wrong-dimensions", "server", (context) => {
      const rebuild = `if you switched models, ${actionText("rebuild-index", context)}.`;
      const mismatch = `Ollama returned ${got}-dimensional vectors from "${model}", but the index holds ${expected}-dimensional ones.`;
      return context.activity === "search" ? `${mismatch} ${sentence(rebuild)}` : `${mismatch} Indexing is paused; ${rebuild}`;
    }),
  /** The index was built with another embedding model than the one asked for (not an Ollama error). */
  otherModel: (indexModel: string, askedModel: string) =>
    wordedEmbedError("wrong-dimensions", "server", (context) =>
      context.surface === "cli"
        ? `The index was built with "${indexModel}", not "${askedModel}". Search with --embed-model ${indexModel}, or run ${cliCommand(context, `index <vault> --rebuild --embed-model ${askedModel}`)} to rebuild it for "${askedModel}".`
        : `The index was built with "${indexModel}", not "${askedModel}". ${sentence(actionText("rebuild-index", context))} to rebuild it for the new model.`,
    ),
  badAnswer: (detail: string) => new EmbedError("bad-answer", "server", `Ollama sent an embedding answer the index can't use (${detail}). Indexing is paused.`),
  server: (detail: string) => new EmbedError("server", "server", `Ollama reported an error while embedding notes: ${detail}. Indexing is paused.`),
  aborted: () => new EmbedError("aborted", "aborted", "Indexing stopped."),
};

/**
 * The message when the index folder itself fails (not Ollama): where, why, and what to do. Notes
 * are never written by the index, so the message says they are safe.
 */
export function indexStorageMessage(location: string, error: unknown): string {
  return `The vault index in "${location}" can't be used: ${fsProblem(error, "write")}. Move that file away or pick another index folder in settings; your notes are not affected.`;
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

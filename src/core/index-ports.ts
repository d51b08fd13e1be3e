/**
 * Ports of the vault index: the embedding model and the notes it reads. Adapters implement them
 * (Ollama for embeddings; Obsidian's vault or a plain folder for notes).
 */
import type { VaultFileInfo } from "./sync-plan";

/** Documents are embedded for storage, queries for search; some models want different prefixes. */
export type EmbedPurpose = "document" | "query";

export interface EmbeddingModelInfo {
  /** Vector size as the server reports it, when it does. */
  dims?: number;
  /** False when the server says the model cannot embed (a chat-only model). */
  canEmbed: boolean;
}

/** An embedding model. Failures are `EmbedError`s whose message is written for the user. */
export interface Embedder {
  readonly model: string;
  /** One L2-normalised vector per text, in order. Aborting `signal` cancels the request. */
  embed(texts: readonly string[], signal: AbortSignal, purpose?: EmbedPurpose): Promise<Float32Array[]>;
  /** What the server knows about the model, without embedding anything. */
  describe(signal: AbortSignal): Promise<EmbeddingModelInfo>;
}

/** The notes of a vault, by vault-relative path with forward slashes. */
export interface NoteSource {
  /** Every Markdown file with its stat (excluded ones may be listed; the index filters them). */
  list(): Promise<VaultFileInfo[]>;
  /** The note's stat, or null when it does not exist. */
  stat(path: string): Promise<VaultFileInfo | null>;
  /** The note's text, or null when it does not exist (any more). */
  read(path: string): Promise<string | null>;
}

/**
 * Ports of the vault index: the embedding model and the notes it reads. Adapters implement them
 * (Ollama for embeddings; Obsidian's vault or a plain folder for notes).
 */
import type { IndexedNote, IndexSnapshot, VaultFileInfo } from "./sync-plan";

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

/** A note as the index stores it: its stat, identity and tags (the chunks come separately). */
export interface StoredNote {
  path: string;
  mtime: number;
  size: number;
  contentHash: string;
  tags: string[];
  chunkCount: number;
}

/** A chunk as the index stores it, without its vector. */
export interface StoredChunk {
  ord: number;
  hash: string;
  start: number;
  end: number;
  headingPath: string[];
  /** The chunk's words for lexical search, as a term bag (see lexical.ts); absent in indexes written before hybrid search. */
  terms?: string;
}

export interface StoredChunkWithVector extends StoredChunk {
  vector: Float32Array;
}

/** One change to the index; `replaces` is removed in the same step (a rename). */
export type IndexStoreOp =
  | { kind: "put"; note: StoredNote; chunks: StoredChunkWithVector[]; replaces?: string }
  | { kind: "meta"; note: StoredNote }
  | { kind: "remove"; path: string };

/** A search hit: which chunk of which note, and how close (cosine). */
export interface IndexHit {
  path: string;
  ord: number;
  hash: string;
  headingPath: string[];
  startLine: number;
  endLine: number;
  score: number;
}

/** A lexical hit: `score` is BM25; `coverage` is the share of the query's weight (idf) the chunk matched, 0–1. */
export interface LexicalHit extends IndexHit {
  coverage: number;
}

/**
 * The vector index on disk (the sharded vectra store implements it). Writes are queued and each
 * `apply` is persisted atomically before it resolves.
 */
export interface IndexStorePort {
  /** The embedding model, vector size (0 while empty) and chunker the stored vectors belong to. */
  readonly model: string;
  readonly dims: number;
  readonly chunker: string;
  snapshot(): IndexSnapshot;
  getNote(path: string): IndexedNote | undefined;
  chunksOf(path: string): StoredChunk[];
  vectorsOf(path: string): { hash: string; vector: Float32Array }[];
  stats(): { notes: number; chunks: number };
  query(vector: Float32Array, k: number): IndexHit[];
  /** The `k` chunks that match the query terms best by BM25 (optional: stores without a lexical index return nothing). */
  queryLexical?(terms: readonly string[], k: number): LexicalHit[];
  apply(ops: readonly IndexStoreOp[]): Promise<void>;
  /** Notes with chunks but no term bags (indexed before hybrid search), to re-put with their terms. Optional. */
  termlessNotes?(): string[];
  compact(): Promise<void>;
  /** Empties the index and starts a new generation for another model or chunker. */
  reset(model: string, chunker: string): Promise<void>;
  close(): Promise<void>;
  /** Why this store may not write now (another process is updating the index), or null. Optional. */
  writeBlocker?(): Error | null;
}

/** What opening the index found (damage is moved aside by the store and reported here). */
export interface IndexOpenReport {
  created: boolean;
  damage: { files: string[]; movedTo: string; wholeIndex: boolean } | null;
}

/** The vault index's state, runs and results as the indexer reports them (the UI and the CLI show them). */

export type IndexState = "starting" | "idle" | "indexing" | "paused" | "error" | "closed";

export interface IndexProgress {
  /** Notes looked at in this run, of `total` to read. */
  done: number;
  total: number;
  /** Chunks embedded so far in this run. */
  embedded: number;
  notesPerSecond: number;
  /** Estimated seconds left, or null before there is a rate. */
  etaSeconds: number | null;
}

/** What the status bar, the commands and the sidebar show. */
export interface IndexStatus {
  state: IndexState;
  notes: number;
  chunks: number;
  model: string;
  progress: IndexProgress | null;
  /** Why indexing is paused or failed, written for the user; null otherwise. */
  message: string | null;
  /** The last finished run, if any. */
  lastRun: IndexRunSummary | null;
  /** Notes skipped as of the latest runs because their properties could not be read (never sent). */
  unreadable: number;
}

export interface IndexRunSummary {
  kind: "full" | "paths" | "rebuild";
  /** Notes read and analysed. */
  read: number;
  /** Chunks sent to the embedding model. */
  embedded: number;
  /** Notes written (new, changed or renamed). */
  written: number;
  removed: number;
  renamed: number;
  unchanged: number;
  /** Set when the run rebuilt the index from scratch, with the user-facing reason. */
  rebuilt: string | null;
  /** False when the run stopped early (paused, stopped). */
  complete: boolean;
  /** Notes skipped because their properties could not be read with certainty (never sent). */
  unreadable: number;
}

/** Search results: one per note, its best chunk first (see note-search.ts). */
export type { IndexSearchChunk, IndexSearchResult } from "./note-search";

/** What a reconcile would change now (see `VaultIndexer.preview`). */
export interface IndexPreview {
  notes: number;
  chunks: number;
  model: string;
  dims: number;
  /** Notes that would be written (new, changed, renamed) and the chunks that would be embedded. */
  toWrite: number;
  toEmbed: number;
  toRemove: number;
  renamed: number;
  /** Why the whole index would be rebuilt, or null. */
  rebuild: string | null;
  upToDate: boolean;
}

export type IndexEvent = { type: "status"; status: IndexStatus } | { type: "notice"; message: string };

/** What the rest of the plugin may do with the vault index (the panel, plans, settings, Ask). */
import type { IndexRunSummary, IndexSearchResult, IndexStatus } from "../../core/index/indexer";
import type { NotesRetriever } from "../../core/index/plan-context";

/** The vault index as views and features use it: read its state, follow progress, search, run it. */
export interface VaultIndexApi {
  /** The current state, or null while the index is turned off in settings. */
  readonly status: IndexStatus | null;
  /** Called on every state or progress change (at most about 4 times a second while indexing). */
  onChange(listener: (status: IndexStatus | null) => void): () => void;
  /** The chunks closest to `query`, with their current text; empty while the index is off. */
  search(query: string, limit?: number, signal?: AbortSignal): Promise<IndexSearchResult[]>;
  /** Syncs the index with the vault now; null when the index is off. */
  indexNow(): Promise<IndexRunSummary | null>;
  /** Empties and rebuilds the index; null when the index is off. */
  rebuild(): Promise<IndexRunSummary | null>;
  /** Plan generation's access to the notes, or null when the index is off or not wanted in plans. */
  retriever(): NotesRetriever | null;
  /** "Index vault now" / "Rebuild index" as the user starts them: says what happens and how it ended. */
  runFromCommand(kind: "index" | "rebuild"): Promise<void>;
}

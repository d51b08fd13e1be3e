/**
 * Plugs the vault index (`VaultIndexer`) into the panel: its status for the index section, its
 * runs for "Index now" and "Rebuild", and its retrieval for plans and "Ask my vault".
 */
import type { IndexStatus as IndexerStatus, VaultIndexer } from "../core/indexer";
import type { IndexStatus, IndexStatusSource, Retriever } from "./panel-ports";

/** Passages handed to a prompt at most; the context budget trims further. */
export const RETRIEVE_K = 12;

/** The indexer's status as the panel shows it. */
export function panelIndexStatus(status: IndexerStatus): IndexStatus {
  const base = { indexedNotes: status.notes, message: status.message ?? undefined };
  switch (status.state) {
    case "indexing":
      return { ...base, state: "indexing", progress: status.progress ? { done: status.progress.done, total: status.progress.total } : undefined };
    case "paused":
    case "error":
      return { ...base, state: "error" };
    default:
      return { ...base, state: status.notes === 0 ? "empty" : "ready" };
  }
}

/** The panel's view of `indexer`. */
export function indexFeatures(indexer: VaultIndexer): { index: IndexStatusSource; retriever: Retriever } {
  return {
    index: {
      status: () => panelIndexStatus(indexer.status),
      onChange: (listener) => indexer.subscribe((event) => event.type === "status" && listener(panelIndexStatus(event.status))),
      indexNow: async () => void (await indexer.reconcile()),
      rebuild: async () => void (await indexer.rebuild()),
    },
    retriever: { retrieve: (query, signal) => indexer.retrieve(query, RETRIEVE_K, signal) },
  };
}

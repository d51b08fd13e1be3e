/** The vault index as the sidebar panel uses it: its status (mapped once, here) and a retriever for "Ask my vault". */
import { retrievedChunks } from "../../core/index/note-search";
import type { IndexStatus as IndexerStatus } from "../../core/index/indexer";
import type { PluginContext } from "../shared/plugin-context";
import type { IndexStatus, IndexStatusSource, Retriever } from "../panel/panel-ports";

/** Passages a panel answer retrieves at most; the context budget trims further. */
const RETRIEVE_K = 12;

/** The indexer's status as the panel shows it. */
export function panelIndexStatus(status: IndexerStatus): IndexStatus {
  const base = { indexedNotes: status.notes, message: status.message ?? undefined, unreadable: status.unreadable };
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

/** The index state as the sidebar panel shows it (before the index is first opened: empty). */
function panelStatusOf(status: IndexerStatus | null): IndexStatus {
  return status ? panelIndexStatus(status) : { state: "empty", indexedNotes: 0 };
}

/** The panel's view of the index (status, progress, index now, rebuild); undefined while the index is off. */
export function indexStatusSource(ctx: PluginContext): IndexStatusSource | undefined {
  if (!ctx.settings().indexEnabled) return undefined;
  const index = ctx.index;
  return {
    status: () => panelStatusOf(index.status),
    onChange: (listener) => index.onChange((status) => listener(panelStatusOf(status))),
    indexNow: async () => {
      await index.indexNow();
    },
    rebuild: async () => {
      await index.rebuild();
    },
  };
}

/** "Ask my vault"'s retriever over the index; undefined while the index is off. */
export function indexRetriever(ctx: PluginContext): Retriever | undefined {
  if (!ctx.settings().indexEnabled) return undefined;
  const index = ctx.index;
  return {
    retrieve: async (query, signal) => retrievedChunks(await index.search(query, RETRIEVE_K, signal)),
  };
}

/** The one mapping from the vault indexer's status to what the panel's index section shows. */
import type { IndexStatus as IndexerStatus } from "../../core/index/indexer";
import type { IndexStatus } from "../panel/panel-ports";

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

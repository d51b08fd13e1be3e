/**
 * What the panel shows of the vault index and the hardware fit. The index part is optional: while
 * the index is off, the panel says so ("Index not available yet") and never shows made-up data.
 */
import type { InstalledModel } from "../../core/shared/ports";
import type { RetrievedChunk } from "../../core/index/retrieval";

/** Finds the passages of the vault closest to a question. */
export interface Retriever {
  /** The best chunks for `query`, best first. Aborting `signal` cancels the search. */
  retrieve(query: string, signal: AbortSignal): Promise<RetrievedChunk[]>;
}

/** The index's state as the panel shows it. */
export interface IndexStatus {
  state: "empty" | "ready" | "indexing" | "error";
  indexedNotes: number;
  /** Notes done of those to read in the running pass, when indexing. */
  progress?: { done: number; total: number };
  /** A short line for the user (why indexing paused, with the fix). */
  message?: string;
  /** Notes skipped because their properties could not be read. */
  unreadable?: number;
}

/** The vault index as the panel drives it. */
export interface IndexStatusSource {
  status(): IndexStatus;
  /** Calls `listener` on every change; returns the function that unsubscribes. */
  onChange(listener: (status: IndexStatus) => void): () => void;
  /** Indexes new and changed notes. */
  indexNow(): Promise<void>;
  /** Drops the index and indexes every note again. */
  rebuild(): Promise<void>;
}

/** Whether a model fits the user's hardware. */
export interface FitVerdict {
  fits: boolean | null;
  /** Short label, e.g. "fits in VRAM", "does not fit". */
  label: string;
}

/** One row of a model's fit table (quantization or context size against memory). */
export interface FitRow {
  label: string;
  memory: string;
  verdict: FitVerdict;
}

/** Judges installed models against the hardware description. */
export interface FitAdvisor {
  verdict(model: InstalledModel, hardware: string): FitVerdict;
  /** The fit table of `model` on `hardware`. */
  table(model: InstalledModel, hardware: string): FitRow[];
}

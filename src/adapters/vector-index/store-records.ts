/**
 * The index's record formats, shared by the store and the shard codec: the manifest, the WAL
 * records, the file names, and the note and chunk tuples both encode.
 */
import type { StoredChunkWithVector, StoredNote } from "../../core/index/index-ports";
import { TEMP_SUFFIX } from "./storage";
import { LOCK_FILE } from "./writer-lock";
import { DamagedFileError } from "./container";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_KIND = "ai-stack-planner-index";
export const MANIFEST_FORMAT = 1;
export const WAL_MAGIC = "ASPW";
export const WAL_EXTENSION = ".aspwal";
export const DEFAULT_SHARDS = 32;
/** Compact once the log holds this many chunks, or half the index if that is more. */
export const DEFAULT_COMPACT_AFTER = 2048;

export interface Manifest {
  kind: typeof MANIFEST_KIND;
  format: number;
  indexId: string;
  model: string;
  dims: number;
  chunker: string;
  shards: number;
  createdAt: string;
  note?: string;
}

export interface StoreConfig {
  model: string;
  chunker: string;
  shards?: number;
  compactAfterChunks?: number;
  /** Clock for damage folder names. */
  now?: () => Date;
}

export interface DamageReport {
  /** Files that failed verification, as they were named in the index folder. */
  files: string[];
  /** Why, one line per file. */
  reasons: string[];
  /** Where they were moved. */
  movedTo: string;
  /** True when the manifest itself was bad: the whole index starts over. */
  wholeIndex: boolean;
}

export interface OpenReport {
  created: boolean;
  damage: DamageReport | null;
  /** Files of an older index generation (an interrupted rebuild), removed. */
  staleRemoved: number;
  /** WAL records replayed (changes made after the last compaction). */
  walReplayed: number;
  /** Complete temporary files promoted because the rename had not happened. */
  tempRecovered: number;
}

/** A note's change persisted in the WAL but not yet in its shard (null in the overlay marks a removal). */
export interface PendingNote {
  note: StoredNote;
  chunks: StoredChunkWithVector[];
}

/** A note as a compact tuple: path, mtime, size, content hash, tags (space-separated), chunk count. */
export type NoteTuple = [string, number, number, string, string, number];

/** A WAL chunk: ord, hash, start line, end line, heading path (joined by HEADING_SEP). */
export type ChunkTuple = [number, string, number, number, string];

/** Joins a heading path into one string (headings never contain U+001F). */
const HEADING_SEP = "\u001f";

/** The heading path as stored: one string. */
export function headingText(path: readonly string[]): string {
  return path.join(HEADING_SEP);
}

/** The heading path read back from `headingText`. */
export function headingPathOf(text: string): string[] {
  return text === "" ? [] : text.split(HEADING_SEP);
}

/** A note as its tuple. */
export function noteTuple(n: StoredNote): NoteTuple {
  return [n.path, n.mtime, n.size, n.contentHash, n.tags.join(" "), n.chunkCount];
}

/** A note read back from its tuple. */
export function noteFromTuple([path, mtime, size, contentHash, tags, chunkCount]: NoteTuple): StoredNote {
  return { path, mtime, size, contentHash, tags: tags === "" ? [] : tags.split(" "), chunkCount };
}

/** One operation of a WAL record. */
export type WalOp = { o: "put"; n: NoteTuple; c: ChunkTuple[] } | { o: "meta"; n: NoteTuple; h?: string[] } | { o: "del"; p: string };

/** The JSON header of a WAL record (its vectors follow in the container). */
export interface WalHeader {
  kind: "wal";
  indexId: string;
  seq: number;
  ops: WalOp[];
}

export const SHARD_FILE = /^shard-(\d+)\.aspshard$/;
export const WAL_FILE = /^wal-(\d+)\.aspwal$/;

/** Names the index writes (and their temporary files): anything else there is not a file is damage. */
export function isIndexEntry(name: string): boolean {
  const base = name.endsWith(TEMP_SUFFIX) ? name.slice(0, -TEMP_SUFFIX.length) : name;
  return base === MANIFEST_FILE || base === LOCK_FILE || SHARD_FILE.test(base) || WAL_FILE.test(base);
}

/** Why an entry that is not a file is damage. */
export const NOT_A_FILE = "not a file (a folder or link is where the index keeps a file)";

/** A fresh index id (a new generation). */
export function newIndexId(): string {
  return crypto.randomUUID();
}

/** The file name of WAL record `seq`. */
export function walFileName(seq: number): string {
  return `wal-${String(seq).padStart(10, "0")}${WAL_EXTENSION}`;
}

/** The manifest of a new, empty index for `config`. */
export function freshManifest(config: StoreConfig): Manifest {
  return {
    kind: MANIFEST_KIND,
    format: MANIFEST_FORMAT,
    indexId: newIndexId(),
    model: config.model,
    dims: 0,
    chunker: config.chunker,
    shards: config.shards ?? DEFAULT_SHARDS,
    createdAt: (config.now?.() ?? new Date()).toISOString(),
    note: "Vault index of the AI Stack Planner plugin. Safe to delete: it is rebuilt from your notes.",
  };
}

/** The manifest as written on disk. */
export function manifestBytes(manifest: Manifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest read from disk; a DamagedFileError says what is wrong with it. */
export function parseManifest(bytes: Uint8Array): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new DamagedFileError(`manifest is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const m = raw as Partial<Manifest> | null;
  if (!m || typeof m !== "object" || m.kind !== MANIFEST_KIND) throw new DamagedFileError("manifest is not an AI Stack Planner index manifest");
  if (m.format !== MANIFEST_FORMAT) throw new DamagedFileError(`manifest has unsupported format ${String(m.format)}`);
  if (typeof m.indexId !== "string" || typeof m.model !== "string" || typeof m.chunker !== "string" || typeof m.dims !== "number" || typeof m.shards !== "number" || m.shards < 1 || m.shards > 256) {
    throw new DamagedFileError("manifest is missing fields");
  }
  return m as Manifest;
}


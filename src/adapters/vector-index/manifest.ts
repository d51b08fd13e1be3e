/**
 * The index folder's manifest and the file-level rules of opening it: which names belong to the
 * index, how a temporary file left by a crash is checked before it is promoted, and how damaged
 * files are moved aside (never deleted). See docs/decisions/0003-index-format.md.
 */
import { knownFsProblem } from "../../core/shared/fs-errors";
import { decodeContainer, DamagedFileError } from "./container";
import { joinPath, TEMP_SUFFIX, type IndexStorage } from "./storage";
import { SHARD_MAGIC } from "./vectra-shard";
import { LOCK_FILE } from "./writer-lock";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_KIND = "ai-stack-planner-index";
export const MANIFEST_FORMAT = 1;
export const WAL_MAGIC = "ASPW";
export const WAL_EXTENSION = ".aspwal";
export const DEFAULT_SHARDS = 32;
/** Compact once the log holds this many chunks, or half the index if that is more. */
export const DEFAULT_COMPACT_AFTER = 2048;

export const SHARD_FILE = /^shard-(\d+)\.aspshard$/;
export const WAL_FILE = /^wal-(\d+)\.aspwal$/;

/** Why a folder or link where the index keeps a file is moved aside. */
export const NOT_A_FILE = "not a file (a folder or link is where the index keeps a file)";

/** How the store is opened: the model and chunker of a new index, and tuning for tests. */
export interface StoreConfig {
  model: string;
  chunker: string;
  shards?: number;
  compactAfterChunks?: number;
  /** Clock for damage folder names. */
  now?: () => Date;
}

/** The manifest's fields (manifest.json). */
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

/** Files moved aside at open, and why. */
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

/** What opening the index found and repaired. */
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

/** A file to move aside with the reason. */
export interface DamagedEntry {
  file: string;
  reason: string;
}

/** Names the index writes (and their temporary files): anything else there is not a file is damage. */
export function isIndexEntry(name: string): boolean {
  const base = name.endsWith(TEMP_SUFFIX) ? name.slice(0, -TEMP_SUFFIX.length) : name;
  return base === MANIFEST_FILE || base === LOCK_FILE || SHARD_FILE.test(base) || WAL_FILE.test(base);
}

/** Parses and checks manifest.json; throws `DamagedFileError` on anything unexpected. */
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

/** The manifest of a new, empty index generation. */
export function freshManifest(config: StoreConfig): Manifest {
  return {
    kind: MANIFEST_KIND,
    format: MANIFEST_FORMAT,
    indexId: crypto.randomUUID(),
    model: config.model,
    dims: 0,
    chunker: config.chunker,
    shards: config.shards ?? DEFAULT_SHARDS,
    createdAt: (config.now?.() ?? new Date()).toISOString(),
    note: "Vault index of the AI Stack Planner plugin. Safe to delete: it is rebuilt from your notes.",
  };
}

/** Writes manifest.json atomically. */
export async function writeManifest(storage: IndexStorage, dir: string, manifest: Manifest): Promise<void> {
  await storage.write(joinPath(dir, MANIFEST_FILE), new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
}

/** True when a temporary file holds a complete, verifiable copy of `target`. */
export async function isComplete(storage: IndexStorage, path: string, target: string): Promise<boolean> {
  const bytes = await storage.read(path);
  if (!bytes) return false;
  try {
    if (target === MANIFEST_FILE) parseManifest(bytes);
    else if (SHARD_FILE.test(target)) decodeContainer(bytes, SHARD_MAGIC);
    else if (WAL_FILE.test(target)) decodeContainer(bytes, WAL_MAGIC);
    else return false;
    return true;
  } catch {
    return false;
  }
}

/** Moves `damaged` files into a new `damaged-<time>/` folder of the index. */
export async function moveAside(storage: IndexStorage, dir: string, damaged: DamagedEntry[], wholeIndex: boolean, config: StoreConfig): Promise<DamageReport> {
  const stamp = (config.now?.() ?? new Date()).toISOString().replace(/[:.]/g, "-");
  // A second damage event in the same millisecond (or with a frozen clock) gets its own folder.
  let name = `damaged-${stamp}`;
  for (let i = 2; (await storage.list(joinPath(dir, name))).length > 0; i++) name = `damaged-${stamp}-${i}`;
  const target = joinPath(dir, name);
  await storage.mkdir(target);
  for (const { file } of damaged) await storage.rename(joinPath(dir, file), joinPath(target, file));
  return { files: damaged.map((d) => d.file), reasons: damaged.map((d) => `${d.file}: ${d.reason}`), movedTo: target, wholeIndex };
}

/** Both damage reports as one (the lock file's, then the rest). */
export function mergeDamage(first: DamageReport, second: DamageReport | null): DamageReport {
  if (!second) return first;
  return { files: [...first.files, ...second.files], reasons: [...first.reasons, ...second.reasons], movedTo: second.movedTo, wholeIndex: second.wholeIndex };
}

/** A problem with the index folder itself, said as one line the user can act on (no errno codes). */
export function indexFolderError(dir: string, error: unknown): unknown {
  const why = knownFsProblem(error, "write");
  return why ? new Error(`The index folder "${dir}" can't be used: ${why}. Fix that, or choose another index folder in the settings.`) : error;
}

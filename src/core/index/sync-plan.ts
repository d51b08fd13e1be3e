/**
 * Pure sync planning between the index and the vault: the minimal work to make the index equal a
 * fresh build of the vault. Two phases, so content is read only when needed and never all at once:
 *
 * 1. `scanForSync(index, listing, target)` looks only at paths and stats: notes excluded by path or
 *    by their indexed tags are removed; new files and files whose mtime or size changed must be
 *    read; indexed notes missing from the listing are "vanished" (deleted, or renamed).
 * 2. A `SyncResolver` takes each read note's analysis (streamed) and returns its operation: a
 *    `put` that embeds only the chunks whose hash is not already in the index (a note whose content
 *    equals a vanished note is a rename: re-pathed, nothing embedded), a `touch` when only the stat
 *    changed, or a `remove` when the note is now excluded. `finish()` deletes what stayed vanished.
 *
 * A different embedding model, vector size or chunker means a full rebuild: never mixed vectors.
 */
import type { Chunk, NoteAnalysis } from "./chunking";
import { excludedByMetadata, excludedByPath, type ExclusionRules } from "./exclusions";

/** A note file in the vault, as a listing reports it. */
export interface VaultFileInfo {
  path: string;
  /** Modification time in ms. */
  mtime: number;
  size: number;
}

/** What the index knows about one note. */
export interface IndexedNote {
  path: string;
  mtime: number;
  size: number;
  contentHash: string;
  /** Lower-case tags at indexing time, so a new tag rule removes notes without reading them. */
  tags: readonly string[];
  /** Hashes of the note's chunks, in order. */
  chunkHashes: readonly string[];
}

export interface IndexSnapshot {
  model: string;
  /** Vector size; 0 while the index holds no vector yet. */
  dims: number;
  chunker: string;
  notes: ReadonlyMap<string, IndexedNote>;
}

export interface SyncTarget {
  model: string;
  /** The model's vector size when known (from the server), else undefined. */
  dims?: number;
  chunker: string;
  rules: ExclusionRules;
}

export type RebuildReason =
  | { kind: "model"; from: string; to: string }
  | { kind: "dims"; from: number; to: number }
  | { kind: "chunker"; from: string; to: string };

export type SyncOp =
  | {
      kind: "put";
      path: string;
      stat: VaultFileInfo;
      analysis: NoteAnalysis;
      /** Indexed note whose vectors may be reused by chunk hash (the note itself, or a rename's source). */
      reuseFrom: string | null;
      /** True for a rename: `reuseFrom` is removed in the same step. */
      removeSource: boolean;
      reason: "new" | "changed" | "renamed";
      /** Chunks that must be embedded (not found in `reuseFrom`). */
      embedCount: number;
    }
  | { kind: "touch"; path: string; stat: VaultFileInfo }
  | { kind: "remove"; path: string; reason: "deleted" | "excluded" };

export interface SyncScan {
  rebuild: RebuildReason | null;
  /** Paths to read and analyse, in listing order. */
  toRead: string[];
  stats: ReadonlyMap<string, VaultFileInfo>;
  /** Notes to remove right away (excluded by path or by an indexed tag). */
  removals: SyncOp[];
  /** Indexed notes missing from the listing: deleted, unless a new note turns out to be their rename. */
  vanished: string[];
  /** Notes whose stat matches the index: nothing to do. */
  unchanged: number;
}

/** Why the index must be rebuilt for `target`, or null. An empty index never needs one. */
export function rebuildReason(index: IndexSnapshot, target: SyncTarget): RebuildReason | null {
  if (index.notes.size === 0 && index.dims === 0) return null;
  if (index.model !== target.model) return { kind: "model", from: index.model, to: target.model };
  if (target.dims !== undefined && index.dims !== 0 && index.dims !== target.dims) return { kind: "dims", from: index.dims, to: target.dims };
  if (index.chunker !== target.chunker) return { kind: "chunker", from: index.chunker, to: target.chunker };
  return null;
}

/** A user-facing sentence for a rebuild. */
export function describeRebuild(reason: RebuildReason): string {
  switch (reason.kind) {
    case "model":
      return `The embedding model changed from "${reason.from}" to "${reason.to}": the index is rebuilt for the new model.`;
    case "dims":
      return `The embedding model now returns ${reason.to}-dimensional vectors instead of ${reason.from}: the index is rebuilt.`;
    case "chunker":
      return "The way notes are split into chunks changed: the index is rebuilt.";
  }
}

/** Phase 1: stats only. */
export function scanForSync(index: IndexSnapshot, listing: readonly VaultFileInfo[], target: SyncTarget): SyncScan {
  const rebuild = rebuildReason(index, target);
  const notes: ReadonlyMap<string, IndexedNote> = rebuild ? new Map() : index.notes;
  const stats = new Map<string, VaultFileInfo>();
  const toRead: string[] = [];
  const removals: SyncOp[] = [];
  let unchanged = 0;

  for (const file of listing) {
    if (stats.has(file.path) || excludedByPath(file.path, target.rules)) continue;
    stats.set(file.path, file);
    const known = notes.get(file.path);
    if (known && known.mtime === file.mtime && known.size === file.size) {
      if (excludedByMetadata({ title: "", frontmatter: {}, tags: [...known.tags] }, target.rules)) {
        removals.push({ kind: "remove", path: file.path, reason: "excluded" });
      } else unchanged++;
      continue;
    }
    toRead.push(file.path);
  }

  const listed = new Set(listing.map((f) => f.path));
  const vanished: string[] = [];
  for (const path of notes.keys()) {
    if (stats.has(path)) continue;
    // Still in the vault but now excluded by a folder rule: removed, not a rename candidate.
    if (listed.has(path)) removals.push({ kind: "remove", path, reason: "excluded" });
    else vanished.push(path);
  }
  return { rebuild, toRead, stats, removals, vanished, unchanged };
}

/**
 * Phase 1 for a few paths the vault reported (file events) instead of a full listing: `stats`
 * holds those that exist now. A path that is gone is "vanished", so a create event for its new
 * name in the same batch turns into a rename. The caller runs a full scan when `rebuild` is set.
 */
export function scanPaths(index: IndexSnapshot, paths: readonly string[], stats: ReadonlyMap<string, VaultFileInfo>, target: SyncTarget): SyncScan {
  const rebuild = rebuildReason(index, target);
  const scanStats = new Map<string, VaultFileInfo>();
  const toRead: string[] = [];
  const removals: SyncOp[] = [];
  const vanished: string[] = [];
  for (const path of new Set(paths)) {
    const stat = stats.get(path);
    const known = rebuild ? undefined : index.notes.get(path);
    if (!stat) {
      if (known) vanished.push(path);
      continue;
    }
    if (excludedByPath(path, target.rules)) {
      if (known) removals.push({ kind: "remove", path, reason: "excluded" });
      continue;
    }
    // An event says the file changed: it is read even when its stat looks the same (a same-size
    // save within the clock's resolution); an unchanged hash makes it a cheap touch.
    scanStats.set(path, stat);
    toRead.push(path);
  }
  return { rebuild, toRead, stats: scanStats, removals, vanished, unchanged: 0 };
}

/** For each chunk, whether it must be embedded: its hash is not among `available` (a multiset). */
export function chunksToEmbed(chunks: readonly Chunk[], available: readonly string[]): boolean[] {
  const pool = new Map<string, number>();
  for (const h of available) pool.set(h, (pool.get(h) ?? 0) + 1);
  return chunks.map((chunk) => {
    const left = pool.get(chunk.hash) ?? 0;
    if (left === 0) return true;
    pool.set(chunk.hash, left - 1);
    return false;
  });
}

function countTrue(flags: readonly boolean[]): number {
  let n = 0;
  for (const f of flags) if (f) n++;
  return n;
}

/** Phase 2: turns each analysed note into its operation; `finish()` returns the deletions. */
export class SyncResolver {
  private readonly notes: ReadonlyMap<string, IndexedNote>;
  /** Vanished notes by content hash, for rename detection. */
  private readonly vanishedByHash = new Map<string, string[]>();
  private readonly claimed = new Set<string>();

  constructor(
    index: IndexSnapshot,
    private readonly scan: SyncScan,
    private readonly rules: ExclusionRules,
  ) {
    this.notes = scan.rebuild ? new Map() : index.notes;
    for (const path of scan.vanished) {
      const note = this.notes.get(path);
      if (!note) continue;
      const list = this.vanishedByHash.get(note.contentHash) ?? [];
      list.push(path);
      this.vanishedByHash.set(note.contentHash, list);
    }
  }

  /** The operation for one read note; null when there is nothing to do (or it cannot be read). */
  resolve(path: string, analysis: NoteAnalysis | null): SyncOp | null {
    const stat = this.scan.stats.get(path);
    if (!stat || !analysis) return null;
    const known = this.notes.get(path);
    if (excludedByMetadata(analysis.metadata, this.rules)) return known ? { kind: "remove", path, reason: "excluded" } : null;
    if (known) {
      if (known.contentHash === analysis.contentHash) return { kind: "touch", path, stat };
      const embedCount = countTrue(chunksToEmbed(analysis.chunks, known.chunkHashes));
      return { kind: "put", path, stat, analysis, reuseFrom: path, removeSource: false, reason: "changed", embedCount };
    }
    const candidates = this.vanishedByHash.get(analysis.contentHash);
    const source = candidates?.shift();
    if (source !== undefined) {
      this.claimed.add(source);
      const sourceNote = this.notes.get(source);
      const embedCount = countTrue(chunksToEmbed(analysis.chunks, sourceNote?.chunkHashes ?? []));
      return { kind: "put", path, stat, analysis, reuseFrom: source, removeSource: true, reason: "renamed", embedCount };
    }
    return { kind: "put", path, stat, analysis, reuseFrom: null, removeSource: false, reason: "new", embedCount: analysis.chunks.length };
  }

  /** Deletions of vanished notes that no new note claimed as a rename. */
  finish(): SyncOp[] {
    return this.scan.vanished.filter((p) => !this.claimed.has(p)).map((path): SyncOp => ({ kind: "remove", path, reason: "deleted" }));
  }
}

export interface SyncPlan {
  rebuild: RebuildReason | null;
  ops: SyncOp[];
  unchanged: number;
  /** Chunks to embed over all operations. */
  embedChunks: number;
}

/**
 * Both phases at once, for callers that can hold every analysis (tests, small vaults). Removals
 * come first, then puts and touches in listing order, then deletions.
 */
export function planSync(
  index: IndexSnapshot,
  listing: readonly VaultFileInfo[],
  target: SyncTarget,
  analyze: (path: string) => NoteAnalysis | null,
): SyncPlan {
  const scan = scanForSync(index, listing, target);
  const resolver = new SyncResolver(index, scan, target.rules);
  const ops: SyncOp[] = [...scan.removals];
  for (const path of scan.toRead) {
    const op = resolver.resolve(path, analyze(path));
    if (op) ops.push(op);
  }
  ops.push(...resolver.finish());
  const embedChunks = ops.reduce((n, op) => n + (op.kind === "put" ? op.embedCount : 0), 0);
  return { rebuild: scan.rebuild, ops, unchanged: scan.unchanged, embedChunks };
}

/**
 * The write-ahead log's records: what a batch of changes is written as, and how a record read
 * back is replayed into the pending changes. Replaying a record twice gives the same result.
 */
import type { IndexStoreOp, StoredChunkWithVector } from "../../core/index/index-ports";
import { headingPathOf, headingText, noteFromTuple, noteTuple, type PendingNote, type WalOp } from "./store-records";
import type { Shard } from "./vectra-shard";

/** The pending changes as the WAL reads and writes them. */
export interface OverlayAccess {
  /** The chunks a note has right now (pending change first), or null when it is not indexed. */
  current(path: string): StoredChunkWithVector[] | null;
  /** Records a pending change (null: removed). */
  set(path: string, pending: PendingNote | null): void;
}

/** One WAL record: its operations, its vectors in order, and what it changes once persisted. */
export interface WalRecord {
  walOps: WalOp[];
  vectors: Float32Array[];
  effects: [string, PendingNote | null][];
}

/** Replays one record's operations into the pending changes. */
export function replayWal(ops: readonly WalOp[], vectors: Float32Array, dims: number, overlay: OverlayAccess): void {
  let at = 0;
  for (const op of ops) {
    if (op.o === "del") overlay.set(op.p, null);
    else if (op.o === "meta") {
      const note = noteFromTuple(op.n);
      const chunks = overlay.current(note.path);
      // The chunks the stat update was made for are gone (an earlier record was damaged):
      // drop the note so the next sync re-embeds it instead of trusting the new hash.
      if (chunks && op.h && chunks.map((c) => c.hash).join("\n") !== op.h.join("\n")) overlay.set(note.path, null);
      else if (chunks) overlay.set(note.path, { note, chunks });
    } else {
      const note = noteFromTuple(op.n);
      const chunks = op.c.map(([ord, hash, start, end, heading]): StoredChunkWithVector => {
        const vector = vectors.subarray(at * dims, (at + 1) * dims);
        at++;
        return { ord, hash, start, end, headingPath: headingPathOf(heading), vector };
      });
      overlay.set(note.path, { note, chunks });
    }
  }
}

/** The WAL record for `ops` (a stat-only change of a note not indexed is dropped). */
export function walRecordFor(ops: readonly IndexStoreOp[], current: (path: string) => StoredChunkWithVector[] | null): WalRecord {
  const walOps: WalOp[] = [];
  const vectors: Float32Array[] = [];
  const effects: [string, PendingNote | null][] = [];
  for (const op of ops) {
    if (op.kind === "remove") {
      walOps.push({ o: "del", p: op.path });
      effects.push([op.path, null]);
    } else if (op.kind === "meta") {
      const chunks = current(op.note.path);
      if (!chunks) continue;
      walOps.push({ o: "meta", n: noteTuple({ ...op.note, chunkCount: chunks.length }), h: chunks.map((c) => c.hash) });
      effects.push([op.note.path, { note: { ...op.note, chunkCount: chunks.length }, chunks }]);
    } else {
      if (op.replaces !== undefined && op.replaces !== op.note.path) {
        walOps.push({ o: "del", p: op.replaces });
        effects.push([op.replaces, null]);
      }
      const note = { ...op.note, chunkCount: op.chunks.length };
      walOps.push({ o: "put", n: noteTuple(note), c: op.chunks.map((c) => [c.ord, c.hash, c.start, c.end, headingText(c.headingPath)]) });
      for (const c of op.chunks) vectors.push(c.vector);
      effects.push([note.path, { note, chunks: op.chunks }]);
    }
  }
  return { walOps, vectors, effects };
}

/** The vector size of the index after `ops`; throws when a vector does not match it. */
export function checkDims(ops: readonly IndexStoreOp[], indexDims: number): number {
  let dims = indexDims;
  for (const op of ops) {
    if (op.kind !== "put") continue;
    for (const c of op.chunks) {
      if (dims === 0) dims = c.vector.length;
      if (c.vector.length !== dims) throw new Error(`A ${c.vector.length}-dimensional vector cannot go into a ${dims}-dimensional index.`);
    }
  }
  return dims;
}

/**
 * Changes persisted in the WAL but not yet compacted into the shards (null marks a removal), with
 * the running counts `stats` reads on every progress tick.
 */
export class PendingChanges {
  readonly notes = new Map<string, PendingNote | null>();
  /** Chunks the pending changes hold. */
  chunks = 0;
  /** What the pending changes add to the shards' note and chunk counts. */
  delta = { notes: 0, chunks: 0 };

  constructor(private readonly shardOf: (path: string) => Shard) {}

  /** How a pending entry changes its shard's note and chunk counts. */
  private contribution(path: string, pending: PendingNote | null): { notes: number; chunks: number } {
    const shard = this.shardOf(path);
    const committed = shard.notes.has(path);
    return {
      notes: (pending ? 1 : 0) - (committed ? 1 : 0),
      chunks: (pending ? pending.chunks.length : 0) - (committed ? (shard.rowsByPath.get(path)?.length ?? 0) : 0),
    };
  }

  /** Records the change of `path` (null: removed), replacing an earlier pending one. */
  set(path: string, pending: PendingNote | null): void {
    if (this.notes.has(path)) {
      const before = this.notes.get(path) ?? null;
      if (before) this.chunks -= before.chunks.length;
      const c = this.contribution(path, before);
      this.delta.notes -= c.notes;
      this.delta.chunks -= c.chunks;
    }
    this.notes.set(path, pending);
    if (pending) this.chunks += pending.chunks.length;
    const c = this.contribution(path, pending);
    this.delta.notes += c.notes;
    this.delta.chunks += c.chunks;
  }

  /** Drops a change its shard now holds, unless it changed again meanwhile (a newer record keeps it). */
  settle(path: string, pending: PendingNote | null): void {
    if (!this.notes.has(path) || this.notes.get(path) !== pending) return;
    this.notes.delete(path);
    if (pending) this.chunks -= pending.chunks.length;
  }

  /** Recounts the difference against the shards as they are now (after a shard changed). */
  recount(): void {
    this.delta = { notes: 0, chunks: 0 };
    for (const [path, pending] of this.notes) {
      const c = this.contribution(path, pending);
      this.delta.notes += c.notes;
      this.delta.chunks += c.chunks;
    }
  }

  clear(): void {
    this.notes.clear();
    this.chunks = 0;
    this.delta = { notes: 0, chunks: 0 };
  }
}

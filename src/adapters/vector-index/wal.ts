/**
 * The write-ahead log and its in-memory overlay: every `apply` becomes one atomic WAL record, and
 * the changes it holds stay in the overlay (hiding the shards' rows of the same notes) until a
 * compaction writes them into their shards. Replay is idempotent, so a crash at any point loads a
 * consistent index.
 */
import type { IndexStoreOp } from "../../core/index/index-ports";
import { encodeContainer } from "./container";
import { WAL_EXTENSION, WAL_MAGIC } from "./manifest";
import { chunkFromTuple, chunkTuple, noteFromTuple, noteTuple, type ChunkTuple, type NoteTuple } from "./records";
import type { Pending } from "./scoring";
import { joinPath, type IndexStorage } from "./storage";
import type { ChunkWithVector, Shard, ShardChange } from "./vectra-shard";

/** One operation of a WAL record: put a note with its chunks, update a note's stat, delete a note. */
export type WalOp = { o: "put"; n: NoteTuple; c: ChunkTuple[] } | { o: "meta"; n: NoteTuple; h?: string[] } | { o: "del"; p: string };

/** The JSON section of a WAL record. */
export interface WalHeader {
  kind: "wal";
  indexId: string;
  seq: number;
  ops: WalOp[];
}

/** The log's records and the overlay of the changes they hold. */
export class WriteAheadLog {
  /** Changes persisted in the WAL but not yet in the shards; null marks a removal. */
  readonly overlay = new Map<string, Pending | null>();
  /** Chunks in the overlay. */
  pendingChunks = 0;
  /** What the overlay adds to the shards' note and chunk counts (kept current for `stats`). */
  delta = { notes: 0, chunks: 0 };
  /** Sequence numbers of the records on disk, oldest first. */
  seqs: number[] = [];
  nextSeq = 1;

  constructor(
    private readonly storage: IndexStorage,
    private readonly dir: string,
    private readonly shardOf: (path: string) => Shard,
  ) {}

  /** The file of record `seq`. */
  path(seq: number): string {
    return joinPath(this.dir, `wal-${String(seq).padStart(10, "0")}${WAL_EXTENSION}`);
  }

  /** Forgets every record and pending change (after a reset removed the files). */
  clear(): void {
    this.overlay.clear();
    this.pendingChunks = 0;
    this.delta = { notes: 0, chunks: 0 };
    this.seqs = [];
  }

  /** How a pending entry changes the shard's note and chunk counts. */
  private contribution(path: string, pending: Pending | null): { notes: number; chunks: number } {
    const shard = this.shardOf(path);
    const committed = shard.notes.has(path);
    return {
      notes: (pending ? 1 : 0) - (committed ? 1 : 0),
      chunks: (pending ? pending.chunks.length : 0) - (committed ? (shard.rowsByPath.get(path)?.length ?? 0) : 0),
    };
  }

  /** Recounts the overlay's difference against the shards as they are now (after a shard changed). */
  recount(): void {
    this.delta = { notes: 0, chunks: 0 };
    for (const [path, pending] of this.overlay) {
      const c = this.contribution(path, pending);
      this.delta.notes += c.notes;
      this.delta.chunks += c.chunks;
    }
  }

  /** Sets the pending state of a note, keeping the counts current. */
  set(path: string, pending: Pending | null): void {
    if (this.overlay.has(path)) {
      const before = this.overlay.get(path) ?? null;
      if (before) this.pendingChunks -= before.chunks.length;
      const c = this.contribution(path, before);
      this.delta.notes -= c.notes;
      this.delta.chunks -= c.chunks;
    }
    this.overlay.set(path, pending);
    if (pending) this.pendingChunks += pending.chunks.length;
    const c = this.contribution(path, pending);
    this.delta.notes += c.notes;
    this.delta.chunks += c.chunks;
  }

  /** The chunks (with vectors) a note has right now, or null when it is not indexed. */
  currentChunks(path: string): ChunkWithVector[] | null {
    if (this.overlay.has(path)) return this.overlay.get(path)?.chunks ?? null;
    const shard = this.shardOf(path);
    if (!shard.notes.has(path)) return null;
    return (shard.rowsByPath.get(path) ?? [])
      .map((i) => ({ row: shard.rows[i], vector: shard.matrix.subarray(i * shard.dims, (i + 1) * shard.dims) }))
      .sort((a, b) => a.row.ord - b.row.ord)
      .map(({ row, vector }) => ({ ord: row.ord, hash: row.hash, start: row.start, end: row.end, headingPath: row.headingPath, vector }));
  }

  /** Replays one record read at open into the overlay. */
  replay(ops: readonly WalOp[], vectors: Float32Array, dims: number): void {
    let at = 0;
    for (const op of ops) {
      if (op.o === "del") this.set(op.p, null);
      else if (op.o === "meta") {
        const note = noteFromTuple(op.n);
        const chunks = this.currentChunks(note.path);
        // The chunks the stat update was made for are gone (an earlier record was damaged):
        // drop the note so the next sync re-embeds it instead of trusting the new hash.
        if (chunks && op.h && chunks.map((c) => c.hash).join("\n") !== op.h.join("\n")) this.set(note.path, null);
        else if (chunks) this.set(note.path, { note, chunks });
      } else {
        const note = noteFromTuple(op.n);
        const chunks = op.c.map((tuple): ChunkWithVector => {
          const vector = vectors.subarray(at * dims, (at + 1) * dims);
          at++;
          return { ...chunkFromTuple(tuple), vector };
        });
        this.set(note.path, { note, chunks });
      }
    }
  }

  /**
   * Writes `ops` as one record (atomically) and applies them to the overlay once it is in place.
   * Returns false when nothing needed writing (a stat update of a note that is not indexed).
   */
  async append(indexId: string, dims: number, ops: readonly IndexStoreOp[]): Promise<boolean> {
    const walOps: WalOp[] = [];
    const vectors: Float32Array[] = [];
    const effects: [string, Pending | null][] = [];
    for (const op of ops) {
      if (op.kind === "remove") {
        walOps.push({ o: "del", p: op.path });
        effects.push([op.path, null]);
      } else if (op.kind === "meta") {
        const chunks = this.currentChunks(op.note.path);
        if (!chunks) continue;
        walOps.push({ o: "meta", n: noteTuple({ ...op.note, chunkCount: chunks.length }), h: chunks.map((c) => c.hash) });
        effects.push([op.note.path, { note: { ...op.note, chunkCount: chunks.length }, chunks }]);
      } else {
        if (op.replaces !== undefined && op.replaces !== op.note.path) {
          walOps.push({ o: "del", p: op.replaces });
          effects.push([op.replaces, null]);
        }
        const note = { ...op.note, chunkCount: op.chunks.length };
        walOps.push({ o: "put", n: noteTuple(note), c: op.chunks.map(chunkTuple) });
        for (const c of op.chunks) vectors.push(c.vector);
        effects.push([note.path, { note, chunks: op.chunks }]);
      }
    }
    if (walOps.length === 0) return false;
    const seq = this.nextSeq++;
    const header: WalHeader = { kind: "wal", indexId, seq, ops: walOps };
    await this.storage.write(this.path(seq), encodeContainer(WAL_MAGIC, header, dims, vectors));
    this.seqs.push(seq);
    for (const [path, pending] of effects) this.set(path, pending);
    return true;
  }

  /**
   * Writes the changes pending when it starts into their shards, then deletes the records it
   * covered. Changes made meanwhile keep their own records and stay in the overlay.
   */
  async compactInto(): Promise<void> {
    const covered = new Map(this.overlay);
    const seqs = this.seqs.slice();
    const byShard = new Map<Shard, Map<string, ShardChange>>();
    for (const [path, pending] of covered) {
      const shard = this.shardOf(path);
      if (!pending && !shard.notes.has(path)) continue;
      let changes = byShard.get(shard);
      if (!changes) {
        changes = new Map();
        byShard.set(shard, changes);
      }
      changes.set(path, pending ? { note: pending.note, chunks: pending.chunks } : null);
    }
    for (const [shard, changes] of byShard) {
      await shard.commit(changes);
      this.recount();
    }
    // Drop what the shards now hold, unless it changed again meanwhile (a newer record keeps it).
    for (const [path, pending] of covered) {
      if (this.overlay.has(path) && this.overlay.get(path) === pending) {
        this.overlay.delete(path);
        if (pending) this.pendingChunks -= pending.chunks.length;
      }
    }
    this.recount();
    const done = new Set(seqs);
    this.seqs = this.seqs.filter((seq) => !done.has(seq));
    for (const seq of seqs) await this.storage.remove(this.path(seq));
  }
}

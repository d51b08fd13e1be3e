/**
 * The on-disk vector index: a small JSON manifest, 32 vectra shards (notes assigned by path hash)
 * and a write-ahead log, all written through one queue with atomic writes. See
 * docs/decisions/0003-index-format.md for the format and the measurements behind it.
 *
 *   <dir>/manifest.json              format, index id, model, dims, chunker, shard count
 *   <dir>/shard-07.aspshard          vectra LocalIndex file (ShardCodec): notes + chunks + vectors
 *   <dir>/wal-0000000042.aspwal      one record per applied batch, until compacted into shards
 *   <dir>/damaged-<time>/            files that failed verification, moved aside
 *   <dir>/writer.lock                who writes the index now (see writer-lock.ts)
 *
 * The jobs live apart: record formats in store-records.ts (shared with the shard codec), opening
 * and recovery in store-open.ts, scoring in store-scoring.ts; this class holds the state, the WAL
 * and compaction.
 *
 * Every change is first written as one WAL record (small, atomic): that is the moment it is
 * persisted. The records are compacted into the shards they touch when they add up to enough
 * chunks, when indexing finishes, and on close; WAL files are deleted only after every shard is
 * saved, and replaying a record is idempotent, so a crash at any point loads a consistent index.
 */
import { fnv1a64 } from "../../core/shared/hash";
import { IndexBusyError } from "../../core/index/index-errors";
import type { IndexHit, IndexStoreOp } from "../../core/index/index-ports";
import type { IndexedNote, IndexSnapshot } from "../../core/index/sync-plan";
import { encodeContainer } from "./container";
import { joinPath, type IndexStorage } from "./storage";
import { emptyReport, indexFolderError, loadIndexFiles, mergeDamage, moveAside, readManifestQuietly, repairFolder, writeManifest, type Damaged } from "./store-open";
import {
  DEFAULT_COMPACT_AFTER,
  freshManifest,
  isIndexEntry,
  NOT_A_FILE,
  SHARD_FILE,
  WAL_FILE,
  WAL_MAGIC,
  walFileName,
  type DamageReport,
  type Manifest,
  type OpenReport,
  type StoreConfig,
  type WalHeader,
  type WalOp,
} from "./store-records";
import { searchChunks } from "./store-scoring";
import { checkDims, PendingChanges, replayWal, walRecordFor } from "./store-wal";
import { WriteQueue } from "./write-queue";
import { LOCK_FILE, WriterLock } from "./writer-lock";
import { Shard, VectraStorage, type ChunkMeta, type ChunkWithVector, type NoteMeta, type ShardChange, type ShardIdentity } from "./vectra-shard";

export type { DamageReport, OpenReport, StoreConfig } from "./store-records";

/** One change: put (replace a note's chunks; `replaces` goes in the same step), meta (stat only), remove. */
export type StoreOp = IndexStoreOp;

/** A search hit: which chunk of which note, and its cosine score. */
export type SearchHit = IndexHit;

export class VectorStore {
  private readonly queue: WriteQueue;
  private readonly shards: Shard[];
  private manifest: Manifest;
  /** Changes persisted in the WAL but not yet in the shards; null marks a removal. */
  private readonly pending: PendingChanges;
  /** Shard of each path seen (hashing a path on every lookup showed up in profiles). */
  private readonly shardByPath = new Map<string, Shard>();
  private walSeqs: number[] = [];
  private nextSeq = 1;
  private backgroundError: unknown = null;
  private closed = false;
  /** The compaction running now, if any (at most one; WAL appends do not wait for it). */
  private compacting: Promise<void> | null = null;
  /** Set while a reset runs: no compaction may start with the old generation's changes. */
  private resetting = false;
  /** This store's writer lock (null when the storage can't lock or the store only reads). */
  private lock: WriterLock | null = null;
  /** Set when another process writes the index (or the folder refuses writes): this store only reads, and says why on a write. */
  private busy: Error | null = null;

  private constructor(
    private readonly storage: IndexStorage,
    readonly dir: string,
    manifest: Manifest,
    private readonly config: StoreConfig,
    queue: WriteQueue,
  ) {
    this.manifest = manifest;
    this.queue = queue;
    const vectraStorage = new VectraStorage(storage);
    this.shards = Array.from({ length: manifest.shards }, (_, i) => new Shard(i, dir, vectraStorage, this.identity));
    this.pending = new PendingChanges((path) => this.shardOf(path));
  }

  private get identity(): ShardIdentity {
    return { indexId: this.manifest.indexId, model: this.manifest.model, chunker: this.manifest.chunker };
  }

  get indexId(): string {
    return this.manifest.indexId;
  }

  /** The embedding model the stored vectors come from. */
  get model(): string {
    return this.manifest.model;
  }

  get chunker(): string {
    return this.manifest.chunker;
  }

  /** Vector size; 0 while the index holds no vector. */
  get dims(): number {
    return this.manifest.dims;
  }

  get shardCount(): number {
    return this.shards.length;
  }

  /** The last error of a background compaction, if any (it is retried on the next one). */
  get lastError(): unknown {
    return this.backgroundError;
  }

  /** Opens (or creates) the index in `dir`, verifying every file; damaged ones are moved aside. */
  static async open(storage: IndexStorage, dir: string, config: StoreConfig): Promise<{ store: VectorStore; report: OpenReport }> {
    const queue = new WriteQueue();
    return queue.run(async () => {
      await storage.mkdir(dir).catch((error: unknown) => {
        throw indexFolderError(dir, error);
      });
      // Not files where index files belong: moved aside like damaged files (a folder named
      // manifest.json would fail every read; one named like a shard would block its save).
      const inTheWay = ((await storage.listNonFiles?.(dir)) ?? []).filter(isIndexEntry);
      let lockDamage: DamageReport | null = null;
      if (inTheWay.includes(LOCK_FILE)) lockDamage = await moveAside(storage, dir, [{ file: LOCK_FILE, reason: NOT_A_FILE }], false, config);
      const locked = await WriterLock.acquire(storage, dir, config.now);
      if ("busy" in locked) return VectorStore.openReadOnly(storage, dir, config, queue, locked.busy, new Set(inTheWay));
      try {
        const folder = await repairFolder(storage, dir, config, inTheWay.filter((n) => n !== LOCK_FILE));
        const store = new VectorStore(storage, dir, folder.manifest, config, queue);
        store.lock = locked.lock;
        if (!folder.wholeIndex) await store.load(folder.names, folder.report, folder.partDamage);
        if (lockDamage) folder.report.damage = mergeDamage(lockDamage, folder.report.damage);
        return { store, report: folder.report };
      } catch (error) {
        await locked.lock?.release();
        throw error;
      }
    });
  }

  /**
   * The open while another process writes (or the folder refuses the lock file): loads what
   * verifies and changes nothing on disk (no repair, no move, no manifest); writes fail with
   * `busy`. Enough for status and search.
   */
  private static async openReadOnly(storage: IndexStorage, dir: string, config: StoreConfig, queue: WriteQueue, busy: Error, inTheWay: Set<string>): Promise<{ store: VectorStore; report: OpenReport }> {
    const report = emptyReport();
    const manifest = await readManifestQuietly(storage, dir, inTheWay);
    const store = new VectorStore(storage, dir, manifest ?? freshManifest(config), config, queue);
    store.busy = busy;
    if (manifest) await store.load((await storage.list(dir)).filter((n) => !inTheWay.has(n)), report);
    return { store, report };
  }

  /** Loads the shards and replays the WAL records (see store-open.ts). */
  private async load(names: string[], report: OpenReport, inTheWay: Damaged[] = []): Promise<void> {
    const target = { storage: this.storage, dir: this.dir, config: this.config, shards: this.shards, manifest: this.manifest, repair: this.busy === null, replay: (ops: readonly WalOp[], vectors: Float32Array, dims: number) => this.replay(ops, vectors, dims) };
    const { walSeqs, nextSeq } = await loadIndexFiles(target, names, report, inTheWay);
    this.walSeqs.push(...walSeqs);
    this.nextSeq = Math.max(this.nextSeq, nextSeq);
  }

  /** Why this store can't write (another process writes the index), or null. */
  writeBlocker(): Error | null {
    return this.busy;
  }

  /** Throws when this store may not write: another process holds the index, or took it over. */
  private async mayWrite(): Promise<void> {
    if (this.busy) throw this.busy;
    try {
      await this.lock?.confirm();
    } catch (error) {
      if (error instanceof IndexBusyError) this.busy = error;
      throw error;
    }
  }

  // ---------------------------------------------------------------- reading

  private shardOf(path: string): Shard {
    let shard = this.shardByPath.get(path);
    if (!shard) {
      const h = fnv1a64(path);
      shard = this.shards[parseInt(h.slice(8), 16) % this.shards.length];
      if (this.shardByPath.size >= 1_000_000) this.shardByPath.clear();
      this.shardByPath.set(path, shard);
    }
    return shard;
  }

  private committedIndexed(shard: Shard, meta: NoteMeta): IndexedNote {
    return { path: meta.path, mtime: meta.mtime, size: meta.size, contentHash: meta.contentHash, tags: meta.tags, chunkHashes: shard.chunkHashes(meta.path) };
  }

  /** What the index knows about a note (pending changes included). */
  getNote(path: string): IndexedNote | undefined {
    if (this.pending.notes.has(path)) {
      const pending = this.pending.notes.get(path);
      if (!pending) return undefined;
      const n = pending.note;
      return { path, mtime: n.mtime, size: n.size, contentHash: n.contentHash, tags: n.tags, chunkHashes: pending.chunks.map((c) => c.hash) };
    }
    const shard = this.shardOf(path);
    const meta = shard.notes.get(path);
    return meta ? this.committedIndexed(shard, meta) : undefined;
  }

  /** Every indexed note, for sync planning. */
  snapshot(): IndexSnapshot {
    const notes = new Map<string, IndexedNote>();
    for (const shard of this.shards) for (const meta of shard.notes.values()) if (!this.pending.notes.has(meta.path)) notes.set(meta.path, this.committedIndexed(shard, meta));
    for (const path of this.pending.notes.keys()) {
      const note = this.getNote(path);
      if (note) notes.set(path, note);
    }
    return { model: this.model, dims: this.dims, chunker: this.chunker, notes };
  }

  /** The stored vectors of a note with their chunk hashes, for reuse when it changes or moves. */
  vectorsOf(path: string): { hash: string; vector: Float32Array }[] {
    if (this.pending.notes.has(path)) return (this.pending.notes.get(path)?.chunks ?? []).map((c) => ({ hash: c.hash, vector: c.vector }));
    return this.shardOf(path).vectorsOf(path);
  }

  /** The stored chunk facts of a note (no vectors). */
  chunksOf(path: string): ChunkMeta[] {
    if (this.pending.notes.has(path)) return (this.pending.notes.get(path)?.chunks ?? []).map(({ ord, hash, start, end, headingPath }) => ({ ord, hash, start, end, headingPath }));
    const shard = this.shardOf(path);
    return (shard.rowsByPath.get(path) ?? [])
      .map((i) => shard.rows[i])
      .sort((a, b) => a.ord - b.ord)
      .map(({ ord, hash, start, end, headingPath }) => ({ ord, hash, start, end, headingPath }));
  }

  stats(): { notes: number; chunks: number; pendingChunks: number; walRecords: number } {
    // Called on every progress tick: sums per shard plus the overlay's running difference.
    let notes = this.pending.delta.notes;
    let chunks = this.pending.delta.chunks;
    for (const shard of this.shards) {
      notes += shard.notes.size;
      chunks += shard.chunkCount;
    }
    return { notes, chunks, pendingChunks: this.pending.chunks, walRecords: this.walSeqs.length };
  }

  /** The `k` chunks most similar to `vector` (cosine), over every shard and pending change. */
  query(vector: Float32Array, k: number): SearchHit[] {
    return searchChunks({ shards: this.shards, overlay: this.pending.notes, shardOf: (path) => this.shardOf(path), dims: this.dims }, vector, k);
  }

  // ---------------------------------------------------------------- writing

  private replay(ops: readonly WalOp[], vectors: Float32Array, dims: number): void {
    replayWal(ops, vectors, dims, { current: (path) => this.currentChunks(path), set: (path, pending) => this.pending.set(path, pending) });
  }

  /** The chunks (with vectors) a note has right now, or null when it is not indexed. */
  private currentChunks(path: string): ChunkWithVector[] | null {
    if (this.pending.notes.has(path)) return this.pending.notes.get(path)?.chunks ?? null;
    const shard = this.shardOf(path);
    if (!shard.notes.has(path)) return null;
    return (shard.rowsByPath.get(path) ?? [])
      .map((i) => ({ row: shard.rows[i], vector: shard.matrix.subarray(i * shard.dims, (i + 1) * shard.dims) }))
      .sort((a, b) => a.row.ord - b.row.ord)
      .map(({ row, vector }) => ({ ord: row.ord, hash: row.hash, start: row.start, end: row.end, headingPath: row.headingPath, vector }));
  }

  /**
   * Applies changes; resolves once they are persisted (one WAL record). Compaction into the
   * shards runs afterwards in the same queue when the log has grown enough.
   */
  apply(ops: readonly StoreOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error("The index is closed."));
    const done = this.queue.run(async () => {
      await this.mayWrite();
      const dims = checkDims(ops, this.manifest.dims);
      if (dims !== 0 && this.manifest.dims === 0) {
        this.manifest = { ...this.manifest, dims };
        await writeManifest(this.storage, this.dir, this.manifest);
      }
      const { walOps, vectors, effects } = walRecordFor(ops, (path) => this.currentChunks(path));
      if (walOps.length === 0) return;
      const seq = this.nextSeq++;
      const header: WalHeader = { kind: "wal", indexId: this.manifest.indexId, seq, ops: walOps };
      await this.storage.write(this.walPath(seq), encodeContainer(WAL_MAGIC, header, this.manifest.dims, vectors));
      this.walSeqs.push(seq);
      for (const [path, pending] of effects) this.pending.set(path, pending);
    });
    return done.then(() => {
      if (this.needsCompaction()) this.compactInBackground();
    });
  }

  private needsCompaction(): boolean {
    if (this.pending.notes.size === 0) return false;
    const { chunks } = this.stats();
    const threshold = Math.max(this.config.compactAfterChunks ?? DEFAULT_COMPACT_AFTER, Math.floor(chunks / 2));
    return this.pending.chunks >= threshold || this.walSeqs.length >= 512;
  }

  private compactInBackground(): void {
    if (this.compacting || this.resetting) return;
    this.startCompaction().then(
      () => {
        this.backgroundError = null;
      },
      (error: unknown) => {
        this.backgroundError = error;
      },
    );
  }

  /** Starts a compaction of everything pending now, or joins the one running. */
  private startCompaction(): Promise<void> {
    if (this.resetting) return Promise.resolve();
    if (!this.compacting) {
      this.compacting = this.compactNow().finally(() => {
        this.compacting = null;
      });
    }
    return this.compacting;
  }

  private async compactionSettled(): Promise<void> {
    while (this.compacting) await this.compacting.catch(() => undefined);
  }

  /** Writes every change applied so far into its shard, then deletes the WAL records it covered. */
  async compact(): Promise<void> {
    await this.queue.idle();
    // A running compaction may have started before the latest changes: let it end, then run one more.
    await this.compactionSettled();
    await this.startCompaction();
  }

  /**
   * Compacts the changes pending when it starts. It runs beside the write queue: WAL appends go
   * on meanwhile (the embedder never waits for a shard rewrite), and a change made during the
   * compaction stays in the overlay with its WAL record. Only the records it covered are deleted,
   * after every shard is saved; replaying records is idempotent, so a crash at any point is safe.
   */
  private async compactNow(): Promise<void> {
    if (this.pending.notes.size === 0 && this.walSeqs.length === 0) return;
    await this.mayWrite();
    const covered = new Map(this.pending.notes);
    const seqs = this.walSeqs.slice();
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
      this.pending.recount();
    }
    // Drop what the shards now hold, unless it changed again meanwhile (a newer record keeps it).
    for (const [path, pending] of covered) this.pending.settle(path, pending);
    this.pending.recount();
    const done = new Set(seqs);
    this.walSeqs = this.walSeqs.filter((seq) => !done.has(seq));
    for (const seq of seqs) await this.storage.remove(this.walPath(seq));
  }

  private walPath(seq: number): string {
    return joinPath(this.dir, walFileName(seq));
  }

  /** Resolves when every queued write has finished. */
  async flush(): Promise<void> {
    await this.queue.idle();
    await this.compactionSettled();
  }

  /**
   * Starts a new, empty index for `model` (a rebuild): the new manifest is written first, so
   * files of the old generation left by a crash are recognised as stale and removed at load.
   */
  reset(model: string, chunker: string): Promise<void> {
    return this.queue.run(async () => {
      this.resetting = true;
      try {
        await this.compactionSettled();
        await this.resetNow(model, chunker);
      } finally {
        this.resetting = false;
      }
    });
  }

  private async resetNow(model: string, chunker: string): Promise<void> {
    await this.mayWrite();
    this.manifest = { ...freshManifest({ ...this.config, model, chunker }), shards: this.shards.length };
    await writeManifest(this.storage, this.dir, this.manifest);
    for (const name of await this.storage.list(this.dir)) {
      if (SHARD_FILE.test(name) || WAL_FILE.test(name)) await this.storage.remove(joinPath(this.dir, name));
    }
    for (const shard of this.shards) shard.clear(this.identity);
    this.pending.clear();
    this.walSeqs = [];
  }

  /** Compacts and stops accepting writes. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      // A read-only store has nothing of its own to compact; the writer owns the files.
      if (!this.busy) await this.compact();
    } finally {
      this.closed = true;
      await this.lock?.release();
      this.lock = null;
    }
  }
}

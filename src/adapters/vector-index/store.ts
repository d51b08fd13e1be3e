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
 * Every change is first written as one WAL record (small, atomic): that is the moment it is
 * persisted. The records are compacted into the shards they touch when they add up to enough
 * chunks, when indexing finishes, and on close; WAL files are deleted only after every shard is
 * saved, and replaying a record is idempotent, so a crash at any point loads a consistent index.
 */
import { IndexBusyError } from "../../core/index/index-errors";
import type { IndexHit, IndexStoreOp } from "../../core/index/index-ports";
import type { IndexedNote, IndexSnapshot } from "../../core/index/sync-plan";
import { DEFAULT_COMPACT_AFTER, SHARD_FILE, WAL_FILE, freshManifest, writeManifest, type Manifest, type OpenReport, type StoreConfig } from "./manifest";
import { queryExact, type Pending } from "./scoring";
import { joinPath, type IndexStorage } from "./storage";
import { openIndex, type ShardSet } from "./store-open";
import type { WriteAheadLog } from "./wal";
import { WriteQueue } from "./write-queue";
import type { WriterLock } from "./writer-lock";
import type { ChunkMeta, NoteMeta, Shard, ShardIdentity } from "./vectra-shard";

export { DEFAULT_COMPACT_AFTER, DEFAULT_SHARDS, MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_KIND, WAL_EXTENSION, WAL_MAGIC } from "./manifest";
export type { DamageReport, OpenReport, StoreConfig } from "./manifest";

/** One change: put (replace a note's chunks; `replaces` goes in the same step), meta (stat only), remove. */
export type StoreOp = IndexStoreOp;

/** A search hit: which chunk of which note, and its cosine score. */
export type SearchHit = IndexHit;

export class VectorStore {
  private readonly shards: Shard[];
  private backgroundError: unknown = null;
  private closed = false;
  /** The compaction running now, if any (at most one; WAL appends do not wait for it). */
  private compacting: Promise<void> | null = null;
  /** Set while a reset runs: no compaction may start with the old generation's changes. */
  private resetting = false;

  private constructor(
    private readonly storage: IndexStorage,
    readonly dir: string,
    private manifest: Manifest,
    private readonly config: StoreConfig,
    private readonly queue: WriteQueue,
    private readonly shardSet: ShardSet,
    private readonly wal: WriteAheadLog,
    /** This store's writer lock (null when the storage can't lock or the store only reads). */
    private lock: WriterLock | null,
    /** Set when another process writes the index (or the folder refuses writes): this store only reads, and says why on a write. */
    private busy: Error | null,
  ) {
    this.shards = shardSet.list;
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
      const o = await openIndex(storage, dir, config);
      return { store: new VectorStore(storage, dir, o.manifest, config, queue, o.shards, o.wal, o.lock, o.busy), report: o.report };
    });
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
    return this.shardSet.shardOf(path);
  }

  private get overlay(): Map<string, Pending | null> {
    return this.wal.overlay;
  }

  private committedIndexed(shard: Shard, meta: NoteMeta): IndexedNote {
    return { path: meta.path, mtime: meta.mtime, size: meta.size, contentHash: meta.contentHash, tags: meta.tags, chunkHashes: shard.chunkHashes(meta.path) };
  }

  /** What the index knows about a note (pending changes included). */
  getNote(path: string): IndexedNote | undefined {
    if (this.overlay.has(path)) {
      const pending = this.overlay.get(path);
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
    for (const shard of this.shards) for (const meta of shard.notes.values()) if (!this.overlay.has(meta.path)) notes.set(meta.path, this.committedIndexed(shard, meta));
    for (const path of this.overlay.keys()) {
      const note = this.getNote(path);
      if (note) notes.set(path, note);
    }
    return { model: this.model, dims: this.dims, chunker: this.chunker, notes };
  }

  /** The stored vectors of a note with their chunk hashes, for reuse when it changes or moves. */
  vectorsOf(path: string): { hash: string; vector: Float32Array }[] {
    if (this.overlay.has(path)) return (this.overlay.get(path)?.chunks ?? []).map((c) => ({ hash: c.hash, vector: c.vector }));
    return this.shardOf(path).vectorsOf(path);
  }

  /** The stored chunk facts of a note (no vectors). */
  chunksOf(path: string): ChunkMeta[] {
    if (this.overlay.has(path)) return (this.overlay.get(path)?.chunks ?? []).map(({ ord, hash, start, end, headingPath }) => ({ ord, hash, start, end, headingPath }));
    const shard = this.shardOf(path);
    return (shard.rowsByPath.get(path) ?? [])
      .map((i) => shard.rows[i])
      .sort((a, b) => a.ord - b.ord)
      .map(({ ord, hash, start, end, headingPath }) => ({ ord, hash, start, end, headingPath }));
  }

  stats(): { notes: number; chunks: number; pendingChunks: number; walRecords: number } {
    // Called on every progress tick: sums per shard plus the overlay's running difference.
    let notes = this.wal.delta.notes;
    let chunks = this.wal.delta.chunks;
    for (const shard of this.shards) {
      notes += shard.notes.size;
      chunks += shard.chunkCount;
    }
    return { notes, chunks, pendingChunks: this.wal.pendingChunks, walRecords: this.wal.seqs.length };
  }

  /** The `k` chunks most similar to `vector` (cosine), over every shard and pending change. */
  query(vector: Float32Array, k: number): SearchHit[] {
    return queryExact({ shards: this.shards, overlay: this.overlay, shardOf: (p) => this.shardOf(p), dims: this.dims }, vector, k);
  }

  // ---------------------------------------------------------------- writing

  /**
   * Applies changes; resolves once they are persisted (one WAL record). Compaction into the
   * shards runs afterwards in the same queue when the log has grown enough.
   */
  apply(ops: readonly StoreOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error("The index is closed."));
    const done = this.queue.run(async () => {
      await this.mayWrite();
      const dims = this.checkDims(ops);
      if (dims !== 0 && this.manifest.dims === 0) {
        this.manifest = { ...this.manifest, dims };
        await writeManifest(this.storage, this.dir, this.manifest);
      }
      await this.wal.append(this.manifest.indexId, this.manifest.dims, ops);
    });
    return done.then(() => {
      if (this.needsCompaction()) this.compactInBackground();
    });
  }

  private checkDims(ops: readonly StoreOp[]): number {
    let dims = this.manifest.dims;
    for (const op of ops) {
      if (op.kind !== "put") continue;
      for (const c of op.chunks) {
        if (dims === 0) dims = c.vector.length;
        if (c.vector.length !== dims) throw new Error(`A ${c.vector.length}-dimensional vector cannot go into a ${dims}-dimensional index.`);
      }
    }
    return dims;
  }

  private needsCompaction(): boolean {
    if (this.overlay.size === 0) return false;
    const { chunks } = this.stats();
    const threshold = Math.max(this.config.compactAfterChunks ?? DEFAULT_COMPACT_AFTER, Math.floor(chunks / 2));
    return this.wal.pendingChunks >= threshold || this.wal.seqs.length >= 512;
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
    if (this.overlay.size === 0 && this.wal.seqs.length === 0) return;
    await this.mayWrite();
    await this.wal.compactInto();
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
    this.wal.clear();
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

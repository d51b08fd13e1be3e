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
import { knownFsProblem } from "../../core/shared/fs-errors";
import { fnv1a64 } from "../../core/shared/hash";
import { IndexBusyError } from "../../core/index/index-errors";
import type { IndexHit, IndexStoreOp } from "../../core/index/index-ports";
import type { IndexedNote, IndexSnapshot } from "../../core/index/sync-plan";
import { decodeContainer, DamagedFileError, encodeContainer } from "./container";
import { joinPath, TEMP_SUFFIX, type IndexStorage } from "./storage";
import { WriteQueue } from "./write-queue";
import { LOCK_FILE, WriterLock } from "./writer-lock";
import { Shard, SHARD_MAGIC, StaleShardError, VectraStorage, type ChunkMeta, type ChunkWithVector, type NoteMeta, type ShardChange, type ShardIdentity } from "./vectra-shard";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_KIND = "ai-stack-planner-index";
export const MANIFEST_FORMAT = 1;
export const WAL_MAGIC = "ASPW";
export const WAL_EXTENSION = ".aspwal";
export const DEFAULT_SHARDS = 32;
/** Compact once the log holds this many chunks, or half the index if that is more. */
export const DEFAULT_COMPACT_AFTER = 2048;

export interface StoreConfig {
  model: string;
  chunker: string;
  shards?: number;
  compactAfterChunks?: number;
  /** Clock for damage folder names. */
  now?: () => Date;
}

interface Manifest {
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

/** One change: put (replace a note's chunks; `replaces` goes in the same step), meta (stat only), remove. */
export type StoreOp = IndexStoreOp;

/** A search hit: which chunk of which note, and its cosine score. */
export type SearchHit = IndexHit;

interface Pending {
  note: NoteMeta;
  chunks: ChunkWithVector[];
}

type WalOp = { o: "put"; n: [string, number, number, string, string, number]; c: [number, string, number, number, string][] } | { o: "meta"; n: [string, number, number, string, string, number]; h?: string[] } | { o: "del"; p: string };

interface WalHeader {
  kind: "wal";
  indexId: string;
  seq: number;
  ops: WalOp[];
}

const SHARD_FILE = /^shard-(\d+)\.aspshard$/;
const WAL_FILE = /^wal-(\d+)\.aspwal$/;

/** Names the index writes (and their temporary files): anything else there is not a file is damage. */
function isIndexEntry(name: string): boolean {
  const base = name.endsWith(TEMP_SUFFIX) ? name.slice(0, -TEMP_SUFFIX.length) : name;
  return base === MANIFEST_FILE || base === LOCK_FILE || SHARD_FILE.test(base) || WAL_FILE.test(base);
}

const NOT_A_FILE = "not a file (a folder or link is where the index keeps a file)";

function newIndexId(): string {
  return crypto.randomUUID();
}

function noteTuple(n: NoteMeta): [string, number, number, string, string, number] {
  return [n.path, n.mtime, n.size, n.contentHash, n.tags.join(" "), n.chunkCount];
}

function noteFromTuple([path, mtime, size, contentHash, tags, chunkCount]: [string, number, number, string, string, number]): NoteMeta {
  return { path, mtime, size, contentHash, tags: tags === "" ? [] : tags.split(" "), chunkCount };
}

function norm(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

function parseManifest(bytes: Uint8Array): Manifest {
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

/** Heap-free top-K: a small array kept sorted by ascending score. */
class TopK<T> {
  readonly scores: number[] = [];
  readonly items: T[] = [];
  constructor(private readonly k: number) {}

  get threshold(): number {
    return this.scores.length < this.k ? -Infinity : this.scores[0];
  }

  push(score: number, item: T): void {
    if (this.k <= 0 || (this.scores.length >= this.k && score <= this.scores[0])) return;
    if (this.scores.length >= this.k) {
      this.scores.shift();
      this.items.shift();
    }
    let i = this.scores.length;
    while (i > 0 && this.scores[i - 1] > score) i--;
    this.scores.splice(i, 0, score);
    this.items.splice(i, 0, item);
  }
}

/** Dot product of `q` with row `row` of `m` (4-way unrolled). */
function dotRow(m: Float32Array, offset: number, q: Float32Array, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dims; j += 4) {
    s0 += m[offset + j] * q[j];
    s1 += m[offset + j + 1] * q[j + 1];
    s2 += m[offset + j + 2] * q[j + 2];
    s3 += m[offset + j + 3] * q[j + 3];
  }
  for (; j < dims; j++) s0 += m[offset + j] * q[j];
  return s0 + s1 + s2 + s3;
}

/**
 * `out[i]` = dot(row i, q) × inverseNorms[i] for the first `count` rows of a shard's matrix: the
 * hot loop of a query, kept small and monomorphic (one contiguous Float32Array, four accumulators).
 */
function scoreRows(matrix: Float32Array, inverseNorms: Float32Array, count: number, dims: number, q: Float32Array, out: Float64Array): void {
  const tail = dims - (dims % 4);
  for (let i = 0, o = 0; i < count; i++, o += dims) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < tail; j += 4) {
      s0 += matrix[o + j] * q[j];
      s1 += matrix[o + j + 1] * q[j + 1];
      s2 += matrix[o + j + 2] * q[j + 2];
      s3 += matrix[o + j + 3] * q[j + 3];
    }
    for (let j = tail; j < dims; j++) s0 += matrix[o + j] * q[j];
    out[i] = (s0 + s1 + s2 + s3) * inverseNorms[i];
  }
}

/** A problem with the index folder itself, said as one line the user can act on (no errno codes). */
function indexFolderError(dir: string, error: unknown): unknown {
  const why = knownFsProblem(error, "write");
  return why ? new Error(`The index folder "${dir}" can't be used: ${why}. Fix that, or choose another index folder in the settings.`) : error;
}

export class VectorStore {
  private readonly queue: WriteQueue;
  private readonly shards: Shard[];
  private manifest: Manifest;
  /** Changes persisted in the WAL but not yet in the shards; null marks a removal. */
  private readonly overlay = new Map<string, Pending | null>();
  private overlayChunks = 0;
  /** What the overlay adds to the shards' note and chunk counts (kept current for `stats`). */
  private overlayDelta = { notes: 0, chunks: 0 };
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
      if (inTheWay.includes(LOCK_FILE)) lockDamage = await VectorStore.moveAside(storage, dir, [{ file: LOCK_FILE, reason: NOT_A_FILE }], false, config);
      const locked = await WriterLock.acquire(storage, dir, config.now);
      if ("busy" in locked) return VectorStore.openReadOnly(storage, dir, config, queue, locked.busy, new Set(inTheWay));
      try {
        const opened = await VectorStore.openLocked(storage, dir, config, queue, inTheWay.filter((n) => n !== LOCK_FILE));
        opened.store.lock = locked.lock;
        if (lockDamage) opened.report.damage = VectorStore.mergeDamage(lockDamage, opened.report.damage);
        return opened;
      } catch (error) {
        await locked.lock?.release();
        throw error;
      }
    });
  }

  private static mergeDamage(first: DamageReport, second: DamageReport | null): DamageReport {
    if (!second) return first;
    return { files: [...first.files, ...second.files], reasons: [...first.reasons, ...second.reasons], movedTo: second.movedTo, wholeIndex: second.wholeIndex };
  }

  /** The open of the lock holder: repairs what an interrupted or damaged run left, then loads. */
  private static async openLocked(storage: IndexStorage, dir: string, config: StoreConfig, queue: WriteQueue, inTheWay: string[]): Promise<{ store: VectorStore; report: OpenReport }> {
    const report: OpenReport = { created: false, damage: null, staleRemoved: 0, walReplayed: 0, tempRecovered: 0 };
    const damaged: { file: string; reason: string }[] = [];
    const manifestInTheWay = inTheWay.includes(MANIFEST_FILE);
    const partDamage = inTheWay.filter((n) => n !== MANIFEST_FILE).map((file) => ({ file, reason: NOT_A_FILE }));
    let names = await storage.list(dir);

    // Leftovers of interrupted atomic writes: promote a complete one whose target is missing.
    for (const name of names.filter((n) => n.endsWith(TEMP_SUFFIX))) {
      const target = name.slice(0, -TEMP_SUFFIX.length);
      const path = joinPath(dir, name);
      if (!names.includes(target) && (await VectorStore.isComplete(storage, path, target))) {
        await storage.rename(path, joinPath(dir, target));
        report.tempRecovered++;
      } else await storage.remove(path);
    }
    names = await storage.list(dir);
    const indexFiles = names.filter((n) => SHARD_FILE.test(n) || WAL_FILE.test(n));

    let manifest: Manifest | null = null;
    const manifestBytes = manifestInTheWay ? null : await storage.read(joinPath(dir, MANIFEST_FILE));
    if (manifestInTheWay) {
      damaged.push({ file: MANIFEST_FILE, reason: NOT_A_FILE });
      for (const file of indexFiles) damaged.push({ file, reason: "the manifest is damaged" });
    } else if (manifestBytes === null) {
      if (indexFiles.length > 0) for (const file of indexFiles) damaged.push({ file, reason: "the manifest is missing" });
    } else {
      try {
        manifest = parseManifest(manifestBytes);
      } catch (error) {
        damaged.push({ file: MANIFEST_FILE, reason: error instanceof Error ? error.message : String(error) });
        for (const file of indexFiles) damaged.push({ file, reason: "the manifest is damaged" });
      }
    }
    // The whole index starts over: whatever else is in the way goes aside with it.
    if (damaged.length > 0) damaged.push(...partDamage);
    const wholeIndex = damaged.length > 0;
    if (wholeIndex) report.damage = await VectorStore.moveAside(storage, dir, damaged, true, config);
    if (!manifest) {
      manifest = VectorStore.freshManifest(config);
      await VectorStore.writeManifest(storage, dir, manifest);
      report.created = true;
    }

    const store = new VectorStore(storage, dir, manifest, config, queue);
    if (!wholeIndex) await store.loadFiles(names, report, partDamage);
    return { store, report };
  }

  /**
   * The open while another process writes (or the folder refuses the lock file): loads what
   * verifies and changes nothing on disk (no repair, no move, no manifest); writes fail with
   * `busy`. Enough for status and search.
   */
  private static async openReadOnly(
    storage: IndexStorage,
    dir: string,
    config: StoreConfig,
    queue: WriteQueue,
    busy: Error,
    inTheWay: Set<string>,
  ): Promise<{ store: VectorStore; report: OpenReport }> {
    const report: OpenReport = { created: false, damage: null, staleRemoved: 0, walReplayed: 0, tempRecovered: 0 };
    let manifest: Manifest | null = null;
    if (!inTheWay.has(MANIFEST_FILE)) {
      try {
        const bytes = await storage.read(joinPath(dir, MANIFEST_FILE));
        if (bytes) manifest = parseManifest(bytes);
      } catch {
        // Being replaced or damaged: the writer deals with it; this reader sees an empty index.
      }
    }
    const store = new VectorStore(storage, dir, manifest ?? VectorStore.freshManifest(config), config, queue);
    store.busy = busy;
    if (manifest) await store.loadFiles((await storage.list(dir)).filter((n) => !inTheWay.has(n)), report);
    return { store, report };
  }

  private static freshManifest(config: StoreConfig): Manifest {
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

  private static async writeManifest(storage: IndexStorage, dir: string, manifest: Manifest): Promise<void> {
    await storage.write(joinPath(dir, MANIFEST_FILE), new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  }

  /** True when a temporary file holds a complete, verifiable copy of `target`. */
  private static async isComplete(storage: IndexStorage, path: string, target: string): Promise<boolean> {
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

  private static async moveAside(storage: IndexStorage, dir: string, damaged: { file: string; reason: string }[], wholeIndex: boolean, config: StoreConfig): Promise<DamageReport> {
    const stamp = (config.now?.() ?? new Date()).toISOString().replace(/[:.]/g, "-");
    // A second damage event in the same millisecond (or with a frozen clock) gets its own folder.
    let name = `damaged-${stamp}`;
    for (let i = 2; (await storage.list(joinPath(dir, name))).length > 0; i++) name = `damaged-${stamp}-${i}`;
    const target = joinPath(dir, name);
    await storage.mkdir(target);
    for (const { file } of damaged) await storage.rename(joinPath(dir, file), joinPath(target, file));
    return { files: damaged.map((d) => d.file), reasons: damaged.map((d) => `${d.file}: ${d.reason}`), movedTo: target, wholeIndex };
  }

  /** Loads shards and replays the WAL; damaged files are moved aside, stale ones removed. */
  private async loadFiles(names: string[], report: OpenReport, inTheWay: { file: string; reason: string }[] = []): Promise<void> {
    const damaged = [...inTheWay];
    // A read-only store (another process writes) leaves stale and damaged files to the writer.
    const repair = this.busy === null;
    for (const name of names) {
      const m = SHARD_FILE.exec(name);
      if (repair && m && (Number(m[1]) >= this.shards.length || name !== this.shards[Number(m[1])].file)) {
        await this.storage.remove(joinPath(this.dir, name));
        report.staleRemoved++;
      }
    }
    for (const shard of this.shards) {
      const present = names.includes(shard.file);
      try {
        await shard.load(present);
        if (shard.dims > 0 && this.manifest.dims === 0) this.manifest.dims = shard.dims;
        if (shard.chunkCount > 0 && shard.dims !== this.manifest.dims) throw new DamagedFileError(`holds ${shard.dims}-dimensional vectors, the index ${this.manifest.dims}`);
      } catch (error) {
        shard.clear();
        if (!repair) continue;
        if (error instanceof StaleShardError) {
          await this.storage.remove(shard.path);
          report.staleRemoved++;
        } else damaged.push({ file: shard.file, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    const wals = names
      .map((n) => ({ name: n, m: WAL_FILE.exec(n) }))
      .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
      .map((x) => ({ name: x.name, seq: Number(x.m[1]) }))
      .sort((a, b) => a.seq - b.seq);
    for (const { name, seq } of wals) {
      this.nextSeq = Math.max(this.nextSeq, seq + 1);
      const bytes = await this.storage.read(joinPath(this.dir, name));
      try {
        if (!bytes) throw new DamagedFileError("unreadable");
        const record = decodeContainer<WalHeader>(bytes, WAL_MAGIC);
        if (record.header.kind !== "wal" || !Array.isArray(record.header.ops)) throw new DamagedFileError("log record header is inconsistent");
        if (record.header.indexId !== this.manifest.indexId) {
          if (!repair) continue;
          await this.storage.remove(joinPath(this.dir, name));
          report.staleRemoved++;
          continue;
        }
        if (record.count > 0 && this.manifest.dims !== 0 && record.dims !== this.manifest.dims) throw new DamagedFileError(`holds ${record.dims}-dimensional vectors, the index ${this.manifest.dims}`);
        if (record.count > 0 && this.manifest.dims === 0) this.manifest.dims = record.dims;
        this.replay(record.header.ops, record.vectors, record.dims);
        this.walSeqs.push(seq);
        report.walReplayed++;
      } catch (error) {
        damaged.push({ file: name, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    if (damaged.length > 0 && repair) report.damage = await VectorStore.moveAside(this.storage, this.dir, damaged, false, this.config);
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
    let notes = this.overlayDelta.notes;
    let chunks = this.overlayDelta.chunks;
    for (const shard of this.shards) {
      notes += shard.notes.size;
      chunks += shard.chunkCount;
    }
    return { notes, chunks, pendingChunks: this.overlayChunks, walRecords: this.walSeqs.length };
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
  private recountOverlay(): void {
    this.overlayDelta = { notes: 0, chunks: 0 };
    for (const [path, pending] of this.overlay) {
      const c = this.contribution(path, pending);
      this.overlayDelta.notes += c.notes;
      this.overlayDelta.chunks += c.chunks;
    }
  }


  /** The `k` chunks most similar to `vector` (cosine), over every shard and pending change. */
  query(vector: Float32Array, k: number): SearchHit[] {
    const qn = norm(vector);
    const dims = vector.length;
    if (qn === 0 || k <= 0 || (this.dims !== 0 && dims !== this.dims)) return [];
    const q = vector;
    const top = new TopK<{ shard: Shard | null; row: number; pending?: { path: string; chunk: ChunkWithVector } }>(k);
    // Rows of notes with a pending change are hidden; only shards the overlay touches need the check.
    const maskedShards = new Set<Shard>();
    for (const path of this.overlay.keys()) maskedShards.add(this.shardOf(path));
    let threshold = top.threshold;
    let scores = new Float64Array(0);
    for (const shard of this.shards) {
      const { rows, matrix, inverseNorms } = shard;
      const count = rows.length;
      if (count === 0 || shard.dims !== dims) continue;
      const masked = maskedShards.has(shard) ? this.overlay : null;
      if (scores.length < count) scores = new Float64Array(count);
      scoreRows(matrix, inverseNorms, count, dims, q, scores);
      for (let i = 0; i < count; i++) {
        const score = scores[i] / qn;
        if (score <= threshold || inverseNorms[i] === 0) continue;
        if (masked && masked.has(rows[i].path)) continue;
        top.push(score, { shard, row: i });
        threshold = top.threshold;
      }
    }
    for (const [path, pending] of this.overlay) {
      if (!pending) continue;
      for (const chunk of pending.chunks) {
        const n = norm(chunk.vector);
        if (n === 0 || chunk.vector.length !== dims) continue;
        const score = dotRow(chunk.vector, 0, vector, dims) / (qn * n);
        if (score > top.threshold) top.push(score, { shard: null, row: -1, pending: { path, chunk } });
      }
    }
    const hits: SearchHit[] = [];
    for (let i = top.items.length - 1; i >= 0; i--) {
      const item = top.items[i];
      const score = top.scores[i];
      if (item.pending) {
        const c = item.pending.chunk;
        hits.push({ path: item.pending.path, ord: c.ord, hash: c.hash, headingPath: c.headingPath, startLine: c.start, endLine: c.end, score });
      } else if (item.shard) {
        const r = item.shard.rows[item.row];
        hits.push({ path: r.path, ord: r.ord, hash: r.hash, headingPath: r.headingPath, startLine: r.start, endLine: r.end, score });
      }
    }
    return hits;
  }

  // ---------------------------------------------------------------- writing

  private replay(ops: readonly WalOp[], vectors: Float32Array, dims: number): void {
    let at = 0;
    for (const op of ops) {
      if (op.o === "del") this.setOverlay(op.p, null);
      else if (op.o === "meta") {
        const note = noteFromTuple(op.n);
        const chunks = this.currentChunks(note.path);
        // The chunks the stat update was made for are gone (an earlier record was damaged):
        // drop the note so the next sync re-embeds it instead of trusting the new hash.
        if (chunks && op.h && chunks.map((c) => c.hash).join("\n") !== op.h.join("\n")) this.setOverlay(note.path, null);
        else if (chunks) this.setOverlay(note.path, { note, chunks });
      } else {
        const note = noteFromTuple(op.n);
        const chunks = op.c.map(([ord, hash, start, end, heading]): ChunkWithVector => {
          const vector = vectors.subarray(at * dims, (at + 1) * dims);
          at++;
          return { ord, hash, start, end, headingPath: heading === "" ? [] : heading.split("\u001f"), vector };
        });
        this.setOverlay(note.path, { note, chunks });
      }
    }
  }

  /** The chunks (with vectors) a note has right now, or null when it is not indexed. */
  private currentChunks(path: string): ChunkWithVector[] | null {
    if (this.overlay.has(path)) return this.overlay.get(path)?.chunks ?? null;
    const shard = this.shardOf(path);
    if (!shard.notes.has(path)) return null;
    return (shard.rowsByPath.get(path) ?? [])
      .map((i) => ({ row: shard.rows[i], vector: shard.matrix.subarray(i * shard.dims, (i + 1) * shard.dims) }))
      .sort((a, b) => a.row.ord - b.row.ord)
      .map(({ row, vector }) => ({ ord: row.ord, hash: row.hash, start: row.start, end: row.end, headingPath: row.headingPath, vector }));
  }

  private setOverlay(path: string, pending: Pending | null): void {
    if (this.overlay.has(path)) {
      const before = this.overlay.get(path) ?? null;
      if (before) this.overlayChunks -= before.chunks.length;
      const c = this.contribution(path, before);
      this.overlayDelta.notes -= c.notes;
      this.overlayDelta.chunks -= c.chunks;
    }
    this.overlay.set(path, pending);
    if (pending) this.overlayChunks += pending.chunks.length;
    const c = this.contribution(path, pending);
    this.overlayDelta.notes += c.notes;
    this.overlayDelta.chunks += c.chunks;
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
      const dims = this.checkDims(ops);
      if (dims !== 0 && this.manifest.dims === 0) {
        this.manifest = { ...this.manifest, dims };
        await VectorStore.writeManifest(this.storage, this.dir, this.manifest);
      }
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
          walOps.push({ o: "put", n: noteTuple(note), c: op.chunks.map((c) => [c.ord, c.hash, c.start, c.end, c.headingPath.join("\u001f")]) });
          for (const c of op.chunks) vectors.push(c.vector);
          effects.push([note.path, { note, chunks: op.chunks }]);
        }
      }
      if (walOps.length === 0) return;
      const seq = this.nextSeq++;
      const header: WalHeader = { kind: "wal", indexId: this.manifest.indexId, seq, ops: walOps };
      await this.storage.write(this.walPath(seq), encodeContainer(WAL_MAGIC, header, this.manifest.dims, vectors));
      this.walSeqs.push(seq);
      for (const [path, pending] of effects) this.setOverlay(path, pending);
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
    return this.overlayChunks >= threshold || this.walSeqs.length >= 512;
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
    if (this.overlay.size === 0 && this.walSeqs.length === 0) return;
    await this.mayWrite();
    const covered = new Map(this.overlay);
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
      this.recountOverlay();
    }
    // Drop what the shards now hold, unless it changed again meanwhile (a newer record keeps it).
    for (const [path, pending] of covered) {
      if (this.overlay.has(path) && this.overlay.get(path) === pending) {
        this.overlay.delete(path);
        if (pending) this.overlayChunks -= pending.chunks.length;
      }
    }
    this.recountOverlay();
    const done = new Set(seqs);
    this.walSeqs = this.walSeqs.filter((seq) => !done.has(seq));
    for (const seq of seqs) await this.storage.remove(this.walPath(seq));
  }

  private walPath(seq: number): string {
    return joinPath(this.dir, `wal-${String(seq).padStart(10, "0")}${WAL_EXTENSION}`);
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
    this.manifest = { ...VectorStore.freshManifest({ ...this.config, model, chunker }), shards: this.shards.length };
    await VectorStore.writeManifest(this.storage, this.dir, this.manifest);
    for (const name of await this.storage.list(this.dir)) {
      if (SHARD_FILE.test(name) || WAL_FILE.test(name)) await this.storage.remove(joinPath(this.dir, name));
    }
    for (const shard of this.shards) shard.clear(this.identity);
    this.overlay.clear();
    this.overlayChunks = 0;
    this.overlayDelta = { notes: 0, chunks: 0 };
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

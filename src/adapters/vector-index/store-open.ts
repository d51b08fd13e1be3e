/**
 * Opening the index: take the writer lock (or open read-only when another process writes),
 * promote or delete temporary files left by a crash, check the manifest, load every shard and
 * replay the WAL. Nothing in the files' content makes it throw: damaged files are moved aside and
 * reported, files of another generation removed.
 */
import { fnv1a64 } from "../../core/shared/hash";
import { decodeContainer, DamagedFileError } from "./container";
import { freshManifest, isComplete, isIndexEntry, MANIFEST_FILE, mergeDamage, moveAside, NOT_A_FILE, parseManifest, SHARD_FILE, WAL_FILE, WAL_MAGIC, writeManifest, indexFolderError, type DamagedEntry, type DamageReport, type Manifest, type OpenReport, type StoreConfig } from "./manifest";
import { joinPath, TEMP_SUFFIX, type IndexStorage } from "./storage";
import { Shard, StaleShardError, VectraStorage, type ShardIdentity } from "./vectra-shard";
import { WriteAheadLog, type WalHeader } from "./wal";
import { LOCK_FILE, WriterLock } from "./writer-lock";

/** The shards of an index and which one holds a path. */
export class ShardSet {
  readonly list: Shard[];
  /** Shard of each path seen (hashing a path on every lookup showed up in profiles). */
  private readonly byPath = new Map<string, Shard>();

  constructor(count: number, dir: string, storage: IndexStorage, identity: ShardIdentity) {
    const vectraStorage = new VectraStorage(storage);
    this.list = Array.from({ length: count }, (_, i) => new Shard(i, dir, vectraStorage, identity));
  }

  /** The shard a note's path hashes to. */
  shardOf(path: string): Shard {
    let shard = this.byPath.get(path);
    if (!shard) {
      const h = fnv1a64(path);
      shard = this.list[parseInt(h.slice(8), 16) % this.list.length];
      if (this.byPath.size >= 1_000_000) this.byPath.clear();
      this.byPath.set(path, shard);
    }
    return shard;
  }
}

/** Everything an opened index holds in memory. */
export interface OpenedIndex {
  manifest: Manifest;
  shards: ShardSet;
  wal: WriteAheadLog;
  lock: WriterLock | null;
  /** Why this process may not write (another one does), or null. */
  busy: Error | null;
  report: OpenReport;
}

function identityOf(manifest: Manifest): ShardIdentity {
  return { indexId: manifest.indexId, model: manifest.model, chunker: manifest.chunker };
}

function emptyIndex(storage: IndexStorage, dir: string, manifest: Manifest, busy: Error | null, report: OpenReport): OpenedIndex {
  const shards = new ShardSet(manifest.shards, dir, storage, identityOf(manifest));
  return { manifest, shards, wal: new WriteAheadLog(storage, dir, (path) => shards.shardOf(path)), lock: null, busy, report };
}

function newReport(): OpenReport {
  return { created: false, damage: null, staleRemoved: 0, walReplayed: 0, tempRecovered: 0 };
}

/** Opens (or creates) the index in `dir`; call inside the store's write queue. */
export async function openIndex(storage: IndexStorage, dir: string, config: StoreConfig): Promise<OpenedIndex> {
  await storage.mkdir(dir).catch((error: unknown) => {
    throw indexFolderError(dir, error);
  });
  // Not files where index files belong: moved aside like damaged files (a folder named
  // manifest.json would fail every read; one named like a shard would block its save).
  const inTheWay = ((await storage.listNonFiles?.(dir)) ?? []).filter(isIndexEntry);
  let lockDamage: DamageReport | null = null;
  if (inTheWay.includes(LOCK_FILE)) lockDamage = await moveAside(storage, dir, [{ file: LOCK_FILE, reason: NOT_A_FILE }], false, config);
  const locked = await WriterLock.acquire(storage, dir, config.now);
  if ("busy" in locked) return openReadOnly(storage, dir, config, locked.busy, new Set(inTheWay));
  try {
    const opened = await openLocked(storage, dir, config, inTheWay.filter((n) => n !== LOCK_FILE));
    opened.lock = locked.lock;
    if (lockDamage) opened.report.damage = mergeDamage(lockDamage, opened.report.damage);
    return opened;
  } catch (error) {
    await locked.lock?.release();
    throw error;
  }
}

/** The open of the lock holder: repairs what an interrupted or damaged run left, then loads. */
async function openLocked(storage: IndexStorage, dir: string, config: StoreConfig, inTheWay: string[]): Promise<OpenedIndex> {
  const report = newReport();
  const damaged: DamagedEntry[] = [];
  const manifestInTheWay = inTheWay.includes(MANIFEST_FILE);
  const partDamage = inTheWay.filter((n) => n !== MANIFEST_FILE).map((file) => ({ file, reason: NOT_A_FILE }));
  let names = await storage.list(dir);

  // Leftovers of interrupted atomic writes: promote a complete one whose target is missing.
  for (const name of names.filter((n) => n.endsWith(TEMP_SUFFIX))) {
    const target = name.slice(0, -TEMP_SUFFIX.length);
    const path = joinPath(dir, name);
    if (!names.includes(target) && (await isComplete(storage, path, target))) {
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
  if (wholeIndex) report.damage = await moveAside(storage, dir, damaged, true, config);
  if (!manifest) {
    manifest = freshManifest(config);
    await writeManifest(storage, dir, manifest);
    report.created = true;
  }
  const opened = emptyIndex(storage, dir, manifest, null, report);
  if (!wholeIndex) await loadFiles(storage, dir, config, opened, names, partDamage);
  return opened;
}

/**
 * The open while another process writes (or the folder refuses the lock file): loads what
 * verifies and changes nothing on disk (no repair, no move, no manifest); writes fail with
 * `busy`. Enough for status and search.
 */
async function openReadOnly(storage: IndexStorage, dir: string, config: StoreConfig, busy: Error, inTheWay: Set<string>): Promise<OpenedIndex> {
  let manifest: Manifest | null = null;
  if (!inTheWay.has(MANIFEST_FILE)) {
    try {
      const bytes = await storage.read(joinPath(dir, MANIFEST_FILE));
      if (bytes) manifest = parseManifest(bytes);
    } catch {
      // Being replaced or damaged: the writer deals with it; this reader sees an empty index.
    }
  }
  const opened = emptyIndex(storage, dir, manifest ?? freshManifest(config), busy, newReport());
  if (manifest) await loadFiles(storage, dir, config, opened, (await storage.list(dir)).filter((n) => !inTheWay.has(n)));
  return opened;
}

/** Loads shards and replays the WAL; damaged files are moved aside, stale ones removed. */
async function loadFiles(storage: IndexStorage, dir: string, config: StoreConfig, index: OpenedIndex, names: string[], inTheWay: DamagedEntry[] = []): Promise<void> {
  const { manifest, report, wal } = index;
  const shards = index.shards.list;
  const damaged = [...inTheWay];
  // A read-only store (another process writes) leaves stale and damaged files to the writer.
  const repair = index.busy === null;
  for (const name of names) {
    const m = SHARD_FILE.exec(name);
    if (repair && m && (Number(m[1]) >= shards.length || name !== shards[Number(m[1])].file)) {
      await storage.remove(joinPath(dir, name));
      report.staleRemoved++;
    }
  }
  for (const shard of shards) {
    const present = names.includes(shard.file);
    try {
      await shard.load(present);
      if (shard.dims > 0 && manifest.dims === 0) manifest.dims = shard.dims;
      if (shard.chunkCount > 0 && shard.dims !== manifest.dims) throw new DamagedFileError(`holds ${shard.dims}-dimensional vectors, the index ${manifest.dims}`);
    } catch (error) {
      shard.clear();
      if (!repair) continue;
      if (error instanceof StaleShardError) {
        await storage.remove(shard.path);
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
    wal.nextSeq = Math.max(wal.nextSeq, seq + 1);
    const bytes = await storage.read(joinPath(dir, name));
    try {
      if (!bytes) throw new DamagedFileError("unreadable");
      const record = decodeContainer<WalHeader>(bytes, WAL_MAGIC);
      if (record.header.kind !== "wal" || !Array.isArray(record.header.ops)) throw new DamagedFileError("log record header is inconsistent");
      if (record.header.indexId !== manifest.indexId) {
        if (!repair) continue;
        await storage.remove(joinPath(dir, name));
        report.staleRemoved++;
        continue;
      }
      if (record.count > 0 && manifest.dims !== 0 && record.dims !== manifest.dims) throw new DamagedFileError(`holds ${record.dims}-dimensional vectors, the index ${manifest.dims}`);
      if (record.count > 0 && manifest.dims === 0) manifest.dims = record.dims;
      wal.replay(record.header.ops, record.vectors, record.dims);
      wal.seqs.push(seq);
      report.walReplayed++;
    } catch (error) {
      damaged.push({ file: name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  if (damaged.length > 0 && repair) report.damage = await moveAside(storage, dir, damaged, false, config);
}

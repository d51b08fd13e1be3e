/**
 * Opening the index folder and recovering from whatever a crash or damage left there: temporary
 * files promoted or removed, a bad manifest (the whole index starts over), damaged shards and WAL
 * records moved aside into `damaged-<time>/`, stale files of an older generation removed.
 */
import { knownFsProblem } from "../../core/shared/fs-errors";
import { decodeContainer, DamagedFileError } from "./container";
import { joinPath, TEMP_SUFFIX, type IndexStorage } from "./storage";
import {
  freshManifest,
  MANIFEST_FILE,
  manifestBytes,
  NOT_A_FILE,
  parseManifest,
  SHARD_FILE,
  WAL_FILE,
  WAL_MAGIC,
  type DamageReport,
  type Manifest,
  type OpenReport,
  type StoreConfig,
  type WalHeader,
  type WalOp,
} from "./store-records";
import { SHARD_MAGIC, StaleShardError, type Shard } from "./vectra-shard";

/** A file to move aside and why. */
export interface Damaged {
  file: string;
  reason: string;
}

/** An empty report. */
export function emptyReport(): OpenReport {
  return { created: false, damage: null, staleRemoved: 0, walReplayed: 0, tempRecovered: 0 };
}

/** A problem with the index folder itself, said as one line the user can act on (no errno codes). */
export function indexFolderError(dir: string, error: unknown): unknown {
  const why = knownFsProblem(error, "write");
  return why ? new Error(`The index folder "${dir}" can't be used: ${why}. Fix that, or choose another index folder in the settings.`) : error;
}

/** Writes the manifest (atomically, as every write of the storage). */
export async function writeManifest(storage: IndexStorage, dir: string, manifest: Manifest): Promise<void> {
  await storage.write(joinPath(dir, MANIFEST_FILE), manifestBytes(manifest));
}

/** Both damage reports of one open as one. */
export function mergeDamage(first: DamageReport, second: DamageReport | null): DamageReport {
  if (!second) return first;
  return { files: [...first.files, ...second.files], reasons: [...first.reasons, ...second.reasons], movedTo: second.movedTo, wholeIndex: second.wholeIndex };
}

/** True when a temporary file holds a complete, verifiable copy of `target`. */
async function isComplete(storage: IndexStorage, path: string, target: string): Promise<boolean> {
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

/** Moves the damaged files into a fresh `damaged-<time>` folder and says so. */
export async function moveAside(storage: IndexStorage, dir: string, damaged: Damaged[], wholeIndex: boolean, config: StoreConfig): Promise<DamageReport> {
  const stamp = (config.now?.() ?? new Date()).toISOString().replace(/[:.]/g, "-");
  // A second damage event in the same millisecond (or with a frozen clock) gets its own folder.
  let name = `damaged-${stamp}`;
  for (let i = 2; (await storage.list(joinPath(dir, name))).length > 0; i++) name = `damaged-${stamp}-${i}`;
  const target = joinPath(dir, name);
  await storage.mkdir(target);
  for (const { file } of damaged) await storage.rename(joinPath(dir, file), joinPath(target, file));
  return { files: damaged.map((d) => d.file), reasons: damaged.map((d) => `${d.file}: ${d.reason}`), movedTo: target, wholeIndex };
}

/** What the lock holder found in the folder after repairing it. */
export interface RepairedFolder {
  manifest: Manifest;
  /** The folder's entries after the repair. */
  names: string[];
  report: OpenReport;
  /** True when the index starts over (nothing to load). */
  wholeIndex: boolean;
  /** Entries in the way of index files (not files), to move aside while loading. */
  partDamage: Damaged[];
}

/** The open of the lock holder: repairs what an interrupted or damaged run left, before loading. */
export async function repairFolder(storage: IndexStorage, dir: string, config: StoreConfig, inTheWay: string[]): Promise<RepairedFolder> {
  const report = emptyReport();
  const damaged: Damaged[] = [];
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
  const bytes = manifestInTheWay ? null : await storage.read(joinPath(dir, MANIFEST_FILE));
  if (manifestInTheWay) {
    damaged.push({ file: MANIFEST_FILE, reason: NOT_A_FILE });
    for (const file of indexFiles) damaged.push({ file, reason: "the manifest is damaged" });
  } else if (bytes === null) {
    if (indexFiles.length > 0) for (const file of indexFiles) damaged.push({ file, reason: "the manifest is missing" });
  } else {
    try {
      manifest = parseManifest(bytes);
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
  return { manifest, names, report, wholeIndex, partDamage };
}

/** The manifest as a reader sees it (another process writes): null when absent, being replaced or damaged. */
export async function readManifestQuietly(storage: IndexStorage, dir: string, inTheWay: ReadonlySet<string>): Promise<Manifest | null> {
  if (inTheWay.has(MANIFEST_FILE)) return null;
  try {
    const bytes = await storage.read(joinPath(dir, MANIFEST_FILE));
    return bytes ? parseManifest(bytes) : null;
  } catch {
    // The writer deals with it; this reader sees an empty index.
    return null;
  }
}

/** What loading needs: the folder, its shards, the manifest (its `dims` may be set), and where WAL records go. */
export interface LoadTarget {
  storage: IndexStorage;
  dir: string;
  config: StoreConfig;
  shards: readonly Shard[];
  manifest: Manifest;
  /** False for a reader: stale and damaged files are left to the writer. */
  repair: boolean;
  /** Applies one WAL record's operations (in sequence order). */
  replay(ops: readonly WalOp[], vectors: Float32Array, dims: number): void;
}

/** Loads shards and replays the WAL; damaged files are moved aside, stale ones removed. Returns the WAL records loaded and the next free sequence number. */
export async function loadIndexFiles(target: LoadTarget, names: string[], report: OpenReport, inTheWay: Damaged[] = []): Promise<{ walSeqs: number[]; nextSeq: number }> {
  const { storage, dir, shards, manifest, repair } = target;
  const damaged = [...inTheWay];
  for (const name of names) {
    const m = SHARD_FILE.exec(name);
    if (repair && m && (Number(m[1]) >= shards.length || name !== shards[Number(m[1])].file)) {
      await storage.remove(joinPath(dir, name));
      report.staleRemoved++;
    }
  }
  for (const shard of shards) {
    try {
      await shard.load(names.includes(shard.file));
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
  const loaded: number[] = [];
  for (const { name, seq } of wals) {
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
      target.replay(record.header.ops, record.vectors, record.dims);
      loaded.push(seq);
      report.walReplayed++;
    } catch (error) {
      damaged.push({ file: name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  if (damaged.length > 0 && repair) report.damage = await moveAside(storage, dir, damaged, false, target.config);
  // Every WAL name seen (even a damaged or stale one) is a sequence number not to reuse.
  return { walSeqs: loaded, nextSeq: wals.reduce((next, w) => Math.max(next, w.seq + 1), 1) };
}

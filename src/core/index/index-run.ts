/**
 * Phase 2 of an index run (pure): reads each note the scan named, resolves its operation, embeds
 * what is missing in batches (one request in flight while the next notes are read and chunked)
 * and persists completed notes in groups beside the requests.
 */
import { analyzeNote, type ChunkOptions, type NoteAnalysis, type YamlParse } from "./chunking";
import type { ExclusionRules } from "./exclusions";
import { embedErrors } from "./index-errors";
import type { Embedder, IndexStoreOp, IndexStorePort, NoteSource, StoredChunkWithVector, StoredNote } from "./index-ports";
import type { IndexRunSummary, IndexStatus } from "./indexer-types";
import { termBagOf } from "./lexical";
import { SyncResolver, type IndexSnapshot, type SyncOp, type SyncScan } from "./sync-plan";

/** What a run needs from the indexer. */
export interface ScanHost {
  rules: ExclusionRules;
  /** Texts per `/api/embed` request. */
  batchSize: number;
  source: NoteSource;
  chunkOptions: ChunkOptions;
  /** The injected YAML parser for note properties. */
  parseYaml: YamlParse;
  /** Monotonic milliseconds. */
  now(): number;
  setStatus(patch: Partial<IndexStatus>, force?: boolean): void;
  /** Checks the embedding model once per run; its vector size when the server says. */
  checkModel(embedder: Embedder, signal: AbortSignal): Promise<number | undefined>;
}

/** One scan to run against the store. */
export interface ScanRun {
  store: IndexStorePort;
  embedder: Embedder;
  snapshot: IndexSnapshot;
  scan: SyncScan;
  signal: AbortSignal;
  summary: IndexRunSummary;
  /** The vector size already checked this run, if any. */
  knownDims: number | undefined;
  /** Paths whose properties could not be read: each note read is added or taken out. */
  unreadablePaths: Set<string>;
}

interface PendingNote {
  op: Extract<SyncOp, { kind: "put" }>;
  chunks: (StoredChunkWithVector | null)[];
  missing: number;
}

interface EmbedItem {
  note: PendingNote;
  index: number;
  text: string;
}

/** Thrown inside a run when the model's vector size differs from the index's: the run restarts as a rebuild. */
export class DimensionsChanged extends Error {
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    super(`dimensions changed from ${from} to ${to}`);
  }
}

/** Adds vectors to a pool keyed by chunk hash (a multiset: equal chunks keep one vector each). */
function addVectors(pool: Map<string, Float32Array[]>, vectors: readonly { hash: string; vector: Float32Array }[]): void {
  for (const { hash, vector } of vectors) {
    const list = pool.get(hash) ?? [];
    list.push(vector);
    pool.set(hash, list);
  }
}

/**
 * Completed notes are written in groups (one log record each): when this many are ready, when
 * PERSIST_EVERY_MS passed since the last write, and at the end. A crash loses at most that much.
 */
const PERSIST_GROUP = 256;
const PERSIST_EVERY_MS = 1000;

function noteMeta(op: Extract<SyncOp, { kind: "put" }>): StoredNote {
  return { path: op.path, mtime: op.stat.mtime, size: op.stat.size, contentHash: op.analysis.contentHash, tags: [...op.analysis.metadata.tags], chunkCount: op.analysis.chunks.length };
}

/**
 * Phase 2 for a scan: reads each note, resolves its operation, embeds what is missing in
 * batches and persists every completed batch. Deletions of vanished notes come last, so a note
 * renamed during the run is re-pathed rather than deleted and embedded again.
 */
export async function runScan(host: ScanHost, run: ScanRun): Promise<void> {
  const { store, embedder, snapshot, scan, signal, summary, knownDims } = run;
  const rules = host.rules;
  const resolver = new SyncResolver(snapshot, scan, rules);
  // Vectors of notes gone from the vault, by chunk hash, read once and only if a new note needs them.
  let vanishedPool: Map<string, Float32Array[]> | null = null;
  const vanishedVectors = () => {
    if (!vanishedPool) {
      vanishedPool = new Map();
      for (const path of scan.vanished) addVectors(vanishedPool, store.vectorsOf(path));
    }
    return vanishedPool;
  };
  const batchSize = host.batchSize;
  const started = host.now();
  const total = scan.toRead.length;
  let done = 0;
  let modelChecked = knownDims !== undefined;
  let expectedDims = store.dims || knownDims || 0;

  summary.unchanged += scan.unchanged;
  const simple: IndexStoreOp[] = [];
  const waiting: PendingNote[] = [];
  const queue: EmbedItem[] = [];
  // Held in an object: both are set from inside callbacks, which narrowing cannot see.
  const pipe: { inflight: Promise<void> | null; failure: Error | null } = { inflight: null, failure: null };

  const progress = (force = false) => {
    const seconds = (host.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = total - done;
    host.setStatus({ state: "indexing", progress: { done, total, embedded: summary.embedded, notesPerSecond: rate, etaSeconds: rate > 0 ? left / rate : null } }, force);
  };

  const countOp = (op: IndexStoreOp) => {
    if (op.kind === "remove") summary.removed++;
    else if (op.kind === "put") summary.written++;
  };

  /** Persists the simple ops and every note whose vectors are all there, in order. */
  const persistReady = async () => {
    const ops: IndexStoreOp[] = simple.splice(0);
    while (waiting.length > 0 && waiting[0].missing === 0) {
      const note = waiting.shift() as PendingNote;
      const chunks = note.chunks as StoredChunkWithVector[];
      ops.push({ kind: "put", note: noteMeta(note.op), chunks, replaces: note.op.removeSource && note.op.reuseFrom !== null ? note.op.reuseFrom : undefined });
    }
    if (ops.length === 0) return;
    await store.apply(ops);
    ops.forEach(countOp);
  };

  // Writes run beside the embedding requests (the store queues them), never between two requests.
  let persisting: Promise<void> = Promise.resolve();
  let lastPersist = host.now();
  const schedulePersist = (force: boolean) => {
    let ready = simple.length;
    while (ready < waiting.length + simple.length && waiting[ready - simple.length].missing === 0) ready++;
    if (ready === 0) return;
    if (!force && ready < PERSIST_GROUP && host.now() - lastPersist < PERSIST_EVERY_MS) return;
    lastPersist = host.now();
    persisting = persisting.then(persistReady).catch((error: unknown) => {
      pipe.failure ??= error instanceof Error ? error : new Error(String(error));
    });
  };

  const embedBatch = async (batch: EmbedItem[]) => {
    if (!modelChecked) {
      const dims = await host.checkModel(embedder, signal);
      modelChecked = true;
      if (dims !== undefined && store.dims !== 0 && dims !== store.dims) throw new DimensionsChanged(store.dims, dims);
      if (dims !== undefined) expectedDims = expectedDims || dims;
    }
    const vectors = await embedder.embed(
      batch.map((item) => item.text),
      signal,
      "document",
    );
    if (vectors.length !== batch.length) throw embedErrors.badAnswer(`${vectors.length} vectors for ${batch.length} texts`);
    for (const vector of vectors) {
      if (expectedDims === 0) expectedDims = vector.length;
      if (vector.length !== expectedDims) throw embedErrors.wrongDimensions(embedder.model, vector.length, expectedDims);
    }
    batch.forEach((item, i) => {
      const chunk = item.note.op.analysis.chunks[item.index];
      item.note.chunks[item.index] = { ord: chunk.ordinal, hash: chunk.hash, start: chunk.startLine, end: chunk.endLine, headingPath: chunk.headingPath, terms: termBagOf(chunk.embedText), vector: vectors[i] };
      item.note.missing--;
    });
    summary.embedded += batch.length;
    schedulePersist(false);
    progress();
  };

  const settle = async () => {
    if (pipe.inflight) await pipe.inflight;
    pipe.inflight = null;
    if (pipe.failure) throw pipe.failure;
  };

  /** Starts the next request once the previous one finished; reading goes on meanwhile. */
  const pump = async (force: boolean) => {
    while (queue.length >= batchSize || (force && queue.length > 0)) {
      await settle();
      const batch = queue.splice(0, batchSize);
      pipe.inflight = embedBatch(batch).catch((error: unknown) => {
        pipe.failure = error instanceof Error ? error : new Error(String(error));
      });
    }
    if (force) await settle();
  };

  try {
    if (scan.removals.length > 0) {
      await store.apply(scan.removals.map((op): IndexStoreOp => ({ kind: "remove", path: op.path })));
      summary.removed += scan.removals.length;
    }
    for (const path of scan.toRead) {
      if (signal.aborted) throw embedErrors.aborted();
      if (pipe.failure) await settle();
      const content = await host.source.read(path);
      const analysis: NoteAnalysis | null = content === null ? null : analyzeNote(path, content, host.chunkOptions, host.parseYaml);
      if (analysis) summary.read++;
      if (analysis?.metadata.unreadable) {
        summary.unreadable++;
        run.unreadablePaths.add(path);
      } else run.unreadablePaths.delete(path);
      const op = resolver.resolve(path, analysis);
      done++;
      if (!op) {
        progress();
        continue;
      }
      if (op.kind === "remove") simple.push({ kind: "remove", path: op.path });
      else if (op.kind === "touch") {
        const known = store.getNote(path);
        if (known) simple.push({ kind: "meta", note: { path, mtime: op.stat.mtime, size: op.stat.size, contentHash: known.contentHash, tags: [...known.tags], chunkCount: known.chunkHashes.length } });
      } else {
        if (op.reason === "renamed") summary.renamed++;
        const pending = prepare(store, op, vanishedVectors);
        waiting.push(pending);
        pending.chunks.forEach((chunk, index) => {
          if (chunk === null) queue.push({ note: pending, index, text: op.analysis.chunks[index].embedText });
        });
      }
      await pump(false);
      schedulePersist(false);
      progress();
    }
    await pump(true);
    schedulePersist(true);
    await persisting;
    if (pipe.failure) throw pipe.failure;
    const deletions = resolver.finish();
    if (deletions.length > 0) {
      await store.apply(deletions.map((op): IndexStoreOp => ({ kind: "remove", path: op.path })));
      summary.removed += deletions.length;
    }
  } catch (error) {
    // Let the request in flight end, keep every note that was completed, then report the first error.
    if (pipe.inflight) await pipe.inflight;
    schedulePersist(true);
    await persisting;
    throw pipe.failure ?? error;
  }
  progress(true);
}

/** The note's chunks with the vectors that can be reused by hash; null where one must be embedded. */
function prepare(store: IndexStorePort, op: Extract<SyncOp, { kind: "put" }>, vanished: () => Map<string, Float32Array[]>): PendingNote {
  const pool = new Map<string, Float32Array[]>();
  if (op.reuseFrom !== null) addVectors(pool, store.vectorsOf(op.reuseFrom));
  // A note indexed before hybrid search is re-put as "new" to gain its terms: its own vectors are reused.
  else if (op.reason === "new") addVectors(pool, store.vectorsOf(op.path));
  let missing = 0;
  const chunks = op.analysis.chunks.map((chunk): StoredChunkWithVector | null => {
    // A note renamed and edited at once is "new": its unchanged chunks still come from the vanished note.
    const vector = pool.get(chunk.hash)?.shift() ?? (op.reason === "new" ? vanished().get(chunk.hash)?.shift() : undefined);
    if (!vector) {
      missing++;
      return null;
    }
    return { ord: chunk.ordinal, hash: chunk.hash, start: chunk.startLine, end: chunk.endLine, headingPath: chunk.headingPath, terms: termBagOf(chunk.embedText), vector };
  });
  return { op, chunks, missing };
}

/**
 * The index's notes minus those whose chunks have no term bag (indexed before hybrid search): the
 * sync reads them again as new notes and stores their terms, reusing their vectors by hash.
 */
export function withoutTermlessNotes(store: IndexStorePort): IndexSnapshot {
  const snapshot = store.snapshot();
  const termless = store.termlessNotes?.() ?? [];
  if (termless.length === 0) return snapshot;
  const notes = new Map(snapshot.notes);
  for (const path of termless) notes.delete(path);
  return { ...snapshot, notes };
}

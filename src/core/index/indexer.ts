/**
 * The indexing service (pure): keeps the vector index equal to a fresh build of the vault, with the
 * least work. A full reconcile compares stats with the index and reads only new or changed notes;
 * file events sync just the paths they name. Only chunks whose text changed are embedded (renamed
 * notes keep their vectors), in batches, one `/api/embed` request at a time while the next batch
 * is read and chunked. Completed notes are persisted in groups beside the requests; Ollama going
 * away or Stop keeps every completed note, a crash loses about a second of work at most, and the
 * next run resumes from what is on disk.
 *
 * One job runs at a time; requests made meanwhile are merged into the next job.
 */
import { isFsError } from "../shared/fs-errors";
import { sameModel } from "../shared/model-name";
import { analyzeNote, chunkerSignature, DEFAULT_CHUNK_OPTIONS, type ChunkOptions, type YamlParse } from "./chunking";
import type { ExclusionRules } from "./exclusions";
import { EmbedError, embedErrorIn, embedErrors, IndexBusyError, indexStorageMessage } from "./index-errors";
import type { Embedder, IndexOpenReport, IndexStorePort, NoteSource } from "./index-ports";
import type { RetrievedChunk } from "./retrieval";
import type { IndexEvent, IndexPreview, IndexRunSummary, IndexSearchResult, IndexStatus } from "./indexer-types";
import { DimensionsChanged, runScan, withoutTermlessNotes, type ScanHost } from "./index-run";
import type { SearchMode } from "./hybrid-search";
import { retrievedChunks, searchNotes } from "./note-search";
import type { MessageContext } from "../shared/user-actions";
import { describeRebuild, scanForSync, scanPaths, SyncResolver, type IndexedNote, type IndexSnapshot, type SyncScan, type SyncTarget, type VaultFileInfo } from "./sync-plan";

export type { IndexEvent, IndexPreview, IndexProgress, IndexRunSummary, IndexSearchChunk, IndexSearchResult, IndexState, IndexStatus } from "./indexer-types";

export interface IndexerDeps {
  source: NoteSource;
  /** The embedder for the current settings (model and host may change between runs). */
  embedder: () => Embedder;
  /** Opens the index for a model and chunker; the store reports damage it moved aside. */
  openStore: (model: string, chunker: string) => Promise<{ store: IndexStorePort; report: IndexOpenReport }>;
  rules: () => ExclusionRules;
  /** The YAML parser for note properties (the `yaml` package, or Obsidian's parseYaml). */
  parseYaml: YamlParse;
  /** Where the index lives (the folder as the user knows it), for messages. */
  location?: string;
  /** Where the user is (plugin or CLI), so the indexer's own failures name commands they can run. */
  messageContext?: MessageContext;
  chunkOptions?: ChunkOptions;
  /** Texts per embedding request (default 32). */
  batchSize?: number;
  /** Monotonic milliseconds, for rates. */
  now?: () => number;
  /** Status events are sent at most this often while indexing (default 250 ms). */
  progressIntervalMs?: number;
}

export class VaultIndexer {
  private store: IndexStorePort | null = null;
  private opening: Promise<IndexStorePort> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private controller: AbortController | null = null;
  private readonly listeners = new Set<(event: IndexEvent) => void>();
  private readonly dirty = new Set<string>();
  private dirtyJobQueued = false;
  private fullJob: Promise<IndexRunSummary> | null = null;
  private current: IndexStatus;
  private lastEmit = 0;
  private closed = false;
  private readonly chunkOptions: ChunkOptions;
  private readonly chunker: string;
  /** The embedding model last confirmed by `/api/show`, with its vector size. */
  private verifiedModel: { model: string; dims?: number } | null = null;
  /** Notes whose properties could not be read: replaced by each full run, updated path by path. */
  private unreadablePaths = new Set<string>();

  constructor(private readonly deps: IndexerDeps) {
    this.chunkOptions = deps.chunkOptions ?? DEFAULT_CHUNK_OPTIONS;
    this.chunker = chunkerSignature(this.chunkOptions);
    this.current = { state: "starting", notes: 0, chunks: 0, model: "", progress: null, message: null, lastRun: null, unreadable: 0 };
  }

  // ---------------------------------------------------------------- status

  get status(): IndexStatus {
    return this.current;
  }

  /** Listens to status changes and notices; returns the function that stops listening. */
  subscribe(listener: (event: IndexEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: IndexEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private setStatus(patch: Partial<IndexStatus>, force = true): void {
    const now = this.now();
    if (!force && now - this.lastEmit < (this.deps.progressIntervalMs ?? 250)) {
      // Throttled: keep the patch, skip the counts (they walk the store) and the listeners.
      this.current = { ...this.current, ...patch };
      return;
    }
    const store = this.store;
    const counts = store ? store.stats() : { notes: this.current.notes, chunks: this.current.chunks };
    this.current = { ...this.current, notes: counts.notes, chunks: counts.chunks, model: store?.model ?? this.current.model, unreadable: this.unreadablePaths.size, ...patch };
    this.lastEmit = now;
    this.emit({ type: "status", status: this.current });
  }

  private notice(message: string): void {
    this.emit({ type: "notice", message });
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  // ---------------------------------------------------------------- the store

  private async ensureStore(): Promise<IndexStorePort> {
    if (this.store) return this.store;
    if (!this.opening) {
      this.opening = (async () => {
        const { store, report } = await this.deps.openStore(this.deps.embedder().model, this.chunker);
        if (report.damage) {
          const what = report.damage.wholeIndex ? "The vault index was damaged" : `${report.damage.files.length} index file(s) were damaged`;
          this.notice(`${what} and moved aside to "${report.damage.movedTo}". The missing part is rebuilt from your notes; your notes were not touched.`);
        }
        this.store = store;
        return store;
      })();
      this.opening.catch(() => {
        this.opening = null;
      });
    }
    return this.opening;
  }

  /** An empty index for another model or chunker is simply re-labelled: there is nothing to mix. */
  private async alignEmptyStore(store: IndexStorePort, model: string): Promise<void> {
    if (store.stats().chunks === 0 && store.stats().notes === 0 && (!sameModel(store.model, model) || store.chunker !== this.chunker)) {
      await store.reset(model, this.chunker);
    }
  }

  // ---------------------------------------------------------------- jobs

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(job, job);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Reconciles the whole vault with the index. Calls made while one is queued share it. */
  reconcile(): Promise<IndexRunSummary> {
    if (this.fullJob) return this.fullJob;
    const job = this.enqueue(async () => {
      this.fullJob = null;
      return this.runJob("full", (signal, summary) => this.fullSync(false, signal, summary));
    });
    this.fullJob = job;
    return job;
  }

  /** Empties the index and builds it again from every note. */
  rebuild(): Promise<IndexRunSummary> {
    return this.enqueue(() => this.runJob("rebuild", (signal, summary) => this.fullSync(true, signal, summary)));
  }

  /** Remembers changed paths (vault events) for the next `notesChanged`: the one place they wait. */
  markChanged(paths: readonly string[]): void {
    for (const path of paths) this.dirty.add(path);
  }

  /** Syncs the named paths and every path marked changed (created, modified, deleted, renamed from and to). */
  notesChanged(paths: readonly string[]): Promise<IndexRunSummary | null> {
    this.markChanged(paths);
    if (this.dirtyJobQueued) return Promise.resolve(null);
    this.dirtyJobQueued = true;
    return this.enqueue(async () => {
      this.dirtyJobQueued = false;
      const paths = [...this.dirty];
      this.dirty.clear();
      if (paths.length === 0) return null;
      return this.runJob("paths", (signal, summary) => this.pathSync(paths, signal, summary));
    });
  }

  /** Stops the running job (the request in flight is aborted); what was persisted stays. */
  stop(): void {
    this.controller?.abort();
  }

  /** Stops, waits for the running job and closes the index (compacting what is pending). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop();
    await this.chain;
    const store = this.store ?? (this.opening ? await this.opening.catch(() => null) : null);
    this.store = null;
    await store?.close();
    this.current = { ...this.current, state: "closed", progress: null };
    this.emit({ type: "status", status: this.current });
  }

  /**
   * The store for a writing job. One opened while another process was writing only reads: it is
   * opened again (that process may have finished); if it is still busy the job fails here, before
   * it reads or embeds anything.
   */
  private async ensureWritableStore(): Promise<IndexStorePort> {
    let store = await this.ensureStore();
    if (store.writeBlocker?.()) {
      await this.dropStore();
      store = await this.ensureStore();
    }
    const blocker = store.writeBlocker?.();
    if (blocker) throw blocker;
    return store;
  }

  /** Lets go of the open store (a read-only one has nothing to compact); the next job opens it afresh. */
  private async dropStore(): Promise<void> {
    const store = this.store;
    this.store = null;
    this.opening = null;
    await store?.close().catch(() => undefined);
  }

  private async runJob(kind: IndexRunSummary["kind"], body: (signal: AbortSignal, summary: IndexRunSummary) => Promise<void>): Promise<IndexRunSummary> {
    const summary: IndexRunSummary = { kind, read: 0, embedded: 0, written: 0, removed: 0, renamed: 0, unchanged: 0, rebuilt: null, complete: false, unreadable: 0 };
    if (this.closed) return summary;
    const controller = new AbortController();
    this.controller = controller;
    try {
      await body(controller.signal, summary);
      summary.complete = true;
      this.setStatus({ state: "idle", progress: null, message: null, lastRun: summary });
    } catch (thrown) {
      this.verifiedModel = null;
      const error = this.deps.messageContext ? embedErrorIn(thrown, this.deps.messageContext) : thrown;
      const aborted = controller.signal.aborted || (error instanceof EmbedError && error.fault === "aborted");
      if (aborted) this.setStatus({ state: this.closed ? "closed" : "idle", progress: null, message: "Indexing stopped.", lastRun: summary });
      else if (error instanceof EmbedError) {
        this.setStatus({ state: "paused", progress: null, message: error.message, lastRun: summary });
        this.notice(error.message);
      } else if (error instanceof IndexBusyError) {
        // Another process writes the index: let go of this (read-only) copy; the next job opens it afresh.
        await this.dropStore();
        this.setStatus({ state: "error", progress: null, message: error.message, lastRun: summary });
        this.notice(error.message);
      } else {
        const message =
          isFsError(error) && this.deps.location ? indexStorageMessage(this.deps.location, error) : `Indexing failed: ${error instanceof Error ? error.message : String(error)}`;
        this.setStatus({ state: "error", progress: null, message, lastRun: summary });
        this.notice(message);
      }
    } finally {
      if (this.controller === controller) this.controller = null;
    }
    return summary;
  }

  private target(embedder: Embedder, dims?: number): SyncTarget {
    return { model: embedder.model, dims, chunker: this.chunker, rules: this.deps.rules() };
  }

  /**
   * Checks the model before anything is deleted or embedded; returns its vector size if known.
   * A model that passed is not asked again (one `/api/show` per model, not per edit) until a run fails.
   */
  private async checkModel(embedder: Embedder, signal: AbortSignal): Promise<number | undefined> {
    if (this.verifiedModel?.model === embedder.model) return this.verifiedModel.dims;
    const info = await embedder.describe(signal);
    if (!info.canEmbed) throw embedErrors.notEmbedding(embedder.model);
    this.verifiedModel = { model: embedder.model, dims: info.dims };
    return info.dims;
  }

  private async fullSync(forceRebuild: boolean, signal: AbortSignal, summary: IndexRunSummary): Promise<void> {
    const store = await this.ensureWritableStore();
    const embedder = this.deps.embedder();
    this.setStatus({ state: "indexing", progress: { done: 0, total: 0, embedded: 0, notesPerSecond: 0, etaSeconds: null }, message: null });
    let dims: number | undefined;
    if (forceRebuild) {
      // The old index stays until the new model is known to work.
      dims = await this.checkModel(embedder, signal);
      await store.reset(embedder.model, this.chunker);
      summary.rebuilt = "The index was rebuilt on request.";
    } else await this.alignEmptyStore(store, embedder.model);

    const listing = await this.deps.source.list();
    const unreadable = new Set<string>();
    for (let attempt = 0; ; attempt++) {
      const snapshot = withoutTermlessNotes(store);
      const scan = scanForSync(snapshot, listing, this.target(embedder, dims));
      if (scan.rebuild) {
        // Confirm the new model works before the old vectors go.
        if (dims === undefined) dims = await this.checkModel(embedder, signal);
        const reason = describeRebuild(scan.rebuild);
        this.notice(reason);
        summary.rebuilt = reason;
        await store.reset(embedder.model, this.chunker);
      }
      try {
        await this.runScan(store, embedder, scan.rebuild ? store.snapshot() : snapshot, scan, signal, summary, dims, unreadable);
        break;
      } catch (error) {
        if (!(error instanceof DimensionsChanged) || attempt > 0) throw error;
        dims = error.to;
      }
    }
    // A full run read every note that is not indexed: its set is the whole truth.
    this.unreadablePaths = unreadable;
    if (summary.written + summary.removed > 0) await store.compact();
  }

  private async pathSync(paths: readonly string[], signal: AbortSignal, summary: IndexRunSummary): Promise<void> {
    const store = await this.ensureWritableStore();
    const embedder = this.deps.embedder();
    const target = this.target(embedder);
    if (!sameModel(store.model, target.model) || store.chunker !== target.chunker) {
      // Another model or chunker: only a full reconcile (a rebuild) can do it right.
      summary.kind = "full";
      return this.fullSync(false, signal, summary);
    }
    const stats = new Map<string, VaultFileInfo>();
    const notes = new Map<string, IndexedNote>();
    for (const path of paths) {
      const stat = await this.deps.source.stat(path);
      if (stat) stats.set(path, stat);
      const known = store.getNote(path);
      if (known) notes.set(path, known);
    }
    const snapshot: IndexSnapshot = { model: store.model, dims: store.dims, chunker: store.chunker, notes };
    const scan = scanPaths(snapshot, paths, stats, target);
    // Each path is read again (or is gone or excluded by path): it counts as unreadable only if read so.
    for (const path of paths) this.unreadablePaths.delete(path);
    this.setStatus({ state: "indexing", progress: { done: 0, total: scan.toRead.length, embedded: 0, notesPerSecond: 0, etaSeconds: null }, message: null }, scan.toRead.length > 0);
    try {
      await this.runScan(store, embedder, snapshot, scan, signal, summary, undefined, this.unreadablePaths);
    } catch (error) {
      if (!(error instanceof DimensionsChanged)) throw error;
      summary.kind = "full";
      await this.fullSync(false, signal, summary);
    }
  }

  /** Phase 2 for a scan (see index-run.ts). */
  private runScan(store: IndexStorePort, embedder: Embedder, snapshot: IndexSnapshot, scan: SyncScan, signal: AbortSignal, summary: IndexRunSummary, knownDims: number | undefined, unreadablePaths: Set<string>): Promise<void> {
    const host: ScanHost = {
      rules: this.deps.rules(),
      batchSize: Math.max(1, this.deps.batchSize ?? 32),
      source: this.deps.source,
      chunkOptions: this.chunkOptions,
      parseYaml: this.deps.parseYaml,
      now: () => this.now(),
      setStatus: (patch, force) => this.setStatus(patch, force),
      checkModel: (model, abort) => this.checkModel(model, abort),
    };
    return runScan(host, { store, embedder, snapshot, scan, signal, summary, knownDims, unreadablePaths });
  }

  // ---------------------------------------------------------------- search

  /**
   * The best `k` notes for `query` (hybrid: vectors and BM25 fused), each with its best chunk
   * first and its other matching chunks under it; see note-search.ts.
   */
  async search(query: string, k: number, signal: AbortSignal, mode: SearchMode = "hybrid"): Promise<IndexSearchResult[]> {
    if (query.trim() === "" || k <= 0) return [];
    const store = await this.ensureStore();
    return searchNotes({ store, embedder: this.deps.embedder(), source: this.deps.source, rules: this.deps.rules(), chunkOptions: this.chunkOptions, parseYaml: this.deps.parseYaml }, query, k, signal, mode);
  }

  /** Search results as retrieval input for a prompt: up to `k` notes, each marked with the relevance floor's verdict. */
  async retrieve(query: string, k: number, signal: AbortSignal): Promise<RetrievedChunk[]> {
    return retrievedChunks(await this.search(query, k, signal));
  }

  /**
   * What the next reconcile would do, without embedding or writing anything: changed notes are
   * read and chunked locally to count the chunks that would be sent.
   */
  preview(): Promise<IndexPreview> {
    return this.enqueue(async () => {
      const store = await this.ensureStore();
      const embedder = this.deps.embedder();
      const rules = this.deps.rules();
      const snapshot = store.snapshot();
      const scan = scanForSync(snapshot, await this.deps.source.list(), this.target(embedder));
      const resolver = new SyncResolver(snapshot, scan, rules);
      const preview: IndexPreview = { ...store.stats(), model: store.model, dims: store.dims, toWrite: 0, toEmbed: 0, toRemove: scan.removals.length, renamed: 0, rebuild: scan.rebuild ? describeRebuild(scan.rebuild) : null, upToDate: false };
      for (const path of scan.toRead) {
        const content = await this.deps.source.read(path);
        const op = resolver.resolve(path, content === null ? null : analyzeNote(path, content, this.chunkOptions, this.deps.parseYaml));
        if (op?.kind === "put") {
          preview.toWrite++;
          preview.toEmbed += op.embedCount;
          if (op.reason === "renamed") preview.renamed++;
        } else if (op?.kind === "remove") preview.toRemove++;
      }
      preview.toRemove += resolver.finish().length;
      preview.upToDate = preview.rebuild === null && preview.toWrite === 0 && preview.toRemove === 0;
      return preview;
    });
  }

  /** Opens the index (if needed) and publishes its counts, without indexing anything. */
  async load(): Promise<IndexStatus> {
    await this.ensureStore();
    if (this.current.state === "starting") this.setStatus({ state: "idle" });
    else this.setStatus({});
    return this.current;
  }
}

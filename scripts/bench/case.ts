/**
 * One benchmark case, run in its own process so peak RSS and load times are its own:
 *   tsx scripts/bench/case.ts <case> --vault <dir> --host <url> [--batch 32] [--only-full] [--index <dir>]
 * Cases: ours-build, ours-load, naive-build, naive-load, ours-100k. Prints one `RESULT {json}` line.
 *
 * "ours" is the real indexing service (VaultIndexer) over the real parts: FolderNoteSource, the
 * Ollama embedder through the `ollama` client against the fake server, the sharded store on
 * NodeFsStorage (durable: fsync before every rename). "naive" is vectra used as its README shows:
 * the default LocalIndex (JSON codec, its own file storage), one upsert per chunk inside one
 * beginUpdate/endUpdate, same chunker, same embedder and batch size, no pipelining.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Ollama } from "ollama";
import { LocalIndex } from "vectra";
import { OllamaEmbedder } from "../../src/adapters/ollama/ollama-embedder";
import { NodeFsStorage } from "../../src/adapters/vector-index/node-storage";
import { VectorStore } from "../../src/adapters/vector-index/store";
import { FolderNoteSource } from "../../src/cli/folder-note-source";
import { analyzeNote, chunkerSignature, DEFAULT_CHUNK_OPTIONS } from "../../src/core/index/chunking";
import { DEFAULT_EXCLUSION_RULES } from "../../src/core/index/exclusions";
import type { Embedder } from "../../src/core/index/index-ports";
import { VaultIndexer } from "../../src/core/index/indexer";
import { BENCH_INDEX_DIR, syntheticNote } from "./synthetic-vault";
import { parseYamlStrict } from "../../src/adapters/node/yaml-parse";

const INDEX_DIR = BENCH_INDEX_DIR;
const MODEL = "nomic-embed-text";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    vault: { type: "string", default: "" },
    host: { type: "string", default: "" },
    batch: { type: "string", default: "32" },
    "only-full": { type: "boolean", default: false },
    index: { type: "string", default: "" },
    edits: { type: "string", default: "20" },
  },
});

function ms(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e6;
}

/** CPU time (user + system) this process used since `from`: unlike wall time, not inflated by other processes on the machine. */
function cpuMs(from: ReturnType<typeof process.cpuUsage>): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples: number[]): { p50: number; p95: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length };
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) total += (await fs.stat(path.join(dir, entry.name))).size;
  }
  return total;
}

/** Share of the exact top-8 (full float32 scan) that the fast query (int8 first pass) also returns. */
function recallAt8(store: VectorStore, queries: readonly Float32Array[]): number {
  let found = 0;
  let total = 0;
  for (const q of queries) {
    const exact = new Set(store.queryExact(q, 8).map((h) => `${h.path}\u0000${h.ord}`));
    for (const h of store.query(q, 8)) if (exact.has(`${h.path}\u0000${h.ord}`)) found++;
    total += exact.size;
  }
  return total === 0 ? 1 : found / total;
}

/** The embedder with a stopwatch: total time inside `embed` (one request at a time) and calls. */
function timedEmbedder(inner: Embedder) {
  const clock = { busyMs: 0, calls: 0, texts: 0 };
  const embedder: Embedder = {
    model: inner.model,
    describe: (signal) => inner.describe(signal),
    async embed(texts, signal, purpose) {
      const t = process.hrtime.bigint();
      try {
        return await inner.embed(texts, signal, purpose);
      } finally {
        clock.busyMs += ms(t);
        clock.calls++;
        clock.texts += texts.length;
      }
    },
  };
  return { embedder, clock };
}

function ollamaEmbedder(): Embedder {
  return new OllamaEmbedder({ baseUrl: values.host, fetch, model: MODEL });
}

/** Appends a sentence to the last paragraph of a note (one chunk changes) and bumps its mtime. */
async function editNote(vault: string, notePath: string, round: number): Promise<void> {
  const file = path.join(vault, notePath);
  const content = await fs.readFile(file, "utf8");
  await fs.writeFile(file, `${content.trimEnd()} Edited in round ${round} with a new gpu note.\n`);
  const later = new Date(Date.now() + 1000 * (round + 1));
  await fs.utimes(file, later, later);
}

async function vaultNotes(vault: string): Promise<string[]> {
  return (await new FolderNoteSource(vault).list()).map((f) => f.path);
}

async function queryVectors(count: number): Promise<Float32Array[]> {
  const texts = Array.from({ length: count }, (_, i) => {
    const note = syntheticNote(100_000 + i, 1000, 7);
    return note.content.split("\n").filter((l) => l.length > 40)[0] ?? note.content.slice(0, 200);
  });
  const out: Float32Array[] = [];
  const embedder = ollamaEmbedder();
  for (let i = 0; i < texts.length; i += 32) out.push(...(await embedder.embed(texts.slice(i, i + 32), new AbortController().signal, "query")));
  return out;
}

// ---------------------------------------------------------------- ours

async function oursBuild() {
  const vault = values.vault;
  const storage = new NodeFsStorage(vault);
  const { embedder, clock } = timedEmbedder(ollamaEmbedder());
  const applyClock = { lastMs: 0 };
  const indexer = new VaultIndexer({
    source: new FolderNoteSource(vault),
    embedder: () => embedder,
    openStore: async (model, chunker) => {
      const { store, report } = await VectorStore.open(storage, INDEX_DIR, { model, chunker });
      // The store's apply, timed: what "persisted" costs inside an edit.
      const apply = store.apply.bind(store);
      store.apply = async (ops) => {
        const t = process.hrtime.bigint();
        await apply(ops);
        applyClock.lastMs = ms(t);
      };
      return { store, report };
    },
    rules: () => DEFAULT_EXCLUSION_RULES,
    parseYaml: parseYamlStrict,
    batchSize: Number(values.batch),
  });
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const run = await indexer.reconcile();
  const fullMs = ms(t0);
  const fullCpuMs = cpuMs(c0);
  if (!run.complete) throw new Error(`indexing did not complete: ${indexer.status.message}`);
  const result: Record<string, unknown> = {
    notes: indexer.status.notes,
    chunks: indexer.status.chunks,
    fullMs,
    fullCpuMs,
    embedBusyMs: clock.busyMs,
    embedCalls: clock.calls,
    embedTexts: clock.texts,
  };
  if (!values["only-full"]) {
    const notes = await vaultNotes(vault);
    const editMs: number[] = [];
    const editCpuMs: number[] = [];
    const applyMs: number[] = [];
    const edits = Number(values.edits);
    for (let i = 0; i < edits; i++) {
      const notePath = notes[Math.floor(((i + 0.5) / edits) * notes.length)];
      await editNote(vault, notePath, i);
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      const summaryRun = await indexer.notesChanged([notePath]);
      editMs.push(ms(t));
      editCpuMs.push(cpuMs(c));
      applyMs.push(applyClock.lastMs);
      if (!summaryRun || summaryRun.written !== 1) throw new Error(`edit of ${notePath} was not written`);
      if (i === 0) result.editEmbedded = summaryRun.embedded;
    }
    result.edit = summary(editMs);
    result.editCpu = summary(editCpuMs);
    result.editApply = summary(applyMs);
    const t1 = process.hrtime.bigint();
    const again = await indexer.reconcile();
    result.noChangeReconcileMs = ms(t1);
    result.noChangeEmbedded = again.embedded;
  }
  const t2 = process.hrtime.bigint();
  await indexer.close();
  result.closeMs = ms(t2);
  result.bytes = await folderBytes(path.join(vault, INDEX_DIR));
  result.peakRss = peakRss();
  return result;
}

async function oursLoad() {
  const vault = values.vault;
  const storage = new NodeFsStorage(vault);
  const chunker = chunkerSignature(DEFAULT_CHUNK_OPTIONS);
  const queries = await queryVectors(64);
  const rssBefore = process.memoryUsage().rss;
  const loads: number[] = [];
  const loadCpu: number[] = [];
  let store: VectorStore | null = null;
  for (let i = 0; i < 5; i++) {
    store = null;
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const opened = await VectorStore.open(storage, INDEX_DIR, { model: MODEL, chunker });
    loads.push(ms(t));
    loadCpu.push(cpuMs(c));
    if (opened.report.damage) throw new Error("damage reported on a clean index");
    store = opened.store;
  }
  if (!store) throw new Error("not opened");
  const rssAfterLoad = process.memoryUsage().rss;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 400; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const hits = store.query(queries[i % queries.length], 8);
    times.push(ms(t));
    cpu.push(cpuMs(c));
    if (hits.length !== 8) throw new Error("query returned fewer than 8 hits");
  }
  const recall = recallAt8(store, queries);
  // Startup with no changes: open + list + stat comparison, nothing embedded.
  const { embedder, clock } = timedEmbedder(ollamaEmbedder());
  const indexer = new VaultIndexer({
    source: new FolderNoteSource(vault),
    embedder: () => embedder,
    openStore: (model, ch) => VectorStore.open(storage, INDEX_DIR, { model, chunker: ch }),
    rules: () => DEFAULT_EXCLUSION_RULES,
    parseYaml: parseYamlStrict,
  });
  const t = process.hrtime.bigint();
  const run = await indexer.reconcile();
  const startupSyncMs = ms(t);
  await indexer.close();
  return { load: summary(loads), loadCpu: summary(loadCpu), firstLoadMs: loads[0], query: summary(times), queryCpu: summary(cpu), recall, rssAfterLoad, rssLoadDelta: rssAfterLoad - rssBefore, startupSyncMs, startupEmbedded: run.embedded + clock.texts, peakRss: peakRss() };
}

async function ours100k() {
  const root = values.index;
  const dims = 768;
  const notes = 20_000;
  const perNote = 5;
  const storage = new NodeFsStorage(root);
  const { store } = await VectorStore.open(storage, INDEX_DIR, { model: MODEL, chunker: "bench" });
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296 - 0.5;
  };
  const t0 = process.hrtime.bigint();
  for (let start = 0; start < notes; start += 500) {
    const ops = [];
    for (let n = start; n < start + 500; n++) {
      const chunks = Array.from({ length: perNote }, (_, ord) => {
        const vector = new Float32Array(dims);
        for (let i = 0; i < dims; i++) vector[i] = random();
        return { ord, hash: `h${n}-${ord}`, start: ord, end: ord, headingPath: ["Section"], vector };
      });
      ops.push({ kind: "put" as const, note: { path: `Vault/${n}.md`, mtime: n, size: n, contentHash: `c${n}`, tags: [], chunkCount: perNote }, chunks });
    }
    await store.apply(ops);
  }
  await store.close();
  const writeMs = ms(t0);
  const t1 = process.hrtime.bigint();
  const { store: again } = await VectorStore.open(storage, INDEX_DIR, { model: MODEL, chunker: "bench" });
  const loadMs = ms(t1);
  const times: number[] = [];
  const cpu: number[] = [];
  const probe = again.vectorsOf("Vault/777.md")[3];
  const queries = Array.from({ length: 100 }, (_, i) => (i === 0 ? probe.vector : new Float32Array(dims).map(() => random())));
  for (let i = 0; i < 100; i++) {
    const q = queries[i];
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const hits = again.query(q, 8);
    times.push(ms(t));
    cpu.push(cpuMs(c));
    if (i === 0 && (hits[0]?.path !== "Vault/777.md" || hits[0].hash !== probe.hash)) throw new Error("100k: the probe vector did not find itself");
  }
  const recall = recallAt8(again, queries.slice(0, 30));
  return { chunks: again.stats().chunks, writeMs, loadMs, query: summary(times), queryCpu: summary(cpu), recall, bytes: await folderBytes(path.join(root, INDEX_DIR)), peakRss: peakRss() };
}

// ---------------------------------------------------------------- naive baseline

function naiveIndex(): LocalIndex {
  return new LocalIndex(values.index);
}

/** What a naive user does: the `ollama` client's number[] vectors straight into vectra. */
function naiveEmbedder() {
  const client = new Ollama({ host: values.host });
  const clock = { busyMs: 0, calls: 0, texts: 0 };
  const embed = async (texts: string[]): Promise<number[][]> => {
    const t = process.hrtime.bigint();
    try {
      const { embeddings } = await client.embed({ model: MODEL, input: texts.map((x) => `search_document: ${x}`) });
      // Real Ollama writes float32 values in their shortest form (≤ 9 significant digits); the
      // fake prints them as doubles. Rounded so vectra's JSON holds what it would hold with Ollama.
      return embeddings.map((v) => v.map((x) => Number(x.toPrecision(9))));
    } finally {
      clock.busyMs += ms(t);
      clock.calls++;
      clock.texts += texts.length;
    }
  };
  return { embed, clock };
}

async function naiveEmbedAll(source: FolderNoteSource, paths: string[], embed: (texts: string[]) => Promise<number[][]>) {
  const items: { id: string; text: string; metadata: Record<string, string | number> }[] = [];
  for (const p of paths) {
    const content = await source.read(p);
    if (content === null) continue;
    for (const c of analyzeNote(p, content).chunks) items.push({ id: `${p}#${c.ordinal}`, text: c.embedText, metadata: { path: p, ord: c.ordinal, hash: c.hash, heading: c.headingPath.join(" > "), start: c.startLine, end: c.endLine } });
  }
  const vectors: number[][] = [];
  const batch = Number(values.batch);
  for (let i = 0; i < items.length; i += batch) vectors.push(...(await embed(items.slice(i, i + batch).map((x) => x.text))));
  return items.map((item, i) => ({ id: item.id, metadata: item.metadata, vector: vectors[i] }));
}

async function naiveBuild() {
  const vault = values.vault;
  const source = new FolderNoteSource(vault);
  const { embed, clock } = naiveEmbedder();
  await fs.rm(values.index, { recursive: true, force: true });
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const index = naiveIndex();
  await index.createIndex({ version: 1 });
  const paths = (await source.list()).map((f) => f.path).filter((p) => !p.startsWith("AI Stack Plans/"));
  const items = await naiveEmbedAll(source, paths, embed);
  await index.beginUpdate();
  for (const item of items) await index.upsertItem(item);
  await index.endUpdate();
  const fullMs = ms(t0);
  const fullCpuMs = cpuMs(c0);
  const result: Record<string, unknown> = { notes: paths.length, chunks: items.length, fullMs, fullCpuMs, embedBusyMs: clock.busyMs, embedCalls: clock.calls, embedTexts: clock.texts };
  if (!values["only-full"]) {
    const editMs: number[] = [];
    const editCpuMs: number[] = [];
    const edits = Math.min(3, Number(values.edits));
    for (let i = 0; i < edits; i++) {
      const notePath = paths[Math.floor(((i + 0.5) / edits) * paths.length)];
      await editNote(vault, notePath, 100 + i);
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      const fresh = await naiveEmbedAll(source, [notePath], embed);
      const old = await index.listItemsByMetadata({ path: { $eq: notePath } });
      await index.beginUpdate();
      for (const item of old) await index.deleteItem(item.id);
      for (const item of fresh) await index.upsertItem(item);
      await index.endUpdate();
      editMs.push(ms(t));
      editCpuMs.push(cpuMs(c));
    }
    result.edit = summary(editMs);
    result.editCpu = summary(editCpuMs);
  }
  result.bytes = await folderBytes(values.index);
  result.peakRss = peakRss();
  return result;
}

async function naiveLoad() {
  const queries = await queryVectors(64);
  const rssBefore = process.memoryUsage().rss;
  const loads: number[] = [];
  const loadCpu: number[] = [];
  let index: LocalIndex | null = null;
  for (let i = 0; i < 3; i++) {
    index = naiveIndex();
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    await index.getIndexStats();
    loads.push(ms(t));
    loadCpu.push(cpuMs(c));
  }
  if (!index) throw new Error("not loaded");
  const rssAfterLoad = process.memoryUsage().rss;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 100; i++) {
    const q = Array.from(queries[i % queries.length]);
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const hits = await index.queryItems(q, "", 8);
    times.push(ms(t));
    cpu.push(cpuMs(c));
    if (hits.length !== 8) throw new Error("naive query returned fewer than 8 hits");
  }
  return { load: summary(loads), loadCpu: summary(loadCpu), firstLoadMs: loads[0], query: summary(times), queryCpu: summary(cpu), rssAfterLoad, rssLoadDelta: rssAfterLoad - rssBefore, peakRss: peakRss() };
}

const CASES: Record<string, () => Promise<Record<string, unknown>>> = {
  "ours-build": oursBuild,
  "ours-load": oursLoad,
  "ours-100k": ours100k,
  "naive-build": naiveBuild,
  "naive-load": naiveLoad,
};

async function main(): Promise<void> {
  const run = CASES[positionals[0]];
  if (!run) throw new Error(`unknown case ${positionals[0]}; one of ${Object.keys(CASES).join(", ")}`);
  const result = await run();
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

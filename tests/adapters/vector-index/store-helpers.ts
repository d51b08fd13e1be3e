/** Shared helpers of the vector store tests: temp folders, seeded vectors, notes, and a model of the expected index. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NodeFsStorage } from "../../../src/adapters/vector-index/node-storage";
import type { IndexStorage } from "../../../src/adapters/vector-index/storage";
import { VectorStore, type StoreConfig, type StoreOp } from "../../../src/adapters/vector-index/store";
import type { ChunkWithVector, NoteMeta } from "../../../src/adapters/vector-index/vectra-shard";

export const INDEX_DIR = ".ai-stack-planner/index";
export const CONFIG: StoreConfig = { model: "nomic-embed-text", chunker: "md-v1/400/40/2000", now: () => new Date("2026-11-27T08:00:00.000Z") };

export async function tempRoot(prefix = "ai-stack-store-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Fast storage for tests: same code path, no fsync, with the writer lock. */
export function lockingStorageAt(root: string): NodeFsStorage {
  return new NodeFsStorage(root, { durable: false });
}

/**
 * Fast storage without the writer lock (no `createExclusive`): the format and recovery tests act
 * out a crash by leaving a store open and opening another in the same process, which the lock
 * would (rightly) refuse as a second writer.
 */
export function storageAt(root: string): IndexStorage {
  const fsStorage = lockingStorageAt(root);
  return {
    read: (p) => fsStorage.read(p),
    write: (p, bytes) => fsStorage.write(p, bytes),
    remove: (p) => fsStorage.remove(p),
    list: (d) => fsStorage.list(d),
    listNonFiles: (d) => fsStorage.listNonFiles(d),
    mkdir: (d) => fsStorage.mkdir(d),
    rename: (a, b) => fsStorage.rename(a, b),
  };
}

export async function openStore(root: string, config: Partial<StoreConfig> = {}) {
  return VectorStore.open(storageAt(root), INDEX_DIR, { ...CONFIG, ...config });
}

/** Files directly in the index folder, sorted. */
export async function indexFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, INDEX_DIR), { withFileTypes: true });
  return entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
}

export function indexPath(root: string, name: string): string {
  return path.join(root, INDEX_DIR, name);
}

/** mulberry32, the bench's seeded PRNG: every test is reproducible. */
export { seeded } from "../../../scripts/bench/synthetic-vault";

export function randomVector(random: () => number, dims: number): Float32Array {
  const v = new Float32Array(dims);
  for (let i = 0; i < dims; i++) v[i] = random() * 2 - 1;
  return v;
}

export interface NoteFixture {
  note: NoteMeta;
  chunks: ChunkWithVector[];
}

/** A note with `count` chunks of random vectors; the chunk hashes depend on `version`. */
export function makeNote(notePath: string, count: number, dims: number, random: () => number, version = 1): NoteFixture {
  const chunks: ChunkWithVector[] = Array.from({ length: count }, (_, ord) => ({
    ord,
    hash: `${notePath}#${ord}@v${version}`.replace(/[^\w#@.-]/g, "_"),
    start: ord * 10,
    end: ord * 10 + 9,
    headingPath: ord === 0 ? [] : ["Section", `Part ${ord}`],
    vector: randomVector(random, dims),
  }));
  const note: NoteMeta = { path: notePath, mtime: 1_700_000_000_000 + version, size: 100 * count + version, contentHash: `content-${version}-${notePath}`, tags: version % 2 ? ["project"] : ["project", "gpu"], chunkCount: count };
  return { note, chunks };
}

export function put(f: NoteFixture, replaces?: string): StoreOp {
  return replaces === undefined ? { kind: "put", note: f.note, chunks: f.chunks } : { kind: "put", note: f.note, chunks: f.chunks, replaces };
}

/** The expected content of the index, kept next to the store by the tests. */
export class ExpectedIndex {
  readonly notes = new Map<string, NoteFixture>();

  apply(ops: readonly StoreOp[]): void {
    for (const op of ops) {
      if (op.kind === "remove") this.notes.delete(op.path);
      else if (op.kind === "meta") {
        const before = this.notes.get(op.note.path);
        if (before) this.notes.set(op.note.path, { note: { ...op.note, chunkCount: before.chunks.length }, chunks: before.chunks });
      } else {
        if (op.replaces !== undefined) this.notes.delete(op.replaces);
        this.notes.set(op.note.path, { note: { ...op.note, chunkCount: op.chunks.length }, chunks: op.chunks });
      }
    }
  }

  get chunkCount(): number {
    let n = 0;
    for (const f of this.notes.values()) n += f.chunks.length;
    return n;
  }
}

/** Asserts that the store holds exactly `expected`: notes, stats, chunk facts and vectors. */
export function expectStoreEquals(store: VectorStore, expected: ExpectedIndex): void {
  const snapshot = store.snapshot();
  expect([...snapshot.notes.keys()].sort()).toEqual([...expected.notes.keys()].sort());
  expect(store.stats().notes).toBe(expected.notes.size);
  expect(store.stats().chunks).toBe(expected.chunkCount);
  for (const [p, f] of expected.notes) {
    const got = store.getNote(p);
    expect(got).toEqual({ path: p, mtime: f.note.mtime, size: f.note.size, contentHash: f.note.contentHash, tags: f.note.tags, chunkHashes: f.chunks.map((c) => c.hash) });
    expect(snapshot.notes.get(p)).toEqual(got);
    expect(store.chunksOf(p)).toEqual(f.chunks.map(({ ord, hash, start, end, headingPath }) => ({ ord, hash, start, end, headingPath })));
    const vectors = store.vectorsOf(p);
    expect(vectors.map((v) => v.hash).sort()).toEqual(f.chunks.map((c) => c.hash).sort());
    for (const c of f.chunks) {
      const v = vectors.find((x) => x.hash === c.hash);
      expect(v && Array.from(v.vector)).toEqual(Array.from(c.vector));
    }
  }
}

/** Brute-force cosine top-k over the expected index: the reference for `query`. */
function norm(v: Float32Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

export function bruteForceTopK(expected: ExpectedIndex, q: Float32Array, k: number): { path: string; ord: number; score: number }[] {
  const qn = norm(q);
  const all: { path: string; ord: number; score: number }[] = [];
  for (const [p, f] of expected.notes) {
    for (const c of f.chunks) {
      let dot = 0;
      for (let i = 0; i < q.length; i++) dot += q[i] * c.vector[i];
      all.push({ path: p, ord: c.ord, score: dot / (qn * norm(c.vector)) });
    }
  }
  all.sort((a, b) => b.score - a.score);
  return all.slice(0, k);
}

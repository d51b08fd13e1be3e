/**
 * The on-disk vector store on real temporary folders (NodeFsStorage): what goes in comes back out,
 * across compaction and restarts; queries match a brute-force cosine; crashes and damaged files
 * never throw at the user and never leave a mixed index.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { IndexStorage } from "../../../src/adapters/vector-index/storage";
import { VectorStore, type StoreOp } from "../../../src/adapters/vector-index/store";
import { bruteForceTopK, CONFIG, ExpectedIndex, expectStoreEquals, INDEX_DIR, indexFiles, indexPath, makeNote, openStore, put, randomVector, seeded, storageAt, tempRoot } from "./store-helpers";

const DIMS = 16;
let root: string;
const open: VectorStore[] = [];

async function openAt(config: Parameters<typeof openStore>[1] = {}) {
  const result = await openStore(root, config);
  open.push(result.store);
  return result;
}

beforeEach(async () => {
  root = await tempRoot();
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.flush();
  await fs.rm(root, { recursive: true, force: true });
});

describe("round trip", () => {
  test("a new folder gets a manifest and an empty index", async () => {
    const { store, report } = await openAt();
    expect(report).toEqual({ created: true, damage: null, staleRemoved: 0, walReplayed: 0, tempRecovered: 0 });
    expect(await indexFiles(root)).toEqual(["manifest.json"]);
    const manifest = JSON.parse(await fs.readFile(indexPath(root, "manifest.json"), "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ kind: "ai-stack-planner-index", format: 1, model: "nomic-embed-text", chunker: CONFIG.chunker, dims: 0, shards: 32 });
    expect(store.snapshot()).toEqual({ model: "nomic-embed-text", dims: 0, chunker: CONFIG.chunker, notes: new Map() });
    expect(store.stats()).toEqual({ notes: 0, chunks: 0, pendingChunks: 0, walRecords: 0 });
    expect(store.query(randomVector(seeded(1), DIMS), 8)).toEqual([]);
  });

  test("put, meta, remove and rename read back the same before compaction, after it and after a restart", async () => {
    const random = seeded(2);
    const { store } = await openAt();
    const expected = new ExpectedIndex();
    const run = async (ops: StoreOp[]) => {
      await store.apply(ops);
      expected.apply(ops);
      expectStoreEquals(store, expected);
    };
    const a = makeNote("Projects/GPU box.md", 3, DIMS, random);
    const b = makeNote("Hardware/笔记本.md", 2, DIMS, random);
    const c = makeNote("Empty.md", 0, DIMS, random);
    await run([put(a), put(b), put(c)]);
    expect(store.dims).toBe(DIMS);
    expect(store.stats().walRecords).toBe(1);

    // meta: new stat and hash, same chunks and vectors.
    await run([{ kind: "meta", note: { ...a.note, mtime: a.note.mtime + 5, size: 999, contentHash: "touched" } }]);
    // rename: the old path is gone, the new one holds the same chunks and vectors.
    const moved = { note: { ...b.note, path: "Archive/笔记本.md" }, chunks: b.chunks };
    await run([put(moved, b.note.path)]);
    // edit: one chunk changed.
    const edited = makeNote(a.note.path, 4, DIMS, random, 2);
    await run([put(edited)]);
    await run([{ kind: "remove", path: c.note.path }]);
    // meta of a note that is not indexed does nothing.
    await run([{ kind: "meta", note: makeNote("Nowhere.md", 1, DIMS, random).note }]);

    await store.compact();
    expect(store.stats().walRecords).toBe(0);
    expect((await indexFiles(root)).filter((f) => f.startsWith("wal-"))).toEqual([]);
    expectStoreEquals(store, expected);

    await store.close();
    const reopened = await openAt();
    expect(reopened.report).toMatchObject({ created: false, damage: null, walReplayed: 0 });
    expectStoreEquals(reopened.store, expected);
    expect(reopened.store.dims).toBe(DIMS);
  });

  test("a rename within one batch as two steps (remove then put) ends like `replaces`", async () => {
    const random = seeded(3);
    const { store } = await openAt();
    const a = makeNote("A.md", 2, DIMS, random);
    await store.apply([put(a)]);
    await store.apply([{ kind: "remove", path: "A.md" }, put({ note: { ...a.note, path: "B.md" }, chunks: a.chunks })]);
    const expected = new ExpectedIndex();
    expected.apply([put({ note: { ...a.note, path: "B.md" }, chunks: a.chunks })]);
    expectStoreEquals(store, expected);
    await store.close();
    expectStoreEquals((await openAt()).store, expected);
  });

  test("a vector of another size is refused and changes nothing", async () => {
    const random = seeded(4);
    const { store } = await openAt();
    await store.apply([put(makeNote("A.md", 2, DIMS, random))]);
    const before = store.snapshot();
    await expect(store.apply([put(makeNote("B.md", 1, DIMS * 2, random))])).rejects.toThrow(/32-dimensional vector cannot go into a 16-dimensional index/);
    expect(store.snapshot()).toEqual(before);
    await store.apply([put(makeNote("C.md", 1, DIMS, random))]);
    expect(store.stats().notes).toBe(2);
  });

  test("a closed store refuses writes", async () => {
    const { store } = await openAt();
    await store.close();
    await expect(store.apply([{ kind: "remove", path: "x.md" }])).rejects.toThrow(/closed/);
  });
});

describe("query", () => {
  test("top-k equals a brute-force cosine over committed, pending and replaced notes", async () => {
    const random = seeded(5);
    const { store } = await openAt({ compactAfterChunks: 1_000_000 });
    const expected = new ExpectedIndex();
    const first: StoreOp[] = Array.from({ length: 60 }, (_, i) => put(makeNote(`Notes/n${i}.md`, 1 + (i % 7), DIMS, random)));
    await store.apply(first);
    expected.apply(first);
    await store.compact();
    // Pending on top of committed: edits, removals and new notes in the WAL only.
    const second: StoreOp[] = [
      ...Array.from({ length: 10 }, (_, i) => put(makeNote(`Notes/n${i}.md`, 3, DIMS, random, 2))),
      ...Array.from({ length: 10 }, (_, i): StoreOp => ({ kind: "remove", path: `Notes/n${10 + i}.md` })),
      ...Array.from({ length: 10 }, (_, i) => put(makeNote(`New/m${i}.md`, 2, DIMS, random))),
    ];
    await store.apply(second);
    expected.apply(second);
    expect(store.stats().pendingChunks).toBeGreaterThan(0);
    for (let trial = 0; trial < 20; trial++) {
      const q = randomVector(random, DIMS);
      for (const k of [1, 8, 50]) {
        const got = store.query(q, k);
        const want = bruteForceTopK(expected, q, k);
        expect(got.map((h) => `${h.path}#${h.ord}`)).toEqual(want.map((h) => `${h.path}#${h.ord}`));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 5));
      }
    }
    const hit = store.query(expected.notes.get("New/m3.md")!.chunks[1].vector, 1)[0];
    expect(hit).toEqual({ path: "New/m3.md", ord: 1, hash: expected.notes.get("New/m3.md")!.chunks[1].hash, headingPath: ["Section", "Part 1"], startLine: 10, endLine: 19, score: expect.closeTo(1, 5) as number });
  });

  test("k larger than the index returns every chunk once; a zero or wrong-size query returns nothing", async () => {
    const random = seeded(6);
    const { store } = await openAt();
    await store.apply([put(makeNote("A.md", 3, DIMS, random)), put(makeNote("B.md", 2, DIMS, random))]);
    expect(store.query(randomVector(random, DIMS), 100)).toHaveLength(5);
    expect(store.query(new Float32Array(DIMS), 5)).toEqual([]);
    expect(store.query(randomVector(random, DIMS + 1), 5)).toEqual([]);
    expect(store.query(randomVector(random, DIMS), 0)).toEqual([]);
  });
});

describe("persistence and recovery", () => {
  async function crashedIndex(notes: number) {
    // A store that applied changes and was never closed: the WAL is not compacted.
    const random = seeded(7);
    const { store } = await openAt({ compactAfterChunks: 1_000_000 });
    const expected = new ExpectedIndex();
    const ops = Array.from({ length: notes }, (_, i) => put(makeNote(`N/${i}.md`, 2, DIMS, random)));
    await store.apply(ops);
    expected.apply(ops);
    await store.compact();
    const later: StoreOp[] = [put(makeNote("N/0.md", 4, DIMS, random, 2)), { kind: "remove", path: "N/1.md" }, put(makeNote("N/new.md", 1, DIMS, random))];
    await store.apply(later.slice(0, 1));
    await store.apply(later.slice(1));
    expected.apply(later);
    await store.flush();
    return { expected, random };
  }

  test("WAL records left by a crash are replayed on open", async () => {
    const { expected } = await crashedIndex(20);
    expect((await indexFiles(root)).filter((f) => f.startsWith("wal-"))).toHaveLength(2);
    const { store, report } = await openAt();
    expect(report).toMatchObject({ created: false, damage: null, walReplayed: 2, staleRemoved: 0 });
    expectStoreEquals(store, expected);
    await store.close();
    expect((await indexFiles(root)).filter((f) => f.startsWith("wal-"))).toEqual([]);
    expectStoreEquals((await openAt()).store, expected);
  });

  test("a crash after some shards were compacted but before the WAL was deleted replays idempotently", async () => {
    const { expected } = await crashedIndex(20);
    const wals = (await indexFiles(root)).filter((f) => f.startsWith("wal-"));
    const saved = await Promise.all(wals.map((w) => fs.readFile(indexPath(root, w))));
    const { store } = await openAt();
    await store.compact();
    // Put the log back as if the process died just before deleting it.
    await Promise.all(wals.map((w, i) => fs.writeFile(indexPath(root, w), saved[i])));
    const again = await openAt();
    expect(again.report.walReplayed).toBe(2);
    expectStoreEquals(again.store, expected);
  });

  test("a complete .tmp whose rename never happened is promoted; an incomplete one is dropped", async () => {
    const { expected } = await crashedIndex(10);
    const [firstWal, secondWal] = (await indexFiles(root)).filter((f) => f.startsWith("wal-"));
    await fs.rename(indexPath(root, secondWal), indexPath(root, `${secondWal}.tmp`));
    const shard = (await indexFiles(root)).find((f) => f.startsWith("shard-"))!;
    const shardBytes = await fs.readFile(indexPath(root, shard));
    await fs.writeFile(indexPath(root, `${shard}.tmp`), shardBytes.subarray(0, shardBytes.length - 8));
    const { store, report } = await openAt();
    expect(report).toMatchObject({ tempRecovered: 1, damage: null, walReplayed: 2 });
    expectStoreEquals(store, expected);
    const files = await indexFiles(root);
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(files).toContain(firstWal);
    expect(files).toContain(secondWal);
  });

  test("a truncated shard is moved to damaged-*/ and reported; the other notes load and the index keeps working", async () => {
    const { expected, random } = await crashedIndex(40);
    const { store: s0 } = await openAt();
    await s0.close();
    const shards = (await indexFiles(root)).filter((f) => f.startsWith("shard-"));
    const victim = shards[0];
    const bytes = await fs.readFile(indexPath(root, victim));
    await fs.writeFile(indexPath(root, victim), bytes.subarray(0, Math.floor(bytes.length / 2)));

    const { store, report } = await openAt();
    expect(report.damage).toMatchObject({ files: [victim], wholeIndex: false, movedTo: `${INDEX_DIR}/damaged-2026-11-27T08-00-00-000Z` });
    expect(report.damage!.reasons[0]).toMatch(new RegExp(`^${victim}: .*truncated`));
    expect(await fs.readdir(path.join(root, report.damage!.movedTo))).toEqual([victim]);
    // The victim's notes are gone (the sync re-embeds them); every other note is intact.
    const lost = [...expected.notes.keys()].filter((p) => store.getNote(p) === undefined);
    expect(lost.length).toBeGreaterThan(0);
    for (const p of lost) expected.notes.delete(p);
    expectStoreEquals(store, expected);
    const back = makeNote(lost[0], 2, DIMS, random, 3);
    await store.apply([put(back)]);
    expected.apply([put(back)]);
    await store.close();
    const again = await openAt();
    expect(again.report.damage).toBeNull();
    expectStoreEquals(again.store, expected);
  });

  test.each([
    ["garbage bytes", () => Buffer.from("not an index file at all, just some text\n")],
    ["a flipped bit", (b: Buffer) => Buffer.from(b.map((x, i) => (i === b.length - 3 ? x ^ 1 : x)))],
    ["a zero-length file", () => Buffer.alloc(0)],
  ])("a shard with %s is moved aside, never thrown at the user", async (_label, damage) => {
    await crashedIndex(10);
    const { store: s0 } = await openAt();
    await s0.close();
    const victim = (await indexFiles(root)).find((f) => f.startsWith("shard-"))!;
    await fs.writeFile(indexPath(root, victim), damage(await fs.readFile(indexPath(root, victim))));
    const { store, report } = await openAt();
    expect(report.damage?.files).toEqual([victim]);
    expect(store.stats().notes).toBeGreaterThan(0);
  });

  test("a damaged WAL record is moved aside; the records before it still apply", async () => {
    const { expected } = await crashedIndex(10);
    const [, secondWal] = (await indexFiles(root)).filter((f) => f.startsWith("wal-"));
    const bytes = await fs.readFile(indexPath(root, secondWal));
    await fs.writeFile(indexPath(root, secondWal), bytes.subarray(0, bytes.length - 4));
    const { store, report } = await openAt();
    expect(report.damage).toMatchObject({ files: [secondWal], wholeIndex: false });
    expect(report.walReplayed).toBe(1);
    // The second record removed N/1.md and added N/new.md: that change is lost, the first kept.
    expect(store.getNote("N/0.md")?.chunkHashes).toEqual(expected.notes.get("N/0.md")!.chunks.map((c) => c.hash));
    expect(store.getNote("N/1.md")).toBeDefined();
    expect(store.getNote("N/new.md")).toBeUndefined();
  });

  test("a stat update whose edit was in a damaged record drops the note instead of trusting its new hash", async () => {
    const random = seeded(8);
    const { store } = await openAt({ compactAfterChunks: 1_000_000 });
    await store.apply([put(makeNote("A.md", 2, DIMS, random)), put(makeNote("B.md", 2, DIMS, random))]);
    await store.compact();
    const editedA = makeNote("A.md", 3, DIMS, random, 2);
    await store.apply([put(editedA)]);
    await store.apply([
      { kind: "meta", note: { ...editedA.note, mtime: editedA.note.mtime + 1 } },
      { kind: "meta", note: { ...makeNote("B.md", 2, DIMS, random).note, mtime: 42 } },
    ]);
    await store.flush();
    const [editWal] = (await indexFiles(root)).filter((f) => f.startsWith("wal-"));
    await fs.writeFile(indexPath(root, editWal), "garbage!");
    const { store: again, report } = await openAt();
    expect(report.damage?.files).toEqual([editWal]);
    expect(again.getNote("A.md")).toBeUndefined();
    expect(again.getNote("B.md")?.mtime).toBe(42);
  });

  test.each([
    ["invalid JSON", "{ \"kind\": \"ai-stack-planner-index\", "],
    ["another program's JSON", "{\"hello\": \"world\"}"],
    ["a future format", JSON.stringify({ kind: "ai-stack-planner-index", format: 99 })],
  ])("a manifest with %s moves the whole index aside and starts over", async (_label, text) => {
    await crashedIndex(10);
    const before = (await indexFiles(root)).filter((f) => f !== "manifest.json");
    await fs.writeFile(indexPath(root, "manifest.json"), text);
    const { store, report } = await openAt();
    expect(report.created).toBe(true);
    expect(report.damage).toMatchObject({ wholeIndex: true });
    expect(report.damage!.files.sort()).toEqual(["manifest.json", ...before].sort());
    expect((await fs.readdir(path.join(root, report.damage!.movedTo))).sort()).toEqual(["manifest.json", ...before].sort());
    expect(await indexFiles(root)).toEqual(["damaged-2026-11-27T08-00-00-000Z/", "manifest.json"]);
    expect(store.stats().notes).toBe(0);
    await store.apply([put(makeNote("A.md", 1, DIMS, seeded(9)))]);
    expect(store.stats().notes).toBe(1);
  });

  test("shards and WAL records without a manifest are moved aside", async () => {
    await crashedIndex(10);
    await fs.rm(indexPath(root, "manifest.json"));
    const { store, report } = await openAt();
    expect(report.created).toBe(true);
    expect(report.damage?.wholeIndex).toBe(true);
    expect(report.damage!.reasons.every((r) => r.endsWith("the manifest is missing"))).toBe(true);
    expect(store.stats().notes).toBe(0);
  });

  test("two damage events at the same clock tick do not collide", async () => {
    await crashedIndex(10);
    await fs.writeFile(indexPath(root, "manifest.json"), "{");
    await openAt();
    await fs.writeFile(indexPath(root, "manifest.json"), "{");
    const { report } = await openAt();
    expect(report.damage?.movedTo).not.toBe(`${INDEX_DIR}/damaged-2026-11-27T08-00-00-000Z`);
    expect((await indexFiles(root)).filter((f) => f.startsWith("damaged-"))).toHaveLength(2);
  });
});

describe("generations and rebuilds", () => {
  test("reset for another model empties the index, removes every shard and WAL file, and persists the new identity", async () => {
    const random = seeded(10);
    const { store } = await openAt();
    await store.apply(Array.from({ length: 20 }, (_, i) => put(makeNote(`N/${i}.md`, 2, DIMS, random))));
    await store.compact();
    await store.apply([put(makeNote("pending.md", 1, DIMS, random))]);
    const oldId = store.indexId;
    await store.reset("mxbai-embed-large", "md-v2/400/40/2000");
    expect(store.snapshot()).toEqual({ model: "mxbai-embed-large", dims: 0, chunker: "md-v2/400/40/2000", notes: new Map() });
    expect(store.indexId).not.toBe(oldId);
    expect(await indexFiles(root)).toEqual(["manifest.json"]);
    // The new model may have another vector size.
    await store.apply([put(makeNote("A.md", 2, DIMS * 2, random))]);
    expect(store.dims).toBe(DIMS * 2);
    await store.close();
    const { store: again } = await openAt({ model: "mxbai-embed-large", chunker: "md-v2/400/40/2000" });
    expect(again.model).toBe("mxbai-embed-large");
    expect(again.chunker).toBe("md-v2/400/40/2000");
    expect(again.dims).toBe(DIMS * 2);
    expect([...again.snapshot().notes.keys()]).toEqual(["A.md"]);
  });

  test("opening with another model keeps the stored identity, so the caller sees the change and resets", async () => {
    const { store } = await openAt();
    await store.apply([put(makeNote("A.md", 1, DIMS, seeded(11)))]);
    await store.close();
    const { store: other } = await openAt({ model: "bge-m3", chunker: "md-v9" });
    expect(other.snapshot()).toMatchObject({ model: "nomic-embed-text", chunker: CONFIG.chunker, dims: DIMS });
    expect(other.stats().notes).toBe(1);
  });

  test("files of an older generation left by a crash during a rebuild are removed at open", async () => {
    const random = seeded(12);
    const { store } = await openAt({ compactAfterChunks: 1_000_000 });
    await store.apply(Array.from({ length: 20 }, (_, i) => put(makeNote(`N/${i}.md`, 2, DIMS, random))));
    await store.compact();
    await store.apply([put(makeNote("N/x.md", 1, DIMS, random))]);
    const oldFiles = (await indexFiles(root)).filter((f) => f !== "manifest.json");
    const copies = await Promise.all(oldFiles.map((f) => fs.readFile(indexPath(root, f))));
    await store.reset("nomic-embed-text", CONFIG.chunker);
    await store.apply([put(makeNote("Fresh.md", 1, DIMS, random))]);
    await store.compact();
    // The crash: the old files are back next to the new manifest (as if their removal never ran).
    const newFiles = new Set(await indexFiles(root));
    for (const [i, f] of oldFiles.entries()) if (!newFiles.has(f)) await fs.writeFile(indexPath(root, f), copies[i]);
    const restored = oldFiles.filter((f) => !newFiles.has(f)).length;
    expect(restored).toBeGreaterThan(0);
    // A shard number beyond the shard count is stale too.
    await fs.writeFile(indexPath(root, "shard-99.aspshard"), copies[0]);
    const { store: again, report } = await openAt();
    expect(report.damage).toBeNull();
    expect(report.staleRemoved).toBe(restored + 1);
    expect([...again.snapshot().notes.keys()]).toEqual(["Fresh.md"]);
    expect((await indexFiles(root)).filter((f) => !newFiles.has(f))).toEqual([]);
  });
});

describe("write queue", () => {
  test("concurrent apply, compact and flush calls are serialised: the index equals the sequential result", async () => {
    const random = seeded(13);
    const { store } = await openAt({ compactAfterChunks: 16 });
    const expected = new ExpectedIndex();
    const batches: StoreOp[][] = [];
    for (let b = 0; b < 60; b++) {
      const ops: StoreOp[] = [];
      for (let j = 0; j < 3; j++) {
        const n = Math.floor(random() * 25);
        const p = `N/${n}.md`;
        const roll = random();
        if (roll < 0.2) ops.push({ kind: "remove", path: p });
        else if (roll < 0.3 && expected.notes.has(p)) ops.push(put({ note: { ...expected.notes.get(p)!.note, path: `M/${n}.md` }, chunks: expected.notes.get(p)!.chunks }, p));
        else ops.push(put(makeNote(p, 1 + Math.floor(random() * 5), DIMS, random, b)));
        expected.apply(ops.slice(-1));
      }
      batches.push(ops);
    }
    const pending: Promise<void>[] = [];
    batches.forEach((ops, i) => {
      pending.push(store.apply(ops));
      if (i % 7 === 0) pending.push(store.compact());
      if (i % 11 === 0) pending.push(store.flush());
    });
    await Promise.all(pending);
    await store.flush();
    expectStoreEquals(store, expected);
    expect(store.lastError).toBeNull();
    await store.close();
    expect((await indexFiles(root)).filter((f) => f.endsWith(".tmp") || f.startsWith("wal-"))).toEqual([]);
    expectStoreEquals((await openAt()).store, expected);
  });

  test("WAL appends do not wait for a compaction, and changes made during one survive it and a crash", async () => {
    const random = seeded(16);
    const inner = storageAt(root);
    let release: () => void = () => undefined;
    let gate: Promise<void> | null = null;
    let shardWrites = 0;
    // Shard saves block on the gate after the first one; everything else goes straight through.
    const gated: IndexStorage = {
      read: (p) => inner.read(p),
      remove: (p) => inner.remove(p),
      list: (d) => inner.list(d),
      mkdir: (d) => inner.mkdir(d),
      rename: (a, b) => inner.rename(a, b),
      async write(p, bytes) {
        if (p.endsWith(".aspshard") && ++shardWrites > 1 && gate) await gate;
        await inner.write(p, bytes);
      },
    };
    const { store } = await VectorStore.open(gated, INDEX_DIR, { ...CONFIG, compactAfterChunks: 1_000_000 });
    open.push(store);
    const expected = new ExpectedIndex();
    const first = Array.from({ length: 30 }, (_, i) => put(makeNote(`N/${i}.md`, 2, DIMS, random)));
    await store.apply(first);
    expected.apply(first);
    gate = new Promise((resolve) => (release = resolve));
    const compaction = store.compact();
    while (shardWrites < 2) await new Promise((r) => setTimeout(r, 5));
    // The compaction is stuck on a shard save; edits, removals and new notes still persist.
    const during: StoreOp[] = [put(makeNote("N/0.md", 3, DIMS, random, 2)), { kind: "remove", path: "N/1.md" }, put(makeNote("N/new.md", 1, DIMS, random))];
    for (const op of during) await store.apply([op]);
    expected.apply(during);
    expectStoreEquals(store, expected);
    // A crash now: the files as they are load the acknowledged state.
    const crashCopy = await tempRoot();
    await fs.cp(path.join(root, ".ai-stack-planner"), path.join(crashCopy, ".ai-stack-planner"), { recursive: true });
    const crashed = await VectorStore.open(storageAt(crashCopy), INDEX_DIR, CONFIG);
    expect(crashed.report.damage).toBeNull();
    expectStoreEquals(crashed.store, expected);
    await fs.rm(crashCopy, { recursive: true, force: true });

    release();
    await compaction;
    expectStoreEquals(store, expected);
    expect(store.stats().walRecords).toBe(3);
    await store.close();
    expect(store.stats().walRecords).toBe(0);
    expectStoreEquals((await openAt()).store, expected);
  });

  test("a second open sees what the first persisted, without a close", async () => {
    const random = seeded(14);
    const { store } = await openAt();
    const a = makeNote("A.md", 2, DIMS, random);
    await store.apply([put(a)]);
    const expected = new ExpectedIndex();
    expected.apply([put(a)]);
    expectStoreEquals((await openAt()).store, expected);
  });
});

describe("scale", () => {
  test("100,000 chunks: written in batches, compacted, queried, reopened", async () => {
    const dims = 8;
    const random = seeded(15);
    const { store } = await openAt();
    const expectedCount = 100_000;
    const notes = 2_000;
    for (let start = 0; start < notes; start += 250) {
      const ops: StoreOp[] = [];
      for (let i = start; i < start + 250; i++) ops.push(put(makeNote(`Vault/${i}.md`, expectedCount / notes, dims, random)));
      await store.apply(ops);
    }
    await store.close();
    const { store: again, report } = await openAt();
    expect(report.damage).toBeNull();
    expect(again.stats()).toEqual({ notes, chunks: expectedCount, pendingChunks: 0, walRecords: 0 });
    const target = again.vectorsOf("Vault/1234.md")[7];
    const [hit] = again.query(target.vector, 1);
    expect(hit).toMatchObject({ path: "Vault/1234.md", hash: target.hash });
    expect(again.query(randomVector(random, dims), 8)).toHaveLength(8);
  }, 120_000);
});

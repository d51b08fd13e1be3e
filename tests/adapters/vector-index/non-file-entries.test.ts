/**
 * Entries that are not files where the index keeps a file (a folder named manifest.json, a folder
 * named like a shard, a WAL record or a temporary file): damage, moved aside into damaged-*
 * and reported like a bad file; the index keeps working and the moved entry is kept intact.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { DataAdapter } from "obsidian";
import { App } from "obsidian-test-mocks/obsidian";
import { ObsidianAdapterStorage } from "../../../src/adapters/vector-index/obsidian-storage";
import { VectorStore } from "../../../src/adapters/vector-index/store";
import { LOCK_FILE } from "../../../src/adapters/vector-index/writer-lock";
import { CONFIG, ExpectedIndex, expectStoreEquals, INDEX_DIR, indexFiles, indexPath, lockingStorageAt, makeNote, put, seeded, tempRoot } from "./store-helpers";

const DIMS = 8;
const MOVED_TO = `${INDEX_DIR}/damaged-2026-11-27T08-00-00-000Z`;
let root: string;

async function openAt() {
  return VectorStore.open(lockingStorageAt(root), INDEX_DIR, CONFIG);
}

/** An index of 12 notes, closed (manifest and shards only). */
async function builtIndex(): Promise<ExpectedIndex> {
  const random = seeded(11);
  const { store } = await openAt();
  const expected = new ExpectedIndex();
  const ops = Array.from({ length: 12 }, (_, i) => put(makeNote(`N/${i}.md`, 2, DIMS, random)));
  await store.apply(ops);
  expected.apply(ops);
  await store.close();
  return expected;
}

/** Replaces an index file by a folder holding one file (so a careless rm would lose something). */
async function folderInPlaceOf(name: string): Promise<void> {
  await fs.rm(indexPath(root, name), { force: true });
  await fs.mkdir(indexPath(root, name));
  await fs.writeFile(path.join(indexPath(root, name), "keep.txt"), "user data");
}

beforeEach(async () => {
  root = await tempRoot("ai-stack-nonfile-");
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

test("a folder named manifest.json: the whole index is moved aside with it and starts over, then works", async () => {
  await builtIndex();
  const shards = (await indexFiles(root)).filter((f) => f.startsWith("shard-"));
  await folderInPlaceOf("manifest.json");
  const { store, report } = await openAt();
  expect(report.created).toBe(true);
  expect(report.damage).toMatchObject({ wholeIndex: true, movedTo: MOVED_TO, files: ["manifest.json", ...shards] });
  expect(report.damage?.reasons[0]).toBe("manifest.json: not a file (a folder or link is where the index keeps a file)");
  expect(await fs.readFile(path.join(root, MOVED_TO, "manifest.json", "keep.txt"), "utf8")).toBe("user data");
  expect((await fs.stat(indexPath(root, "manifest.json"))).isFile()).toBe(true);
  expect(store.stats().notes).toBe(0);

  const random = seeded(12);
  const expected = new ExpectedIndex();
  const ops = [put(makeNote("A.md", 2, DIMS, random))];
  await store.apply(ops);
  expected.apply(ops);
  await store.close();
  const { store: again, report: clean } = await openAt();
  expect(clean.damage).toBeNull();
  expectStoreEquals(again, expected);
  await again.close();
});

test("a folder where a shard should be: only that shard is moved aside; saving it later works", async () => {
  const expected = await builtIndex();
  const shard = (await indexFiles(root)).find((f) => f.startsWith("shard-"))!;
  await folderInPlaceOf(shard);
  const { store, report } = await openAt();
  expect(report.damage).toMatchObject({ wholeIndex: false, movedTo: MOVED_TO, files: [shard] });
  expect(await fs.readFile(path.join(root, MOVED_TO, shard, "keep.txt"), "utf8")).toBe("user data");
  // The notes of the other shards are still there; the lost ones are written again and saved.
  const lost = [...expected.notes.keys()].filter((p) => !store.getNote(p));
  expect(lost.length).toBeGreaterThan(0);
  expect(store.stats().notes).toBe(expected.notes.size - lost.length);
  await store.apply(lost.map((p) => put(expected.notes.get(p)!)));
  await store.close();
  const { store: again, report: clean } = await openAt();
  expect(clean.damage).toBeNull();
  expectStoreEquals(again, expected);
  await again.close();
  expect((await fs.stat(indexPath(root, shard))).isFile()).toBe(true);
});

test("folders named like a WAL record, a temporary file or the lock are moved aside too", async () => {
  const expected = await builtIndex();
  for (const name of ["wal-0000000009.aspwal", "manifest.json.tmp", LOCK_FILE]) await folderInPlaceOf(name);
  await fs.mkdir(indexPath(root, "my-notes"));
  const { store, report } = await openAt();
  expect(report.damage?.files.sort()).toEqual(["manifest.json.tmp", "wal-0000000009.aspwal", LOCK_FILE].sort());
  expect(report.damage?.wholeIndex).toBe(false);
  expectStoreEquals(store, expected);
  expect(store.writeBlocker()).toBeNull();
  await store.close();
  // A folder with a name the index never uses is left alone.
  expect((await fs.stat(indexPath(root, "my-notes"))).isDirectory()).toBe(true);
});

test("on Obsidian's adapter a folder named manifest.json is moved aside the same way", async () => {
  const app = App.createConfigured__({ files: { "Notes/Keep.md": "# My note\n" } });
  const adapter: DataAdapter = app.asOriginalType__().vault.adapter;
  const storage = new ObsidianAdapterStorage(adapter);
  await adapter.mkdir(`${INDEX_DIR}/manifest.json`);
  const { store, report } = await VectorStore.open(storage, INDEX_DIR, CONFIG);
  expect(report.damage).toMatchObject({ wholeIndex: true, files: ["manifest.json"], movedTo: MOVED_TO });
  expect(await adapter.exists(`${MOVED_TO}/manifest.json`)).toBe(true);
  expect((await adapter.list(INDEX_DIR)).files).toContain(`${INDEX_DIR}/manifest.json`);
  await store.apply([put(makeNote("Notes/Keep.md", 1, DIMS, seeded(5)))]);
  await store.close();
  expect(await adapter.read("Notes/Keep.md")).toBe("# My note\n");
});

/** The vault index over Obsidian's vault adapter (the mock's in-memory adapter, with the real app's rename refusal). */
import type { DataAdapter } from "obsidian";
import { App } from "obsidian-test-mocks/obsidian";
import { ObsidianAdapterStorage } from "../../../src/adapters/vector-index/obsidian-storage";
import { VectorStore } from "../../../src/adapters/vector-index/store";
import { CONFIG, ExpectedIndex, expectStoreEquals, INDEX_DIR, makeNote, put, seeded } from "./store-helpers";

function setup() {
  const app = App.createConfigured__({ files: { "Notes/Keep.md": "# My note\n" } });
  const adapter = app.asOriginalType__().vault.adapter;
  // Obsidian's adapter refuses to rename onto an existing file; the mock silently replaces.
  const rename = adapter.rename.bind(adapter);
  const renames: [string, string][] = [];
  jest.spyOn(adapter, "rename").mockImplementation(async (from, to) => {
    if (await adapter.exists(to, true)) throw new Error("Destination file already exists!");
    renames.push([from, to]);
    return rename(from, to);
  });
  return { adapter, storage: new ObsidianAdapterStorage(adapter), renames };
}

async function filesIn(adapter: DataAdapter, dir: string): Promise<string[]> {
  return (await adapter.list(dir)).files.sort();
}

afterEach(() => {
  jest.restoreAllMocks();
});

test("the storage reads null for a missing file, writes through a temporary file and lists names", async () => {
  const { adapter, storage, renames } = setup();
  expect(await storage.read(".ai-stack-planner/index/x.bin")).toBeNull();
  expect(await storage.list(".ai-stack-planner/index")).toEqual([]);
  await storage.mkdir(".ai-stack-planner/index");
  await storage.write(".ai-stack-planner/index/x.bin", new Uint8Array([1, 2, 3]));
  await storage.write(".ai-stack-planner/index/x.bin", new Uint8Array([4, 5, 6, 7]).subarray(1));
  expect(await storage.read(".ai-stack-planner/index/x.bin")).toEqual(new Uint8Array([5, 6, 7]));
  expect(renames).toEqual([
    [".ai-stack-planner/index/x.bin.tmp", ".ai-stack-planner/index/x.bin"],
    [".ai-stack-planner/index/x.bin.tmp", ".ai-stack-planner/index/x.bin"],
  ]);
  expect(await storage.list(".ai-stack-planner/index")).toEqual(["x.bin"]);
  await storage.remove(".ai-stack-planner/index/x.bin");
  await storage.remove(".ai-stack-planner/index/x.bin");
  expect(await filesIn(adapter, ".ai-stack-planner/index")).toEqual([]);
});

test("the vector store round-trips on the vault adapter and never touches notes", async () => {
  const { adapter, storage } = setup();
  const random = seeded(21);
  const expected = new ExpectedIndex();
  const { store } = await VectorStore.open(storage, INDEX_DIR, CONFIG);
  const ops = Array.from({ length: 12 }, (_, i) => put(makeNote(`Notes/${i}.md`, 3, 8, random)));
  await store.apply(ops);
  expected.apply(ops);
  await store.apply([{ kind: "remove", path: "Notes/3.md" }]);
  expected.apply([{ kind: "remove", path: "Notes/3.md" }]);
  await store.close();
  const files = await filesIn(adapter, INDEX_DIR);
  expect(files.some((f) => f.endsWith(".tmp") || /wal-/.test(f))).toBe(false);
  expect(files).toContain(`${INDEX_DIR}/manifest.json`);
  const { store: again, report } = await VectorStore.open(storage, INDEX_DIR, CONFIG);
  expect(report).toMatchObject({ created: false, damage: null });
  expectStoreEquals(again, expected);
  expect(await adapter.read("Notes/Keep.md")).toBe("# My note\n");
});

test("a damaged shard on the adapter is moved aside into the index folder", async () => {
  const { adapter, storage } = setup();
  const { store } = await VectorStore.open(storage, INDEX_DIR, CONFIG);
  await store.apply([put(makeNote("A.md", 2, 8, seeded(22)))]);
  await store.close();
  const shard = (await filesIn(adapter, INDEX_DIR)).find((f) => f.endsWith(".aspshard"))!;
  await adapter.writeBinary(shard, new Uint8Array([1, 2, 3, 4]).buffer);
  const { store: again, report } = await VectorStore.open(storage, INDEX_DIR, CONFIG);
  expect(report.damage?.files).toEqual([shard.slice(INDEX_DIR.length + 1)]);
  expect(await filesIn(adapter, report.damage!.movedTo)).toEqual([`${report.damage!.movedTo}/${shard.slice(INDEX_DIR.length + 1)}`]);
  expect(again.stats().notes).toBe(0);
});

/**
 * The writer lock of the index folder: one writer at a time (another store, another process);
 * a second one reads but writes nothing and says who is writing; a lock whose owner died or went
 * silent is taken over; a holder whose lock was taken over stops writing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { IndexStorage } from "../../../src/adapters/vector-index/storage";
import { VectorStore } from "../../../src/adapters/vector-index/store";
import { LOCK_FILE, LOCK_REFRESH_MS, LOCK_STALE_MS } from "../../../src/adapters/vector-index/writer-lock";
import { IndexBusyError } from "../../../src/core/index/index-errors";
import { CONFIG, ExpectedIndex, expectStoreEquals, INDEX_DIR, indexPath, lockingStorageAt, makeNote, put, seeded, tempRoot } from "./store-helpers";

const DIMS = 8;
const BUSY = /^The vault index is being updated by another process \((.+)\)\. Try again when it finishes\.$/;
let root: string;
const children = new Set<ChildProcess>();
const open: VectorStore[] = [];

async function openLocked(config: Partial<typeof CONFIG> = {}) {
  const result = await VectorStore.open(lockingStorageAt(root), INDEX_DIR, { ...CONFIG, ...config });
  open.push(result.store);
  return result;
}

/** Every file under the index folder with its bytes, to prove a second writer changed nothing. */
async function folderBytes(): Promise<Record<string, string>> {
  const dir = path.join(root, INDEX_DIR);
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = (await fs.readFile(path.join(entry.parentPath, entry.name))).toString("base64");
  }
  return out;
}

async function writeLock(body: Record<string, unknown>): Promise<void> {
  await fs.mkdir(path.join(root, INDEX_DIR), { recursive: true });
  await fs.writeFile(indexPath(root, LOCK_FILE), JSON.stringify({ kind: "ai-stack-planner-index-lock", token: "other", since: "2026-11-27T07:59:00.000Z", ...body }));
}

/** Starts lock-holder.ts and resolves with its pid once it holds the index open. */
function startHolder(): Promise<{ child: ChildProcess; pid: number; role: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "lock-holder.ts"), root], { stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let out = "";
    let err = "";
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (text: string) => {
      out += text;
      const m = /^ready (\d+) (\w+)\n/.exec(out);
      if (m) resolve({ child, pid: Number(m[1]), role: m[2] });
    });
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", () => reject(new Error(`lock holder exited: ${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

beforeEach(async () => {
  root = await tempRoot("ai-stack-lock-");
});

afterEach(async () => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
  await fs.rm(root, { recursive: true, force: true });
});

test("a second store on the same folder reads the index, writes nothing and says who is writing", async () => {
  const random = seeded(1);
  const { store: writer } = await openLocked();
  const expected = new ExpectedIndex();
  const ops = [put(makeNote("A.md", 2, DIMS, random)), put(makeNote("B.md", 1, DIMS, random))];
  await writer.apply(ops);
  expected.apply(ops);
  expect(writer.writeBlocker()).toBeNull();
  const before = await folderBytes();
  expect(Object.keys(before)).toContain(LOCK_FILE);

  const { store: second, report } = await openLocked();
  expect(report).toEqual({ created: false, damage: null, staleRemoved: 0, walReplayed: 1, tempRecovered: 0 });
  expectStoreEquals(second, expected);
  const blocker = second.writeBlocker();
  expect(blocker).toBeInstanceOf(IndexBusyError);
  expect(blocker?.message).toMatch(BUSY);
  expect(blocker?.message).toContain(`process ${process.pid} since 08:00 UTC`);
  await expect(second.apply([put(makeNote("C.md", 1, DIMS, random))])).rejects.toThrow(BUSY);
  await expect(second.reset("other-model", CONFIG.chunker)).rejects.toThrow(BUSY);
  await second.close();
  expect(await folderBytes()).toEqual(before);

  // Once the writer closes, the lock is gone and the next store writes.
  await writer.close();
  expect(Object.keys(await folderBytes())).not.toContain(LOCK_FILE);
  const { store: third } = await openLocked();
  expect(third.writeBlocker()).toBeNull();
  await third.apply([put(makeNote("C.md", 1, DIMS, random))]);
});

test("another process holding the index: refused with its pid; once it is killed the lock is taken over", async () => {
  const holder = await startHolder();
  expect(holder.role).toBe("writer");
  const before = await folderBytes();
  const { store: refused } = await openLocked();
  expect(refused.writeBlocker()?.message).toMatch(BUSY);
  expect(refused.writeBlocker()?.message).toContain(`process ${holder.pid} since `);
  await refused.close();
  expect(await folderBytes()).toEqual(before);

  await killed(holder.child);
  const { store, report } = await openLocked();
  expect(report.damage).toBeNull();
  expect(store.writeBlocker()).toBeNull();
  const lock = JSON.parse(await fs.readFile(indexPath(root, LOCK_FILE), "utf8")) as { pid: number };
  expect(lock.pid).toBe(process.pid);
}, 30_000);

test("a lock left by a dead process on this host is taken over at once", async () => {
  const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
  await writeLock({ pid: dead, host: os.hostname(), confirmed: "2026-11-27T07:59:59.000Z" });
  const { store } = await openLocked();
  expect(store.writeBlocker()).toBeNull();
});

test("a lock from another host (or from Obsidian) is honoured until it has gone unconfirmed for too long", async () => {
  const now = new Date(CONFIG.now!().getTime());
  await writeLock({ pid: 4242, host: "other-host", confirmed: new Date(now.getTime() - 60_000).toISOString() });
  const { store: refused } = await openLocked();
  expect(refused.writeBlocker()?.message).toBe("The vault index is being updated by another process (process 4242 on other-host since 07:59 UTC). Try again when it finishes.");
  await refused.close();

  await writeLock({ pid: null, host: null, confirmed: new Date(now.getTime() - 60_000).toISOString() });
  const { store: refusedToo } = await openLocked();
  expect(refusedToo.writeBlocker()?.message).toContain("(Obsidian since 07:59 UTC)");
  await refusedToo.close();

  await writeLock({ pid: 4242, host: "other-host", confirmed: new Date(now.getTime() - LOCK_STALE_MS - 1000).toISOString() });
  const { store } = await openLocked();
  expect(store.writeBlocker()).toBeNull();
});

test("a holder whose lock was taken over stops writing and leaves the other writer's lock alone", async () => {
  let clock = CONFIG.now!().getTime();
  const random = seeded(3);
  const { store } = await openLocked({ now: () => new Date(clock) });
  await store.apply([put(makeNote("A.md", 1, DIMS, random))]);
  // Another writer took the lock over (this one looked dead to it).
  await writeLock({ pid: 4242, host: "other-host", confirmed: new Date(clock).toISOString() });
  clock += LOCK_REFRESH_MS + 1;
  await expect(store.apply([put(makeNote("B.md", 1, DIMS, random))])).rejects.toThrow(BUSY);
  expect(store.writeBlocker()).toBeInstanceOf(IndexBusyError);
  await store.close();
  const lock = JSON.parse(await fs.readFile(indexPath(root, LOCK_FILE), "utf8")) as { token: string };
  expect(lock.token).toBe("other");
});

test("the holder re-confirms its lock while it writes, so it does not go stale", async () => {
  let clock = CONFIG.now!().getTime();
  const random = seeded(4);
  const { store } = await openLocked({ now: () => new Date(clock) });
  clock += LOCK_REFRESH_MS + 1;
  await store.apply([put(makeNote("A.md", 1, DIMS, random))]);
  const lock = JSON.parse(await fs.readFile(indexPath(root, LOCK_FILE), "utf8")) as { since: string; confirmed: string };
  expect(lock.since).toBe("2026-11-27T08:00:00.000Z");
  expect(lock.confirmed).toBe(new Date(clock).toISOString());
});

test("a folder that refuses the lock file (read-only) still opens for reading; writes fail with the file system's error", async () => {
  const random = seeded(5);
  const { store: writer } = await openLocked();
  const expected = new ExpectedIndex();
  const ops = [put(makeNote("A.md", 2, DIMS, random))];
  await writer.apply(ops);
  expected.apply(ops);
  await writer.close();
  const before = await folderBytes();
  const inner = lockingStorageAt(root);
  const refusing: IndexStorage = {
    read: (p) => inner.read(p),
    write: (p, bytes) => inner.write(p, bytes),
    remove: (p) => inner.remove(p),
    list: (d) => inner.list(d),
    listNonFiles: (d) => inner.listNonFiles(d),
    mkdir: (d) => inner.mkdir(d),
    rename: (a, b) => inner.rename(a, b),
    lockOwner: inner.lockOwner,
    createExclusive: () => Promise.reject(Object.assign(new Error("EACCES: permission denied, open"), { code: "EACCES" })),
  };
  const { store, report } = await VectorStore.open(refusing, INDEX_DIR, CONFIG);
  expect(report.damage).toBeNull();
  expectStoreEquals(store, expected);
  expect(store.writeBlocker()).toMatchObject({ code: "EACCES" });
  await expect(store.apply([put(makeNote("B.md", 1, DIMS, random))])).rejects.toMatchObject({ code: "EACCES" });
  await store.close();
  expect(await folderBytes()).toEqual(before);
});

/**
 * Crash safety with real process deaths: a child process writing to the store is killed with
 * SIGKILL at random moments (mid-WAL write, mid-compaction, mid-rename). Every following open must
 * succeed without damage and hold exactly what was acknowledged, plus at most the whole batch that
 * was in flight; never half a batch, never a note with chunks from two versions.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { VectorStore } from "../../../src/adapters/vector-index/store";
import { CRASH_NOTES, toStoreOp, type CrashOp } from "./crash-writer";
import { CONFIG, ExpectedIndex, expectStoreEquals, INDEX_DIR, lockingStorageAt, seeded, storageAt, tempRoot } from "./store-helpers";

const WRITER = path.join(__dirname, "crash-writer.ts");
// tsx's loader in this very process (not the tsx CLI, which would run the writer in a grandchild
// that survives the kill).
const TSX_LOADER = "tsx";
const children = new Set<ReturnType<typeof spawn>>();

afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
});

interface RunLog {
  acked: CrashOp[][];
  inFlight: CrashOp[] | null;
}

/** Runs the writer until `killAfterAcks` batches are acknowledged plus a random delay, then SIGKILLs it. */
function runAndKill(root: string, seed: number, base: number, killAfterAcks: number, extraMs: number): Promise<RunLog> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX_LOADER, WRITER, root, String(seed), String(base)], { stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    const log: RunLog = { acked: [], inFlight: null };
    let buffered = "";
    let stderr = "";
    let armed = false;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      buffered += text;
      let at: number;
      while ((at = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        if (line.startsWith("begin ")) log.inFlight = JSON.parse(line.slice(6)) as CrashOp[];
        else if (line.startsWith("ack ")) {
          log.acked.push(JSON.parse(line.slice(4)) as CrashOp[]);
          log.inFlight = null;
        }
      }
      if (!armed && log.acked.length >= killAfterAcks) {
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), extraMs);
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      children.delete(child);
      if (signal !== "SIGKILL") reject(new Error(`writer exited by itself (${String(signal)}): ${stderr}`));
      else resolve(log);
    });
  });
}

test("a writer killed at random moments never leaves a damaged or mixed index", async () => {
  const root = await tempRoot("ai-stack-crash-");
  const random = seeded(99);
  const expected = new ExpectedIndex();
  try {
    for (let round = 0; round < 8; round++) {
      const log = await runAndKill(root, 1000 + round, round * 100_000, 5 + Math.floor(random() * 40), Math.floor(random() * 30));
      expect(log.acked.length).toBeGreaterThan(0);
      for (const batch of log.acked) expected.apply(batch.map(toStoreOp));

      // The check between rounds stays open (like a crashed process), so it takes no lock.
      const { store, report } = await VectorStore.open(storageAt(root), INDEX_DIR, CONFIG);
      expect(report.damage).toBeNull();
      // The batch in flight is in completely or not at all.
      const withInFlight = new ExpectedIndex();
      for (const [p, f] of expected.notes) withInFlight.notes.set(p, f);
      if (log.inFlight) withInFlight.apply(log.inFlight.map(toStoreOp));
      const matches = (candidate: ExpectedIndex): boolean => {
        try {
          expectStoreEquals(store, candidate);
          return true;
        } catch {
          return false;
        }
      };
      if (!matches(expected)) {
        expectStoreEquals(store, withInFlight);
        for (const [p, f] of withInFlight.notes) expected.notes.set(p, f);
        for (const p of [...expected.notes.keys()]) if (!withInFlight.notes.has(p)) expected.notes.delete(p);
      }
      expect(store.stats().notes).toBeLessThanOrEqual(CRASH_NOTES);
      await store.flush();
    }
    // Finally a clean close leaves only the manifest and shards (the dead writer's lock is taken over and released).
    const { store } = await VectorStore.open(lockingStorageAt(root), INDEX_DIR, CONFIG);
    expectStoreEquals(store, expected);
    await store.close();
    const files = await fs.readdir(path.join(root, INDEX_DIR));
    expect(files.filter((f) => !/^(manifest\.json|shard-\d+\.aspshard)$/.test(f))).toEqual([]);
  } finally {
    for (const child of children) child.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 200));
    await fs.rm(root, { recursive: true, force: true });
  }
}, 90_000);

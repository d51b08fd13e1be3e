/**
 * Child process of the crash test: applies random batches to the store in a loop, compacting
 * often, and reports on stdout what it starts ("begin") and what the store acknowledged ("ack").
 * The test kills it with SIGKILL at a random moment.
 *   tsx crash-writer.ts <root> <seed> <version base>
 */
import { VectorStore, type StoreOp } from "../../../src/adapters/vector-index/store";
import { CONFIG, INDEX_DIR, lockingStorageAt, makeNote, seeded } from "./store-helpers";

export const CRASH_DIMS = 24;
export const CRASH_NOTES = 60;

/** The op a line describes: a put of a deterministic note version, or a remove. */
export type CrashOp = { kind: "put"; path: string; count: number; version: number } | { kind: "remove"; path: string };

export function crashNote(path: string, count: number, version: number) {
  let seed = version * 7919;
  for (const ch of path) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return makeNote(path, count, CRASH_DIMS, seeded(seed), version);
}

export function toStoreOp(op: CrashOp): StoreOp {
  if (op.kind === "remove") return op;
  const { note, chunks } = crashNote(op.path, op.count, op.version);
  return { kind: "put", note, chunks };
}

async function main(): Promise<void> {
  const [root, seedText, baseText] = process.argv.slice(2);
  const random = seeded(Number(seedText));
  let version = Number(baseText);
  // With the writer lock: each round takes over the lock the killed writer before it left.
  const { store } = await VectorStore.open(lockingStorageAt(root), INDEX_DIR, { ...CONFIG, compactAfterChunks: 48 });
  for (;;) {
    const batch: CrashOp[] = [];
    const size = 1 + Math.floor(random() * 3);
    for (let i = 0; i < size; i++) {
      const path = `Vault/${Math.floor(random() * CRASH_NOTES)}.md`;
      if (batch.some((op) => op.path === path)) continue;
      batch.push(random() < 0.15 ? { kind: "remove", path } : { kind: "put", path, count: 1 + Math.floor(random() * 6), version: version++ });
    }
    process.stdout.write(`begin ${JSON.stringify(batch)}\n`);
    await store.apply(batch.map(toStoreOp));
    process.stdout.write(`ack ${JSON.stringify(batch)}\n`);
    if (random() < 0.1) await store.compact();
  }
}

if (require.main === module) void main();

/**
 * Child process of the writer lock tests: opens the index with the writer lock, says "ready <pid>"
 * on stdout and keeps it open until killed (a second writer in another process).
 *   tsx lock-holder.ts <root>
 */
import { VectorStore } from "../../../src/adapters/vector-index/store";
import { CONFIG, INDEX_DIR, lockingStorageAt } from "./store-helpers";

async function main(): Promise<void> {
  const [root] = process.argv.slice(2);
  const { store } = await VectorStore.open(lockingStorageAt(root), INDEX_DIR, CONFIG);
  process.stdout.write(`ready ${process.pid} ${store.writeBlocker() === null ? "writer" : "reader"}\n`);
  setInterval(() => undefined, 60_000);
}

if (require.main === module) void main();

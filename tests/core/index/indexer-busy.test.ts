/**
 * Two indexers on one vault (Obsidian and the CLI): while one holds the index, the other's writing
 * jobs stop before embedding anything with the one-line busy message, its searches still work, and
 * once the first lets go its next job opens the index afresh and catches up.
 */
import { FakeOllama } from "../../harness/fake-ollama";
import { makeTempVault, removeTempVault } from "../../harness/temp-vault";
import { openTestIndex, writeNote } from "../../harness/vault-index";

let fake: FakeOllama;
let vault: string;

beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearRequests();
  vault = await makeTempVault({ "Hardware.md": "# PC\nAn RTX 4090 with 24 GB of VRAM.\n", "Uses.md": "# Uses\nEmail replies.\n" });
});
afterEach(() => removeTempVault(vault));

test("the second indexer is refused with one line, embeds nothing, still searches, and catches up later", async () => {
  const first = openTestIndex(vault, { host: fake.url });
  expect((await first.indexer.reconcile()).complete).toBe(true);

  await writeNote(vault, "Uses.md", "# Uses\nEmail replies and coding help.\n");
  const second = openTestIndex(vault, { host: fake.url });
  fake.clearRequests();
  const refused = await second.indexer.reconcile();
  expect(refused.complete).toBe(false);
  expect(second.indexer.status.state).toBe("error");
  expect(second.indexer.status.message).toMatch(/^The vault index is being updated by another process \(process \d+ since \d\d:\d\d UTC\)\. Try again when it finishes\.$/);
  expect(second.notices()).toEqual([second.indexer.status.message]);
  expect(fake.requestsTo("/api/embed")).toEqual([]);
  expect(fake.requestsTo("/api/show")).toEqual([]);

  const hits = await second.indexer.search("RTX 4090", 1, new AbortController().signal);
  expect(hits.map((h) => h.path)).toEqual(["Hardware.md"]);

  await first.indexer.close();
  fake.clearRequests();
  const caughtUp = await second.indexer.reconcile();
  expect(caughtUp).toMatchObject({ complete: true, written: 1, unchanged: 1 });
  expect(second.indexer.status.state).toBe("idle");
  await second.indexer.close();
});

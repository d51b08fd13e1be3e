/**
 * Sync correctness as a property: after any random sequence of creates, edits, renames, deletes and
 * restarts, synced by full reconciles or by file events, the index on disk equals a fresh build
 * of the final vault (notes, content hashes, tags and chunk facts; vectors are deterministic).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { DEFAULT_EXCLUSION_RULES } from "../../../src/core/index/exclusions";
import { FakeOllama } from "../../harness/fake-ollama";
import { makeTempVault, removeTempVault } from "../../harness/temp-vault";
import { openTestIndex, pictureOf, type TestIndex } from "../../harness/vault-index";

const NAMES = ["A.md", "B.md", "Sub/C.md", "Sub/D.md", "Journal/E.md", "中文.md"];
const BODIES = [
  "# GPU\nRTX 4090 24 GB\n",
  "# GPU\nRTX 4090 24 GB\n\n# RAM\n64 GB\n",
  "# Uses\nNotes and code\n",
  "# 隐私\n本地处理，不依赖云端。\n",
  "# Secret\nhealth #private\n",
  "---\ntags: [work]\n---\n# Work\nMeetings\n",
  "",
];
const RULES = { ...DEFAULT_EXCLUSION_RULES, folders: ["Journal"] };

type Step =
  | { kind: "write"; name: string; body: string }
  | { kind: "rename"; from: string; to: string }
  | { kind: "delete"; name: string }
  | { kind: "restart" }
  | { kind: "reconcile" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("write" as const), name: fc.constantFrom(...NAMES), body: fc.constantFrom(...BODIES) }),
  fc.record({ kind: fc.constant("rename" as const), from: fc.constantFrom(...NAMES), to: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant("delete" as const), name: fc.constantFrom(...NAMES) }),
  fc.constant({ kind: "restart" as const }),
  fc.constant({ kind: "reconcile" as const }),
);

let fake: FakeOllama;
beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

test("any sequence of changes and restarts leaves the index equal to a fresh build", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), fc.boolean(), async (steps, useEvents) => {
      const vault = await makeTempVault({ "A.md": BODIES[0], "Sub/C.md": BODIES[2] });
      const fresh = await makeTempVault();
      // Each write gets a later mtime, as a real clock would give it between saves.
      let clock = Date.now() / 1000;
      let index: TestIndex = openTestIndex(vault, { host: fake.url, rules: RULES, batchSize: 3 });
      try {
        await index.indexer.reconcile();
        for (const s of steps) {
          const changed: string[] = [];
          if (s.kind === "write") {
            const file = path.join(vault, s.name);
            await fs.mkdir(path.dirname(file), { recursive: true });
            await fs.writeFile(file, s.body);
            clock += 2;
            await fs.utimes(file, clock, clock);
            changed.push(s.name);
          } else if (s.kind === "rename") {
            const from = path.join(vault, s.from);
            if (s.from === s.to || !(await exists(from)) || (await exists(path.join(vault, s.to)))) continue;
            await fs.mkdir(path.dirname(path.join(vault, s.to)), { recursive: true });
            await fs.rename(from, path.join(vault, s.to));
            changed.push(s.from, s.to);
          } else if (s.kind === "delete") {
            if (!(await exists(path.join(vault, s.name)))) continue;
            await fs.rm(path.join(vault, s.name));
            changed.push(s.name);
          } else if (s.kind === "restart") {
            await index.indexer.close();
            index = openTestIndex(vault, { host: fake.url, rules: RULES, batchSize: 3 });
            await index.indexer.reconcile();
            continue;
          } else {
            await index.indexer.reconcile();
            continue;
          }
          const summary = useEvents ? await index.indexer.notesChanged(changed) : await index.indexer.reconcile();
          expect(summary?.complete ?? true).toBe(true);
        }
        await index.indexer.close();

        for (const name of NAMES) {
          const source = path.join(vault, name);
          if (!(await exists(source))) continue;
          await fs.mkdir(path.dirname(path.join(fresh, name)), { recursive: true });
          await fs.copyFile(source, path.join(fresh, name));
        }
        const build = openTestIndex(fresh, { host: fake.url, rules: RULES, batchSize: 3 });
        await build.indexer.reconcile();
        await build.indexer.close();
        expect(await pictureOf(vault)).toEqual(await pictureOf(fresh));
      } finally {
        await index.indexer.close();
        await removeTempVault(vault);
        await removeTempVault(fresh);
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
  );
}, 600_000);

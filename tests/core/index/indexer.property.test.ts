/**
 * Sync correctness as a property: after any random sequence of creates, edits, renames, deletes and
 * restarts, synced by full reconciles or by file events, the index equals a fresh build of the
 * final vault (notes, content hashes, tags and chunk facts; vectors are deterministic).
 * The core indexer and the real sharded store run over in-memory notes, storage and embedder
 * (tests/harness/memory-ports.ts), so many sequences are cheap; the same parts over a temp folder
 * and the fake Ollama server are tested in indexer.test.ts and the CLI tests.
 */
import fc from "fast-check";
import { DEFAULT_EXCLUSION_RULES } from "../../../src/core/index/exclusions";
import { HashEmbedder, MemoryNoteSource, MemoryStorage, memoryPicture, openMemoryIndex, type MemoryIndex } from "../../harness/memory-ports";

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

const open = (source: MemoryNoteSource, storage: MemoryStorage, embedder: HashEmbedder): MemoryIndex => openMemoryIndex(source, storage, { embedder, rules: RULES, batchSize: 3 });

test("any sequence of changes and restarts leaves the index equal to a fresh build", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), fc.boolean(), async (steps, useEvents) => {
      const vault = new MemoryNoteSource({ "A.md": BODIES[0], "Sub/C.md": BODIES[2] });
      const storage = new MemoryStorage();
      const embedder = new HashEmbedder();
      let index = open(vault, storage, embedder);
      try {
        await index.indexer.reconcile();
        for (const s of steps) {
          const changed: string[] = [];
          if (s.kind === "write") {
            vault.write(s.name, s.body);
            changed.push(s.name);
          } else if (s.kind === "rename") {
            if (s.from === s.to || !vault.has(s.from) || vault.has(s.to)) continue;
            vault.rename(s.from, s.to);
            changed.push(s.from, s.to);
          } else if (s.kind === "delete") {
            if (!vault.has(s.name)) continue;
            vault.remove(s.name);
            changed.push(s.name);
          } else if (s.kind === "restart") {
            await index.indexer.close();
            index = open(vault, storage, embedder);
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

        const fresh = new MemoryStorage();
        const build = open(new MemoryNoteSource(vault.files()), fresh, new HashEmbedder());
        await build.indexer.reconcile();
        await build.indexer.close();
        expect(await memoryPicture(storage)).toEqual(await memoryPicture(fresh));
      } finally {
        await index.indexer.close();
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) },
  );
}, 600_000);

/**
 * The lexical (BM25) index lives in the same shard and WAL records as the vectors. After any
 * sequence of puts, renames, removals, compactions and reopenings on real files, its answers must
 * equal those of an index built fresh from the final notes.
 */
import fc from "fast-check";
import { promises as fs } from "node:fs";
import { termBagOf, queryTerms } from "../../../src/core/index/lexical";
import type { LexicalHit } from "../../../src/core/index/index-ports";
import type { StoreOp, VectorStore } from "../../../src/adapters/vector-index/store";
import type { ChunkWithVector, NoteMeta } from "../../../src/adapters/vector-index/vectra-shard";
import { openStore, randomVector, seeded, tempRoot } from "./store-helpers";

const WORDS = ["gpu", "memory", "backup", "restic", "laptop", "sleep", "pasta", "tomato", "显卡", "显存", "备份", "睡眠", "router", "printer"];
const QUERIES = ["gpu memory", "backup restic", "显卡显存", "sleep laptop", "pasta tomato printer", "备份"];
const DIMS = 8;

type Action = { kind: "put"; note: number; words: number[][] } | { kind: "rename"; from: number; to: number } | { kind: "remove"; note: number } | { kind: "compact" } | { kind: "reopen" };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("put" as const), note: fc.integer({ min: 0, max: 7 }), words: fc.array(fc.array(fc.integer({ min: 0, max: WORDS.length - 1 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rename" as const), from: fc.integer({ min: 0, max: 7 }), to: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), note: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "compact" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "reopen" as const }) },
);

function noteOp(path: string, texts: string[], version: number, random: () => number, replaces?: string): StoreOp {
  const chunks: ChunkWithVector[] = texts.map((text, ord) => ({ ord, hash: `${path}-${version}-${ord}`, start: ord, end: ord, headingPath: [], terms: termBagOf(text), vector: randomVector(random, DIMS) }));
  const note: NoteMeta = { path, mtime: version, size: version, contentHash: `c${version}`, tags: [], chunkCount: chunks.length };
  return replaces === undefined ? { kind: "put", note, chunks } : { kind: "put", note, chunks, replaces };
}

/** Hits in a canonical order (ties in score may come in any order). */
function canonical(hits: LexicalHit[]): string[] {
  return hits.map((h) => `${h.score.toFixed(9)} ${h.coverage.toFixed(9)} ${h.path} ${h.ord}`).sort();
}

async function answers(store: VectorStore): Promise<string[][]> {
  await Promise.resolve();
  return QUERIES.map((q) => canonical(store.queryLexical(queryTerms(q), 1000)));
}

describe("lexical index", () => {
  it("after random edits, compactions and reopenings answers like a fresh build", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), fc.integer(), async (actions, seed) => {
        const random = seeded(seed);
        const root = await tempRoot();
        const fresh = await tempRoot();
        try {
          let { store } = await openStore(root, { compactAfterChunks: 1_000_000, shards: 4 });
          const model = new Map<string, { texts: string[]; version: number }>();
          let version = 0;
          for (const a of actions) {
            if (a.kind === "put") {
              const path = `n${a.note}.md`;
              const texts = a.words.map((ws) => ws.map((w) => WORDS[w]).join(" "));
              version++;
              await store.apply([noteOp(path, texts, version, random)]);
              model.set(path, { texts, version });
            } else if (a.kind === "rename") {
              const from = `n${a.from}.md`;
              const to = `n${a.to}.md`;
              const known = model.get(from);
              if (!known || from === to) continue;
              version++;
              await store.apply([noteOp(to, known.texts, version, random, from)]);
              model.delete(from);
              model.set(to, { texts: known.texts, version });
            } else if (a.kind === "remove") {
              await store.apply([{ kind: "remove", path: `n${a.note}.md` }]);
              model.delete(`n${a.note}.md`);
            } else if (a.kind === "compact") await store.compact();
            else {
              await store.close();
              ({ store } = await openStore(root, { compactAfterChunks: 1_000_000, shards: 4 }));
            }
          }
          const { store: built } = await openStore(fresh, { shards: 4 });
          if (model.size > 0) await built.apply([...model].map(([path, { texts, version: v }]) => noteOp(path, texts, v, random)));
          await built.compact();
          expect(await answers(store)).toEqual(await answers(built));
          await store.close();
          await built.close();
        } finally {
          await fs.rm(root, { recursive: true, force: true });
          await fs.rm(fresh, { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  });

  it("finds Chinese words inside longer text and keeps nothing but the term bag", async () => {
    const root = await tempRoot();
    try {
      const { store } = await openStore(root);
      const random = seeded(1);
      await store.apply([noteOp("zh.md", ["台式机用的是 RTX 3090，24 GB 显存"], 1, random), noteOp("en.md", ["The desktop has an RTX 3090 with 24 GB of VRAM"], 1, random)]);
      expect(store.queryLexical(queryTerms("显存多大"), 5).map((h) => h.path)).toEqual(["zh.md"]);
      expect(store.queryLexical(queryTerms("3090"), 5).map((h) => h.path).sort()).toEqual(["en.md", "zh.md"]);
      await store.close();
      // On disk the chunk's words are only its term bag (sorted distinct terms), never the text.
      const files = await fs.readdir(`${root}/.ai-stack-planner/index`);
      const bytes = await Promise.all(files.filter((f) => f.startsWith("shard-")).map((f) => fs.readFile(`${root}/.ai-stack-planner/index/${f}`, "latin1")));
      const all = Buffer.from(bytes.join(""), "latin1").toString("utf8");
      expect(all).toContain(termBagOf("The desktop has an RTX 3090 with 24 GB of VRAM"));
      expect(all).not.toContain("The desktop has");
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});

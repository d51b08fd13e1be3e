/** Fusion, grouping per note and the relevance floor (pure). */
import { fuseRankings, groupByNote, isRelevant } from "../../../src/core/index/hybrid-search";
import type { IndexHit, LexicalHit } from "../../../src/core/index/index-ports";

const hit = (path: string, ord: number, score: number): IndexHit => ({ path, ord, hash: `${path}${ord}`, headingPath: [], startLine: ord, endLine: ord, score });
const lex = (path: string, ord: number, score: number, coverage: number): LexicalHit => ({ ...hit(path, ord, score), coverage });

test("a chunk both rankings found beats chunks only one found; each keeps its evidence", () => {
  const fused = fuseRankings([hit("a.md", 0, 0.8), hit("b.md", 0, 0.7)], [lex("b.md", 0, 5, 0.9), lex("c.md", 0, 4, 0.9)]);
  expect(fused.map((h) => h.path)).toEqual(["b.md", "c.md", "a.md"]);
  expect(fused[0]).toMatchObject({ cosine: 0.7, bm25: 5, coverage: 0.9 });
});

test("a lexical match on a rare name outweighs one on a common word at the same rank", () => {
  const rare = fuseRankings([hit("x.md", 0, 0.5)], [lex("moby.md", 0, 9, 0.8)]);
  const common = fuseRankings([hit("x.md", 0, 0.5)], [lex("meditations.md", 0, 2, 0.1)]);
  expect(rare[0].path).toBe("moby.md");
  expect(common[0].path).toBe("x.md");
});

test("one mode alone uses only its ranking", () => {
  expect(fuseRankings([hit("a.md", 0, 0.8)], [lex("b.md", 0, 5, 1)], "vector").map((h) => h.path)).toEqual(["a.md"]);
  expect(fuseRankings([hit("a.md", 0, 0.8)], [lex("b.md", 0, 5, 1)], "lexical").map((h) => h.path)).toEqual(["b.md"]);
});

test("one entry per note: its best chunk first, the others under it", () => {
  const groups = groupByNote([hit("a.md", 2, 0.9), hit("b.md", 0, 0.8), hit("a.md", 0, 0.7), hit("a.md", 1, 0.6)]);
  expect(groups.map((g) => [g.best.path, g.best.ord, g.more.map((m) => m.ord)])).toEqual([
    ["a.md", 2, [0, 1]],
    ["b.md", 0, []],
  ]);
});

test("the floor: enough matched words, or cosine and words together close to the best", () => {
  expect(isRelevant({ coverage: 0.6 }, null)).toBe(true);
  expect(isRelevant({ cosine: 0.55 }, { best: 0.6 })).toBe(true);
  expect(isRelevant({ cosine: 0.3, coverage: 0.1 }, { best: 0.6 })).toBe(false);
  expect(isRelevant({ cosine: 0.2 }, { best: 0.2 })).toBe(false);
  expect(isRelevant({}, { best: 0.9 })).toBe(false);
});

/**
 * BM25 over the chunks' term bags, beside the vectors. The bags are stored in the same shard and
 * WAL records as the vectors (one more field per chunk), so the lexical index is written, logged,
 * compacted, recovered and moved aside with them under the same lock and atomic writes; nothing
 * else is on disk. In memory, a shard's postings are built term by term, the first time a query
 * asks for a term after the shard changed, by finding it in the stored bags (no bag is parsed
 * whole: building every posting up front took 3.5 s of a one-shot CLI search at 50,000 chunks).
 * Opening the index costs what it did; pending (WAL) changes are scored directly.
 *
 * Scores are exact BM25 (k1 1.2, b 0.75) over the index as it is now: rows hidden by a pending
 * change are left out of the counts, so the answer equals a fresh build's (a property test holds it).
 */
import { parseTermBag, termBagLength, termCount } from "../../core/index/lexical";
import type { LexicalHit } from "../../core/index/index-ports";
import { TopK, type SearchSpace } from "./scoring";
import type { Row, Shard } from "./vectra-shard";

const K1 = 1.2;
const B = 0.75;

/** A shard's inverted index, filled term by term: for each term asked for, its rows and counts (interleaved). */
class Postings {
  private readonly byTerm = new Map<string, number[]>();
  readonly lengths: Float64Array;
  totalLength = 0;

  constructor(private readonly rows: readonly Row[]) {
    this.lengths = new Float64Array(rows.length);
    rows.forEach((row, i) => {
      const length = row.terms ? termBagLength(row.terms) : 0;
      this.lengths[i] = length;
      this.totalLength += length;
    });
  }

  /** The rows holding `term` with its count in each, as [row, count, row, count, …]. */
  get(term: string): number[] {
    let list = this.byTerm.get(term);
    if (!list) {
      list = [];
      this.rows.forEach((row, i) => {
        const n = row.terms ? termCount(row.terms, term) : 0;
        if (n > 0) list?.push(i, n);
      });
      this.byTerm.set(term, list);
    }
    return list;
  }
}

const cache = new WeakMap<readonly Row[], Postings>();

function postingsOf(shard: Shard): Postings {
  let p = cache.get(shard.rows);
  if (!p) {
    p = new Postings(shard.rows);
    cache.set(shard.rows, p);
  }
  return p;
}

interface PendingDoc {
  path: string;
  chunk: { ord: number; hash: string; start: number; end: number; headingPath: string[] };
  counts: Map<string, number>;
  length: number;
}

/** The `k` best chunks for `terms` by BM25, with how much of the query's weight each matched. */
export function queryLexical(space: SearchSpace, terms: readonly string[], k: number): LexicalHit[] {
  if (terms.length === 0 || k <= 0) return [];
  const masked = (shard: Shard, row: number) => space.overlay.has(shard.rows[row].path);
  const maskedShards = new Set<Shard>();
  for (const path of space.overlay.keys()) maskedShards.add(space.shardOf(path));

  // Collection statistics over what is visible now: committed rows not hidden by a pending change, plus pending chunks.
  let docs = 0;
  let totalLength = 0;
  const df = new Map<string, number>(terms.map((t) => [t, 0]));
  const shards = space.shards.filter((s) => s.rows.length > 0);
  const postings = shards.map(postingsOf);
  shards.forEach((shard, s) => {
    const p = postings[s];
    docs += shard.rows.length;
    totalLength += p.totalLength;
    if (maskedShards.has(shard)) {
      for (const path of space.overlay.keys()) {
        if (space.shardOf(path) !== shard) continue;
        for (const i of shard.rowsByPath.get(path) ?? []) {
          docs--;
          totalLength -= p.lengths[i];
        }
      }
    }
    for (const term of terms) {
      const list = p.get(term);
      let n = list.length / 2;
      if (maskedShards.has(shard)) for (let j = 0; j < list.length; j += 2) if (masked(shard, list[j])) n--;
      df.set(term, (df.get(term) ?? 0) + n);
    }
  });
  const pending: PendingDoc[] = [];
  for (const [path, change] of space.overlay) {
    for (const chunk of change?.chunks ?? []) {
      const bag = parseTermBag(chunk.terms ?? "");
      docs++;
      totalLength += bag.length;
      const counts = new Map<string, number>();
      bag.terms.forEach((t, i) => counts.set(t, bag.counts[i]));
      for (const term of terms) if (counts.has(term)) df.set(term, (df.get(term) ?? 0) + 1);
      pending.push({ path, chunk, counts, length: bag.length });
    }
  }
  if (docs === 0) return [];
  const avgLength = totalLength / docs || 1;
  const idf = new Map(terms.map((t) => [t, Math.log(1 + (docs - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5))]));
  const totalIdf = terms.reduce((sum, t) => sum + (idf.get(t) ?? 0), 0);
  const weight = (tf: number, length: number) => (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avgLength));

  type Item = { shard: Shard | null; row: number; doc?: PendingDoc; matched: number };
  const top = new TopK<Item>(k);
  shards.forEach((shard, s) => {
    const p = postings[s];
    const scores = new Map<number, { score: number; matched: number }>();
    for (const term of terms) {
      const list = p.get(term);
      const w = idf.get(term) ?? 0;
      for (let j = 0; j < list.length; j += 2) {
        const row = list[j];
        const entry = scores.get(row) ?? { score: 0, matched: 0 };
        entry.score += w * weight(list[j + 1], p.lengths[row]);
        entry.matched += w;
        scores.set(row, entry);
      }
    }
    const check = maskedShards.has(shard);
    for (const [row, { score, matched }] of scores) if (!(check && masked(shard, row))) top.push(score, { shard, row, matched });
  });
  for (const doc of pending) {
    let score = 0;
    let matched = 0;
    for (const term of terms) {
      const tf = doc.counts.get(term);
      if (!tf) continue;
      const w = idf.get(term) ?? 0;
      score += w * weight(tf, doc.length);
      matched += w;
    }
    if (score > 0) top.push(score, { shard: null, row: -1, doc, matched });
  }
  const hits: LexicalHit[] = [];
  const items = top.items;
  const scores = top.scores;
  for (let i = items.length - 1; i >= 0; i--) {
    const { shard, row, doc, matched } = items[i];
    const c = doc ? { path: doc.path, ...doc.chunk } : shard ? { ...shard.rows[row] } : null;
    if (!c) continue;
    hits.push({ path: c.path, ord: c.ord, hash: c.hash, headingPath: c.headingPath, startLine: c.start, endLine: c.end, score: scores[i], coverage: totalIdf > 0 ? matched / totalIdf : 0 });
  }
  return hits;
}

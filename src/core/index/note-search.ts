/**
 * Search over the vault index (pure): embeds the question, asks the store for its vector and BM25
 * rankings, fuses them, and returns one result per note with the chunk texts as the notes hold
 * them now. Notes that are gone or now excluded are skipped, so a rule added a moment ago
 * already applies. Every result says whether it passes the relevance floor.
 */
import { analyzeNote, splitLines, type ChunkOptions, type YamlParse } from "./chunking";
import { excludedNote, type ExclusionRules } from "./exclusions";
import { CANDIDATES_PER_RANKING, cosineSpread, fuseRankings, groupByNote, isRelevant, noteEvidence, type FusedHit, type SearchMode } from "./hybrid-search";
import { embedErrors } from "./index-errors";
import type { Embedder, IndexHit, IndexStorePort, LexicalHit, NoteSource } from "./index-ports";
import { queryTerms } from "./lexical";
import { sameModel } from "../shared/model-name";
import type { RetrievedChunk } from "./retrieval";

/** A chunk found by search, with its text as it is in the note now. */
export interface IndexSearchChunk extends IndexHit {
  text: string;
  /** Cosine similarity and BM25 evidence, when that ranking found the chunk. */
  cosine?: number;
  coverage?: number;
}

/** One note found by search: its best chunk (the fields), its other matching chunks under it. */
export interface IndexSearchResult extends IndexSearchChunk {
  /** The note's other matching chunks, best first. */
  more: IndexSearchChunk[];
  /** False when the note is below the relevance floor: shown in search, never sent to a model. */
  relevant: boolean;
}

/** What a search reads. */
export interface SearchContext {
  store: IndexStorePort;
  embedder: Embedder;
  source: NoteSource;
  rules: ExclusionRules;
  chunkOptions: ChunkOptions;
  /** The injected YAML parser: a note whose properties it cannot read is treated as excluded. */
  parseYaml: YamlParse;
}

/** The best `k` notes for `query`, best first. */
export async function searchNotes(ctx: SearchContext, query: string, k: number, signal: AbortSignal, mode: SearchMode = "hybrid"): Promise<IndexSearchResult[]> {
  const text = query.trim();
  const { store, embedder } = ctx;
  if (text === "" || k <= 0 || store.stats().chunks === 0) return [];
  let vectorHits: IndexHit[] = [];
  if (mode !== "lexical" || !store.queryLexical) {
    if (!sameModel(store.model, embedder.model)) throw embedErrors.otherModel(store.model, embedder.model);
    const [vector] = await embedder.embed([text], signal, "query");
    if (!vector) return [];
    if (store.dims !== 0 && vector.length !== store.dims) throw embedErrors.wrongDimensions(embedder.model, vector.length, store.dims);
    vectorHits = store.query(vector, Math.max(CANDIDATES_PER_RANKING, k * 3));
  }
  const lexicalHits: LexicalHit[] = mode !== "vector" && store.queryLexical ? store.queryLexical(queryTerms(text), Math.max(CANDIDATES_PER_RANKING, k * 3)) : [];
  const fused = fuseRankings(vectorHits, lexicalHits, store.queryLexical ? mode : "vector");
  const spread = cosineSpread(vectorHits);

  const notes = new Map<string, string[] | null>();
  const results: IndexSearchResult[] = [];
  for (const group of groupByNote(fused)) {
    if (results.length >= k) break;
    const lines = await noteLines(ctx, group.best.path, notes);
    if (!lines) continue;
    const chunks = [group.best, ...group.more].map((hit) => withText(hit, lines)).filter((c): c is IndexSearchChunk => c !== null);
    if (chunks.length === 0) continue;
    const [best, ...more] = chunks;
    results.push({ ...best, more, relevant: isRelevant(noteEvidence(group), spread) });
  }
  return results;
}

/** The note's lines, or null when it is gone or excluded (memoised per search). */
async function noteLines(ctx: SearchContext, path: string, memo: Map<string, string[] | null>): Promise<string[] | null> {
  if (memo.has(path)) return memo.get(path) ?? null;
  const content = await ctx.source.read(path);
  const lines = content === null || excludedNote(path, analyzeNote(path, content, ctx.chunkOptions, ctx.parseYaml).metadata, ctx.rules) !== null ? null : splitLines(content);
  memo.set(path, lines);
  return lines;
}

function withText(hit: FusedHit, lines: readonly string[]): IndexSearchChunk | null {
  const text = lines.slice(hit.startLine, hit.endLine + 1).join("\n").trim();
  if (text === "") return null;
  const chunk: IndexSearchChunk = { path: hit.path, ord: hit.ord, hash: hit.hash, headingPath: hit.headingPath, startLine: hit.startLine, endLine: hit.endLine, score: hit.score, text };
  if (hit.cosine !== undefined) chunk.cosine = hit.cosine;
  if (hit.coverage !== undefined) chunk.coverage = hit.coverage;
  return chunk;
}

/** Search results as retrieval input for a prompt: each note's chunks, best note first, with the floor's verdict. */
export function retrievedChunks(results: readonly IndexSearchResult[], perNote = 3): RetrievedChunk[] {
  return results.flatMap((r) =>
    [r, ...r.more].slice(0, perNote).map((c): RetrievedChunk => ({ path: c.path, headingPath: c.headingPath, text: c.text, score: c.score, startLine: c.startLine, relevant: r.relevant })),
  );
}

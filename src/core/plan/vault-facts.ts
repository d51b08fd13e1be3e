/**
 * What the vault is, for the offline draft's memory layer: how many notes, in which languages,
 * and how large its vector index would be.
 *
 * - `vaultFacts(notes)`: counts from the notes' text.
 * - `indexEstimate(facts, dimensions)`: chunks and megabytes of the index.
 * - `readVaultFacts(source, skip)`: the counts for a vault's notes.
 */
import type { NoteSource } from "../index/index-ports";

/** Counts that decide the memory layer. */
export interface VaultFacts {
  notes: number;
  /** Notes mostly written in Chinese (or Japanese) script. */
  cjkNotes: number;
  /** Estimated tokens in all notes (English ~4 characters a token, CJK ~1). */
  tokens: number;
  /** Estimated chunks of at most 400 tokens, as the indexer cuts them (at least one per note). */
  chunks: number;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/g;
/** Tokens per chunk the indexer aims at, a little under its 400-token limit (headings cut early). */
const TOKENS_PER_CHUNK = 320;

/** Counts for a set of notes (their Markdown text). */
export function vaultFacts(notes: Iterable<{ text: string }>): VaultFacts {
  const facts: VaultFacts = { notes: 0, cjkNotes: 0, tokens: 0, chunks: 0 };
  for (const note of notes) {
    const cjk = note.text.match(CJK)?.length ?? 0;
    const other = note.text.replace(CJK, "").replace(/\s+/g, " ").length;
    const tokens = cjk + Math.ceil(other / 4);
    facts.notes += 1;
    // A note is "in Chinese" when its CJK characters carry most of its tokens.
    if (cjk > tokens / 2) facts.cjkNotes += 1;
    facts.tokens += tokens;
    facts.chunks += Math.max(1, Math.ceil(tokens / TOKENS_PER_CHUNK));
  }
  return facts;
}

/** Bytes stored per chunk besides its vector: path, heading, offsets, text excerpt. */
const METADATA_BYTES = 700;

/** The size of the vault's index with vectors of `dimensions` float32 numbers. */
export function indexEstimate(facts: VaultFacts, dimensions: number): { chunks: number; megabytes: number } {
  return { chunks: facts.chunks, megabytes: (facts.chunks * (dimensions * 4 + METADATA_BYTES)) / 1e6 };
}

/** Notes read at most to count a vault; a larger vault is extrapolated from them. */
const MAX_NOTES_READ = 3000;

/** Counts for the notes `source` lists, leaving out those `skip` names (the plans folder). */
export async function readVaultFacts(source: Pick<NoteSource, "list" | "read">, skip: (path: string) => boolean = () => false): Promise<VaultFacts> {
  const paths = (await source.list()).map((file) => file.path).filter((path) => !skip(path));
  const sample = paths.length <= MAX_NOTES_READ ? paths : paths.filter((_, i) => i % Math.ceil(paths.length / MAX_NOTES_READ) === 0);
  const texts: { text: string }[] = [];
  for (const path of sample) texts.push({ text: (await source.read(path)) ?? "" });
  const facts = vaultFacts(texts);
  if (sample.length === paths.length || sample.length === 0) return facts;
  const scale = paths.length / sample.length;
  return { notes: paths.length, cjkNotes: Math.round(facts.cjkNotes * scale), tokens: Math.round(facts.tokens * scale), chunks: Math.round(facts.chunks * scale) };
}

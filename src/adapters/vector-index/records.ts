/**
 * The record tuples of the index files, encoded in one place: a note is one tuple in a shard's
 * note table and in a WAL record; a chunk's facts are one tuple in a WAL record and the middle of
 * a shard item. Keeping both files on these helpers keeps their formats from drifting apart.
 */
import type { StoredChunk, StoredNote } from "../../core/index/index-ports";

/** [path, mtime, size, contentHash, tags joined by spaces, chunkCount]. */
export type NoteTuple = [string, number, number, string, string, number];

/** [ord, hash, start line, end line, heading path joined by U+001F]. */
export type ChunkTuple = [number, string, number, number, string];

/** Separates heading levels in a stored heading path (never typed in a heading). */
export const HEADING_SEP = "\u001f";

/** A note's facts as a tuple. */
export function noteTuple(n: StoredNote): NoteTuple {
  return [n.path, n.mtime, n.size, n.contentHash, n.tags.join(" "), n.chunkCount];
}

/** A note's facts from its tuple. */
export function noteFromTuple([path, mtime, size, contentHash, tags, chunkCount]: NoteTuple): StoredNote {
  return { path, mtime, size, contentHash, tags: tags === "" ? [] : tags.split(" "), chunkCount };
}

/** A chunk's facts as a tuple. */
export function chunkTuple(c: StoredChunk): ChunkTuple {
  return [c.ord, c.hash, c.start, c.end, c.headingPath.join(HEADING_SEP)];
}

/** The stored heading string as a heading path. */
export function headingPathOf(heading: string): string[] {
  return heading === "" ? [] : heading.split(HEADING_SEP);
}

/** A chunk's facts from its tuple. */
export function chunkFromTuple([ord, hash, start, end, heading]: ChunkTuple): StoredChunk {
  return { ord, hash, start, end, headingPath: headingPathOf(heading) };
}

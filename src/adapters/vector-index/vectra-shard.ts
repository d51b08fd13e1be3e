/**
 * One shard of the index: a vectra `LocalIndex` holding the chunks of the notes whose path hashes
 * to it, saved through a raw-float32 `IndexCodec` and an atomic `FileStorage` over `IndexStorage`.
 *
 * vectra keeps the items and writes the file on `endUpdate`; this class adds what vectra has no
 * place for: the shard's note table (stat, content hash and tags of every note, including notes
 * without chunks), the index identity check, and one contiguous Float32Array of the shard's
 * vectors for fast brute-force search (vectra's own `queryItems` is not used, see decision 0003).
 */
import { LocalIndex, type FileDetails, type FileStorage, type IndexCodec, type IndexData, type IndexItem, type MetadataTypes } from "vectra";
import type { StoredChunk, StoredChunkWithVector, StoredNote } from "../../core/index/index-ports";
import { decodeContainer, DamagedFileError, encodeContainer, vectorsOf } from "./container";
import { chunkTuple, HEADING_SEP, headingPathOf, noteFromTuple, noteTuple, type ChunkTuple, type NoteTuple } from "./records";
import { baseName, dirName, joinPath, type IndexStorage } from "./storage";

export const SHARD_MAGIC = "ASPS";
export const SHARD_EXTENSION = ".aspshard";

/** Per-note facts kept in the shard next to its chunks (the core's port type). */
export type NoteMeta = StoredNote;

/** Per-chunk facts, everything but the vector (the core's port type). */
export type ChunkMeta = StoredChunk;

/** A chunk row of a shard: its note, its facts, its norm; the vector is row `i` of the matrix. */
export interface Row extends ChunkMeta {
  path: string;
  norm: number;
}

/** Who the shard belongs to; a shard of another index (an old rebuild, another model) is stale. */
export interface ShardIdentity {
  indexId: string;
  model: string;
  chunker: string;
}

/** A shard file that belongs to another index generation: removed, not reported as damage. */
export class StaleShardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StaleShardError";
  }
}

/** A shard item: the index of its note in the note table, the chunk's tuple, the vector's norm. */
type ItemTuple = [number, ...ChunkTuple, number];

interface ShardHeader {
  kind: "shard";
  indexId: string;
  model: string;
  chunker: string;
  shard: number;
  notes: NoteTuple[];
  items: ItemTuple[];
}

export function itemId(path: string, ord: number): string {
  return `${path}\u0000${ord}`;
}

function metaOf(item: IndexItem): Row {
  const m = item.metadata;
  const heading = String(m.heading ?? "");
  return {
    path: String(m.path),
    ord: Number(m.ord),
    hash: String(m.hash),
    start: Number(m.start),
    end: Number(m.end),
    headingPath: headingPathOf(heading),
    norm: item.norm,
  };
}

export function itemMetadata(path: string, chunk: ChunkMeta): Record<string, MetadataTypes> {
  return { path, ord: chunk.ord, hash: chunk.hash, start: chunk.start, end: chunk.end, heading: chunk.headingPath.join(HEADING_SEP) };
}

/** vectra's IndexItem types vectors as number[]; ours are Float32Array views (read-only use). */
function asVectraVector(v: Float32Array): number[] {
  return v as unknown as number[];
}

/** vectra types file contents as Buffer; ours are plain Uint8Arrays (no Buffer on mobile). */
function asBuffer(bytes: Uint8Array): Buffer {
  return bytes as unknown as Buffer;
}

/**
 * The shard's `IndexCodec`: the whole `IndexData` as one container (note table and item facts as
 * compact JSON, vectors as raw float32, one checksum). ~3.1 KB per 768-dim chunk instead of ~10 KB.
 * vectra hands it the full item list on every `endUpdate`; the note table comes from `notes`.
 */
export class ShardCodec implements IndexCodec {
  readonly extension = SHARD_EXTENSION;
  /** The note table to write with the next `serializeIndex`. */
  notes: ReadonlyMap<string, NoteMeta> = new Map();
  /** Set by `deserializeIndex`. */
  loadedNotes: Map<string, NoteMeta> = new Map();
  /** The vector block of the last encode or decode (a view into its bytes): the search matrix. */
  lastVectors: Float32Array | null = null;
  dims = 0;

  constructor(
    private readonly shard: number,
    private identity: ShardIdentity,
  ) {}

  setIdentity(identity: ShardIdentity): void {
    this.identity = identity;
  }

  serializeIndex(data: IndexData): Buffer {
    const notes = [...this.notes.values()];
    const noteIndex = new Map(notes.map((n, i) => [n.path, i]));
    const vectors: Float32Array[] = [];
    const items: ItemTuple[] = data.items.map((item) => {
      const row = metaOf(item);
      const at = noteIndex.get(row.path);
      if (at === undefined) throw new Error(`shard ${this.shard}: chunk of "${row.path}" has no note record`);
      const vector = item.vector as unknown as Float32Array | number[];
      vectors.push(vector instanceof Float32Array ? vector : Float32Array.from(vector));
      return [at, ...chunkTuple(row), item.norm];
    });
    const dims = vectors[0]?.length ?? this.dims;
    const header: ShardHeader = {
      kind: "shard",
      ...this.identity,
      shard: this.shard,
      notes: notes.map(noteTuple),
      items,
    };
    const bytes = encodeContainer(SHARD_MAGIC, header, dims, vectors);
    this.lastVectors = vectorsOf(bytes);
    this.dims = dims;
    return asBuffer(bytes);
  }

  deserializeIndex(buffer: Buffer): IndexData {
    const { header, dims, count, vectors } = decodeContainer<ShardHeader>(buffer, SHARD_MAGIC);
    if (header.kind !== "shard" || !Array.isArray(header.notes) || !Array.isArray(header.items) || header.items.length !== count) {
      throw new DamagedFileError("shard header is inconsistent");
    }
    if (header.indexId !== this.identity.indexId || header.model !== this.identity.model || header.chunker !== this.identity.chunker || header.shard !== this.shard) {
      throw new StaleShardError(`shard belongs to index ${header.indexId} (${header.model})`);
    }
    const notes = header.notes.map(noteFromTuple);
    const items: IndexItem[] = header.items.map(([noteAt, ord, hash, start, end, heading, norm], i) => {
      const note = notes[noteAt];
      if (!note) throw new DamagedFileError("shard item points to no note");
      return {
        id: itemId(note.path, ord),
        metadata: { path: note.path, ord, hash, start, end, heading },
        vector: asVectraVector(vectors.subarray(i * dims, (i + 1) * dims)),
        norm,
      };
    });
    this.loadedNotes = new Map(notes.map((n) => [n.path, n]));
    // decodeContainer's view, not `buffer`: it may have copied an unaligned buffer.
    this.lastVectors = vectors;
    this.dims = dims;
    return { version: 1, metadata_config: {}, items };
  }

  serializeCatalog(): Buffer {
    throw new Error("The vault index does not use document catalogs.");
  }

  deserializeCatalog(): never {
    throw new Error("The vault index does not use document catalogs.");
  }

  serializeMetadata(): Buffer {
    throw new Error("The vault index keeps no metadata files.");
  }

  deserializeMetadata(): never {
    throw new Error("The vault index keeps no metadata files.");
  }
}

/**
 * vectra's `FileStorage` over `IndexStorage`. Writes are atomic (the port's contract); deleting a
 * folder is refused, because `LocalIndex.createIndex` deletes its whole folder on failure and all
 * shards share one.
 */
export class VectraStorage implements FileStorage {
  constructor(private readonly storage: IndexStorage) {}

  private static bytes(content: Buffer | string): Uint8Array {
    return typeof content === "string" ? new TextEncoder().encode(content) : content;
  }

  async createFile(filePath: string, content: Buffer | string): Promise<void> {
    if (await this.pathExists(filePath)) throw new Error(`File already exists: ${filePath}`);
    await this.storage.write(filePath, VectraStorage.bytes(content));
  }

  async createFolder(folderPath: string): Promise<void> {
    await this.storage.mkdir(folderPath);
  }

  async deleteFile(filePath: string): Promise<void> {
    await this.storage.remove(filePath);
  }

  deleteFolder(folderPath: string): Promise<void> {
    return Promise.reject(new Error(`The vault index never deletes folders (${folderPath}).`));
  }

  async getDetails(fileOrFolderPath: string): Promise<FileDetails> {
    if (!(await this.pathExists(fileOrFolderPath))) throw new Error(`Not found: ${fileOrFolderPath}`);
    return { name: baseName(fileOrFolderPath), path: fileOrFolderPath, isFolder: false };
  }

  async listFiles(folderPath: string): Promise<FileDetails[]> {
    const names = await this.storage.list(folderPath);
    return names.map((name) => ({ name, path: joinPath(folderPath, name), isFolder: false }));
  }

  async pathExists(fileOrFolderPath: string): Promise<boolean> {
    const names = await this.storage.list(dirName(fileOrFolderPath));
    return names.includes(baseName(fileOrFolderPath));
  }

  async readFile(filePath: string): Promise<Buffer> {
    const bytes = await this.storage.read(filePath);
    if (bytes === null) throw new Error(`Not found: ${filePath}`);
    return asBuffer(bytes);
  }

  async upsertFile(filePath: string, content: Buffer | string): Promise<void> {
    await this.storage.write(filePath, VectraStorage.bytes(content));
  }
}

/** A chunk to store, with its vector (the core's port type). */
export type ChunkWithVector = StoredChunkWithVector;

/** What a commit does to one note: replace it (with all its chunks) or remove it. */
export type ShardChange = { note: NoteMeta; chunks: ChunkWithVector[] } | null;

/** One shard: a vectra LocalIndex plus its note table and search matrix. */
export class Shard {
  readonly file: string;
  readonly codec: ShardCodec;
  private index: LocalIndex;
  private exists = false;
  notes = new Map<string, NoteMeta>();
  rows: Row[] = [];
  matrix: Float32Array = new Float32Array(0);
  dims = 0;
  rowsByPath = new Map<string, number[]>();
  /** 1 / norm of each row (0 for a zero vector, which never matches), for the query loop. */
  inverseNorms: Float32Array = new Float32Array(0);

  constructor(
    readonly number: number,
    private readonly folder: string,
    private readonly vectraStorage: VectraStorage,
    identity: ShardIdentity,
  ) {
    this.file = `shard-${String(number).padStart(2, "0")}${SHARD_EXTENSION}`;
    this.codec = new ShardCodec(number, identity);
    this.index = this.newIndex();
  }

  private newIndex(): LocalIndex {
    return new LocalIndex(this.folder, this.file, this.vectraStorage, this.codec);
  }

  get path(): string {
    return joinPath(this.folder, this.file);
  }

  get chunkCount(): number {
    return this.rows.length;
  }

  /** Forgets everything in memory (after a reset or when the file was moved aside). */
  clear(identity?: ShardIdentity): void {
    if (identity) this.codec.setIdentity(identity);
    this.index = this.newIndex();
    this.exists = false;
    this.notes = new Map();
    this.codec.notes = this.notes;
    this.setRows([], new Float32Array(0), 0);
  }

  /**
   * Loads the shard file if there is one. Throws `DamagedFileError` (unreadable) or
   * `StaleShardError` (another index generation); the caller moves or removes the file.
   */
  async load(present: boolean): Promise<void> {
    this.clear();
    if (!present) return;
    const items = await this.index.listItems();
    this.exists = true;
    this.notes = this.codec.loadedNotes;
    this.codec.notes = this.notes;
    this.setRows(items.map(metaOf), this.codec.lastVectors ?? new Float32Array(0), this.codec.dims);
  }

  private setRows(rows: Row[], matrix: Float32Array, dims: number): void {
    this.rows = rows;
    this.matrix = matrix;
    this.dims = dims;
    this.rowsByPath = new Map();
    this.inverseNorms = Float32Array.from(rows, (row) => (row.norm > 0 ? 1 / row.norm : 0));
    rows.forEach((row, i) => {
      const list = this.rowsByPath.get(row.path);
      if (list) list.push(i);
      else this.rowsByPath.set(row.path, [i]);
    });
  }

  /** The stored vectors of a note, by chunk hash (views into the matrix; never written to). */
  vectorsOf(path: string): { hash: string; vector: Float32Array }[] {
    const out: { hash: string; vector: Float32Array }[] = [];
    for (const i of this.rowsByPath.get(path) ?? []) out.push({ hash: this.rows[i].hash, vector: this.matrix.subarray(i * this.dims, (i + 1) * this.dims) });
    return out;
  }

  /** Chunk hashes of a note, in order. */
  chunkHashes(path: string): string[] {
    const rows = (this.rowsByPath.get(path) ?? []).map((i) => this.rows[i]);
    rows.sort((a, b) => a.ord - b.ord);
    return rows.map((r) => r.hash);
  }

  /** Applies `changes` in one vectra update and saves the shard (one atomic file write). */
  async commit(changes: ReadonlyMap<string, ShardChange>): Promise<void> {
    const notes = new Map(this.notes);
    for (const [path, change] of changes) {
      if (change) notes.set(path, change.note);
      else notes.delete(path);
    }
    if (!this.exists) {
      this.codec.notes = new Map();
      await this.index.createIndex({ version: 1 });
      this.exists = true;
    }
    await this.index.beginUpdate();
    try {
      const stale = new Set<string>();
      for (const path of changes.keys()) for (const i of this.rowsByPath.get(path) ?? []) stale.add(itemId(path, this.rows[i].ord));
      await this.index.deleteItems(stale);
      for (const [path, change] of changes) {
        if (!change) continue;
        for (const chunk of change.chunks) {
          await this.index.insertItem({ id: itemId(path, chunk.ord), metadata: itemMetadata(path, chunk), vector: asVectraVector(chunk.vector) });
        }
      }
      this.codec.notes = notes;
      await this.index.endUpdate();
    } catch (error) {
      this.index.cancelUpdate();
      this.codec.notes = this.notes;
      throw error;
    }
    this.notes = notes;
    const items = await this.index.listItems();
    const matrix = this.codec.lastVectors ?? new Float32Array(0);
    const dims = this.codec.dims;
    // Point vectra's items at the saved block so each vector is held once, not twice.
    items.forEach((item, i) => {
      item.vector = asVectraVector(matrix.subarray(i * dims, (i + 1) * dims));
    });
    this.setRows(items.map(metaOf), matrix, dims);
  }
}

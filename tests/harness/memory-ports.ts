/**
 * In-memory fakes of the core's ports, for tests of core logic that need neither HTTP nor a disk:
 * notes in a Map (NoteSource), the index's files in a Map (IndexStorage, under the real sharded
 * VectorStore), a deterministic embedder (Embedder) and a scripted chat model (LlmPort). They are
 * fast and exact; the adapters they stand in for keep their own tests against the fake Ollama
 * server and temp folders (the integration project, see docs/testing.md).
 */
import { parseYamlStrict } from "../../src/adapters/node/yaml-parse";
import { VectorStore } from "../../src/adapters/vector-index/store";
import type { IndexStorage } from "../../src/adapters/vector-index/storage";
import type { ChunkOptions } from "../../src/core/index/chunking";
import { DEFAULT_EXCLUSION_RULES, type ExclusionRules } from "../../src/core/index/exclusions";
import type { EmbedPurpose, Embedder, EmbeddingModelInfo, NoteSource } from "../../src/core/index/index-ports";
import { VaultIndexer, type IndexEvent } from "../../src/core/index/indexer";
import type { VaultFileInfo } from "../../src/core/index/sync-plan";
import { embedErrors } from "../../src/core/index/index-errors";
import { plannerErrors } from "../../src/core/shared/errors";
import type { ChatRequest, ChatResult, InstalledModel, LlmPort } from "../../src/core/shared/ports";

const encoder = new TextEncoder();

/** Notes of a vault by vault-relative path, with the mtimes a test gives them. */
export class MemoryNoteSource implements NoteSource {
  private readonly notes = new Map<string, { text: string; mtime: number }>();
  private clock = 1_000_000;

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  /** Creates or replaces a note; each write gets a later mtime, as a real clock would give it. */
  write(path: string, text: string): void {
    this.clock += 2000;
    this.notes.set(path, { text, mtime: this.clock });
  }

  rename(from: string, to: string): void {
    const note = this.notes.get(from);
    if (!note) throw new Error(`MemoryNoteSource: no note at ${from}`);
    this.notes.delete(from);
    this.notes.set(to, note);
  }

  remove(path: string): void {
    this.notes.delete(path);
  }

  has(path: string): boolean {
    return this.notes.has(path);
  }

  /** The notes' texts, to copy into another source. */
  files(): Record<string, string> {
    return Object.fromEntries([...this.notes].map(([path, note]) => [path, note.text]));
  }

  private info(path: string): VaultFileInfo | null {
    const note = this.notes.get(path);
    return note ? { path, mtime: note.mtime, size: encoder.encode(note.text).byteLength } : null;
  }

  list(): Promise<VaultFileInfo[]> {
    return Promise.resolve([...this.notes.keys()].filter((p) => p.endsWith(".md")).flatMap((p) => this.info(p) ?? []));
  }

  stat(path: string): Promise<VaultFileInfo | null> {
    return Promise.resolve(this.info(path));
  }

  read(path: string): Promise<string | null> {
    return Promise.resolve(this.notes.get(path)?.text ?? null);
  }
}

/** The index's files in a Map; every write is atomic because it is one Map.set. */
export class MemoryStorage implements IndexStorage {
  readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Set<string>([""]);

  read(path: string): Promise<Uint8Array | null> {
    const bytes = this.files.get(path);
    return Promise.resolve(bytes ? bytes.slice() : null);
  }

  write(path: string, bytes: Uint8Array): Promise<void> {
    this.files.set(path, bytes.slice());
    return Promise.resolve();
  }

  remove(path: string): Promise<void> {
    this.files.delete(path);
    return Promise.resolve();
  }

  list(dir: string): Promise<string[]> {
    const prefix = dir === "" ? "" : `${dir}/`;
    return Promise.resolve([...this.files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/")).map((p) => p.slice(prefix.length)));
  }

  mkdir(dir: string): Promise<void> {
    const parts = dir.split("/");
    for (let i = 1; i <= parts.length; i++) this.dirs.add(parts.slice(0, i).join("/"));
    return Promise.resolve();
  }

  rename(from: string, to: string): Promise<void> {
    for (const [path, bytes] of [...this.files]) {
      if (path !== from && !path.startsWith(`${from}/`)) continue;
      this.files.delete(path);
      this.files.set(to + path.slice(from.length), bytes);
    }
    return Promise.resolve();
  }
}

/**
 * A deterministic embedder: each word of a text adds to a few hashed dimensions, the sum is
 * L2-normalised. Texts sharing words are close, so search results are meaningful; equal texts get
 * equal vectors. Records every text it embedded.
 */
export class HashEmbedder implements Embedder {
  readonly embedded: string[] = [];

  constructor(
    readonly model = "hash-embed",
    readonly dims = 64,
  ) {}

  embed(texts: readonly string[], signal: AbortSignal, _purpose?: EmbedPurpose): Promise<Float32Array[]> {
    if (signal.aborted) return Promise.reject(embedErrors.aborted());
    this.embedded.push(...texts);
    return Promise.resolve(texts.map((text) => this.vectorOf(text)));
  }

  describe(): Promise<EmbeddingModelInfo> {
    return Promise.resolve({ dims: this.dims, canEmbed: true });
  }

  vectorOf(text: string): Float32Array {
    const vector = new Float32Array(this.dims);
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      let h = 2166136261;
      for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619) >>> 0;
      vector[h % this.dims] += 1;
      vector[(h >>> 8) % this.dims] += 0.5;
    }
    if (vector.every((v) => v === 0)) vector[0] = 1;
    const norm = Math.hypot(...vector);
    return vector.map((v) => v / norm);
  }
}

export const INDEX_DIR = ".ai-stack-planner/index";

export interface MemoryIndex {
  indexer: VaultIndexer;
  events: IndexEvent[];
}

/** A VaultIndexer over in-memory notes and storage: the real core and store, no HTTP, no disk. */
export function openMemoryIndex(
  source: NoteSource,
  storage: MemoryStorage,
  options: { embedder?: Embedder; rules?: ExclusionRules; batchSize?: number; chunkOptions?: ChunkOptions } = {},
): MemoryIndex {
  const embedder = options.embedder ?? new HashEmbedder();
  const indexer = new VaultIndexer({
    source,
    embedder: () => embedder,
    openStore: (model, chunker) => VectorStore.open(storage, INDEX_DIR, { model, chunker }),
    rules: () => options.rules ?? DEFAULT_EXCLUSION_RULES,
    batchSize: options.batchSize ?? 8,
    chunkOptions: options.chunkOptions,
    parseYaml: parseYamlStrict,
  });
  const events: IndexEvent[] = [];
  indexer.subscribe((event) => events.push(event));
  return { indexer, events };
}

/** What an in-memory index holds: per note, its identity and chunk facts (no vectors). */
export async function memoryPicture(storage: MemoryStorage, model = "hash-embed"): Promise<Record<string, { contentHash: string; tags: string[]; chunks: string[] }>> {
  const { store } = await VectorStore.open(storage, INDEX_DIR, { model, chunker: "unused" });
  const snapshot = store.snapshot();
  const notes: Record<string, { contentHash: string; tags: string[]; chunks: string[] }> = {};
  for (const path of [...snapshot.notes.keys()].sort()) {
    const note = snapshot.notes.get(path);
    if (!note) continue;
    notes[path] = {
      contentHash: note.contentHash,
      tags: [...note.tags],
      chunks: store.chunksOf(path).map((c) => `${c.ord}:${c.hash}:${c.start}-${c.end}:${c.headingPath.join(">")}`),
    };
  }
  await store.close();
  return notes;
}

/**
 * A chat model that answers from a script: the installed models it lists and the reply it streams
 * word by word (a function of the request, or a fixed text). Records every chat request.
 */
export class ScriptedLlm implements LlmPort {
  readonly hostLabel: string;
  readonly requests: ChatRequest[] = [];
  reply: string | ((request: ChatRequest) => string);

  constructor(options: { models?: InstalledModel[]; reply?: string | ((request: ChatRequest) => string); hostLabel?: string } = {}) {
    this.models = options.models ?? [{ name: "llama3.2:3b", family: "llama", parameterSize: "3.2B", quantization: "Q4_K_M", canChat: true }];
    this.reply = options.reply ?? "A scripted plan.";
    this.hostLabel = options.hostLabel ?? "http://127.0.0.1:11434";
  }

  models: InstalledModel[];

  listModels(signal?: AbortSignal): Promise<InstalledModel[]> {
    if (signal?.aborted) return Promise.reject(plannerErrors.aborted());
    return Promise.resolve(this.models);
  }

  version(): Promise<string> {
    return Promise.resolve("0.12.0");
  }

  loadedModels(): Promise<string[]> {
    return Promise.resolve([]);
  }

  async chat(request: ChatRequest, onChunk: (chunk: string) => void, signal: AbortSignal): Promise<ChatResult> {
    this.requests.push(request);
    const text = typeof this.reply === "function" ? this.reply(request) : this.reply;
    const pieces = text.match(/\S+\s*|\s+/g) ?? [];
    for (const piece of pieces) {
      if (signal.aborted) throw plannerErrors.aborted();
      onChunk(piece);
      await Promise.resolve();
    }
    return { text, doneReason: "stop", promptTokens: request.messages.reduce((n, m) => n + m.content.split(/\s+/).length, 0), answerTokens: pieces.length, evalDurationNs: pieces.length * 20_000_000 };
  }
}

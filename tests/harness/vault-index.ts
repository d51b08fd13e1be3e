/**
 * The vault index for tests, made of real parts: notes in a temp folder (FolderNoteSource), the
 * sharded store on disk (NodeFsStorage) and the Ollama embedder against the fake server.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { OllamaEmbedder } from "../../src/adapters/ollama/ollama-embedder";
import { NodeFsStorage } from "../../src/adapters/vector-index/node-storage";
import { VectorStore } from "../../src/adapters/vector-index/store";
import { FolderNoteSource } from "../../src/cli/folder-note-source";
import { DEFAULT_EXCLUSION_RULES, type ExclusionRules } from "../../src/core/index/exclusions";
import type { ChunkOptions } from "../../src/core/index/chunking";
import { VaultIndexer, type IndexEvent } from "../../src/core/index/indexer";
import { parseYamlStrict } from "../../src/adapters/node/yaml-parse";
import { VAULT_INDEX_TIMING } from "../../src/ui/index/vault-index";

export const INDEX_DIR = ".ai-stack-planner/index";

export interface TestIndexOptions {
  host: string;
  model?: string;
  rules?: ExclusionRules;
  batchSize?: number;
  chunkOptions?: ChunkOptions;
}

export interface TestIndex {
  indexer: VaultIndexer;
  events: IndexEvent[];
  notices: () => string[];
  /** Changes the settings the next run reads. */
  settings: { model: string; host: string; rules: ExclusionRules };
}

export function openTestIndex(vault: string, options: TestIndexOptions): TestIndex {
  const settings = { model: options.model ?? "nomic-embed-text", host: options.host, rules: options.rules ?? DEFAULT_EXCLUSION_RULES };
  const storage = new NodeFsStorage(vault, { durable: false });
  const indexer = new VaultIndexer({
    source: new FolderNoteSource(vault),
    embedder: () => new OllamaEmbedder({ baseUrl: settings.host, fetch, model: settings.model }),
    openStore: (model, chunker) => VectorStore.open(storage, INDEX_DIR, { model, chunker }),
    rules: () => settings.rules,
    parseYaml: parseYamlStrict,
    batchSize: options.batchSize ?? 8,
    chunkOptions: options.chunkOptions,
  });
  const events: IndexEvent[] = [];
  indexer.subscribe((event) => events.push(event));
  return {
    indexer,
    events,
    notices: () => events.flatMap((e) => (e.type === "notice" ? [e.message] : [])),
    settings,
  };
}

/** What a closed index holds on disk: per note, its identity and chunk facts (no vectors). */
export interface IndexPicture {
  model: string;
  dims: number;
  notes: Record<string, { contentHash: string; tags: string[]; chunks: string[] }>;
}

/** Opens the index read-only-in-spirit (the indexer must be closed) and describes it. */
export async function pictureOf(vault: string, model = "nomic-embed-text:latest"): Promise<IndexPicture> {
  const { store } = await VectorStore.open(new NodeFsStorage(vault, { durable: false }), INDEX_DIR, { model, chunker: "unused" });
  const snapshot = store.snapshot();
  const notes: IndexPicture["notes"] = {};
  for (const path of [...snapshot.notes.keys()].sort()) {
    const note = snapshot.notes.get(path);
    if (!note) continue;
    notes[path] = {
      contentHash: note.contentHash,
      tags: [...note.tags],
      chunks: store.chunksOf(path).map((c) => `${c.ord}:${c.hash}:${c.start}-${c.end}:${c.headingPath.join(">")}`),
    };
  }
  // An emptied index keeps its vector size; a never-filled one has none: the same thing for a user.
  const picture = { model: store.model, dims: store.stats().chunks > 0 ? store.dims : 0, notes };
  await store.close();
  return picture;
}

export async function writeNote(vault: string, rel: string, content: string): Promise<void> {
  const abs = path.join(vault, rel);
  await fs.mkdir(path.dirname(abs), { recursive: true });
  await fs.writeFile(abs, content, "utf8");
}

export async function moveNote(vault: string, from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(path.join(vault, to)), { recursive: true });
  await fs.rename(path.join(vault, from), path.join(vault, to));
}

export async function deleteNote(vault: string, rel: string): Promise<void> {
  await fs.rm(path.join(vault, rel));
}

/** The `input` texts of every /api/embed request body, flattened. */
export function embeddedTexts(requests: readonly { path: string; body: unknown }[]): string[] {
  return requests.filter((r) => r.path === "/api/embed").flatMap((r) => {
    const input = (r.body as { input?: unknown } | undefined)?.input;
    return Array.isArray(input) ? input.map(String) : typeof input === "string" ? [input] : [];
  });
}

/**
 * Short index debounce and settings delays for a plugin test file, restored after it: the tests
 * wait on the index's events, and these only decide how soon the index acts on a change.
 */
export function useFastIndexTiming(): void {
  const saved = { ...VAULT_INDEX_TIMING };
  beforeAll(() => {
    VAULT_INDEX_TIMING.eventDebounceMs = 30;
    VAULT_INDEX_TIMING.settingsDelayMs = 30;
  });
  afterAll(() => {
    Object.assign(VAULT_INDEX_TIMING, saved);
  });
}

/**
 * The CLI's vault index commands over a plain folder: the same indexer, store and embedder as the
 * plugin, so an index built here is the one Obsidian opens (and the other way round).
 *   index  --vault <dir> [--rebuild]      build or update the index, with progress on stderr
 *   search "<query>" --vault <dir>        the closest chunks, with [[note#heading]] links
 *   status --vault <dir>                  what the index holds and what a run would change (no Ollama needed)
 */
import { sameModel } from "../core/shared/model-name";
import { promises as fs } from "node:fs";
import path from "node:path";
import { createEmbedder } from "../adapters/ollama/ollama-embedder";
import { streamLimitsFrom } from "../adapters/ollama/llm-factory";
import { NodeFsStorage } from "../adapters/vector-index/node-storage";
import { MANIFEST_FILE, VectorStore } from "../adapters/vector-index/store";
import { exclusionRulesFromSettings } from "../core/index/index-settings";
import { indexStatusLine, unreadableNotesText } from "../core/index/index-status-text";
import { VaultIndexer } from "../core/index/indexer";
import type { NotesRetriever } from "../core/index/plan-context";
import { wikiLink } from "../core/index/retrieval";
import type { PlannerSettings } from "../core/shared/settings";
import { PlannerError, userMessage } from "../core/shared/errors";
import { embedderIn, embedErrorIn, embedErrors } from "../core/index/index-errors";
import type { Embedder } from "../core/index/index-ports";
import { cliCommand, type MessageContext } from "../core/shared/user-actions";
import { FolderNoteSource } from "./folder-note-source";
import { visibleText } from "../core/shared/text";
import { parseYamlStrict } from "../adapters/node/yaml-parse";

/** Settings as the CLI read them: the plugin's, and Obsidian's "Excluded files" when known. */
export type FolderIndexSettings = PlannerSettings & { obsidianExcludedFiles?: readonly string[] };

export interface IndexCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  signal?: AbortSignal;
}

/** Progress lines on stderr at most this often. */
const PROGRESS_EVERY_MS = 1000;

/** Messages of the CLI for this vault: they name its flags and commands, not the plugin's. */
export function cliContext(vaultDir: string, activity?: MessageContext["activity"]): MessageContext {
  return { surface: "cli", vaultDir, ...(activity ? { activity } : {}) };
}

/** The embedder for the settings, its failures worded for the CLI (the indexer passes them on as they are). */
function cliEmbedder(vaultDir: string, settings: PlannerSettings, platformFetch: typeof fetch): Embedder {
  const context = cliContext(vaultDir, "index");
  try {
    return embedderIn(createEmbedder(settings.ollamaHost, settings.allowRemoteHost, platformFetch, settings.embeddingModel, streamLimitsFrom(settings)), context);
  } catch (error) {
    throw embedErrorIn(error, context);
  }
}

/** The indexer for a folder vault with these settings. */
export function openFolderIndex(vaultDir: string, settings: FolderIndexSettings, platformFetch: typeof fetch = fetch): VaultIndexer {
  const storage = new NodeFsStorage(vaultDir);
  return new VaultIndexer({
    source: new FolderNoteSource(vaultDir),
    embedder: () => cliEmbedder(vaultDir, settings, platformFetch),
    openStore: (model, chunker) => VectorStore.open(storage, settings.indexFolder, { model, chunker }),
    rules: () => exclusionRulesFromSettings(settings, settings.obsidianExcludedFiles ?? []),
    parseYaml: parseYamlStrict,
    location: path.join(vaultDir, settings.indexFolder),
    messageContext: cliContext(vaultDir, "index"),
  });
}

/** True when the vault has an index folder with a manifest (built by the CLI or the plugin). */
export async function hasIndex(vaultDir: string, settings: PlannerSettings): Promise<boolean> {
  return fs.access(path.join(vaultDir, settings.indexFolder, MANIFEST_FILE)).then(
    () => true,
    () => false,
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** `index`: reconcile (or rebuild) and report; exit 1 when indexing paused on an Ollama problem. */
export async function runIndex(vaultDir: string, settings: FolderIndexSettings, options: { rebuild: boolean; quiet: boolean }, io: IndexCliIo): Promise<number> {
  const indexer = openFolderIndex(vaultDir, settings);
  let lastProgress = 0;
  indexer.subscribe((event) => {
    if (event.type === "notice") io.err(`${event.message}\n`);
    else if (!options.quiet && event.status.state === "indexing" && event.status.progress && event.status.progress.total > 0 && Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      io.err(`${indexStatusLine(event.status)}\n`);
    }
  });
  const stop = () => indexer.stop();
  io.signal?.addEventListener("abort", stop, { once: true });
  try {
    const summary = options.rebuild ? await indexer.rebuild() : await indexer.reconcile();
    const status = indexer.status;
    if (!summary.complete) {
      // The message was already printed as a notice when indexing paused; a stop prints its own.
      if (status.message === "Indexing stopped.") io.err("Indexing stopped. Run the same command to resume.\n");
      return status.state === "paused" || status.state === "error" ? 1 : 130;
    }
    io.out(
      `Index: ${plural(status.notes, "note")}, ${plural(status.chunks, "chunk")} (${status.model}) in ${path.join(vaultDir, settings.indexFolder)}\n` +
        `This run: ${plural(summary.read, "note")} read, ${plural(summary.embedded, "chunk")} embedded, ${summary.renamed.toLocaleString("en-US")} renamed, ${summary.removed.toLocaleString("en-US")} removed, ${summary.unchanged.toLocaleString("en-US")} unchanged.\n`,
    );
    const skipped = unreadableNotesText(summary.unreadable);
    if (skipped) io.out(`${skipped}\n`);
    return 0;
  } finally {
    io.signal?.removeEventListener("abort", stop);
    await indexer.close();
  }
}

/** `search`: the closest chunks to the query, best first; exit 1 with one line when it can't search. */
export async function runSearch(vaultDir: string, settings: FolderIndexSettings, query: string, limit: number, io: IndexCliIo): Promise<number> {
  if (!(await hasIndex(vaultDir, settings))) {
    io.err(`There is no index in "${path.join(vaultDir, settings.indexFolder)}" yet. Run: ${cliCommand(cliContext(vaultDir), "index <vault>")}\n`);
    return 1;
  }
  const indexer = openFolderIndex(vaultDir, settings);
  const controller = new AbortController();
  const stop = () => controller.abort();
  io.signal?.addEventListener("abort", stop, { once: true });
  try {
    // Another --embed-model than the index's can't search it; said before Ollama is asked anything.
    const held = await indexer.load();
    if (held.chunks > 0 && held.model !== "" && !sameModel(held.model, settings.embeddingModel)) throw embedErrors.otherModel(held.model, settings.embeddingModel);
    const results = await indexer.search(query, limit, controller.signal);
    if (results.length === 0) {
      io.out("No matching notes in the index.\n");
      return 0;
    }
    results.forEach((r, i) => {
      const snippet = r.text.replace(/\s+/g, " ").trim();
      // Note names and text come from the vault: no control character reaches the terminal.
      const weak = r.relevant ? "" : "  (weak match: never sent to a model)";
      io.out(`${i + 1}. ${visibleText(wikiLink(r.path, r.headingPath))}  ${r.score.toFixed(3)}${weak}\n   ${visibleText(snippet.length > 200 ? `${snippet.slice(0, 199)}…` : snippet)}\n`);
      // The note's other matching sections, under its best one (one entry per note).
      if (r.more.length > 0) io.out(`   also in this note: ${r.more.map((m) => visibleText(wikiLink(m.path, m.headingPath))).join(", ")}\n`);
    });
    return 0;
  } catch (error) {
    // Ollama's failures (and the index's model) in one line worded for a search, not for indexing.
    if (!(error instanceof PlannerError) || controller.signal.aborted) throw error;
    io.err(`${userMessage(error, cliContext(vaultDir, "search"))}\n`);
    return 1;
  } finally {
    io.signal?.removeEventListener("abort", stop);
    await indexer.close();
  }
}

/** `status`: what the index holds and what the next `index` would do; needs no Ollama. */
export async function runStatus(vaultDir: string, settings: FolderIndexSettings, io: IndexCliIo): Promise<number> {
  const folder = path.join(vaultDir, settings.indexFolder);
  if (!(await hasIndex(vaultDir, settings))) {
    io.out(`No index yet in ${folder}. Build it with: ${cliCommand(cliContext(vaultDir), "index <vault>")}\n`);
    return 0;
  }
  const indexer = openFolderIndex(vaultDir, settings);
  // Opening repairs what it must (damaged files moved aside): say so rather than repair in silence.
  indexer.subscribe((event) => {
    if (event.type === "notice") io.err(`${event.message}\n`);
  });
  try {
    const p = await indexer.preview();
    const lines = [
      `Index folder: ${folder}`,
      `Embedding model: ${p.model}${p.dims > 0 ? ` (${p.dims} dimensions)` : ""}`,
      `Notes: ${p.notes.toLocaleString("en-US")} · chunks: ${p.chunks.toLocaleString("en-US")}`,
    ];
    if (p.rebuild) lines.push(`Pending: ${p.rebuild}`);
    else if (p.upToDate) lines.push("Up to date.");
    else {
      lines.push(
        `Pending: ${plural(p.toWrite, "note")} to write (${plural(p.toEmbed, "chunk")} to embed${p.renamed > 0 ? `, ${p.renamed.toLocaleString("en-US")} renamed` : ""}), ${p.toRemove.toLocaleString("en-US")} to remove. Run: ${cliCommand(cliContext(vaultDir), "index <vault>")}`,
      );
    }
    io.out(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    await indexer.close();
  }
}

/** The index as plan generation's retriever, when the vault has one and settings allow it. */
export async function openNotesForPlan(vaultDir: string, settings: FolderIndexSettings): Promise<{ retriever: NotesRetriever; close: () => Promise<void> } | null> {
  if (!settings.indexEnabled || !settings.useNotesInPlans || !(await hasIndex(vaultDir, settings))) return null;
  const indexer = openFolderIndex(vaultDir, settings);
  return {
    retriever: { retrieve: (query, k, signal) => indexer.retrieve(query, k, signal), size: async () => (await indexer.load()).chunks },
    close: () => indexer.close(),
  };
}

/**
 * The vault index inside Obsidian: reconciles after the layout is ready, then follows vault events
 * (debounced), shows its state in a status bar item, and adds the commands "Index vault now",
 * "Rebuild index", "Show index status" and "Search related notes". Every event, timer and DOM
 * listener is registered on the plugin, so unloading leaves nothing behind.
 *
 * Views (the sidebar) use it through `VaultIndexApi`, found with `vaultIndexFor(app)`.
 */
import { Notice, TFile, TFolder, type App, type Plugin, type Setting, type SettingDefinitionGroup, type TAbstractFile } from "obsidian";
import { createEmbedder } from "../../adapters/ollama/ollama-embedder";
import type { FetchFn } from "../../adapters/ollama/ollama-client";
import { ObsidianAdapterStorage } from "../../adapters/vector-index/obsidian-storage";
import { ObsidianNoteSource } from "../../adapters/obsidian/obsidian-note-source";
import { VectorStore } from "../../adapters/vector-index/store";
import { exclusionRulesFromSettings } from "../../core/index/index-settings";
import { groupDigits, indexStatusLine } from "../../core/index/index-status-text";
import { VaultIndexer, type IndexEvent, type IndexRunSummary, type IndexSearchResult, type IndexStatus } from "../../core/index/indexer";
import { retrievedChunks } from "../../core/index/note-search";
import type { NotesRetriever } from "../../core/index/plan-context";
import type { PlannerSettings } from "../../core/shared/settings";
import { strings, uiLanguage } from "../shared/i18n";
import { panelIndexStatus } from "./index-features";
import { IndexSearchModal } from "./index-search-modal";
import type { IndexStatus as PanelIndexStatus, IndexStatusSource, PanelFeatures, Retriever } from "../panel/panel-ports";

export interface VaultIndexDeps {
  settings: () => PlannerSettings;
  fetch: FetchFn;
  /** Quiet time after the last vault event before those notes are synced (default 2 s). */
  debounceMs?: number;
  /** The sidebar's optional features: the index fills in `index` and `retriever`. */
  features?: PanelFeatures;
}

/** What a view may do with the index: read its state, follow progress, search, start a run. */
export interface VaultIndexApi {
  /** The current state, or null while the index is turned off in settings. */
  readonly status: IndexStatus | null;
  /** Called on every state or progress change (at most about 4 times a second while indexing). */
  onChange(listener: (status: IndexStatus | null) => void): () => void;
  /** The chunks closest to `query`, with their current text. */
  search(query: string, limit?: number, signal?: AbortSignal): Promise<IndexSearchResult[]>;
  /** Syncs the index with the vault now; null when the index is off. */
  indexNow(): Promise<IndexRunSummary | null>;
  /** Empties and rebuilds the index; null when the index is off. */
  rebuild(): Promise<IndexRunSummary | null>;
}

/** Settings whose change re-applies the index (reopen, reconcile or rebuild). */
export const VAULT_INDEX_KEYS: readonly string[] = ["indexEnabled", "indexFolder", "embeddingModel", "indexExcludedFolders", "indexExcludedTags", "indexExcludeKey", "indexExcludePlansFolder", "plansFolder"];

const TEXT = {
  en: {
    off: 'The vault index is off. Turn on "Keep a vault index" in settings.',
    indexing: "Indexing the vault…",
    rebuilding: "Rebuilding the vault index…",
    done: (s: IndexStatus, r: IndexRunSummary) => `Vault index up to date: ${groupDigits(s.notes)} notes, ${groupDigits(s.chunks)} chunks. This run embedded ${groupDigits(r.embedded)} chunks.`,
    model: "Embedding model",
    folder: "Index folder",
    clickTitle: "Vault index: click for details (and to retry when paused)",
    indexNow: "Index now",
    rebuild: "Rebuild",
  },
  zh: {
    off: "库索引已关闭。请在设置中打开“保持库索引”。",
    indexing: "正在索引库…",
    rebuilding: "正在重建库索引…",
    done: (s: IndexStatus, r: IndexRunSummary) => `库索引已是最新：${groupDigits(s.notes)} 篇笔记，${groupDigits(s.chunks)} 个片段。本次嵌入了 ${groupDigits(r.embedded)} 个片段。`,
    model: "嵌入模型",
    folder: "索引文件夹",
    clickTitle: "库索引：点击查看详情（暂停时重试）",
    indexNow: "立即索引",
    rebuild: "重建",
  },
};

/** Delays of the index's debounces; tests shorten them. */
export const VAULT_INDEX_TIMING = {
  /** Quiet time after the last vault event before the changed notes are synced. */
  eventDebounceMs: 2000,
  /** Quiet time after the last settings change before the index applies it. */
  settingsDelayMs: 1000,
};

/** The same notice is not repeated within this time (a paused index would otherwise repeat it on every edit). */
const NOTICE_REPEAT_MS = 10 * 60_000;

/** Keyed by the vault: views and tabs reach the same vault object as the plugin, whatever wraps the app. */
const registry = new WeakMap<object, VaultIndexService>();

/** The index of the plugin running in `app`, if it was registered. */
export function vaultIndexFor(app: App): VaultIndexService | undefined {
  return registry.get(app.vault);
}

export class VaultIndexService implements VaultIndexApi {
  private indexer: VaultIndexer | null = null;
  private stopListening: (() => void) | null = null;
  /** The settings the current indexer was made for. */
  private openedFor: { enabled: boolean; folder: string } | null = null;
  private readonly listeners = new Set<(status: IndexStatus | null) => void>();
  private readonly pending = new Set<string>();
  private eventTimer: number | null = null;
  private settingsTimer: number | null = null;
  private readonly lastNotice = new Map<string, number>();
  private layoutReady = false;
  private closed = false;
  /** Closes of replaced indexers, awaited before the next one opens the index. */
  private closing: Promise<void> = Promise.resolve();

  constructor(
    private readonly app: App,
    private readonly deps: VaultIndexDeps,
    private readonly statusEl: HTMLElement,
  ) {}

  get status(): IndexStatus | null {
    return this.indexer?.status ?? null;
  }

  onChange(listener: (status: IndexStatus | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Makes (or remakes) the indexer for the current settings. */
  private ensureIndexer(): VaultIndexer | null {
    const settings = this.deps.settings();
    const wanted = { enabled: settings.indexEnabled, folder: settings.indexFolder };
    if (this.openedFor && this.openedFor.enabled === wanted.enabled && this.openedFor.folder === wanted.folder) return this.indexer;
    this.dropIndexer();
    this.openedFor = wanted;
    if (!wanted.enabled || this.closed) {
      this.render();
      return null;
    }
    const storage = new ObsidianAdapterStorage(this.app.vault.adapter);
    const indexer = new VaultIndexer({
      source: new ObsidianNoteSource(this.app.vault),
      embedder: () => {
        const s = this.deps.settings();
        return createEmbedder(s.ollamaHost, s.allowRemoteHost, this.deps.fetch, s.embeddingModel);
      },
      // A previous indexer may still be compacting on close: one writer per folder at a time.
      openStore: async (model, chunker) => {
        await this.closing;
        return VectorStore.open(storage, wanted.folder, { model, chunker });
      },
      rules: () => exclusionRulesFromSettings(this.deps.settings()),
      location: wanted.folder,
    });
    this.stopListening = indexer.subscribe((event) => this.onIndexEvent(event));
    this.indexer = indexer;
    this.render();
    return indexer;
  }

  private dropIndexer(): void {
    this.stopListening?.();
    this.stopListening = null;
    const old = this.indexer;
    this.indexer = null;
    if (old) this.closing = this.closing.then(() => old.close()).catch(() => undefined);
  }

  /** Called once the workspace layout is ready: first reconcile. */
  start(): void {
    this.layoutReady = true;
    void this.ensureIndexer()?.reconcile();
  }

  /** Settings changed: reopen, reconcile or rebuild once typing pauses. */
  settingsChanged(): void {
    if (this.closed) return;
    if (this.settingsTimer !== null) window.clearTimeout(this.settingsTimer);
    this.settingsTimer = window.setTimeout(() => {
      this.settingsTimer = null;
      if (this.layoutReady) void this.ensureIndexer()?.reconcile();
    }, VAULT_INDEX_TIMING.settingsDelayMs);
  }

  /** A vault event: the path is synced after the debounce. */
  fileEvent(file: TAbstractFile, oldPath?: string): void {
    if (this.closed || !this.layoutReady) return;
    if (file instanceof TFolder) {
      // A renamed folder moves every note inside it: a full reconcile pairs them up as renames.
      this.pending.add("");
    } else if (file instanceof TFile) {
      if (file.extension !== "md" && !(oldPath ?? "").toLowerCase().endsWith(".md")) return;
      this.pending.add(file.path);
      if (oldPath !== undefined) this.pending.add(oldPath);
    }
    if (this.eventTimer !== null) window.clearTimeout(this.eventTimer);
    this.eventTimer = window.setTimeout(() => this.flushEvents(), this.deps.debounceMs ?? VAULT_INDEX_TIMING.eventDebounceMs);
  }

  private flushEvents(): void {
    this.eventTimer = null;
    const paths = [...this.pending];
    this.pending.clear();
    const indexer = this.ensureIndexer();
    if (!indexer || paths.length === 0) return;
    if (paths.includes("")) void indexer.reconcile();
    else void indexer.notesChanged(paths);
  }

  /** Stops timers and listeners and closes the index (pending changes are compacted). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.eventTimer !== null) window.clearTimeout(this.eventTimer);
    if (this.settingsTimer !== null) window.clearTimeout(this.settingsTimer);
    this.eventTimer = null;
    this.settingsTimer = null;
    this.stopListening?.();
    this.stopListening = null;
    const indexer = this.indexer;
    this.indexer = null;
    registry.delete(this.app.vault);
    await indexer?.close();
  }

  // ---------------------------------------------------------------- the API

  async search(query: string, limit = 8, signal: AbortSignal = new AbortController().signal): Promise<IndexSearchResult[]> {
    const indexer = this.ensureIndexer();
    if (!indexer) return [];
    return indexer.search(query, limit, signal);
  }

  async indexNow(): Promise<IndexRunSummary | null> {
    return (await this.ensureIndexer()?.reconcile()) ?? null;
  }

  async rebuild(): Promise<IndexRunSummary | null> {
    return (await this.ensureIndexer()?.rebuild()) ?? null;
  }

  /** Plan generation's access to the notes, or null when the index is off or not wanted in plans. */
  retriever(): NotesRetriever | null {
    if (!this.deps.settings().useNotesInPlans) return null;
    const indexer = this.ensureIndexer();
    if (!indexer) return null;
    return {
      retrieve: (query, k, signal) => indexer.retrieve(query, k, signal),
      size: async () => (await indexer.load()).chunks,
    };
  }

  // ---------------------------------------------------------------- what the user sees

  private onIndexEvent(event: IndexEvent): void {
    if (event.type === "notice") {
      const now = Date.now();
      const last = this.lastNotice.get(event.message);
      if (last !== undefined && now - last < NOTICE_REPEAT_MS) return;
      this.lastNotice.set(event.message, now);
      new Notice(event.message, 10000);
      return;
    }
    this.render();
  }

  private render(): void {
    const status = this.status;
    if (status) {
      this.statusEl.setText(indexStatusLine(status, uiLanguage()));
      this.statusEl.setAttr("aria-label", status.message ?? strings(TEXT).clickTitle);
      this.statusEl.toggleClass("ai-stack-planner-index-paused", status.state === "paused" || status.state === "error");
    } else this.statusEl.setText("");
    for (const listener of [...this.listeners]) listener(status);
  }

  /** The full state as a notice: counts, model, folder and any problem. */
  showStatus(): void {
    const t = strings(TEXT);
    const status = this.status;
    if (!status) {
      new Notice(t.off);
      return;
    }
    const settings = this.deps.settings();
    const lines = [indexStatusLine(status, uiLanguage()), `${t.model}: ${status.model || settings.embeddingModel}`, `${t.folder}: ${settings.indexFolder}`];
    if (status.message) lines.push(status.message);
    new Notice(lines.join("\n"), 10000);
  }

  /** The status bar item: shows the details; when indexing is paused, it also retries. */
  statusBarClicked(): void {
    this.showStatus();
    const state = this.status?.state;
    if (state === "paused" || state === "error") void this.indexNow();
  }

  /** "Index vault now" and "Rebuild index" from the palette: say what happens and how it ended. */
  async runFromCommand(kind: "index" | "rebuild"): Promise<void> {
    const t = strings(TEXT);
    if (!this.ensureIndexer()) {
      new Notice(t.off);
      return;
    }
    new Notice(kind === "index" ? t.indexing : t.rebuilding);
    const summary = kind === "index" ? await this.indexNow() : await this.rebuild();
    const status = this.status;
    // A paused or failed run already told the user why (notice events).
    if (summary?.complete && status) new Notice(t.done(status, summary));
  }

  openSearch(): void {
    if (!this.ensureIndexer()) {
      new Notice(strings(TEXT).off);
      return;
    }
    new IndexSearchModal(this.app, this).open();
  }
}

/**
 * Registers the vault index on the plugin: status bar item, commands, vault events after the
 * layout is ready, and cleanup on unload. Returns the service (also found by `vaultIndexFor`).
 */
export function registerVaultIndex(plugin: Plugin, deps: VaultIndexDeps): VaultIndexService {
  const statusEl = plugin.addStatusBarItem();
  statusEl.addClass("ai-stack-planner-index-statusbar");
  const service = new VaultIndexService(plugin.app, deps, statusEl);
  registry.set(plugin.app.vault, service);
  plugin.registerDomEvent(statusEl, "click", () => service.statusBarClicked());
  plugin.register(() => void service.close());
  if (deps.features) Object.assign(deps.features, panelFeaturesOf(service, deps.settings));

  plugin.addCommand({ id: "index-vault", name: "Index vault now", callback: () => void service.runFromCommand("index") });
  plugin.addCommand({ id: "rebuild-index", name: "Rebuild index", callback: () => void service.runFromCommand("rebuild") });
  plugin.addCommand({ id: "show-index-status", name: "Show index status", callback: () => service.showStatus() });
  plugin.addCommand({ id: "search-related-notes", name: "Search related notes", callback: () => service.openSearch() });

  // The vault fires "create" for every file while it loads: follow events only once the layout is ready.
  plugin.app.workspace.onLayoutReady(() => {
    const vault = plugin.app.vault;
    plugin.registerEvent(vault.on("create", (file) => service.fileEvent(file)));
    plugin.registerEvent(vault.on("modify", (file) => service.fileEvent(file)));
    plugin.registerEvent(vault.on("delete", (file) => service.fileEvent(file)));
    plugin.registerEvent(vault.on("rename", (file, oldPath) => service.fileEvent(file, oldPath)));
    service.start();
  });
  return service;
}

/** Passages a panel answer retrieves at most; the context budget trims further. */
const RETRIEVE_K = 12;

/** The index state as the sidebar panel shows it (before the index is first opened: empty). */
function panelStatusOf(status: IndexStatus | null): PanelIndexStatus {
  return status ? panelIndexStatus(status) : { state: "empty", indexedNotes: 0 };
}

/** The sidebar's view of the index (status, progress, index now, rebuild) and its retriever. */
function panelFeaturesOf(service: VaultIndexService, settings: () => PlannerSettings): Required<Pick<PanelFeatures, "index" | "retriever">> {
  const source: IndexStatusSource = {
    status: () => panelStatusOf(service.status),
    onChange: (listener) => service.onChange((status) => listener(panelStatusOf(status))),
    indexNow: async () => {
      await service.indexNow();
    },
    rebuild: async () => {
      await service.rebuild();
    },
  };
  const retriever: Retriever = {
    retrieve: async (query, signal) => retrievedChunks(await service.search(query, RETRIEVE_K, signal)),
  };
  return { index: () => (settings().indexEnabled ? source : undefined), retriever: () => (settings().indexEnabled ? retriever : undefined) };
}

/** The settings row with the index's state and its two actions (the state as of opening the tab). */
function renderIndexStatusRow(app: App, setting: Setting): void {
  const service = vaultIndexFor(app);
  const status = service?.status ?? null;
  setting.setDesc(status ? [indexStatusLine(status, uiLanguage()), status.message].filter(Boolean).join(" · ") : strings(TEXT).off);
  if (!service || !status) return;
  setting.addButton((b) => b.setButtonText(strings(TEXT).indexNow).onClick(() => void service.runFromCommand("index")));
  setting.addButton((b) => b.setButtonText(strings(TEXT).rebuild).onClick(() => void service.runFromCommand("rebuild")));
}

/** The "Vault index" group of the settings tab. */
export function vaultIndexSettingsGroup(app?: App): SettingDefinitionGroup {
  return {
    type: "group",
    heading: "Vault index",
    items: [
      ...(app ? [{ name: "Index status", render: (setting: Setting) => renderIndexStatusRow(app, setting) }] : []),
      {
        name: "Keep a vault index",
        desc: "Index your notes with a local embedding model so plans can cite them. The index stays in your vault.",
        control: { type: "toggle", key: "indexEnabled" },
      },
      {
        name: "Use my notes in plans",
        desc: 'Add the most relevant excerpts of your notes to the prompt as a "From my notes" section, with links.',
        control: { type: "toggle", key: "useNotesInPlans" },
      },
      {
        name: "Embedding model",
        desc: "An Ollama embedding model. Changing it rebuilds the index for the new model.",
        control: { type: "text", key: "embeddingModel", placeholder: "nomic-embed-text" },
      },
      {
        name: "Index folder",
        desc: "Where the index files are kept, inside the vault. A folder starting with a dot stays out of your file list.",
        control: { type: "text", key: "indexFolder", placeholder: ".ai-stack-planner/index" },
      },
      {
        name: "Excluded folders",
        desc: "One folder per line. Notes in them are never indexed nor sent to Ollama.",
        control: { type: "textarea", key: "indexExcludedFolders", placeholder: "Journal", rows: 3 },
      },
      {
        name: "Excluded tags",
        desc: "One tag per line, without #. Notes with these tags (or nested ones) are never indexed nor sent to Ollama.",
        control: { type: "textarea", key: "indexExcludedTags", placeholder: "private", rows: 2 },
      },
      {
        name: "Exclusion property",
        desc: "A note whose properties set this key to exclude (for example ai-stack-planner: exclude) is never indexed.",
        control: { type: "text", key: "indexExcludeKey", placeholder: "ai-stack-planner" },
      },
      {
        name: "Leave plans out of the index",
        desc: "Plans are written by this plugin; indexing them would echo old plans into new ones.",
        control: { type: "toggle", key: "indexExcludePlansFolder" },
      },
    ],
  };
}

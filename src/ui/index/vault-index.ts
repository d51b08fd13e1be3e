/**
 * The vault index inside Obsidian, as a `Component` the plugin adds with `addChild` (as Dataview's
 * `FullIndex` is): it reconciles once the layout is ready, then follows vault events (debounced)
 * and settings changes, and shows its state in a status bar item. It registers its own events,
 * DOM listeners and timers, so unloading the plugin unloads it and leaves nothing behind.
 *
 * Changed paths wait in one place only: the indexer's dirty set (`VaultIndexer.markChanged`).
 */
import { Component, Notice, parseYaml, TFile, TFolder, type TAbstractFile } from "obsidian";
import { ObsidianAdapterStorage } from "../../adapters/vector-index/obsidian-storage";
import { ObsidianNoteSource } from "../../adapters/obsidian/obsidian-note-source";
import { obsidianExcludedFiles } from "../../adapters/obsidian/vault-config";
import { VectorStore } from "../../adapters/vector-index/store";
import { exclusionRulesFromSettings } from "../../core/index/index-settings";
import { groupDigits, indexStatusLine, unreadableNotesText } from "../../core/index/index-status-text";
import { VaultIndexer, type IndexEvent, type IndexRunSummary, type IndexSearchResult, type IndexStatus } from "../../core/index/indexer";
import type { NotesRetriever } from "../../core/index/plan-context";
import type { PlannerSettings } from "../../core/shared/settings";
import { strings, uiLanguage } from "../shared/i18n";
import type { PluginContext } from "../shared/plugin-context";
import type { VaultIndexApi } from "./index-api";

/** Settings whose change re-applies the index (reopen, reconcile or rebuild). */
export const VAULT_INDEX_KEYS: readonly (keyof PlannerSettings)[] = ["indexEnabled", "indexFolder", "embeddingModel", "indexExcludedFolders", "indexExcludedTags", "indexExcludeKey", "indexExcludePlansFolder", "indexHonourExcludedFiles", "plansFolder", "ollamaHost", "allowRemoteHost"];

const TEXT = {
  en: {
    off: 'The vault index is off. Turn on "Keep a vault index" in settings.',
    indexing: "Indexing the vault…",
    rebuilding: "Rebuilding the vault index…",
    done: (s: IndexStatus, r: IndexRunSummary) => `Vault index up to date: ${groupDigits(s.notes)} notes, ${groupDigits(s.chunks)} chunks. This run embedded ${groupDigits(r.embedded)} chunks.`,
    model: "Embedding model",
    folder: "Index folder",
    clickTitle: "Vault index: click for details (and to retry when paused)",
  },
  zh: {
    off: "库索引已关闭。请在设置中打开“保持库索引”。",
    indexing: "正在索引库…",
    rebuilding: "正在重建库索引…",
    done: (s: IndexStatus, r: IndexRunSummary) => `库索引已是最新：${groupDigits(s.notes)} 篇笔记，${groupDigits(s.chunks)} 个片段。本次嵌入了 ${groupDigits(r.embedded)} 个片段。`,
    model: "嵌入模型",
    folder: "索引文件夹",
    clickTitle: "库索引：点击查看详情（暂停时重试）",
  },
};

/** The sentence for "the index is off", shared with the commands and the settings row. */
export function indexOffText(): string {
  return strings(TEXT).off;
}

/** Delays of the index's debounces; tests shorten them. */
export const VAULT_INDEX_TIMING = {
  /** Quiet time after the last vault event before the changed notes are synced. */
  eventDebounceMs: 2000,
  /** Quiet time after the last settings change before the index applies it. */
  settingsDelayMs: 1000,
};

/** The same notice is not repeated within this time (a paused index would otherwise repeat it on every edit). */
const NOTICE_REPEAT_MS = 10 * 60_000;

export class VaultIndex extends Component implements VaultIndexApi {
  private indexer: VaultIndexer | null = null;
  private stopListening: (() => void) | null = null;
  /** The settings the current indexer was made for. */
  private openedFor: { enabled: boolean; folder: string } | null = null;
  private readonly listeners = new Set<(status: IndexStatus | null) => void>();
  /** A folder was renamed or moved: the next sync is a full reconcile. */
  private fullSyncPending = false;
  private eventTimer: number | null = null;
  private settingsTimer: number | null = null;
  private readonly lastNotice = new Map<string, number>();
  private layoutReady = false;
  private closed = false;
  /** Closes of replaced indexers, awaited before the next one opens the index. */
  private closing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: PluginContext,
    private readonly statusEl: HTMLElement,
  ) {
    super();
  }

  onload(): void {
    this.statusEl.addClass("ai-stack-planner-index-statusbar");
    this.registerDomEvent(this.statusEl, "click", () => this.statusBarClicked());
    this.register(this.ctx.onSettingsChange((_settings, changed) => {
      if (VAULT_INDEX_KEYS.some((key) => changed.has(key))) this.settingsChanged();
    }));
    this.register(() => this.clearTimers());
    // The vault fires "create" for every file while it loads: follow events only once the layout is ready.
    const { vault, workspace } = this.ctx.app;
    workspace.onLayoutReady(() => {
      if (this.closed) return;
      this.registerEvent(vault.on("create", (file) => this.fileEvent(file)));
      this.registerEvent(vault.on("modify", (file) => this.fileEvent(file)));
      this.registerEvent(vault.on("delete", (file) => this.fileEvent(file)));
      this.registerEvent(vault.on("rename", (file, oldPath) => this.fileEvent(file, oldPath)));
      this.start();
    });
  }

  onunload(): void {
    void this.close();
  }

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
    const settings = this.ctx.settings();
    const wanted = { enabled: settings.indexEnabled, folder: settings.indexFolder };
    if (this.openedFor && this.openedFor.enabled === wanted.enabled && this.openedFor.folder === wanted.folder) return this.indexer;
    this.dropIndexer();
    this.openedFor = wanted;
    if (!wanted.enabled || this.closed) {
      this.render();
      return null;
    }
    const storage = new ObsidianAdapterStorage(this.ctx.app.vault.adapter);
    const indexer = new VaultIndexer({
      source: new ObsidianNoteSource(this.ctx.app.vault),
      embedder: () => this.ctx.embedder(),
      // A previous indexer may still be compacting on close: one writer per folder at a time.
      openStore: async (model, chunker) => {
        await this.closing;
        return VectorStore.open(storage, wanted.folder, { model, chunker });
      },
      rules: () => exclusionRulesFromSettings(this.ctx.settings(), obsidianExcludedFiles(this.ctx.app.vault)),
      // Obsidian's own parser, so the index reads properties as the Properties view does.
      parseYaml: (text) => parseYaml(text) as unknown,
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
  private start(): void {
    this.layoutReady = true;
    void this.ensureIndexer()?.reconcile();
  }

  /** Settings changed: reopen, reconcile or rebuild once typing pauses. */
  private settingsChanged(): void {
    if (this.closed) return;
    if (this.settingsTimer !== null) window.clearTimeout(this.settingsTimer);
    this.settingsTimer = window.setTimeout(() => {
      this.settingsTimer = null;
      if (this.layoutReady) void this.ensureIndexer()?.reconcile();
    }, VAULT_INDEX_TIMING.settingsDelayMs);
  }

  /** A vault event: the indexer marks the paths now and syncs them after the debounce. */
  private fileEvent(file: TAbstractFile, oldPath?: string): void {
    if (this.closed || !this.layoutReady) return;
    if (file instanceof TFolder) {
      // A renamed folder moves every note inside it: a full reconcile pairs them up as renames.
      this.fullSyncPending = true;
    } else if (file instanceof TFile) {
      if (file.extension !== "md" && !(oldPath ?? "").toLowerCase().endsWith(".md")) return;
      this.ensureIndexer()?.markChanged(oldPath === undefined ? [file.path] : [file.path, oldPath]);
    } else return;
    if (this.eventTimer !== null) window.clearTimeout(this.eventTimer);
    this.eventTimer = window.setTimeout(() => this.flushEvents(), VAULT_INDEX_TIMING.eventDebounceMs);
  }

  private flushEvents(): void {
    this.eventTimer = null;
    const full = this.fullSyncPending;
    this.fullSyncPending = false;
    const indexer = this.ensureIndexer();
    if (!indexer) return;
    if (full) void indexer.reconcile();
    else void indexer.notesChanged([]);
  }

  private clearTimers(): void {
    if (this.eventTimer !== null) window.clearTimeout(this.eventTimer);
    if (this.settingsTimer !== null) window.clearTimeout(this.settingsTimer);
    this.eventTimer = null;
    this.settingsTimer = null;
  }

  /** Stops timers and listeners and closes the index (pending changes are compacted). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clearTimers();
    this.stopListening?.();
    this.stopListening = null;
    const indexer = this.indexer;
    this.indexer = null;
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

  retriever(): NotesRetriever | null {
    if (!this.ctx.settings().useNotesInPlans) return null;
    const indexer = this.ensureIndexer();
    if (!indexer) return null;
    return {
      retrieve: (query, k, signal) => indexer.retrieve(query, k, signal),
      size: async () => (await indexer.load()).chunks,
    };
  }

  /** True when the index is on (it opens it if needed). */
  isOn(): boolean {
    return this.ensureIndexer() !== null;
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
      const skipped = unreadableNotesText(status.unreadable, uiLanguage());
      this.statusEl.setAttr("aria-label", [status.message ?? strings(TEXT).clickTitle, skipped].filter(Boolean).join("\n"));
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
    const settings = this.ctx.settings();
    const lines = [indexStatusLine(status, uiLanguage()), `${t.model}: ${status.model || settings.embeddingModel}`, `${t.folder}: ${settings.indexFolder}`];
    if (status.message) lines.push(status.message);
    const skipped = unreadableNotesText(status.unreadable, uiLanguage());
    if (skipped) lines.push(skipped);
    new Notice(lines.join("\n"), 10000);
  }

  /** The status bar item: shows the details; when indexing is paused, it also retries. */
  private statusBarClicked(): void {
    this.showStatus();
    const state = this.status?.state;
    if (state === "paused" || state === "error") void this.indexNow();
  }

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
}

/** Builds the one plugin context (see ./plugin-context.ts): settings with a change event, Ollama, plan dependencies. */
import { Notice, getLanguage, type App } from "obsidian";
import type { Embedder } from "../../core/index/index-ports";
import type { PlanDeps } from "../../core/plan/generate-plan";
import { checkOllamaHost } from "../../core/shared/host-policy";
import type { LlmPort } from "../../core/shared/ports";
import { migrateSettings, type PlannerSettings } from "../../core/shared/settings";
import { ObsidianVaultPort } from "../../adapters/obsidian/obsidian-vault";
import { createEmbedder } from "../../adapters/ollama/ollama-embedder";
import { createLlm } from "../../adapters/ollama/llm-factory";
import type { FetchFn } from "../../adapters/ollama/ollama-client";
import { GenerationSlot } from "../generate/generation-slot";
import { hardwareFitAdvisor } from "../hardware/fit-features";
import type { VaultIndexApi } from "../index/index-api";
import type { FitAdvisor } from "../panel/panel-ports";
import { uiLanguage } from "./i18n";
import type { LlmPurpose, PluginContext, SettingsListener } from "./plugin-context";

/** How long a host warning stays on screen. */
const WARNING_MS = 8000;

/** The index before the plugin attaches its own: off, and says so. */
const NO_INDEX: VaultIndexApi = {
  status: null,
  onChange: () => () => undefined,
  search: () => Promise.resolve([]),
  indexNow: () => Promise.resolve(null),
  rebuild: () => Promise.resolve(null),
  retriever: () => null,
  runFromCommand: () => Promise.resolve(),
};

export interface ContextOptions {
  app: App;
  settings: PlannerSettings;
  /** Writes the settings to data.json. */
  persist: (settings: PlannerSettings) => Promise<void>;
  fetch: FetchFn;
  /** Obsidian's UI language (default: `getLanguage()`). */
  uiLanguage?: () => string;
  /** Shows a caution to the user (default: a notice). */
  warn?: (message: string) => void;
}

/** The plugin context; `index` is attached once the vault index is registered. */
export class PluginServices implements PluginContext {
  readonly app: App;
  readonly fetch: FetchFn;
  readonly slot = new GenerationSlot();
  readonly fit: FitAdvisor;
  index: VaultIndexApi = NO_INDEX;
  private current: PlannerSettings;
  private readonly listeners = new Set<SettingsListener>();
  /** Warnings the background index already showed this session. */
  private readonly shownOnce = new Set<string>();

  constructor(private readonly options: ContextOptions) {
    this.app = options.app;
    this.fetch = options.fetch;
    this.current = options.settings;
    this.fit = hardwareFitAdvisor(uiLanguage, () => this.current);
  }

  settings(): PlannerSettings {
    return this.current;
  }

  async saveSettings(next: Partial<PlannerSettings>): Promise<void> {
    const before = this.current;
    this.current = migrateSettings({ ...before, ...next });
    await this.options.persist(this.current);
    const changed = new Set((Object.keys(this.current) as (keyof PlannerSettings)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(this.current[key])));
    if (changed.size === 0) return;
    for (const listener of [...this.listeners]) listener(this.current, changed);
  }

  onSettingsChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  uiLanguage(): string {
    return (this.options.uiLanguage ?? getLanguage)();
  }

  llm(settings: PlannerSettings = this.current, purpose: LlmPurpose = "send"): LlmPort {
    const { llm, check } = createLlm(settings.ollamaHost, settings.allowRemoteHost, this.fetch);
    if (purpose === "send") for (const warning of check.warnings) this.warn(warning);
    return llm;
  }

  embedder(): Embedder {
    const s = this.current;
    const embedder = createEmbedder(s.ollamaHost, s.allowRemoteHost, this.fetch, s.embeddingModel);
    for (const warning of checkOllamaHost(s.ollamaHost, s.allowRemoteHost).warnings) {
      if (this.shownOnce.has(warning)) continue;
      this.shownOnce.add(warning);
      this.warn(warning);
    }
    return embedder;
  }

  planDeps(settings: PlannerSettings = this.current): PlanDeps {
    return {
      llm: this.llm(settings),
      vault: new ObsidianVaultPort(this.app.vault),
      now: () => new Date(),
      monotonicMs: () => performance.now(),
      notes: settings.useNotesInPlans ? this.index.retriever() : null,
    };
  }

  private warn(message: string): void {
    if (this.options.warn) this.options.warn(message);
    else new Notice(message, WARNING_MS);
  }
}

/**
 * The plugin context: everything a feature needs from the plugin, built once in `main.ts` and
 * handed to every feature. One place decides the Ollama client (host policy and its warnings), the
 * plan dependencies (notes included) and the settings, so no entry point can drift from another.
 */
import type { App } from "obsidian";
import type { Embedder } from "../../core/index/index-ports";
import type { PlanDeps } from "../../core/plan/generate-plan";
import type { LlmPort } from "../../core/shared/ports";
import type { PlannerSettings } from "../../core/shared/settings";
import type { FetchFn } from "../../adapters/ollama/ollama-client";
import type { GenerationSlot } from "../generate/generation-slot";
import type { VaultIndexApi } from "../index/index-api";
import type { FitAdvisor } from "../panel/panel-ports";

/** Called after settings were saved, with the keys whose value changed. */
export type SettingsListener = (settings: PlannerSettings, changed: ReadonlySet<keyof PlannerSettings>) => void;

/** Why a feature talks to Ollama: sending text (prompts, notes) shows the host's warnings; probing does not. */
export type LlmPurpose = "send" | "probe";

export interface PluginContext {
  readonly app: App;
  /** The current settings (always the last saved ones). */
  settings(): PlannerSettings;
  /** Applies a change, normalises it through the migration, persists it and tells the listeners. */
  saveSettings(next: Partial<PlannerSettings>): Promise<void>;
  /** Follows settings changes; returns the function that unsubscribes. */
  onSettingsChange(listener: SettingsListener): () => void;
  /** Obsidian's UI language code (`en`, `zh-TW`, …): the prompt language when the setting is auto. */
  uiLanguage(): string;
  /** The platform fetch: streams and aborts (Obsidian's requestUrl buffers whole answers). */
  readonly fetch: FetchFn;
  /**
   * The Ollama client for `settings` (the current ones by default), after the host policy: a
   * refused host throws a PlannerError before any connection. For `send`, the host's warnings
   * (not this computer, plain http) are shown to the user on every call.
   */
  llm(settings?: PlannerSettings, purpose?: LlmPurpose): LlmPort;
  /** The vault index's embedding model, under the same host policy (its warnings shown once a session). */
  embedder(): Embedder;
  /** One generation at a time across every entry point, with one Stop. */
  readonly slot: GenerationSlot;
  /** The vault index. */
  readonly index: VaultIndexApi;
  /** Whether installed models fit the hardware the user typed. */
  readonly fit: FitAdvisor;
  /** What a plan needs, for `settings`: the Ollama client (as `llm(settings)`), the vault, the clocks and the notes. */
  planDeps(settings?: PlannerSettings): PlanDeps;
}

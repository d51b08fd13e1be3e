/** AI Stack Planner: plan a private, local AI stack from your notes with a local Ollama. */
import { Plugin } from "obsidian";
import { migrateSettings, type PlannerSettings } from "./core/shared/settings";
import type { FetchFn } from "./adapters/ollama/ollama-client";
import { registerAiStackBlock } from "./ui/generate/ai-stack-block";
import { registerCommands } from "./ui/generate/commands";
import { registerEditorCommands } from "./ui/generate/editor-insert";
import { PlanGenerator } from "./ui/generate/plan-generator";
import { registerHardwareCommands } from "./ui/hardware/hardware-commands";
import { registerIndexCommands } from "./ui/index/index-commands";
import { VaultIndex } from "./ui/index/vault-index";
import { registerPlannerView } from "./ui/panel/planner-view";
import { loadDeviceSettings, saveDeviceRemoteOptIn, syncedSettings } from "./ui/settings/settings-load";
import { PlannerSettingTab } from "./ui/settings/settings-tab";
import { registerStackCommands } from "./ui/stack/stack-commands";
import { PluginServices } from "./ui/shared/create-context";

export default class AiStackPlannerPlugin extends Plugin {
  /** Electron's fetch streams and can be aborted; requestUrl buffers whole answers. */
  fetchFn: FetchFn = (input, init) => window.fetch(input, init);
  private services: PluginServices | null = null;

  /** The plugin context every feature takes (built once in onload). */
  get context(): PluginServices {
    if (!this.services) throw new Error("AI Stack Planner is not loaded.");
    return this.services;
  }

  /** The current settings, kept equal to the context's (Obsidian 1.13 reads `plugin.settings`). */
  settings: PlannerSettings = migrateSettings(undefined);

  async onload(): Promise<void> {
    const { settings, rewrite } = await loadDeviceSettings(this);
    // The remote opt-in stays on this device; data.json (synced with the vault) never holds it.
    const persist = (next: PlannerSettings) => {
      saveDeviceRemoteOptIn(this.app, next.allowRemoteHost);
      return this.saveData(syncedSettings(next));
    };
    if (rewrite) await persist(settings);
    const ctx = new PluginServices({ app: this.app, settings, persist, fetch: this.fetchFn });
    this.services = ctx;
    this.settings = ctx.settings();
    this.register(ctx.onSettingsChange((settings) => (this.settings = settings)));

    const statusEl = this.addStatusBarItem();
    statusEl.addClass("ai-stack-planner-status");
    const generator = new PlanGenerator(ctx, statusEl);
    this.registerDomEvent(statusEl, "click", () => generator.stop());
    this.register(() => generator.stop());

    // The index is a child component: it registers its own events and timers and unloads with the plugin.
    const index = this.addChild(new VaultIndex(ctx, this.addStatusBarItem()));
    ctx.index = index;

    registerCommands(this, ctx, generator);
    registerIndexCommands(this, index);
    registerPlannerView(this, ctx);
    registerHardwareCommands(this, ctx);
    registerEditorCommands(this, ctx);
    registerAiStackBlock(this, ctx);
    registerStackCommands(this, ctx);
    this.addSettingTab(new PlannerSettingTab(this.app, this, ctx));
  }

  /** Applies a change, normalises it through the migration and persists it. */
  async saveSettings(next: Partial<PlannerSettings>): Promise<void> {
    await this.context.saveSettings(next);
  }
}

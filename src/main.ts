/** AI Stack Planner: plan a private, local AI stack from your notes with a local Ollama. */
import { Plugin, getLanguage } from "obsidian";
import { migrateSettings, type PlannerSettings } from "./core/shared/settings";
import type { FetchFn } from "./adapters/ollama/ollama-client";
import { registerAiStackBlock } from "./ui/generate/ai-stack-block";
import { registerCommands } from "./ui/generate/commands";
import { registerEditorCommands } from "./ui/generate/editor-insert";
import { hardwareFitAdvisor } from "./ui/hardware/fit-features";
import { GenerationSlot } from "./ui/generate/generation-slot";
import { registerHardwareCommands } from "./ui/hardware/hardware-commands";
import { uiLanguage } from "./ui/shared/i18n";
import { PlanGenerator } from "./ui/generate/plan-generator";
import type { PanelFeatures } from "./ui/panel/panel-ports";
import { registerPlannerView } from "./ui/panel/planner-view";
import { loadDeviceSettings, saveDeviceRemoteOptIn, syncedSettings } from "./ui/settings/settings-load";
import { PlannerSettingTab } from "./ui/settings/settings-tab";
import { registerVaultIndex } from "./ui/index/vault-index";

export default class AiStackPlannerPlugin extends Plugin {
  settings: PlannerSettings = migrateSettings(undefined);
  /** Electron's fetch streams and can be aborted; requestUrl buffers whole answers. */
  readonly fetchFn: FetchFn = (input, init) => window.fetch(input, init);
  /** Index, retrieval and hardware fit for the panel; each stays absent until its feature sets it. */
  readonly panelFeatures: PanelFeatures = {};

  async onload(): Promise<void> {
    const { settings, rewrite } = await loadDeviceSettings(this);
    this.settings = settings;
    // data.json still held the opt-in: save it without, so it stops travelling with the vault.
    if (rewrite) await this.saveData(syncedSettings(this.settings));

    const statusEl = this.addStatusBarItem();
    statusEl.addClass("ai-stack-planner-status");
    const slot = new GenerationSlot();
    const generator = new PlanGenerator({
      slot,
      app: this.app,
      settings: () => this.settings,
      statusEl,
      fetch: this.fetchFn,
      uiLanguage: () => getLanguage(),
    });
    this.registerDomEvent(statusEl, "click", () => generator.stop());
    this.register(() => generator.stop());

    registerCommands(this, generator, () => this.settings);
    this.panelFeatures.fit = () => hardwareFitAdvisor(uiLanguage, () => this.settings);
    registerPlannerView(this, { settings: () => this.settings, fetch: this.fetchFn, uiLanguage: () => getLanguage(), slot, features: this.panelFeatures });
    registerHardwareCommands(this, { settings: () => this.settings, save: (next) => this.saveSettings(next), uiLanguage: () => getLanguage(), slot, fetch: this.fetchFn });
    registerEditorCommands(this, { settings: () => this.settings, fetch: this.fetchFn, uiLanguage: () => getLanguage(), slot });
    registerAiStackBlock(this, { settings: () => this.settings, fetch: this.fetchFn, uiLanguage: () => getLanguage(), slot });
    registerVaultIndex(this, { settings: () => this.settings, fetch: this.fetchFn, features: this.panelFeatures });
    this.addSettingTab(new PlannerSettingTab(this.app, this, this));
  }

  /** Applies a change, normalises it through the migration and persists it. */
  async saveSettings(next: Partial<PlannerSettings>): Promise<void> {
    this.settings = migrateSettings({ ...this.settings, ...next });
    saveDeviceRemoteOptIn(this.app, this.settings.allowRemoteHost);
    await this.saveData(syncedSettings(this.settings));
  }
}

/**
 * Hardware-aware commands: the offline draft plan (no Ollama needed), and the hint that offers it
 * when Ollama can't plan.
 */
import { Notice, TFile, type App, type Plugin } from "obsidian";
import { PlannerError, userMessage } from "../core/errors";
import { writeOfflineDraft } from "../core/offline-plan";
import { resolveLanguage, type PlannerSettings } from "../core/settings";
import { ObsidianVaultPort } from "../adapters/obsidian-vault";
import { strings } from "./i18n";

const TEXT = {
  en: {
    draftCommand: "Write offline draft plan",
    saved: (path: string) => `Offline draft plan saved to ${path}`,
    hint: ' Or run "Write offline draft plan" for a draft built from your hardware without Ollama.',
  },
  zh: {
    draftCommand: "Write offline draft plan",
    saved: (path: string) => `离线草稿方案已保存到 ${path}`,
    hint: " 也可以运行“Write offline draft plan”，不用 Ollama、仅根据硬件生成草稿方案。",
  },
};

export interface HardwareCommandDeps {
  settings: () => PlannerSettings;
  uiLanguage: () => string;
}

/** The hint appended to a failure when the offline draft is the way forward; empty otherwise. */
export function offlineDraftHint(error: unknown): string {
  return error instanceof PlannerError && (error.kind === "unreachable" || error.kind === "no-models") ? strings(TEXT).hint : "";
}

/** Writes the offline draft for the settings' hardware and uses, opens it and returns its path. */
export async function writeDraftNote(app: App, settings: PlannerSettings, uiLanguage: string): Promise<string | undefined> {
  try {
    const path = await writeOfflineDraft(new ObsidianVaultPort(app.vault), settings.plansFolder, {
      tier: settings.defaultTier,
      language: resolveLanguage(settings.language, uiLanguage),
      hardware: settings.hardware,
      usage: settings.usage,
      created: new Date(),
    });
    new Notice(strings(TEXT).saved(path));
    const file = app.vault.getAbstractFileByPath(path);
    if (settings.openPlanAfterWrite && file instanceof TFile) await app.workspace.getLeaf(false).openFile(file);
    return path;
  } catch (error) {
    new Notice(userMessage(error), 10000);
    return undefined;
  }
}

/** Registers "Write offline draft plan". No default hotkey. */
export function registerHardwareCommands(plugin: Plugin, deps: HardwareCommandDeps): void {
  plugin.addCommand({
    id: "write-offline-draft",
    name: strings(TEXT).draftCommand,
    callback: () => void writeDraftNote(plugin.app, deps.settings(), deps.uiLanguage()),
  });
}

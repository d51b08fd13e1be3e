/**
 * Hardware-aware commands: "Detect my hardware" (desktop), the offline draft plan (no Ollama
 * needed), and the hint that offers the draft when Ollama can't plan.
 */
import { Notice, Platform, TFile, type App, type Plugin } from "obsidian";
import { profileFromDetection } from "../core/hardware/detect";
import { describeProfile, type HardwareProfile } from "../core/hardware/profile";
import { storeProfile } from "../core/hardware/stored-profile";
import { desktopBindings, detectFacts } from "../adapters/hardware-detector";
import { PlannerError, userMessage } from "../core/errors";
import { profileFromStored } from "../core/hardware/stored-profile";
import { writeOfflineDraft } from "../core/offline-plan";
import { resolveLanguage, type PlannerSettings } from "../core/settings";
import { ObsidianVaultPort } from "../adapters/obsidian-vault";
import { strings } from "./i18n";

const TEXT = {
  en: {
    draftCommand: "Write offline draft plan",
    detectCommand: "Detect my hardware",
    detecting: "Detecting hardware…",
    detected: (profile: string) => `Detected: ${profile}.`,
    desktopOnly: "Hardware detection needs the desktop app. Describe your hardware in settings instead.",
    saved: (path: string) => `Offline draft plan saved to ${path}`,
    hint: ' Or run "Write offline draft plan" for a draft built from your hardware without Ollama.',
  },
  zh: {
    draftCommand: "Write offline draft plan",
    detectCommand: "Detect my hardware",
    detecting: "正在检测硬件…",
    detected: (profile: string) => `检测结果：${profile}。`,
    desktopOnly: "硬件检测需要桌面版应用。请在设置中手动描述硬件。",
    saved: (path: string) => `离线草稿方案已保存到 ${path}`,
    hint: " 也可以运行“Write offline draft plan”，不用 Ollama、仅根据硬件生成草稿方案。",
  },
};

export interface HardwareCommandDeps {
  settings: () => PlannerSettings;
  save: (next: Partial<PlannerSettings>) => Promise<void>;
  uiLanguage: () => string;
}

/**
 * Detects this machine's hardware, stores it as the profile (and as the description when that is
 * empty) and tells the user what was found. Returns the profile, or null on mobile.
 */
export async function detectAndSaveHardware(deps: HardwareCommandDeps): Promise<HardwareProfile | null> {
  const t = strings(TEXT);
  const bindings = await desktopBindings();
  if (!bindings) {
    new Notice(t.desktopOnly);
    return null;
  }
  const notice = new Notice(t.detecting, 0);
  try {
    const settings = deps.settings();
    const lang = resolveLanguage(settings.language, deps.uiLanguage());
    const profile = profileFromDetection(await detectFacts(bindings), lang);
    const description = describeProfile(profile, lang);
    await deps.save({ hardwareProfile: storeProfile(profile, "detected", new Date()), ...(settings.hardware.trim() === "" ? { hardware: description } : {}) });
    new Notice([t.detected(description), ...profile.warnings].join(" "), 10000);
    return profile;
  } finally {
    notice.hide();
  }
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
      ...(settings.hardwareProfile ? { profile: profileFromStored(settings.hardwareProfile) } : {}),
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

/** Registers "Write offline draft plan" and, on desktop, "Detect my hardware". No default hotkeys. */
export function registerHardwareCommands(plugin: Plugin, deps: HardwareCommandDeps): void {
  if (Platform.isDesktop) {
    plugin.addCommand({ id: "detect-hardware", name: strings(TEXT).detectCommand, callback: () => void detectAndSaveHardware(deps) });
  }
  plugin.addCommand({
    id: "write-offline-draft",
    name: strings(TEXT).draftCommand,
    callback: () => void writeDraftNote(plugin.app, deps.settings(), deps.uiLanguage()),
  });
}

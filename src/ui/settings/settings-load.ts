/**
 * Reads the plugin's data.json so that an unreadable file never silently means "nothing excluded",
 * and keeps the remote-host opt-in on this device (Obsidian's local storage), out of data.json:
 * that file syncs with the vault, and a vault someone hands over may carry it.
 */
import { Notice, normalizePath, type App, type Plugin } from "obsidian";
import { exclusionListProblem, migrateSettings, type PlannerSettings } from "../../core/shared/settings";
import { actionText, IN_PLUGIN, sentence } from "../../core/shared/user-actions";

/** The local-storage key of "Allow a non-local Ollama host" (per vault, this device only). */
export const REMOTE_OPT_IN_KEY = "ai-stack-planner-allow-remote-host";

/** The opt-in as this device holds it; anything but an explicit true is off. */
export function deviceRemoteOptIn(app: App): boolean {
  return app.loadLocalStorage(REMOTE_OPT_IN_KEY) === true;
}

/** Stores the opt-in on this device only. */
export function saveDeviceRemoteOptIn(app: App, allowed: boolean): void {
  app.saveLocalStorage(REMOTE_OPT_IN_KEY, allowed ? true : null);
}

/** What goes into data.json: the settings without the device-only opt-in. */
export function syncedSettings(settings: PlannerSettings): Omit<PlannerSettings, "allowRemoteHost"> {
  const { allowRemoteHost: _deviceOnly, ...synced } = settings;
  return synced;
}

/**
 * The settings with the opt-in from this device. A data.json that still holds one (older versions,
 * or a vault from someone else) is not obeyed: the user is told, and `rewrite` asks the caller to
 * save data.json without it.
 */
export async function loadDeviceSettings(plugin: Plugin): Promise<{ settings: PlannerSettings; rewrite: boolean }> {
  let raw: unknown = null;
  try {
    raw = await plugin.loadData();
  } catch {
    raw = null;
  }
  const stored = typeof raw === "object" && raw !== null && "allowRemoteHost" in raw;
  const settings = await loadPluginSettings(plugin, raw);
  if (stored && (raw as { allowRemoteHost?: unknown }).allowRemoteHost === true && !deviceRemoteOptIn(plugin.app)) {
    new Notice(
      `AI Stack Planner: this vault's settings file asked to allow a non-local Ollama host. That choice is now kept on each device, not in the synced settings, and it was not turned on here. ${sentence(actionText("allow-remote", IN_PLUGIN))} if you meant it.`,
    );
  }
  // An exclusion list that is not a list of usable entries would exclude less than meant: no indexing this session.
  const problem = exclusionListProblem(raw);
  if (problem !== null) {
    new Notice(`AI Stack Planner: ${problem} The vault index stays off so that nothing you meant to exclude is sent to Ollama. Fix the list in settings, then turn the index back on.`);
    settings.indexEnabled = false;
  }
  return { settings: { ...settings, allowRemoteHost: deviceRemoteOptIn(plugin.app) }, rewrite: stored };
}

/**
 * The stored settings; or, when data.json exists but could not be read (Obsidian then hands back
 * nothing), defaults with the vault index off, because the unknown settings may exclude folders.
 */
export async function loadPluginSettings(plugin: Plugin, loaded?: unknown): Promise<PlannerSettings> {
  let raw: unknown = loaded ?? null;
  let threw = false;
  if (loaded === undefined) {
    try {
      raw = await plugin.loadData();
    } catch {
      threw = true;
    }
  }
  if (raw !== null && raw !== undefined) return migrateSettings(raw);
  const file = normalizePath(`${plugin.manifest.dir ?? ""}/data.json`);
  const unreadable = threw || (plugin.manifest.dir !== undefined && (await plugin.app.vault.adapter.exists(file)));
  if (!unreadable) return migrateSettings(raw);
  new Notice(
    `AI Stack Planner couldn't read its settings file (${file}). The vault index stays off so that nothing you excluded is sent to Ollama. Fix or delete that file and reload the plugin, or check your settings and turn the index back on.`,
  );
  return migrateSettings({ indexEnabled: false });
}

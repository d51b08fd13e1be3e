/** Reads the plugin's data.json so that an unreadable file never silently means "nothing excluded". */
import { Notice, normalizePath, type Plugin } from "obsidian";
import { migrateSettings, type PlannerSettings } from "../../core/shared/settings";

/**
 * The stored settings; or, when data.json exists but could not be read (Obsidian then hands back
 * nothing), defaults with the vault index off, because the unknown settings may exclude folders.
 */
export async function loadPluginSettings(plugin: Plugin): Promise<PlannerSettings> {
  let raw: unknown = null;
  let threw = false;
  try {
    raw = await plugin.loadData();
  } catch {
    threw = true;
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

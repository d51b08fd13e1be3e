/** What the plugin reads from Obsidian's own vault configuration (not part of the typed API). */
import type { Vault } from "obsidian";

/**
 * Obsidian's "Excluded files" (Settings → Files and links), `userIgnoreFilters` in app.json: path
 * prefixes and `/regex/` entries. Read through `vault.getConfig`, which the typings do not declare.
 */
export function obsidianExcludedFiles(vault: Vault): string[] {
  const withConfig = vault as Vault & { getConfig?: (key: string) => unknown };
  let value: unknown;
  try {
    value = typeof withConfig.getConfig === "function" ? withConfig.getConfig("userIgnoreFilters") : undefined;
  } catch {
    // An Obsidian without getConfig (or a test double): there is no such list to honour.
    value = undefined;
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.trim() !== "") : [];
}

/**
 * UI strings follow Obsidian's language: Chinese for zh*, English otherwise. Each UI module keeps
 * its own `{ en, zh }` table and reads it through `strings(table)`, so modules never share a file.
 */
import { getLanguage } from "obsidian";

export type UiLanguage = "en" | "zh";

/** Obsidian's UI language reduced to the two the plugin ships. */
export function uiLanguage(): UiLanguage {
  return getLanguage().toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** The table's strings for the current UI language. */
export function strings<T>(table: { en: T; zh: T }): T {
  return table[uiLanguage()];
}

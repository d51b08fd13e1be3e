/**
 * The plugin's stored settings (data.json) as the CLI finds them in a folder vault. A missing file
 * means "the plugin was never set up here": defaults are fine. A file that is there but can't be
 * read or parsed is different: its exclusions are unknown, so commands that send notes to Ollama
 * must refuse rather than run on defaults (which would index folders the user excluded).
 */
import { errnoCode, fsProblem } from "../core/shared/fs-errors";
import { promises as fs } from "node:fs";
import path from "node:path";

const PLUGIN_ID = "ai-stack-planner";

export type StoredSettings =
  | { state: "missing" }
  | { state: "ok"; file: string; data: Record<string, unknown> }
  | { state: "invalid"; file: string; reason: string };

/** Why a present settings file can't be used, in words (no errno codes). */
function unreadableReason(error: unknown): string {
  return fsProblem(error, "read");
}

async function readOne(file: string): Promise<StoredSettings | null> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    // Not this folder: the plugin was never set up under it.
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    return { state: "invalid", file, reason: unreadableReason(error) };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { state: "invalid", file, reason: text.trim() === "" ? "it is empty" : "it isn't valid JSON (it may have been cut off)" };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { state: "invalid", file, reason: "it doesn't hold a settings object" };
  return { state: "ok", file, data: data as Record<string, unknown> };
}

/**
 * Obsidian's default config folder name; another one is named with `--config-dir`. The CLI has no
 * Vault#configDir to ask (Obsidian is not running), so the default is spelled out once, here.
 */
export const DEFAULT_CONFIG_DIR = `.${"obsidian"}`;

/**
 * The vault's config folder: `.obsidian`, or the folder given (relative to the vault). Only that
 * folder is read: a vault someone hands over may carry other hidden folders with a settings file
 * that opts in to a remote host or empties the exclusions.
 */
export function configDirOf(vaultDir: string, configDir: string | undefined): string {
  const name = (configDir ?? DEFAULT_CONFIG_DIR).trim();
  const absolute = path.resolve(vaultDir, name);
  const relative = path.relative(vaultDir, absolute);
  if (name === "" || relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new Error(`--config-dir must name a folder inside the vault, such as ${DEFAULT_CONFIG_DIR}, not "${name}".`);
  }
  return absolute;
}

/** The plugin's settings file in the vault's config folder (see `configDirOf`). */
export async function readVaultSettings(vaultDir: string, configDir?: string): Promise<StoredSettings> {
  const found = await readOne(path.join(configDirOf(vaultDir, configDir), "plugins", PLUGIN_ID, "data.json"));
  return found ?? { state: "missing" };
}

/**
 * Obsidian's "Excluded files" from the config folder's app.json (`userIgnoreFilters`). A file that
 * is missing or holds none gives []; one that cannot be parsed is an error, since what it
 * excludes is then unknown.
 */
export async function readExcludedFiles(vaultDir: string, configDir?: string): Promise<string[]> {
  const file = path.join(configDirOf(vaultDir, configDir), "app.json");
  const stored = await readOne(file);
  if (stored === null) return [];
  if (stored.state === "invalid") throw new Error(`Obsidian's settings file "${file}" can't be used: ${stored.reason}. Nothing was sent, because the files it excludes are unknown. Fix that file and run again.`);
  if (stored.state !== "ok") return [];
  const filters = stored.data.userIgnoreFilters;
  if (filters === undefined) return [];
  if (!Array.isArray(filters) || filters.some((f) => typeof f !== "string")) {
    throw new Error(`Obsidian's settings file "${file}" has an "Excluded files" list that isn't a list of paths. Nothing was sent; fix that list and run again.`);
  }
  return (filters as string[]).filter((f) => f.trim() !== "");
}

/** The one line for a settings file the CLI can't use: which file, why, and what to do. */
export function invalidSettingsMessage(stored: { file: string; reason: string }, refused: boolean): string {
  const what = `The plugin settings file "${stored.file}" can't be used: ${stored.reason}.`;
  return refused
    ? `${what} Nothing was done, because your settings (such as the folders kept away from Ollama) are unknown. Fix that file, or delete it to start from the default settings, and run again.`
    : `Warning: ${what} Default settings are used; fix that file, or delete it to start from the defaults.`;
}

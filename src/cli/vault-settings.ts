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
 * The plugin's settings file for a vault folder. Obsidian's config folder name is configurable, so
 * every hidden top-level folder is tried; the first one holding the file decides.
 */
export async function readVaultSettings(vaultDir: string): Promise<StoredSettings> {
  const entries = await fs.readdir(vaultDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || !entry.name.startsWith(".")) continue;
    const found = await readOne(path.join(vaultDir, entry.name, "plugins", PLUGIN_ID, "data.json"));
    if (found) return found;
  }
  return { state: "missing" };
}

/** The one line for a settings file the CLI can't use: which file, why, and what to do. */
export function invalidSettingsMessage(stored: { file: string; reason: string }, refused: boolean): string {
  const what = `The plugin settings file "${stored.file}" can't be used: ${stored.reason}.`;
  return refused
    ? `${what} Nothing was done, because your settings (such as the folders kept away from Ollama) are unknown. Fix that file, or delete it to start from the default settings, and run again.`
    : `Warning: ${what} Default settings are used; fix that file, or delete it to start from the defaults.`;
}

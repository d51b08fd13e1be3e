/**
 * Helpers for the bad-input (robustness) tests: a captured CLI run, and a fingerprint of every
 * note in a folder vault so a test can prove no note was changed, added or removed.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { runCli, type CliIo } from "../../src/cli/main";
import { listFiles } from "./temp-vault";
import { DEFAULT_CONFIG_DIR } from "../../src/cli/vault-settings";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the real CLI with captured stdout/stderr and the given environment. */
export async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  const code = await runCli(argv, io);
  return { code, out: out.join(""), err: err.join("") };
}

/** sha256 of every file outside hidden folders (the notes and anything else the user keeps), by path. */
export async function noteHashes(vault: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await listFiles(vault)) {
    if (rel.split("/").some((part) => part.startsWith("."))) continue;
    out[rel] = createHash("sha256").update(await fs.readFile(path.join(vault, rel))).digest("hex");
  }
  return out;
}

/** The user's notes only: every file outside hidden folders and outside the plans folder. */
export async function userNoteHashes(vault: string, plansFolder = "AI Stack Plans"): Promise<Record<string, string>> {
  const all = await noteHashes(vault);
  return Object.fromEntries(Object.entries(all).filter(([rel]) => !rel.startsWith(`${plansFolder}/`)));
}

/** Files under the index folder, relative to it. */
export async function indexFiles(vault: string, indexDir = ".ai-stack-planner/index"): Promise<string[]> {
  const abs = path.join(vault, indexDir);
  const entries = await fs.readdir(abs, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(abs, path.join(e.parentPath, e.name)).split(path.sep).join("/")).sort();
}

/** Writes the plugin's settings (data.json) where the CLI looks for them: `.obsidian` unless `--config-dir` names another. */
export async function writePluginSettings(vault: string, settings: Record<string, unknown>, configDir = DEFAULT_CONFIG_DIR): Promise<void> {
  const dir = path.join(vault, configDir, "plugins", "ai-stack-planner");
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, "data.json"), JSON.stringify(settings), "utf8");
}

/** The one-line (first line) of a message, for "short actionable message" checks. */
export function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}

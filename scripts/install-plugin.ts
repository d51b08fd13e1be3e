/**
 * Copies the built plugin into a vault: npm run install-plugin -- <vault path> [--config-dir <name>]
 * Builds first if main.js is missing. The config folder defaults to the one Obsidian created.
 */
import { execFileSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const ROOT = path.resolve(__dirname, "..");
const FILES = ["main.js", "manifest.json", "styles.css"];

async function findConfigDir(vault: string): Promise<string | undefined> {
  const entries = await fs.readdir(vault, { withFileTypes: true });
  // Obsidian's config folder is a hidden folder holding app.json; its name is user-configurable.
  for (const e of entries) if (e.isDirectory() && e.name.startsWith(".") && existsSync(path.join(vault, e.name, "app.json"))) return e.name;
  return undefined;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "config-dir": { type: "string" } } });
  const vault = positionals[0];
  if (!vault) throw new Error("Usage: npm run install-plugin -- <vault path> [--config-dir <name>]");
  const vaultDir = path.resolve(vault);
  if (!existsSync(vaultDir)) throw new Error(`No vault folder at ${vaultDir}.`);
  const configDir = values["config-dir"] ?? (await findConfigDir(vaultDir));
  if (!configDir) throw new Error(`${vaultDir} has no Obsidian config folder yet. Open it in Obsidian once, or pass --config-dir.`);
  if (!existsSync(path.join(ROOT, "main.js"))) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  const manifest = JSON.parse(await fs.readFile(path.join(ROOT, "manifest.json"), "utf8")) as { id: string };
  const target = path.join(vaultDir, configDir, "plugins", manifest.id);
  await fs.mkdir(target, { recursive: true });
  for (const file of FILES) await fs.copyFile(path.join(ROOT, file), path.join(target, file));
  process.stdout.write(`Installed ${FILES.join(", ")} into ${target}\nEnable "AI Stack Planner" under Settings → Community plugins.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

import { promises as fs } from "node:fs";
import path from "node:path";
import { DEFAULT_CONFIG_DIR, invalidSettingsMessage, readVaultSettings } from "../../src/cli/vault-settings";
import { makeTempVault, removeTempVault } from "../harness/temp-vault";

/** Obsidian's default config folder: the only one read unless --config-dir names another. */
const CONFIG_DIR = DEFAULT_CONFIG_DIR;
let vault: string;
beforeEach(async () => {
  vault = await makeTempVault({ "Note.md": "# Note\n" });
});
afterEach(() => removeTempVault(vault));

async function writeSettingsFile(content: string, configDir = CONFIG_DIR): Promise<string> {
  const dir = path.join(vault, configDir, "plugins", "ai-stack-planner");
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, "data.json");
  await fs.writeFile(file, content);
  return file;
}

describe("readVaultSettings", () => {
  test("no config folder, or one without the plugin: missing (defaults are fine)", async () => {
    expect(await readVaultSettings(vault)).toEqual({ state: "missing" });
    await fs.mkdir(path.join(vault, CONFIG_DIR, "plugins", "other"), { recursive: true });
    expect(await readVaultSettings(vault)).toEqual({ state: "missing" });
  });

  test("only the config folder is read: a settings file in another hidden folder is ignored unless named", async () => {
    // Red team: a vault handed over carried `.rogue/plugins/ai-stack-planner/data.json` opting in to a remote host.
    const rogue = await writeSettingsFile(JSON.stringify({ allowRemoteHost: true, indexExcludedTags: [] }), ".a-rogue");
    expect(await readVaultSettings(vault)).toEqual({ state: "missing" });
    expect(await readVaultSettings(vault, ".a-rogue")).toEqual({ state: "ok", file: rogue, data: { allowRemoteHost: true, indexExcludedTags: [] } });
    const file = await writeSettingsFile(JSON.stringify({ indexExcludedFolders: ["Secret"] }));
    expect(await readVaultSettings(vault)).toEqual({ state: "ok", file, data: { indexExcludedFolders: ["Secret"] } });
  });

  test("--config-dir must stay inside the vault", async () => {
    await expect(readVaultSettings(vault, "../elsewhere")).rejects.toThrow(/--config-dir must name a folder inside the vault/);
  });

  test.each([
    ["truncated JSON", '{"indexExcludedFolders": ["Secret"], ', "it isn't valid JSON (it may have been cut off)"],
    ["an empty file", "", "it is empty"],
    ["JSON that is not an object", "[1, 2]", "it doesn't hold a settings object"],
    ["JSON null", "null", "it doesn't hold a settings object"],
  ])("%s is invalid, never missing", async (_label, content, reason) => {
    const file = await writeSettingsFile(content);
    expect(await readVaultSettings(vault)).toEqual({ state: "invalid", file, reason });
  });

  test("a folder where the file should be is invalid", async () => {
    const file = path.join(vault, CONFIG_DIR, "plugins", "ai-stack-planner", "data.json");
    await fs.mkdir(file, { recursive: true });
    expect(await readVaultSettings(vault)).toEqual({ state: "invalid", file, reason: "it is a folder, not a file" });
  });
});

describe("invalidSettingsMessage", () => {
  const stored = { file: "/v/.config-dir/plugins/ai-stack-planner/data.json", reason: "it is empty" };
  test("refusing names the file, the reason and the fix in one line", () => {
    const line = invalidSettingsMessage(stored, true);
    expect(line).not.toContain("\n");
    expect(line).toContain(`"${stored.file}" can't be used: it is empty.`);
    expect(line).toMatch(/Fix that file, or delete it/);
  });
  test("warning says defaults are used", () => {
    expect(invalidSettingsMessage(stored, false)).toMatch(/^Warning: .*Default settings are used/);
  });
});

/**
 * A data.json that exists but cannot be read (Obsidian's loadData then gives nothing) must not turn
 * into default settings that index everything: the excluded folders in that file are unknown.
 */
import { pluginDir, startPlugin, waitFor } from "../../harness/plugin-harness";

const FILES = { "Private/Diary.md": "# Diary\nsecret\n", "PC.md": "# PC\nRTX 4090\n" };

afterEach(() => {
  jest.restoreAllMocks();
});

test("an unreadable data.json keeps the vault index off and says which file to fix", async () => {
  const h = await startPlugin({ files: FILES, unreadableDataFile: '{"indexExcludedFolders": ["Private"], ' });
  const dataFile = `${pluginDir(h.app.vault.configDir)}/data.json`;
  expect(h.plugin.settings.indexEnabled).toBe(false);
  expect(h.notices.plain()).toEqual([
    `AI Stack Planner couldn't read its settings file (${dataFile}). The vault index stays off so that nothing you excluded is sent to Ollama. Fix or delete that file and reload the plugin, or check your settings and turn the index back on.`,
  ]);
  h.app.workspace.setLayoutReady__();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(h.plugin.context.index?.status ?? null).toBeNull();
  // The broken file is left as it was for the user to repair.
  expect(await h.app.vault.adapter.read(dataFile)).toBe('{"indexExcludedFolders": ["Private"], ');
  h.mock.unload();
});

test("no data.json at all is a first run: defaults, index on, no notice", async () => {
  const h = await startPlugin({ files: FILES });
  expect(h.plugin.settings.indexEnabled).toBe(true);
  expect(h.notices.plain()).toEqual([]);
  h.app.workspace.setLayoutReady__();
  await waitFor(() => h.plugin.context.index?.status !== null, "the index to start");
  h.mock.unload();
});

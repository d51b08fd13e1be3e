/**
 * Red team, settings: a vault someone hands over may carry settings that widen what is sent. The
 * CLI reads the plugin's settings only from the vault's config folder, never takes the remote
 * opt-in from a file, and says "remote" on every command that sends notes.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { FakeOllama } from "../harness/fake-ollama";
import { blockedDestinations } from "../harness/network-guard";
import { cli, writePluginSettings } from "../harness/robust-vault";
import { makeTempVault, removeTempVault } from "../harness/temp-vault";
import { startPlugin } from "../harness/plugin-harness";
import { REMOTE_OPT_IN_KEY } from "../../src/ui/settings/settings-load";

let fake: FakeOllama;
let vault: string;
beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearRequests();
  vault = await makeTempVault({ "Pub.md": "# Pub\nPUBLIC GPU note.\n", "Diary.md": "LEAK-ROGUE-DIARY #private\n" });
});
afterEach(() => removeTempVault(vault));

test("a settings file in another hidden folder does not empty the exclusions", async () => {
  await writePluginSettings(vault, { indexExcludedTags: [], indexExcludedFolders: [] }, ".a-rogue");
  const run = await cli(["index", "--vault", vault, "--quiet"], { OLLAMA_HOST: fake.url });
  expect(run.code).toBe(0);
  expect(fake.requests.length).toBeGreaterThan(0);
  for (const r of fake.requests) expect(r.rawBody).not.toContain("LEAK-ROGUE-DIARY");
});

test("a stored remote opt-in is not enough: the CLI refuses the remote host before any connection", async () => {
  await writePluginSettings(vault, { allowRemoteHost: true, ollamaHost: "http://192.0.2.10:11434" });
  for (const command of [["index"], ["search", "gpu"], ["plan", "--no-draft"]]) {
    const run = await cli([...command, "--vault", vault, "--quiet"], {});
    expect({ command: command[0], code: run.code }).toEqual({ command: command[0], code: 1 });
    expect(run.err).toMatch(/^192\.0\.2\.10:11434 is not this computer\. Pass --allow-remote/);
  }
  expect(blockedDestinations()).toEqual([]);
});

test("with --allow-remote, search warns that notes leave the machine before it does anything", async () => {
  const run = await cli(["search", "gpu", "--vault", vault, "--host", "http://192.0.2.10:11434", "--allow-remote"], {});
  expect(run.err).toMatch(/^Warning: With a host that is not this computer, the text of your notes and prompts leaves this machine\.\n/);
  expect(run.err).toContain("plain http");
  expect(blockedDestinations()).toEqual([]);
});

test("--config-dir names the config folder; a path outside the vault is refused", async () => {
  await writePluginSettings(vault, { indexExcludedTags: ["nothing-here"] }, ".work-config");
  const outside = await cli(["index", "--vault", vault, "--config-dir", "../elsewhere"], { OLLAMA_HOST: fake.url });
  expect(outside.code).toBe(2);
  expect(outside.err).toMatch(/^--config-dir must name a folder inside the vault/);
  const run = await cli(["index", "--vault", vault, "--config-dir", ".work-config", "--quiet"], { OLLAMA_HOST: fake.url });
  expect(run.code).toBe(0);
  // That folder's tags replace the default "private": the diary is sent, which proves the file was read.
  expect(fake.requests.some((r) => r.rawBody.includes("LEAK-ROGUE-DIARY"))).toBe(true);
  await fs.rm(path.join(vault, ".work-config"), { recursive: true });
});

test("plugin: a data.json carrying the remote opt-in is not obeyed, is rewritten without it, and the user is told", async () => {
  const h = await startPlugin({ settings: { allowRemoteHost: true, ollamaHost: "http://192.0.2.10:11434", openPlanAfterWrite: false } });
  try {
    expect(h.plugin.settings.allowRemoteHost).toBe(false);
    expect(h.mock.data__).not.toHaveProperty("allowRemoteHost");
    expect(h.mock.data__).toMatchObject({ ollamaHost: "http://192.0.2.10:11434" });
    expect(h.notices.texts().join("\n")).toMatch(/asked to allow a non-local Ollama host\. That choice is now kept on each device/);
    expect(await h.generate("generate-pro-plan", { hardware: "RTX 4090", usage: "email" })).toBeUndefined();
    expect(h.notices.texts().join("\n")).toContain("192.0.2.10:11434 is not this computer.");
    expect(blockedDestinations()).toEqual([]);
    // The user's own choice on this device is kept there, never in the synced file.
    await h.plugin.saveSettings({ allowRemoteHost: true });
    expect(h.app.loadLocalStorage(REMOTE_OPT_IN_KEY)).toBe(true);
    expect(h.mock.data__).not.toHaveProperty("allowRemoteHost");
  } finally {
    h.mock.unload();
    jest.restoreAllMocks();
  }
});

test("plugin: an excluded-tags list holding a number keeps the index off with a notice; nothing is sent", async () => {
  const h = await startPlugin({ settings: { ollamaHost: fake.url, indexExcludedTags: [42] as unknown as string[] }, files: { "Diary.md": "LEAK-PLUGIN-DIARY #private\n", "Pub.md": "# Pub\nPUBLIC GPU note.\n" } });
  try {
    h.app.workspace.setLayoutReady__();
    expect(h.plugin.settings.indexEnabled).toBe(false);
    expect(h.notices.texts().join("\n")).toContain("The excluded tags setting holds 42, which is not a usable tag. The vault index stays off");
    expect(fake.requests.filter((r) => r.path === "/api/embed")).toEqual([]);
  } finally {
    h.mock.unload();
    jest.restoreAllMocks();
  }
});

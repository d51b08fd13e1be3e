/**
 * A note whose properties are not valid YAML is never sent, and the plugin says how many such
 * notes it skipped: in the status bar's tooltip, the "Show index status" notice, the settings row
 * and the sidebar panel, in English and in Chinese (the real plugin, the fake Ollama).
 */
import { useFakeOllama } from "../../harness/use-fake-ollama";
import { MetadataCache, Setting } from "obsidian-test-mocks/obsidian";
import { waitFor, type PluginHarness } from "../../harness/plugin-harness";
import { startPanelHarness } from "../../harness/panel-harness";
import { embeddedTexts, useFastIndexTiming } from "../../harness/vault-index";
import type { VaultIndex } from "../../../src/ui/index/vault-index";
import type { PlannerSettingTab } from "../../../src/ui/settings/settings-tab";

// Obsidian's language, switched per test ("mock" prefix: jest lets the factory read it).
let mockLanguage = "en";
jest.mock("obsidian", () => ({ ...jest.requireActual<object>("obsidian"), getLanguage: () => mockLanguage }));

const FILES = {
  "Uses.md": "# Uses\nEmail replies and an n8n workflow for receipts.\n",
  // An unclosed flow list: not valid YAML, so nobody can tell whether the note is private.
  "Broken.md": "---\ntags: [private\n---\nSECRET-BROKEN-TEXT\n",
};

const fake = useFakeOllama("## Compute\n\nUse Ollama.");
useFastIndexTiming();
beforeEach(() => {
  // Obsidian's metadata cache logs invalid YAML and goes on; the mock's throws from vault.create.
  const cache = MetadataCache.prototype as unknown as { parseFileMetadata: (this: unknown, file: unknown) => void };
  const parse = cache.parseFileMetadata;
  jest.spyOn(cache, "parseFileMetadata").mockImplementation(function (this: unknown, file: unknown) {
    try {
      parse.call(this, file);
    } catch {
      // As Obsidian: no properties for this note in the cache.
    }
  });
});
afterEach(() => {
  mockLanguage = "en";
  jest.restoreAllMocks();
});

function service(h: PluginHarness): VaultIndex {
  return h.plugin.context.index as VaultIndex;
}

function indexStatusBar(h: PluginHarness): HTMLElement {
  const el = h.mock.statusBarItems__.find((item) => item.hasClass("ai-stack-planner-index-statusbar"));
  if (!el) throw new Error("No index status bar item");
  return el;
}

function settingsRowText(h: PluginHarness): string | null {
  const tab = h.mock.settingTabs__[0] as PlannerSettingTab;
  const rows = jest.spyOn(Setting.prototype, "constructor__");
  const legacy: { display(): void } = tab;
  legacy.display();
  const row = (rows.mock.contexts as Setting[]).find((s) => s.nameEl.textContent === "Index status");
  return row?.descEl.textContent ?? null;
}

const EN = "1 note skipped: its properties could not be read. Fix its YAML to have it indexed.";
const EN_TWO = "2 notes skipped: their properties could not be read. Fix their YAML to have them indexed.";

test("a note with invalid YAML properties is skipped, never sent, and every index status says so", async () => {
  const h = await startPanelHarness({ settings: { ollamaHost: fake.url }, files: FILES });
  const view = await h.openPanel();
  const panelText = () => view.contentEl.querySelector(".ai-stack-planner-index-status")?.textContent;
  h.app.workspace.setLayoutReady__();
  await waitFor(() => service(h).status?.state === "idle", "the first reconcile");

  for (const r of fake.requests) expect(r.rawBody).not.toMatch(/SECRET-/);
  expect(embeddedTexts(fake.requests).join("\n")).toContain("n8n workflow");
  expect(indexStatusBar(h).textContent).toBe("Index: 1 notes · up to date");
  expect(indexStatusBar(h).getAttribute("aria-label")).toBe(`Vault index: click for details (and to retry when paused)\n${EN}`);
  expect(panelText()).toBe(`1 note indexed. ${EN}`);
  expect(settingsRowText(h)).toBe(`Index: 1 notes · up to date · ${EN}`);
  h.execute("show-index-status");
  expect(h.notices.plain().at(-1)).toBe(`Index: 1 notes · up to date\nEmbedding model: nomic-embed-text:latest\nIndex folder: .ai-stack-planner/index\n${EN}`);

  // A second broken note, then an edit elsewhere: the count follows the vault, not the last run only.
  await h.app.vault.create("Also broken.md", "---\nprivate: true\n  oops: [\n---\nSECRET-ALSO-TEXT\n");
  await waitFor(() => panelText() === `1 note indexed. ${EN_TWO}`, "the second skipped note");
  const uses = h.app.vault.getFileByPath("Uses.md");
  if (!uses) throw new Error("No Uses.md");
  await h.app.vault.modify(uses, "# Uses\nEmail replies, edited.\n");
  await waitFor(() => embeddedTexts(fake.requests).some((t) => t.includes("edited")), "the edit to be indexed");
  await waitFor(() => service(h).status?.state === "idle", "the edit's run to end");
  expect(panelText()).toBe(`1 note indexed. ${EN_TWO}`);

  // Fixing the YAML: the notes are indexed and the sentence goes away.
  const broken = h.app.vault.getFileByPath("Broken.md");
  const also = h.app.vault.getFileByPath("Also broken.md");
  if (!broken || !also) throw new Error("No broken notes");
  await h.app.vault.modify(broken, "---\ntags: [recipes]\n---\nBread and butter.\n");
  await h.app.vault.modify(also, "---\nprivate: false\n---\nA plain note.\n");
  await waitFor(() => panelText() === "3 notes indexed.", "the fixed notes");
  expect(indexStatusBar(h).getAttribute("aria-label")).toBe("Vault index: click for details (and to retry when paused)");
  for (const r of fake.requests) expect(r.rawBody).not.toMatch(/SECRET-/);
  await h.closePanel();
  h.mock.unload();
});

test("in Chinese the skipped notes are counted in Chinese", async () => {
  mockLanguage = "zh";
  const h = await startPanelHarness({ settings: { ollamaHost: fake.url }, files: FILES });
  const view = await h.openPanel();
  h.app.workspace.setLayoutReady__();
  await waitFor(() => service(h).status?.state === "idle", "the first reconcile");
  const zh = "已跳过 1 篇笔记：无法读取其属性。修正其中的 YAML 后即可索引。";
  expect(view.contentEl.querySelector(".ai-stack-planner-index-status")?.textContent).toBe(`已索引 1 篇笔记。 ${zh}`);
  expect(indexStatusBar(h).getAttribute("aria-label")).toBe(`库索引：点击查看详情（暂停时重试）\n${zh}`);
  h.execute("show-index-status");
  expect(h.notices.plain().at(-1)).toBe(`索引：1 篇笔记 · 已是最新\n嵌入模型: nomic-embed-text:latest\n索引文件夹: .ai-stack-planner/index\n${zh}`);
  await h.closePanel();
  h.mock.unload();
});

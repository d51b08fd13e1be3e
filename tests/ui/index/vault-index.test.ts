/**
 * The vault index in the real plugin, through the Obsidian mock and against the fake Ollama:
 * reconcile after layout ready, vault events → index changes, the status bar, the commands, the
 * search modal, plans grounded in notes, settings changes, and a clean unload.
 */
import { useFakeOllama } from "../../harness/use-fake-ollama";
import { ButtonComponent, Modal, Setting, TFile } from "obsidian-test-mocks/obsidian";
import { parseNote, startPlugin, waitFor, type PluginHarness } from "../../harness/plugin-harness";
import { startPanelHarness } from "../../harness/panel-harness";
import { embeddedTexts, useFastIndexTiming } from "../../harness/vault-index";
import type { VaultIndex } from "../../../src/ui/index/vault-index";
import type { IndexSearchModal } from "../../../src/ui/index/index-search-modal";
import type { PlannerSettingTab } from "../../../src/ui/settings/settings-tab";

const FILES = {
  "Hardware.md": "# PC\nDesktop with an RTX 4090 and 24 GB of VRAM.\n\n# Memory\n64 GB RAM.\n",
  "Uses.md": "# Uses\nEmail replies and an n8n workflow for receipts.\n",
  "Diary.md": "SECRET-DIARY-TEXT #private\n",
  "Journal/Today.md": "SECRET-JOURNAL-TEXT\n",
  "AI Stack Plans/Old.md": "SECRET-PLAN-TEXT\n",
};

const fake = useFakeOllama("## Compute\n\nUse Ollama.");
useFastIndexTiming();
afterEach(() => {
  jest.restoreAllMocks();
});

function service(h: PluginHarness): VaultIndex {
  return h.plugin.context.index as VaultIndex;
}

/** The index component's registered vault events (the mock Component records them). */
function indexEvents(h: PluginHarness): unknown[] {
  return (service(h) as unknown as { events__: unknown[] }).events__;
}

function indexStatusBar(h: PluginHarness): HTMLElement {
  const el = h.mock.statusBarItems__.find((item) => item.hasClass("ai-stack-planner-index-statusbar"));
  if (!el) throw new Error("No index status bar item");
  return el;
}

async function started(settings: Record<string, unknown> = {}, files: Record<string, string> = FILES): Promise<PluginHarness> {
  const h = await startPlugin({ settings: { ollamaHost: fake.url, indexExcludedFolders: ["Journal"], openPlanAfterWrite: false, ...settings }, files });
  h.app.workspace.setLayoutReady__();
  await waitFor(() => service(h).status?.state === "idle", "the first reconcile");
  return h;
}

function file(h: PluginHarness, path: string): TFile {
  const f = h.app.vault.getAbstractFileByPath(path);
  if (!(f instanceof TFile)) throw new Error(`No file ${path}`);
  return f;
}

test("after layout ready the vault is indexed; the status bar says so; private notes never reach the wire", async () => {
  const h = await started();
  expect(service(h).status).toMatchObject({ state: "idle", notes: 2, chunks: 3, model: "nomic-embed-text:latest" });
  expect(indexStatusBar(h).textContent).toBe("Index: 2 notes · up to date");
  expect(embeddedTexts(fake.requests)).toHaveLength(3);
  expect(h.filePaths().filter((p) => p.startsWith(".ai-stack-planner"))).toEqual([]);
  expect(await h.app.vault.adapter.exists(".ai-stack-planner/index/manifest.json")).toBe(true);
  for (const r of fake.requests) expect(r.rawBody).not.toMatch(/SECRET-/);
  h.mock.unload();
});

test("nothing is indexed before the layout is ready", async () => {
  const h = await startPlugin({ settings: { ollamaHost: fake.url }, files: FILES });
  await new Promise((r) => setTimeout(r, 50));
  expect(fake.requests).toHaveLength(0);
  expect(h.mock.events__).toHaveLength(0);
  h.mock.unload();
});

test("vault events: create, modify, rename and delete change the index with minimal embedding", async () => {
  const h = await started();
  const index = service(h);
  fake.clearRequests();

  await h.app.vault.create("New.md", "# New\nA note about quiet fans.\n");
  await waitFor(() => index.status?.notes === 3, "the created note");
  expect(embeddedTexts(fake.requests)).toEqual(["search_document: New > New\n\nA note about quiet fans."]);

  fake.clearRequests();
  await h.app.vault.modify(file(h, "Hardware.md"), FILES["Hardware.md"].replace("64 GB", "128 GB"));
  await waitFor(() => embeddedTexts(fake.requests).length === 1 && index.status?.state === "idle", "the edit");
  expect(embeddedTexts(fake.requests)).toEqual(["search_document: Hardware > Memory\n\n128 GB RAM."]);

  fake.clearRequests();
  await h.app.vault.rename(file(h, "Uses.md"), "Archive/Uses.md");
  await waitFor(() => index.status?.lastRun?.renamed === 1, "the rename");
  expect(fake.requestsTo("/api/embed")).toHaveLength(0);

  await h.app.fileManager.trashFile(file(h, "New.md"));
  await waitFor(() => index.status?.notes === 2, "the delete");
  const results = await index.search("n8n receipts", 3);
  expect(results[0].path).toBe("Archive/Uses.md");

  await h.app.vault.create("Secret.md", "SECRET-LATER-TEXT #private\n");
  await h.app.vault.create("Journal/Later.md", "SECRET-LATER-JOURNAL\n");
  await new Promise((r) => setTimeout(r, 150));
  await waitFor(() => index.status?.state === "idle", "idle");
  expect(index.status?.notes).toBe(2);
  for (const r of fake.requests) expect(r.rawBody).not.toMatch(/SECRET-/);
  h.mock.unload();
});

test("unloading clears the pending debounce: the event after it never reaches Ollama", async () => {
  const h = await started();
  fake.clearRequests();
  await h.app.vault.create("Late.md", "# Late\ntext\n");
  expect(indexEvents(h)).toHaveLength(4);
  h.mock.unload();
  await new Promise((r) => setTimeout(r, 150));
  expect(fake.requestsTo("/api/embed")).toHaveLength(0);
  expect(h.mock.events__).toHaveLength(0);
  expect(h.mock.intervals__).toHaveLength(0);
  expect(indexEvents(h)).toHaveLength(0);
  expect(service(h).status).toBeNull();
});

test("commands: index now, show status, rebuild", async () => {
  const h = await started();
  h.execute("index-vault");
  await waitFor(() => h.notices.plain().some((m) => m.startsWith("Vault index up to date")), "the index notice");
  expect(h.notices.plain()).toContain("Vault index up to date: 2 notes, 3 chunks. This run embedded 0 chunks.");

  h.execute("show-index-status");
  expect(h.notices.plain().at(-1)).toBe("Index: 2 notes · up to date\nEmbedding model: nomic-embed-text:latest\nIndex folder: .ai-stack-planner/index");

  fake.clearRequests();
  h.execute("rebuild-index");
  await waitFor(() => h.notices.plain().filter((m) => m.startsWith("Vault index up to date")).length === 2, "the rebuild");
  expect(embeddedTexts(fake.requests)).toHaveLength(3);
  h.mock.unload();
});

test("Ollama down: the status bar shows the pause, one notice explains it", async () => {
  const h = await started();
  fake.addFault({ path: "/api/embed", fault: { kind: "server-error", message: "busy" } });
  await h.app.vault.create("A.md", "# A\nalpha\n");
  await h.app.vault.create("B.md", "# B\nbeta\n");
  await waitFor(() => service(h).status?.state === "paused", "the pause");
  expect(indexStatusBar(h).textContent).toBe("Index paused · 2 notes");
  expect(indexStatusBar(h).getAttribute("aria-label")).toBe("Ollama reported an error while embedding notes: busy (HTTP 500). Indexing is paused.");
  await h.app.vault.create("C.md", "# C\ngamma\n");
  await waitFor(() => fake.requestsTo("/api/embed").length >= 2, "the second attempt");
  await waitFor(() => service(h).status?.state === "paused", "paused again");
  expect(h.notices.plain().filter((m) => m.includes("busy"))).toHaveLength(1);
  fake.clearFaults();
  // A click on the paused status bar item retries.
  indexStatusBar(h).click();
  await waitFor(() => service(h).status?.state === "idle", "the retry");
  expect(service(h).status).toMatchObject({ state: "idle", notes: 5 });
  expect(indexStatusBar(h).textContent).toBe("Index: 5 notes · up to date");
  h.mock.unload();
});

test("search related notes: a suggest modal whose choice opens the note at its heading", async () => {
  const h = await started();
  const modals = jest.spyOn(Modal.prototype, "constructor__");
  h.execute("search-related-notes");
  const modal = modals.mock.contexts[0] as unknown as IndexSearchModal;
  // Opening runs the modal's own first (empty) query; a newer query supersedes an older one.
  await new Promise((r) => setTimeout(r, 20));
  expect(await modal.getSuggestions("ab")).toEqual([]);
  const results = await modal.getSuggestions("RTX 4090 VRAM");
  expect(results[0]).toMatchObject({ path: "Hardware.md", headingPath: ["PC"] });
  const el = createDiv();
  modal.renderSuggestion(results[0], el);
  expect(el.textContent).toBe("Hardware › PCDesktop with an RTX 4090 and 24 GB of VRAM.");
  const open = jest.spyOn(h.app.workspace, "openLinkText");
  modal.onChooseSuggestion(results[0]);
  expect(open).toHaveBeenCalledWith("Hardware#PC", "", false);
  h.mock.unload();
});

test("a blueprint command grounds the plan in the notes and lists the sources", async () => {
  const h = await started({ hardware: "RTX 4090 24 GB VRAM", usage: "email replies" });
  const path = await h.generate("generate-pro-plan");
  const prompt = (fake.requestsTo("/api/chat").at(-1)?.body as { messages: { content: string }[] }).messages[0].content;
  expect(prompt).toContain("===== From my notes =====");
  expect(prompt).toContain("[[Hardware#PC]]");
  expect(prompt).not.toMatch(/SECRET-/);
  const note = parseNote(await h.read(path ?? ""));
  expect(note.frontmatter.sources).toEqual(expect.arrayContaining(["[[Hardware]]"]));
  expect(note.body).toContain("## Sources\n\n- [[Hardware]]");
  h.mock.unload();
});

test("with the index turned off, plans are written as before and commands say how to turn it on", async () => {
  const off = await startPlugin({ settings: { ollamaHost: fake.url, indexEnabled: false, openPlanAfterWrite: false }, files: FILES });
  off.app.workspace.setLayoutReady__();
  off.execute("index-vault");
  expect(off.notices.plain()).toContain('The vault index is off. Turn on "Keep a vault index" in settings.');
  const path = await off.generate("generate-basic-plan");
  expect(await off.read(path ?? "")).not.toContain("Your notes were not used");
  expect(fake.requestsTo("/api/embed")).toHaveLength(0);
  off.mock.unload();
});

test("excluding a folder in settings removes its notes from the index", async () => {
  const h = await started();
  const tab = h.mock.settingTabs__[0] as PlannerSettingTab;
  await tab.setControlValue("indexExcludedFolders", "Journal\nArchive");
  await h.app.vault.rename(file(h, "Uses.md"), "Archive/Uses.md");
  await waitFor(() => service(h).status?.notes === 1 && service(h).status?.state === "idle", "the exclusion");
  expect(h.plugin.settings.indexExcludedFolders).toEqual(["Journal", "Archive"]);
  h.mock.unload();
});

test("the sidebar panel shows the index and its Index now button runs a reconcile", async () => {
  const h = await startPanelHarness({ settings: { ollamaHost: fake.url, indexExcludedFolders: ["Journal"] }, files: FILES });
  const view = await h.openPanel();
  const statusEl = () => view.contentEl.querySelector(".ai-stack-planner-index-status")?.textContent;
  expect(statusEl()).toBe("Nothing indexed yet.");
  h.app.workspace.setLayoutReady__();
  await waitFor(() => statusEl() === "2 notes indexed.", "the panel to show the index");
  await h.app.vault.create("New.md", "# New\ntext\n");
  await waitFor(() => statusEl() === "3 notes indexed.", "the panel to follow the event");
  fake.clearRequests();
  const indexNow = jest.spyOn(service(h), "indexNow");
  view.contentEl.querySelector<HTMLButtonElement>(".ai-stack-planner-index-now")?.click();
  expect(indexNow).toHaveBeenCalledTimes(1);
  expect(await indexNow.mock.results[0].value).toMatchObject({ kind: "full", complete: true, embedded: 0, unchanged: 3 });
  await h.closePanel();
  h.mock.unload();
});

test("turning the index off and on again in settings closes and reopens it on the same files", async () => {
  const h = await started();
  const tab = h.mock.settingTabs__[0] as PlannerSettingTab;
  await tab.setControlValue("indexEnabled", false);
  await waitFor(() => service(h).status === null, "the index to close");
  expect(indexStatusBar(h).textContent).toBe("");
  fake.clearRequests();
  await tab.setControlValue("indexEnabled", true);
  await waitFor(() => service(h).status?.state === "idle" && service(h).status?.lastRun !== null, "the index to reopen");
  expect(service(h).status).toMatchObject({ notes: 2, chunks: 3 });
  expect(fake.requestsTo("/api/embed")).toHaveLength(0);
  h.mock.unload();
});

test("the settings tab shows the index state with Index now and Rebuild", async () => {
  const h = await started();
  const tab = h.mock.settingTabs__[0] as PlannerSettingTab;
  const rows = jest.spyOn(Setting.prototype, "constructor__");
  const legacy: { display(): void } = tab;
  legacy.display();
  const row = (rows.mock.contexts as Setting[]).find((s) => s.nameEl.textContent === "Index status");
  if (!row) throw new Error("No index status row");
  expect(row.descEl.textContent).toBe("Index: 2 notes · up to date");
  const buttons = row.components.filter((c): c is ButtonComponent => c instanceof ButtonComponent);
  expect(buttons.map((b) => b.buttonEl.textContent)).toEqual(["Index now", "Rebuild"]);
  fake.clearRequests();
  // The mock keeps a button's handler instead of wiring it to DOM clicks.
  (buttons[1] as unknown as { clickHandler?: (evt: MouseEvent) => unknown }).clickHandler?.(new MouseEvent("click"));
  await waitFor(() => h.notices.plain().some((m) => m.startsWith("Vault index up to date")), "the rebuild");
  expect(embeddedTexts(fake.requests)).toHaveLength(3);
  h.mock.unload();
});

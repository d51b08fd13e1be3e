/**
 * The settings tab: its declarative definitions (rendered by Obsidian 1.13+), persistence through
 * the plugin's data.json, host validation, the display() fallback for older Obsidian, and the
 * model picker filled from the fake Ollama's /api/tags.
 */
import type { SettingDefinition, SettingDefinitionGroup, SettingDefinitionItem } from "obsidian";
import { DropdownComponent, Setting, TextComponent, ToggleComponent } from "obsidian-test-mocks/obsidian";
import { DEFAULT_SETTINGS, migrateSettings, type PlannerSettings } from "../../../src/core/shared/settings";
import { PlannerSettingTab } from "../../../src/ui/settings/settings-tab";
import type { FetchFn } from "../../../src/adapters/ollama/ollama-client";
import { FakeOllama, unusedLoopbackPort } from "../../harness/fake-ollama";
import { startPlugin, waitFor, type PluginHarness } from "../../harness/plugin-harness";
import { REMOTE_OPT_IN_KEY } from "../../../src/ui/settings/settings-load";

const LOADING = "Loading installed models…";

let fake: FakeOllama;

beforeAll(async () => {
  fake = await FakeOllama.start();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.clearFaults();
  fake.clearRequests();
});

afterEach(() => {
  jest.restoreAllMocks();
});

function groups(tab: PlannerSettingTab): SettingDefinitionGroup[] {
  return tab.getSettingDefinitions().filter((item: SettingDefinitionItem): item is SettingDefinitionGroup => "type" in item && item.type === "group");
}

function definitions(tab: PlannerSettingTab): SettingDefinition[] {
  return groups(tab).flatMap((g) => (g.items ?? []) as SettingDefinition[]);
}

function control(tab: PlannerSettingTab, key: string) {
  const def = definitions(tab).find((d) => "control" in d && d.control?.key === key);
  if (!def || !("control" in def) || !def.control) throw new Error(`No control for ${key}`);
  return def.control;
}

/** The plugin's own tab, registered by onload. */
async function pluginTab(settings: Partial<PlannerSettings> = {}): Promise<{ h: PluginHarness; tab: PlannerSettingTab }> {
  const h = await startPlugin({ settings: { ollamaHost: fake.url, ...settings } });
  expect(h.mock.settingTabs__).toHaveLength(1);
  const tab = h.mock.settingTabs__[0];
  if (!(tab instanceof PlannerSettingTab)) throw new Error("The registered tab is not a PlannerSettingTab");
  return { h, tab };
}

/** Renders the tab with display() and gives access to its rows by name. */
function display(tab: PlannerSettingTab) {
  const spy = jest.spyOn(Setting.prototype, "constructor__");
  // display() is what Obsidian before 1.13 calls (it is marked deprecated in the 1.13 typings).
  const legacy: { display(): void } = tab;
  legacy.display();
  const rows = spy.mock.contexts as Setting[];
  const row = (name: string): Setting => {
    const found = rows.filter((s) => s.nameEl.textContent === name);
    expect(found).toHaveLength(1);
    return found[0];
  };
  return { rows, row };
}

function only<T>(components: unknown[], type: abstract new (...args: never[]) => T): T {
  const found = components.filter((c): c is T => c instanceof type);
  expect(found).toHaveLength(1);
  return found[0];
}

async function modelPickerSettled(row: Setting): Promise<void> {
  await waitFor(() => row.descEl.textContent !== LOADING, "the model list");
}

describe("definitions", () => {
  test("every stored setting except version and chatModel has a control; the chat model is a render row", async () => {
    const { tab } = await pluginTab();
    const keys = definitions(tab).flatMap((d) => ("control" in d && d.control ? [d.control.key] : []));
    // The hardware profile is edited field by field in its own group (tests/ui/hardware-settings.test.ts).
    const expected = Object.keys(DEFAULT_SETTINGS).filter((k) => k !== "version" && k !== "chatModel" && k !== "hardwareProfile");
    expect([...keys].sort()).toEqual([...expected].sort());
    expect(new Set(keys).size).toBe(keys.length);
    const chatModel = definitions(tab).find((d) => d.name === "Chat model");
    expect(chatModel && "render" in chatModel && typeof chatModel.render).toBe("function");
    expect(groups(tab).map((g) => g.heading)).toEqual(["Ollama", "About you", "Hardware profile", "Plans", "Vault index", "Automation (n8n)"]);
  });

  test("getControlValue reads the current settings", async () => {
    const { h, tab } = await pluginTab({ hardware: "M3 MacBook Pro 16GB", contextTokens: 16384, keepPartialPlans: true });
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof PlannerSettings)[]) {
      if (key === "version") continue;
      // Lists (the index's excluded folders and tags) are edited one item per line.
      const value = h.plugin.settings[key];
      expect(tab.getControlValue(key)).toEqual(Array.isArray(value) ? value.join("\n") : value);
    }
    expect(tab.getControlValue("hardware")).toBe("M3 MacBook Pro 16GB");
  });

  test("setControlValue persists through saveData, after migration", async () => {
    const { h, tab } = await pluginTab();
    await tab.setControlValue("contextTokens", 10);
    await tab.setControlValue("hardware", "RTX 4090 24GB");
    await tab.setControlValue("plansFolder", "/Plans/AI/");
    expect(h.plugin.settings).toMatchObject({ contextTokens: 2048, hardware: "RTX 4090 24GB", plansFolder: "Plans/AI" });
    // Everything but the device-only remote opt-in.
    const { allowRemoteHost: _deviceOnly, ...synced } = migrateSettings({ ...h.plugin.settings });
    expect(h.mock.data__).toEqual(synced);
    expect(h.mock.data__).toMatchObject({ version: 1, contextTokens: 2048, hardware: "RTX 4090 24GB", plansFolder: "Plans/AI", ollamaHost: fake.url });

    // What was saved is what the next start loads.
    const again = await startPlugin({ settings: h.mock.data__ as Partial<PlannerSettings> });
    expect(again.plugin.settings).toEqual(h.plugin.settings);
  });

  test("host validation: invalid URLs and remote hosts without the opt-in are rejected", async () => {
    const { h, tab } = await pluginTab();
    const validate = control(tab, "ollamaHost").validate as (value: string) => string | undefined;
    expect(validate("http://")).toBe('"http://" isn\'t a valid Ollama host URL. Use a form like http://127.0.0.1:11434.');
    expect(validate("ftp://127.0.0.1:11434")).toBe("The Ollama host must use http or https, not ftp.");
    expect(validate("http://192.168.1.20:11434")).toBe(
      '192.168.1.20:11434 is not this computer. Turn on "Allow a non-local Ollama host" in settings to use it. With a host that is not this computer, the text of your notes and prompts leaves this machine.',
    );
    expect(validate("127.0.0.1:11434")).toBeUndefined();
    expect(validate("http://localhost:11434")).toBeUndefined();

    await tab.setControlValue("allowRemoteHost", true);
    // Kept on this device (local storage), never in the synced data.json.
    expect(h.app.loadLocalStorage(REMOTE_OPT_IN_KEY)).toBe(true);
    expect(h.mock.data__).not.toHaveProperty("allowRemoteHost");
    expect(validate("http://192.168.1.20:11434")).toBeUndefined();
  });
});

describe("display() for Obsidian before 1.13", () => {
  test("renders a heading per group and a row per definition, with its current value", async () => {
    const { tab } = await pluginTab({ hardware: "RTX 4090 24GB", usage: "Notes", language: "zh", contextTokens: 16384 });
    const { rows, row } = display(tab);
    const headings = [...tab.containerEl.querySelectorAll(".setting-item-heading")].map((el) => el.textContent);
    expect(headings).toEqual(["Ollama", "About you", "Hardware profile", "Plans", "Vault index", "Automation (n8n)"]);
    const names = definitions(tab).map((d) => d.name);
    expect(rows.map((s) => s.nameEl.textContent)).toEqual(["Ollama", ...names.slice(0, 6), "About you", ...names.slice(6, 8), "Hardware profile", ...names.slice(8, 16), "Plans", ...names.slice(16, 23), "Vault index", ...names.slice(23, -2), "Automation (n8n)", ...names.slice(-2)]);
    for (const s of rows) expect(tab.containerEl.contains(s.settingEl)).toBe(true);
    expect(tab.containerEl.textContent).toContain("Allow a non-local Ollama host");

    expect(row("Hardware").controlEl.querySelector("textarea")?.value).toBe("RTX 4090 24GB");
    expect(row("Main uses").controlEl.querySelector("textarea")?.value).toBe("Notes");
    const ctx = row("Context size").controlEl.querySelector("input");
    expect(ctx?.type).toBe("number");
    expect(ctx?.value).toBe("16384");
    const language = row("Prompt language").controlEl.querySelector("select");
    expect([...(language?.options ?? [])].map((o) => o.value)).toEqual(["auto", "en", "zh"]);
    expect(language?.value).toBe("zh");
    expect(row("Ollama host").controlEl.querySelector("input")?.value).toBe(fake.url);
    expect(row("Host status").descEl.textContent).toBe(`Local host ${fake.url}: nothing leaves this computer.`);
    await modelPickerSettled(row("Chat model"));
  });

  test("editing the controls saves valid values and shows the error for an invalid host", async () => {
    const { h, tab } = await pluginTab();
    const { row } = display(tab);
    await modelPickerSettled(row("Chat model"));

    const hostRow = row("Ollama host");
    const host = only(hostRow.components, TextComponent);
    host.setValue("http://");
    await waitFor(() => (hostRow.descEl.querySelector(".ai-stack-planner-setting-error")?.textContent ?? "") !== "", "the host error");
    expect(hostRow.descEl.querySelector(".ai-stack-planner-setting-error")?.textContent).toBe(
      '"http://" isn\'t a valid Ollama host URL. Use a form like http://127.0.0.1:11434.',
    );
    expect(h.plugin.settings.ollamaHost).toBe(fake.url);
    host.setValue("127.0.0.1:11435");
    await waitFor(() => h.plugin.settings.ollamaHost === "127.0.0.1:11435", "the host to be saved");
    expect(hostRow.descEl.querySelector(".ai-stack-planner-setting-error")?.textContent).toBe("");

    only(row("Context size").components, TextComponent).setValue("10");
    only(row("Keep stopped plans").components, ToggleComponent).setValue(true);
    const language = only(row("Prompt language").components, DropdownComponent);
    language.selectEl.value = "zh";
    language.simulateChange__();
    await waitFor(() => h.plugin.settings.language === "zh", "the language to be saved");
    expect(h.mock.data__).toMatchObject({ contextTokens: 2048, keepPartialPlans: true, language: "zh", ollamaHost: "127.0.0.1:11435" });
  });

  test("the host status row warns about a remote host the user allowed", async () => {
    // A plugin whose fetch never reaches the network: the picker would otherwise dial the LAN.
    const platformFetch = jest.fn<ReturnType<FetchFn>, Parameters<FetchFn>>(() => Promise.reject(new TypeError("fetch failed")));
    const h = await startPlugin({ settings: { ollamaHost: "http://192.168.1.20:11434", indexEnabled: false }, fetch: platformFetch });
    const tab = h.mock.settingTabs__[0];
    if (!(tab instanceof PlannerSettingTab)) throw new Error("The registered tab is not a PlannerSettingTab");
    // The opt-in is made on this device (a data.json carrying it is not obeyed).
    await tab.setControlValue("allowRemoteHost", true);
    const { row } = display(tab);
    const status = row("Host status");
    expect(status.descEl.textContent).toBe(
      "With a host that is not this computer, the text of your notes and prompts leaves this machine. The connection to 192.168.1.20:11434 is plain http: anyone on the network path can read your notes. Prefer https.",
    );
    expect(status.settingEl.hasClass("ai-stack-planner-warning")).toBe(true);
    await modelPickerSettled(row("Chat model"));
    const input = platformFetch.mock.calls[0]?.[0];
    expect(input instanceof Request ? input.url : input instanceof URL ? input.href : input).toBe("http://192.168.1.20:11434/api/tags");
  });
});

describe("model picker", () => {
  test("lists the installed chat models, not the embedding model", async () => {
    const { h, tab } = await pluginTab();
    const { row } = display(tab);
    const picker = row("Chat model");
    await modelPickerSettled(picker);
    expect(picker.descEl.textContent).toBe("Models installed in Ollama.");
    const select = picker.controlEl.querySelector("select");
    expect([...(select?.options ?? [])].map((o) => [o.value, o.text])).toEqual([
      ["", "First installed model"],
      ["llama3.2:3b", "llama3.2:3b · 3.2B · Q4_K_M"],
    ]);
    expect(select?.value).toBe("");
    expect(picker.controlEl.querySelector("input")).toBeNull();
    expect(fake.requestsTo("/api/tags")).toHaveLength(1);

    const dropdown = only(picker.components, DropdownComponent);
    dropdown.selectEl.value = "llama3.2:3b";
    dropdown.simulateChange__();
    await waitFor(() => h.plugin.settings.chatModel === "llama3.2:3b", "the model to be saved");
    expect(h.mock.data__).toMatchObject({ chatModel: "llama3.2:3b" });
  });

  test("keeps a configured model that isn't installed, marked as such", async () => {
    const { tab } = await pluginTab({ chatModel: "qwen2.5:14b" });
    const { row } = display(tab);
    const picker = row("Chat model");
    await modelPickerSettled(picker);
    const select = picker.controlEl.querySelector("select");
    expect([...(select?.options ?? [])].map((o) => o.text)).toEqual(["First installed model", "llama3.2:3b · 3.2B · Q4_K_M", "qwen2.5:14b (not installed)"]);
    expect(select?.value).toBe("qwen2.5:14b");
  });

  test("with nothing listening, falls back to a text input and says Ollama isn't reachable", async () => {
    const port = await unusedLoopbackPort();
    const { h, tab } = await pluginTab({ ollamaHost: `http://127.0.0.1:${port}`, chatModel: "llama3.2" });
    const { row } = display(tab);
    const picker = row("Chat model");
    await modelPickerSettled(picker);
    expect(picker.descEl.textContent).toContain("isn't reachable");
    expect(picker.descEl.textContent).toBe(`Ollama isn't reachable at http://127.0.0.1:${port}. Start it with \`ollama serve\`. Type a model name instead.`);
    expect(picker.controlEl.querySelector("select")).toBeNull();
    expect(picker.controlEl.querySelector("input")?.value).toBe("llama3.2");

    only(picker.components, TextComponent).setValue("  qwen2.5:7b ");
    await waitFor(() => h.plugin.settings.chatModel === "qwen2.5:7b", "the typed model to be saved");
    expect(h.mock.data__).toMatchObject({ chatModel: "qwen2.5:7b" });
  });

  test("changing the host re-checks the status row and re-lists the models", async () => {
    const port = await unusedLoopbackPort();
    const { tab } = await pluginTab({ ollamaHost: `http://127.0.0.1:${port}` });
    const { row } = display(tab);
    const picker = row("Chat model");
    await modelPickerSettled(picker);
    expect(picker.controlEl.querySelector("select")).toBeNull();
    await tab.setControlValue("ollamaHost", fake.url);
    expect(row("Host status").descEl.textContent).toBe(`Local host ${fake.url}: nothing leaves this computer.`);
    await waitFor(() => picker.controlEl.querySelector("select") !== null, "the model dropdown after the host change");
    expect(picker.descEl.textContent).toBe("Models installed in Ollama.");
  });

  test("with only an embedding model installed, asks for a model name", async () => {
    const embedOnly = await FakeOllama.start({ models: [{ name: "nomic-embed-text:latest", family: "nomic-bert" }] });
    try {
      const { tab } = await pluginTab({ ollamaHost: embedOnly.url });
      const { row } = display(tab);
      const picker = row("Chat model");
      await modelPickerSettled(picker);
      expect(picker.descEl.textContent).toBe("No chat models are installed. Type a model name, then pull it with Ollama.");
      expect(picker.controlEl.querySelector("input")).not.toBeNull();
    } finally {
      await embedOnly.close();
    }
  });

  test("a non-local host without the opt-in is never contacted", async () => {
    const { tab } = await pluginTab({ ollamaHost: "http://192.168.1.20:11434" });
    const fetchSpy = jest.spyOn(window, "fetch");
    const { row } = display(tab);
    const picker = row("Chat model");
    await modelPickerSettled(picker);
    expect(picker.descEl.textContent).toContain("192.168.1.20:11434 is not this computer.");
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(row("Host status").settingEl.hasClass("ai-stack-planner-warning")).toBe(true);
  });
});

/**
 * The "Hardware profile" settings group and "Detect my hardware", through the real plugin and
 * settings tab; the model dropdown's fit marks from the fake Ollama's /api/show.
 */
import { parseHardwareText } from "../../../src/core/hardware/parse-text";
import os from "node:os";
import { ButtonComponent, DropdownComponent, Platform, Setting, TextComponent, ToggleComponent } from "obsidian-test-mocks/obsidian";
import { detectAndSaveHardware } from "../../../src/ui/hardware/hardware-commands";
import { planInputFromSettings } from "../../../src/core/plan/generate-plan";
import { PlannerSettingTab } from "../../../src/ui/settings/settings-tab";
import type { PlannerSettings } from "../../../src/core/shared/settings";
import { FakeOllama, defaultModels } from "../../harness/fake-ollama";
import { startPlugin, waitFor, type PluginHarness } from "../../harness/plugin-harness";

let fake: FakeOllama;
beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearRequests();
  fake.setModels(defaultModels());
});
afterEach(() => jest.restoreAllMocks());

async function open(settings: Partial<PlannerSettings>, server = fake): Promise<{ h: PluginHarness; row: (name: string) => Setting }> {
  const h = await startPlugin({ settings: { ollamaHost: server.url, language: "en", ...settings } });
  const tab = h.mock.settingTabs__[0];
  if (!(tab instanceof PlannerSettingTab)) throw new Error("no settings tab");
  const spy = jest.spyOn(Setting.prototype, "constructor__");
  const legacy: { display(): void } = tab;
  legacy.display();
  const rows = spy.mock.contexts as Setting[];
  return {
    h,
    row: (name) => {
      const found = rows.filter((s) => s.nameEl.textContent === name);
      expect(found).toHaveLength(1);
      return found[0];
    },
  };
}

function component<T>(row: Setting, type: abstract new (...args: never[]) => T, index = 0): T {
  const found = (row.components as unknown[]).filter((c): c is T => c instanceof type);
  if (!found[index]) throw new Error(`no ${type.name} #${index} in ${row.nameEl.textContent ?? ""}`);
  return found[index];
}

describe("hardware profile group", () => {
  test("shows the description parsed, and what fits", async () => {
    const { row } = await open({ hardware: "PC, RTX 4090 24GB VRAM, 64GB RAM" });
    expect(row("Profile").descEl.textContent).toBe("PC, RTX 4090 (24 GB VRAM), 64 GB RAM. Read from the hardware description above. Edit a field below, or detect your hardware, to set it yourself.");
    expect(component(row("Graphics cards"), TextComponent).getValue()).toBe("RTX 4090 24 GB");
    expect(component(row("Memory in GB"), TextComponent).getValue()).toBe("64");
    expect(component(row("Unified memory"), ToggleComponent).getValue()).toBe(false);
    expect(row("What fits").descEl.textContent).toBe("On the GPU: up to qwen2.5:32b (22.1 GB); With CPU offload: up to qwen2.5:72b (49 GB); Too big: from qwen3:235b-a22b (140.8 GB)");
  });

  test("editing a field stores the profile as edited by hand, and plans use it", async () => {
    const { h, row } = await open({ hardware: "Laptop, 8GB RAM" });
    component(row("Graphics cards"), TextComponent).setValue("RTX 3060 12GB");
    await waitFor(() => h.plugin.settings.hardwareProfile !== null, "the profile to be saved");
    expect(h.plugin.settings.hardwareProfile).toMatchObject({ source: "manual", ramGb: 8, gpus: [{ name: "RTX 3060", vendor: "nvidia", vramGb: 12 }] });
    expect(h.mock.data__).toMatchObject({ hardwareProfile: { source: "manual" } });
    await waitFor(() => (row("What fits").descEl.textContent ?? "").startsWith("On the GPU: up to"), "the summary to follow");
    const input = planInputFromSettings(h.plugin.settings, { tier: "pro", hardware: "Laptop, 8GB RAM", usage: "" }, "en");
    expect(input.profile?.gpus).toEqual([{ name: "RTX 3060", vendor: "nvidia", vramGb: 12 }]);
    // A request whose hardware text was edited in the dialog describes another machine.
    expect(planInputFromSettings(h.plugin.settings, { tier: "pro", hardware: "M3 MacBook Pro 16GB", usage: "" }, "en").profile).toEqual(parseHardwareText("M3 MacBook Pro 16GB", "en"));

    component(row("Memory in GB"), TextComponent).setValue("zero");
    await waitFor(() => h.plugin.settings.hardwareProfile?.ramGb === null, "the RAM to be cleared");

    const reset = row("Profile").components.filter((c): c is ButtonComponent => c instanceof ButtonComponent && c.buttonEl.textContent === "Read from description" && row("Profile").controlEl.contains(c.buttonEl));
    expect(reset).toHaveLength(1);
    reset[0].simulateClick__();
    await waitFor(() => h.plugin.settings.hardwareProfile === null, "the reset");
    const current = () => row("Graphics cards").components.filter((c): c is TextComponent => c instanceof TextComponent).at(-1)?.getValue();
    await waitFor(() => current() === "", "the fields to read the description again");
  });

  test("Detect my hardware (button) stores this machine's RAM and fills an empty description", async () => {
    const { h, row } = await open({ hardware: "" });
    const buttons = row("Profile").components.filter((c): c is ButtonComponent => c instanceof ButtonComponent);
    expect(buttons.map((b) => b.buttonEl.textContent)).toEqual(["Detect my hardware"]);
    buttons[0].simulateClick__();
    await waitFor(() => h.plugin.settings.hardwareProfile !== null, "detection");
    const ramGb = Math.round((os.totalmem() / 2 ** 30) * 10) / 10;
    expect(h.plugin.settings.hardwareProfile).toMatchObject({ source: "detected", ramGb, os: "Linux" });
    expect(h.plugin.settings.hardware).toContain(`${ramGb % 1 === 0 ? ramGb.toFixed(0) : ramGb} GB RAM`);
    await waitFor(() => h.notices.plain().some((m) => m.startsWith("Detected: ")), "the notice");
    await waitFor(() => (row("Profile").descEl.textContent ?? "").includes("Detected on"), "the row to refresh");
  });
});

describe("detect-hardware command", () => {
  test("keeps a description the user wrote, stores the detected profile", async () => {
    const h = await startPlugin({ settings: { ollamaHost: fake.url, hardware: "My old PC" } });
    h.execute("detect-hardware");
    await waitFor(() => h.plugin.settings.hardwareProfile?.source === "detected", "detection");
    expect(h.plugin.settings.hardware).toBe("My old PC");
    expect(h.plugin.settings.hardwareProfile?.cpu).toBe(os.cpus()[0]?.model.replace(/\s+/g, " ").trim());
  });
});

describe("detection off the desktop", () => {
  test("says it needs the desktop app and changes nothing", async () => {
    const h = await startPlugin({ settings: { ollamaHost: fake.url, hardware: "Laptop, 8GB RAM" } });
    const desktop = Platform.isDesktop;
    Platform.isDesktop = false;
    try {
      const save = jest.spyOn(h.plugin.context, "saveSettings");
      expect(await detectAndSaveHardware(h.plugin.context)).toBeNull();
      expect(save).not.toHaveBeenCalled();
      expect(h.notices.plain()).toEqual(["Hardware detection needs the desktop app. Describe your hardware in settings instead."]);
    } finally {
      Platform.isDesktop = desktop;
    }
  });
});

describe("model dropdown", () => {
  // Each test has its own server: what other tests' settings tabs still do cannot reach it.
  let own: FakeOllama;
  beforeEach(async () => {
    own = await FakeOllama.start();
  });
  afterEach(() => own.close());

  test("marks which installed models fit, from /api/show", async () => {
    own.setModels([
      ...defaultModels(),
      { name: "llama3.1:70b", family: "llama", parameterSize: "70.6B", quantization: "Q4_K_M", sizeBytes: 42_520_413_916, layers: 80, kvHeads: 8, headDim: 128 },
      { name: "mystery:7b", family: "llama", parameterSize: "7B", quantization: "Q4_K_M", omitShowFields: ["<arch>.block_count", "<arch>.attention.head_count_kv"] },
    ]);
    const { row } = await open({ hardware: "Laptop, 8GB RAM", contextTokens: 8192 }, own);
    const picker = row("Chat model");
    await waitFor(() => picker.controlEl.querySelector("select") !== null, "the dropdown");
    const select = component(picker, DropdownComponent).selectEl;
    expect([...select.options].map((o) => o.text)).toEqual([
      "First installed model",
      "llama3.2:3b · 3.2B · Q4_K_M · CPU/RAM only",
      "llama3.1:70b · 70.6B · Q4_K_M · does not run",
      // Missing attention fields: the KV cache could be small or large, so no verdict.
      "mystery:7b · 7B · Q4_K_M · unknown",
    ]);
    expect([...new Set(own.requestsTo("/api/show").map((r) => (r.body as { model: string }).model))].sort()).toEqual(["llama3.1:70b", "llama3.2:3b", "mystery:7b"]);
  });

  test("without hardware facts nothing is marked and /api/show is not asked", async () => {
    const { row } = await open({ hardware: "" }, own);
    const picker = row("Chat model");
    await waitFor(() => picker.controlEl.querySelector("select") !== null, "the dropdown");
    expect([...component(picker, DropdownComponent).selectEl.options].map((o) => o.text)).toEqual(["First installed model", "llama3.2:3b · 3.2B · Q4_K_M"]);
    expect(own.requestsTo("/api/show")).toHaveLength(0);
  });
});

/**
 * The settings tab, described once as declarative setting definitions: Obsidian 1.13+ renders and
 * searches them itself; on older versions `display()` renders the same list.
 */
import { PluginSettingTab, Setting, debounce, type App, type Plugin, type SettingDefinition, type SettingDefinitionGroup, type SettingDefinitionItem } from "obsidian";
import { checkOllamaHost, REMOTE_HOST_EXPLANATION } from "../../core/shared/host-policy";
import { userMessage } from "../../core/shared/errors";
import type { InstalledModel } from "../../core/shared/ports";
import { migrateSettings, type PlannerSettings } from "../../core/shared/settings";
import { hardwareProfileGroup, installedFitLabels } from "../hardware/hardware-settings";
import { vaultIndexSettingsGroup } from "../index/index-settings-group";
import type { PluginContext } from "../shared/plugin-context";
import { checkN8nUrl, DEFAULT_N8N_URL } from "../../core/plan/stack/n8n-url";
import { N8N_API_KEY_STORAGE } from "../stack/stack-commands";

type Key = Exclude<keyof PlannerSettings, "version">;

/** Settings whose change invalidates the host status line and the installed-model list. */
const CONNECTION_KEYS: readonly string[] = ["ollamaHost", "allowRemoteHost"];

function n8nUrlProblem(value: string): string | undefined {
  const checked = checkN8nUrl(value);
  return "error" in checked ? checked.error : undefined;
}

export class PlannerSettingTab extends PluginSettingTab {
  constructor(
    app: App,
    plugin: Plugin,
    private readonly ctx: PluginContext,
  ) {
    super(app, plugin);
  }

  getControlValue(key: string): unknown {
    const value = this.ctx.settings()[key as Key];
    // Lists (excluded folders and tags) are edited as one item per line.
    return Array.isArray(value) ? value.join("\n") : value;
  }

  /** Re-lists models once typing in the host field pauses, not on every keystroke. */
  private readonly refreshModels = debounce(() => {
    if (this.modelRow) void this.renderModelPicker(this.modelRow);
  }, 800, true);
  private hostStatusRow: Setting | null = null;
  private modelRow: Setting | null = null;

  async setControlValue(key: string, value: unknown): Promise<void> {
    // migrateSettings (inside saveSettings) replaces a value of the wrong type by the default.
    await this.ctx.saveSettings({ [key]: value });
    if (CONNECTION_KEYS.includes(key)) {
      if (this.hostStatusRow) this.renderHostStatus(this.hostStatusRow);
      this.refreshModels();
    }
  }

  getSettingDefinitions(): SettingDefinitionItem[] {
    return [
      {
        type: "group",
        heading: "Ollama",
        items: [
          {
            name: "Ollama host",
            desc: "Where your local Ollama server listens, for example http://127.0.0.1:11434.",
            control: { type: "text", key: "ollamaHost", placeholder: "127.0.0.1:11434", validate: (value) => checkOllamaHost(value, this.ctx.settings().allowRemoteHost).error },
          },
          {
            name: "Allow a non-local Ollama host",
            desc: `Off by default. ${REMOTE_HOST_EXPLANATION}`,
            control: { type: "toggle", key: "allowRemoteHost" },
          },
          { name: "Host status", render: (setting) => this.renderHostStatus(setting) },
          { name: "Chat model", aliases: ["model"], render: (setting) => void this.renderModelPicker(setting) },
          {
            name: "Context size",
            desc: "Tokens the model may read and write (num_ctx). Ollama's default is small and cuts long prompts silently.",
            control: { type: "number", key: "contextTokens", min: 2048, max: 262144, step: 1024 },
          },
          {
            name: "Stall limit",
            desc: "Seconds without any new text, once an answer started, before it is stopped with a message.",
            control: { type: "number", key: "stallTimeoutSeconds", min: 5, max: 3600, step: 5 },
          },
        ],
      },
      {
        type: "group",
        heading: "About you",
        items: [
          {
            name: "Hardware",
            desc: "Device, GPU with VRAM and system RAM. Prefills every plan.",
            control: { type: "textarea", key: "hardware", placeholder: "Example: M3 MacBook Pro 16GB", rows: 3 },
          },
          {
            name: "Main uses",
            desc: "What your AI stack should do for you.",
            control: { type: "textarea", key: "usage", placeholder: "Example: personal knowledge base, email replies", rows: 3 },
          },
        ],
      },
      hardwareProfileGroup(this.ctx),
      {
        type: "group",
        heading: "Plans",
        items: [
          { name: "Default tier", control: { type: "dropdown", key: "defaultTier", options: { basic: "Basic", pro: "Pro" } } },
          {
            name: "Prompt language",
            desc: "Auto follows Obsidian's language.",
            control: { type: "dropdown", key: "language", options: { auto: "Auto", en: "English", zh: "中文" } },
          },
          { name: "Plans folder", desc: "New plan notes are created here.", control: { type: "text", key: "plansFolder", placeholder: "Folder name" } },
          {
            name: "Keep stopped plans",
            desc: "When a generation is stopped or cut, save what arrived as a note marked partial.",
            control: { type: "toggle", key: "keepPartialPlans" },
          },
          {
            name: "Keep the model's thinking",
            desc: "Reasoning models think before they answer. Keep that thinking in the plan note, folded under the answer.",
            control: { type: "toggle", key: "keepThinking" },
          },
          { name: "Open plan after writing", control: { type: "toggle", key: "openPlanAfterWrite" } },
          {
            name: "Code block output",
            desc: "Where the Generate button of an ai-stack code block puts the plan.",
            control: { type: "dropdown", key: "codeBlockOutput", options: { note: "A new linked plan note", below: "Below the code block" } },
          },
        ],
      },
      vaultIndexSettingsGroup(this.ctx.index),
      {
        type: "group",
        heading: "Automation (n8n)",
        items: [
          {
            name: "n8n URL",
            desc: "Where the stack check finds n8n. Only this computer is contacted.",
            control: { type: "text", key: "n8nUrl", placeholder: DEFAULT_N8N_URL, validate: (value) => n8nUrlProblem(value) },
          },
          { name: "n8n API key", aliases: ["api key"], render: (setting) => this.renderN8nApiKey(setting) },
        ],
      },
    ];
  }

  /** The key stays on this device (local storage), out of data.json, which syncs with the vault. */
  private renderN8nApiKey(setting: Setting): void {
    setting.setDesc("Optional: lets the stack check see whether the plan's workflow is imported. Kept on this device only.");
    setting.addText((text) => {
      text.inputEl.type = "password";
      const stored = this.app.loadLocalStorage(N8N_API_KEY_STORAGE) as unknown;
      text.setValue(typeof stored === "string" ? stored : "");
      text.onChange((value) => this.app.saveLocalStorage(N8N_API_KEY_STORAGE, value.trim() === "" ? null : value.trim()));
    });
  }

  /** Renders the same definitions on Obsidian versions before 1.13. */
  display(): void {
    const { containerEl } = this;
    containerEl.empty();
    for (const item of this.getSettingDefinitions()) {
      if (!("type" in item) || (item.type !== "group" && item.type !== "list")) continue;
      const group = item as SettingDefinitionGroup;
      if (group.heading) new Setting(containerEl).setName(group.heading).setHeading();
      for (const def of group.items ?? []) if (!("items" in def)) this.renderDefinition(containerEl, def);
    }
  }

  private renderDefinition(container: HTMLElement, def: SettingDefinition): void {
    const setting = new Setting(container).setName(def.name);
    if (typeof def.desc === "string") setting.setDesc(def.desc);
    if ("render" in def && def.render) {
      // Only the Setting row is used by our render functions; there are no groups before 1.13.
      (def.render as (s: Setting) => void)(setting);
      return;
    }
    if (!("control" in def) || !def.control) return;
    const control = def.control;
    const current = this.getControlValue(control.key);
    const error = setting.descEl.createDiv({ cls: "ai-stack-planner-setting-error" });
    const commit = async (value: unknown) => {
      const message = control.validate ? await (control.validate as (v: unknown) => string | void | Promise<string | void>)(value) : undefined;
      error.setText(message ?? "");
      if (!message) await this.setControlValue(control.key, value);
    };
    switch (control.type) {
      case "toggle":
        setting.addToggle((t) => t.setValue(current === true).onChange(commit));
        break;
      case "dropdown":
        setting.addDropdown((d) => d.addOptions(control.options).setValue(String(current)).onChange(commit));
        break;
      case "text":
        setting.addText((t) => t.setPlaceholder(control.placeholder ?? "").setValue(typeof current === "string" ? current : "").onChange(commit));
        break;
      case "textarea":
        setting.addTextArea((t) => t.setPlaceholder(control.placeholder ?? "").setValue(typeof current === "string" ? current : "").onChange(commit));
        break;
      case "number":
        setting.addText((t) => {
          t.inputEl.type = "number";
          t.setValue(String(current)).onChange((value) => {
            const n = Number(value);
            // The same clamping as a stored value gets.
            if (value.trim() !== "" && Number.isFinite(n)) void commit((migrateSettings({ [control.key]: n }) as unknown as Record<string, unknown>)[control.key]);
          });
        });
        break;
      default:
        break;
    }
  }

  private renderHostStatus(setting: Setting): void {
    this.hostStatusRow = setting;
    const check = checkOllamaHost(this.ctx.settings().ollamaHost, this.ctx.settings().allowRemoteHost);
    const lines = check.error !== undefined ? [check.error] : check.warnings;
    setting.setDesc(lines.length > 0 ? lines.join(" ") : `Local host ${check.baseUrl ?? ""}: nothing leaves this computer.`);
    setting.settingEl.toggleClass("ai-stack-planner-warning", lines.length > 0);
  }

  /** A dropdown of installed chat models from /api/tags; free text when the list is empty or Ollama is down. */
  private async renderModelPicker(setting: Setting): Promise<void> {
    this.modelRow = setting;
    const current = this.ctx.settings().chatModel;
    setting.setDesc("Loading installed models…");
    let models: InstalledModel[] = [];
    let problem = "";
    try {
      models = (await this.ctx.llm(this.ctx.settings(), "probe").listModels()).filter((m) => m.canChat);
    } catch (error) {
      problem = userMessage(error);
    }
    setting.controlEl.empty();
    if (models.length === 0) {
      setting.setDesc(problem ? `${problem} Type a model name instead.` : "No chat models are installed. Type a model name, then pull it with Ollama.");
      setting.addText((text) => text.setPlaceholder("Model name").setValue(current).onChange((value) => void this.ctx.saveSettings({ chatModel: value.trim() })));
      return;
    }
    setting.setDesc("Models installed in Ollama.");
    const fits = await installedFitLabels(this.ctx, models);
    setting.addDropdown((d) => {
      d.addOption("", "First installed model");
      for (const m of models) d.addOption(m.name, [m.name, m.parameterSize, m.quantization, fits.get(m.name)].filter(Boolean).join(" · "));
      if (current !== "" && !models.some((m) => m.name === current)) d.addOption(current, `${current} (not installed)`);
      d.setValue(current).onChange((value) => void this.ctx.saveSettings({ chatModel: value }));
    });
  }
}

/**
 * The sidebar panel: connection line, planner form, the answer streaming in as rendered Markdown,
 * and what to do with it afterwards. It calls the core; it holds no planning logic of its own.
 */
import { Component, ItemView, MarkdownRenderer, MarkdownView, Notice, Setting, TFile, setIcon, type Plugin, type WorkspaceLeaf } from "obsidian";
import { probeConnection, type ConnectionStatus } from "../core/connection";
import { InterruptedPlan, planInputFromSettings, streamPlan, writePlanNote } from "../core/generate-plan";
import { userMessage } from "../core/errors";
import { escapeHtmlOutsideCode } from "../core/markdown-safety";
import type { PlanRecord } from "../core/plan-note";
import type { LanguageSetting, PlannerSettings, Tier } from "../core/settings";
import { createLlm } from "../adapters/llm-factory";
import type { FetchFn } from "../adapters/ollama-client";
import { ObsidianVaultPort } from "../adapters/obsidian-vault";
import type { GenerationSlot } from "./generation-slot";
import { strings } from "./i18n";

export const PLANNER_VIEW_TYPE = "ai-stack-planner-view";

/** How often the streamed answer is re-rendered: smooth, and never behind the stream for long. */
const RENDER_INTERVAL_MS = 200;

const TEXT = {
  en: {
    title: "Stack planner",
    open: "Open stack planner",
    checking: "Checking Ollama…",
    connected: (version: string, host: string) => `Ollama ${version} at ${host}`,
    loaded: (models: string) => `Loaded now: ${models}`,
    nothingLoaded: "No model loaded yet",
    retry: "Retry",
    tier: "Tier",
    basic: "Basic",
    pro: "Pro",
    hardware: "Hardware",
    usage: "Main uses",
    model: "Chat model",
    firstModel: "First installed model",
    language: "Language",
    auto: "Auto",
    generate: "Generate",
    stop: "Stop",
    receiving: (model: string, chars: number) => `${model}: ${chars.toLocaleString()} characters…`,
    done: (model: string, seconds: number, tps: string) => `${model}: done in ${seconds.toFixed(1)} s${tps}`,
    stopped: "Stopped. The answer so far is shown below.",
    save: "Save as note",
    insert: "Insert into current note",
    copy: "Copy",
    regenerate: "Regenerate",
    saved: (path: string) => `Stack plan saved to ${path}`,
    noEditor: "Open a note in the editor first.",
    copied: "Plan copied.",
  },
  zh: {
    title: "技术栈规划",
    open: "打开技术栈规划",
    checking: "正在检查 Ollama…",
    connected: (version: string, host: string) => `Ollama ${version}，地址 ${host}`,
    loaded: (models: string) => `已加载：${models}`,
    nothingLoaded: "尚未加载模型",
    retry: "重试",
    tier: "版本",
    basic: "基础版",
    pro: "专家版",
    hardware: "硬件",
    usage: "主要用途",
    model: "对话模型",
    firstModel: "第一个已安装的模型",
    language: "语言",
    auto: "自动",
    generate: "生成",
    stop: "停止",
    receiving: (model: string, chars: number) => `${model}：已接收 ${chars.toLocaleString()} 个字符…`,
    done: (model: string, seconds: number, tps: string) => `${model}：用时 ${seconds.toFixed(1)} 秒${tps}`,
    stopped: "已停止。下面是目前收到的内容。",
    save: "保存为笔记",
    insert: "插入当前笔记",
    copy: "复制",
    regenerate: "重新生成",
    saved: (path: string) => `方案已保存到 ${path}`,
    noEditor: "请先在编辑器中打开一篇笔记。",
    copied: "已复制方案。",
  },
};

/** What the panel needs from the plugin. */
export interface PlannerViewDeps {
  settings: () => PlannerSettings;
  fetch: FetchFn;
  uiLanguage: () => string;
  slot: GenerationSlot;
}

interface FormState {
  tier: Tier;
  hardware: string;
  usage: string;
  model: string;
  language: LanguageSetting;
}

export class PlannerView extends ItemView {
  private readonly t = strings(TEXT);
  private form!: FormState;
  private connectionEl!: HTMLElement;
  private modelSelect!: HTMLSelectElement;
  private generateButton!: HTMLButtonElement;
  private stopButton!: HTMLButtonElement;
  private statusEl!: HTMLElement;
  private answerEl!: HTMLElement;
  private actionsEl!: HTMLElement;
  private controller: AbortController | null = null;
  private renderComponent: Component | null = null;
  private renderTimer: number | null = null;
  private answer = "";
  private plan: PlanRecord | null = null;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly deps: PlannerViewDeps,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return PLANNER_VIEW_TYPE;
  }

  getDisplayText(): string {
    return this.t.title;
  }

  getIcon(): string {
    return "layers";
  }

  async onOpen(): Promise<void> {
    const s = this.deps.settings();
    this.form = { tier: s.defaultTier, hardware: s.hardware, usage: s.usage, model: s.chatModel, language: s.language };
    const root = this.contentEl;
    root.empty();
    root.addClass("ai-stack-planner-view");

    this.connectionEl = root.createDiv({ cls: "ai-stack-planner-connection" });
    this.buildForm(root.createDiv({ cls: "ai-stack-planner-form" }));

    const buttons = root.createDiv({ cls: "ai-stack-planner-buttons" });
    this.generateButton = buttons.createEl("button", { text: this.t.generate, cls: "mod-cta ai-stack-planner-generate" });
    this.stopButton = buttons.createEl("button", { text: this.t.stop, cls: "ai-stack-planner-stop" });
    this.stopButton.disabled = true;
    this.registerDomEvent(this.generateButton, "click", () => void this.generate());
    this.registerDomEvent(this.stopButton, "click", () => this.controller?.abort());

    this.statusEl = root.createDiv({ cls: "ai-stack-planner-run-status", attr: { "aria-live": "polite" } });
    this.answerEl = root.createDiv({ cls: "ai-stack-planner-answer markdown-rendered" });
    this.actionsEl = root.createDiv({ cls: "ai-stack-planner-actions" });
    await this.refreshConnection();
  }

  async onClose(): Promise<void> {
    this.controller?.abort();
    if (this.renderTimer !== null) window.clearTimeout(this.renderTimer);
    this.contentEl.empty();
    await Promise.resolve();
  }

  /** Re-checks Ollama and refreshes the connection line and the model picker. */
  async refreshConnection(): Promise<ConnectionStatus | null> {
    const el = this.connectionEl;
    el.empty();
    el.removeClass("is-error");
    el.createSpan({ text: this.t.checking });
    const settings = this.deps.settings();
    let status: ConnectionStatus;
    try {
      status = await probeConnection(createLlm(settings.ollamaHost, settings.allowRemoteHost, this.deps.fetch).llm);
    } catch (error) {
      status = { host: settings.ollamaHost, reachable: false, loaded: [], chatModels: [], error: userMessage(error) };
    }
    el.empty();
    const dot = el.createSpan({ cls: "ai-stack-planner-dot" });
    setIcon(dot, status.reachable ? "circle-check" : "circle-alert");
    const text = el.createDiv({ cls: "ai-stack-planner-connection-text" });
    if (status.reachable) {
      text.createDiv({ text: this.t.connected(status.version ?? "?", status.host) });
      text.createDiv({ cls: "ai-stack-planner-muted", text: status.loaded.length ? this.t.loaded(status.loaded.join(", ")) : this.t.nothingLoaded });
    } else {
      el.addClass("is-error");
      text.createDiv({ text: status.error ?? "" });
    }
    const retry = el.createEl("button", { cls: "clickable-icon ai-stack-planner-retry", attr: { "aria-label": this.t.retry } });
    setIcon(retry, "refresh-cw");
    retry.addEventListener("click", () => void this.refreshConnection());
    this.fillModels(status);
    return status;
  }

  private buildForm(container: HTMLElement): void {
    const t = this.t;
    new Setting(container).setName(t.tier).addDropdown((d) => {
      d.addOption("basic", t.basic).addOption("pro", t.pro).setValue(this.form.tier);
      d.selectEl.addClass("ai-stack-planner-tier");
      d.selectEl.addEventListener("change", () => (this.form.tier = d.selectEl.value === "basic" ? "basic" : "pro"));
    });
    this.textArea(container, t.hardware, this.form.hardware, "ai-stack-planner-hardware", (v) => (this.form.hardware = v));
    this.textArea(container, t.usage, this.form.usage, "ai-stack-planner-usage", (v) => (this.form.usage = v));
    new Setting(container).setName(t.model).addDropdown((d) => {
      this.modelSelect = d.selectEl;
      this.modelSelect.addClass("ai-stack-planner-model");
      this.modelSelect.addEventListener("change", () => (this.form.model = this.modelSelect.value));
    });
    new Setting(container).setName(t.language).addDropdown((d) => {
      d.addOption("auto", t.auto).addOption("en", "English").addOption("zh", "中文").setValue(this.form.language);
      d.selectEl.addClass("ai-stack-planner-language");
      d.selectEl.addEventListener("change", () => (this.form.language = d.selectEl.value === "en" || d.selectEl.value === "zh" ? d.selectEl.value : "auto"));
    });
  }

  private textArea(container: HTMLElement, name: string, value: string, cls: string, onInput: (value: string) => void): void {
    const setting = new Setting(container).setName(name);
    setting.settingEl.addClass("ai-stack-planner-stacked");
    setting.addTextArea((area) => {
      area.setValue(value);
      area.inputEl.rows = 3;
      area.inputEl.addClass(cls);
      area.inputEl.addEventListener("input", () => onInput(area.inputEl.value));
    });
  }

  private fillModels(status: ConnectionStatus): void {
    const select = this.modelSelect;
    select.empty();
    select.createEl("option", { value: "", text: this.t.firstModel });
    for (const m of status.chatModels) select.createEl("option", { value: m.name, text: [m.name, m.parameterSize].filter(Boolean).join(" · ") });
    if (this.form.model && !status.chatModels.some((m) => m.name === this.form.model)) select.createEl("option", { value: this.form.model, text: this.form.model });
    select.value = this.form.model;
  }

  /** Streams a plan into the panel; nothing is written until the user saves it. */
  async generate(): Promise<PlanRecord | null> {
    const controller = this.deps.slot.acquire();
    if (!controller) return null;
    this.controller = controller;
    this.setRunning(true);
    this.answer = "";
    this.plan = null;
    this.actionsEl.empty();
    this.renderNow();
    const settings = { ...this.deps.settings(), chatModel: this.form.model, language: this.form.language };
    let model = "";
    try {
      const { llm } = createLlm(settings.ollamaHost, settings.allowRemoteHost, this.deps.fetch);
      const plan = await streamPlan(
        { llm, now: () => new Date(), monotonicMs: () => performance.now() },
        planInputFromSettings(settings, this.form, this.deps.uiLanguage()),
        controller.signal,
        {
          onStart: (name) => {
            model = name;
            this.statusEl.setText(this.t.receiving(name, 0));
          },
          onChunk: (_chunk, received) => {
            this.answer = received;
            this.statusEl.setText(this.t.receiving(model, received.length));
            this.scheduleRender();
          },
        },
      );
      this.plan = plan;
      this.answer = plan.answer;
      const tps = plan.tokensPerSecond ? ` · ${plan.tokensPerSecond.toFixed(1)} tok/s` : "";
      this.statusEl.setText(this.t.done(plan.model, plan.generationSeconds, tps));
      return plan;
    } catch (error) {
      if (error instanceof InterruptedPlan && error.partial) {
        this.plan = error.partial;
        this.answer = error.partial.answer;
        this.statusEl.setText(error.kind === "aborted" ? this.t.stopped : userMessage(error));
      } else {
        this.statusEl.setText(userMessage(error));
      }
      return null;
    } finally {
      this.deps.slot.release(controller);
      this.controller = null;
      this.setRunning(false);
      this.renderNow();
      if (this.plan) this.showActions(this.plan);
    }
  }

  private setRunning(running: boolean): void {
    this.generateButton.disabled = running;
    this.stopButton.disabled = !running;
    this.contentEl.toggleClass("is-generating", running);
  }

  private scheduleRender(): void {
    if (this.renderTimer !== null) return;
    this.renderTimer = window.setTimeout(() => {
      this.renderTimer = null;
      this.renderNow();
    }, RENDER_INTERVAL_MS);
  }

  /** Renders the answer so far into a fresh element with its own component, then swaps it in. */
  private renderNow(): void {
    if (this.renderTimer !== null) {
      window.clearTimeout(this.renderTimer);
      this.renderTimer = null;
    }
    const component = new Component();
    this.addChild(component);
    const target = createDiv();
    void MarkdownRenderer.render(this.app, escapeHtmlOutsideCode(this.answer), target, "", component);
    this.answerEl.replaceChildren(target);
    if (this.renderComponent) this.removeChild(this.renderComponent);
    this.renderComponent = component;
  }

  private showActions(plan: PlanRecord): void {
    const el = this.actionsEl;
    el.empty();
    const button = (text: string, icon: string, onClick: () => unknown) => {
      const b = el.createEl("button", { text, cls: "ai-stack-planner-action" });
      const iconEl = b.createSpan({ cls: "ai-stack-planner-action-icon" });
      setIcon(iconEl, icon);
      b.prepend(iconEl);
      b.addEventListener("click", () => void onClick());
      return b;
    };
    button(this.t.save, "file-plus", () => this.saveAsNote(plan));
    button(this.t.insert, "text-cursor-input", () => this.insertIntoNote(plan));
    button(this.t.copy, "copy", () => this.copy(plan));
    button(this.t.regenerate, "rotate-ccw", () => this.generate());
  }

  /** Writes the shown plan as a plan note (the same format as the commands) and opens it. */
  async saveAsNote(plan: PlanRecord): Promise<string | null> {
    const settings = this.deps.settings();
    try {
      const path = await writePlanNote(new ObsidianVaultPort(this.app.vault), settings.plansFolder, plan);
      new Notice(this.t.saved(path));
      const file = this.app.vault.getAbstractFileByPath(path);
      if (settings.openPlanAfterWrite && file instanceof TFile) await this.app.workspace.getLeaf(false).openFile(file);
      return path;
    } catch (error) {
      new Notice(userMessage(error), 10000);
      return null;
    }
  }

  private insertIntoNote(plan: PlanRecord): void {
    const leaf = this.app.workspace.getMostRecentLeaf();
    const view = leaf?.view;
    if (!(view instanceof MarkdownView)) {
      new Notice(this.t.noEditor);
      return;
    }
    view.editor.replaceSelection(`${plan.answer.trim()}\n`);
  }

  private async copy(plan: PlanRecord): Promise<void> {
    await navigator.clipboard.writeText(plan.answer);
    new Notice(this.t.copied);
  }
}

/** Registers the panel, its ribbon icon and the command that opens it. */
export function registerPlannerView(plugin: Plugin, deps: PlannerViewDeps): void {
  const t = strings(TEXT);
  plugin.registerView(PLANNER_VIEW_TYPE, (leaf) => new PlannerView(leaf, deps));
  const open = async () => {
    const { workspace } = plugin.app;
    let leaf: WorkspaceLeaf | null = workspace.getLeavesOfType(PLANNER_VIEW_TYPE)[0] ?? null;
    if (!leaf) {
      leaf = workspace.getRightLeaf(false);
      if (!leaf) return;
      await leaf.setViewState({ type: PLANNER_VIEW_TYPE, active: true });
    }
    await workspace.revealLeaf(leaf);
  };
  plugin.addRibbonIcon("layers", t.open, () => void open());
  plugin.addCommand({ id: "open-planner", name: t.open, callback: () => void open() });
}

/**
 * The sidebar panel: connection line, planner form, the answer streaming in as rendered Markdown,
 * what to do with it afterwards, the index status and "Ask my vault". It calls the core; it holds
 * no planning logic of its own. Index, retrieval and hardware fit plug in through `PanelFeatures`.
 */
import { ItemView, MarkdownView, Notice, Setting, TFile, setIcon, type Plugin, type WorkspaceLeaf } from "obsidian";
import { probeConnection, type ConnectionStatus } from "../../core/plan/connection";
import { InterruptedPlan, planInputFromSettings, streamPlan, writePlanNote } from "../../core/plan/generate-plan";
import { pluginActionContext } from "../shared/action-context";
import { checkFromPanel, copyPlanWorkflow } from "../stack/stack-commands";
import { userMessage } from "../../core/shared/errors";
import type { PlanRecord } from "../../core/plan/plan-note";
import type { InstalledModel } from "../../core/shared/ports";
import type { LanguageSetting, Tier } from "../../core/shared/language";
import { ObsidianVaultPort } from "../../adapters/obsidian/obsidian-vault";
import { AskVaultSection } from "./ask-vault";
import { writeDraftNote } from "../hardware/hardware-commands";
import { strings } from "../shared/i18n";
import { iconButton } from "../shared/icon-button";
import { IndexSection } from "./index-section";
import { indexStatusSource } from "../index/index-features";
import type { PluginContext } from "../shared/plugin-context";
import { labelModelOptions, renderFitTable } from "./fit-picker";
import { SourcesList } from "./sources-list";
import { StreamingMarkdown } from "./streaming-markdown";
import { TEXT } from "./planner-text";
import { inertMarkdown } from "../../core/shared/markdown-safety";

export const PLANNER_VIEW_TYPE = "ai-stack-planner-view";

/** Pause between renders of the streamed answer: smooth, and never more than this behind. */
export const RENDER_INTERVAL_MS = 200;


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
  private fitEl!: HTMLElement;
  private generateButton!: HTMLButtonElement;
  private stopButton!: HTMLButtonElement;
  private statusEl!: HTMLElement;
  private sources!: SourcesList;
  private actionsEl!: HTMLElement;
  private answer!: StreamingMarkdown;
  private controller: AbortController | null = null;
  private chatModels: InstalledModel[] = [];
  private plan: PlanRecord | null = null;
  /** The editor "Insert into current note" writes to: the last Markdown view the user was in. */
  private lastMarkdownView: MarkdownView | null = null;
  /** The plan note saved from this panel, which "Check my stack" checks. */
  private savedPath: string | null = null;
  private indexSection: IndexSection | null = null;
  private ask: AskVaultSection | null = null;
  private closed = false;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly ctx: PluginContext,
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
    const s = this.ctx.settings();
    this.form = { tier: s.defaultTier, hardware: s.hardware, usage: s.usage, model: s.chatModel, language: s.language };
    const root = this.contentEl;
    root.empty();
    root.addClass("ai-stack-planner-view");

    this.connectionEl = root.createDiv({ cls: "ai-stack-planner-connection" });
    this.buildForm(root.createDiv({ cls: "ai-stack-planner-form" }));

    const buttons = root.createDiv({ cls: "ai-stack-planner-buttons" });
    this.generateButton = iconButton(buttons, this.t.generate, "sparkles", "mod-cta ai-stack-planner-generate");
    this.stopButton = iconButton(buttons, this.t.stop, "square", "ai-stack-planner-stop");
    this.stopButton.disabled = true;
    this.registerDomEvent(this.generateButton, "click", () => void this.generate());
    this.registerDomEvent(this.stopButton, "click", () => this.controller?.abort());

    this.statusEl = root.createDiv({ cls: "ai-stack-planner-run-status", attr: { "aria-live": "polite" } });
    this.sources = new SourcesList(this.app, this, root.createDiv({ cls: "ai-stack-planner-sources" }));
    const answerEl = root.createDiv({ cls: "ai-stack-planner-answer markdown-rendered" });
    this.answer = new StreamingMarkdown(this.app, this, answerEl, { intervalMs: RENDER_INTERVAL_MS });
    this.actionsEl = root.createDiv({ cls: "ai-stack-planner-actions" });

    this.indexSection = new IndexSection(this, root.createDiv({ cls: "ai-stack-planner-index" }), indexStatusSource(this.ctx));
    this.ask = new AskVaultSection(this.ctx, this, root.createDiv({ cls: "ai-stack-planner-ask" }));

    this.trackMarkdownView();
    await this.refreshConnection();
  }

  async onClose(): Promise<void> {
    this.closed = true;
    this.controller?.abort();
    this.answer.close();
    this.ask?.close();
    this.indexSection?.close();
    this.contentEl.empty();
    await Promise.resolve();
  }

  /** Re-checks Ollama and refreshes the connection line and the model picker. */
  async refreshConnection(): Promise<ConnectionStatus> {
    const el = this.connectionEl;
    el.empty();
    el.removeClass("is-error");
    el.createSpan({ cls: "ai-stack-planner-muted", text: this.t.checking });
    const settings = this.ctx.settings();
    let status: ConnectionStatus;
    // A host the settings refuse is a settings problem; only a host that did not answer gets the draft.
    let hostRefused = false;
    try {
      status = await probeConnection(this.ctx.llm(settings, "probe"));
    } catch (error) {
      hostRefused = true;
      status = { host: settings.ollamaHost, reachable: false, loaded: [], chatModels: [], error: userMessage(error) };
    }
    if (this.closed) return status;
    el.empty();
    el.toggleClass("is-error", !status.reachable);
    const dot = el.createSpan({ cls: "ai-stack-planner-dot" });
    setIcon(dot, status.reachable ? "circle-check" : "circle-alert");
    const text = el.createDiv({ cls: "ai-stack-planner-connection-text" });
    if (status.reachable) {
      text.createDiv({ cls: "ai-stack-planner-connected", text: this.t.connected(status.version ?? "?", status.host) });
      text.createDiv({ cls: "ai-stack-planner-muted ai-stack-planner-loaded", text: status.loaded.length ? this.t.loaded(status.loaded.join(", ")) : this.t.nothingLoaded });
    } else {
      text.createDiv({ cls: "ai-stack-planner-connection-error", text: status.error ?? "" });
      if (!hostRefused) {
        const draft = iconButton(text, this.t.offlineDraft, "file-text", "ai-stack-planner-offline-draft");
        this.registerDomEvent(draft, "click", () => void this.writeOfflineDraft());
      }
    }
    const retry = el.createEl("button", { cls: "clickable-icon ai-stack-planner-retry", attr: { "aria-label": this.t.retry } });
    setIcon(retry, "refresh-cw");
    this.registerDomEvent(retry, "click", () => void this.refreshConnection());
    this.fillModels(status);
    return status;
  }

  /** The offline draft for what the form says now (no model needed), as the command writes it. */
  private async writeOfflineDraft(): Promise<string | undefined> {
    return writeDraftNote(this.ctx, this.form);
  }

  private buildForm(container: HTMLElement): void {
    const t = this.t;
    new Setting(container).setName(t.tier).addDropdown((d) => {
      d.addOption("basic", t.basic).addOption("pro", t.pro).setValue(this.form.tier);
      d.selectEl.addClass("ai-stack-planner-tier");
      this.registerDomEvent(d.selectEl, "change", () => (this.form.tier = d.selectEl.value === "basic" ? "basic" : "pro"));
    });
    this.textArea(container, t.hardware, this.form.hardware, "ai-stack-planner-hardware", (v) => {
      this.form.hardware = v;
      this.labelModels();
      this.showFit();
    });
    this.textArea(container, t.usage, this.form.usage, "ai-stack-planner-usage", (v) => (this.form.usage = v));
    const modelSetting = new Setting(container).setName(t.model).addDropdown((d) => {
      this.modelSelect = d.selectEl;
      this.modelSelect.addClass("ai-stack-planner-model");
      this.registerDomEvent(this.modelSelect, "change", () => {
        this.form.model = this.modelSelect.value;
        this.showFit();
      });
    });
    modelSetting.settingEl.addClass("ai-stack-planner-stacked");
    this.fitEl = modelSetting.settingEl.createDiv({ cls: "ai-stack-planner-fit" });
    new Setting(container).setName(t.language).addDropdown((d) => {
      d.addOption("auto", t.auto).addOption("en", "English").addOption("zh", "中文").setValue(this.form.language);
      d.selectEl.addClass("ai-stack-planner-language");
      this.registerDomEvent(d.selectEl, "change", () => (this.form.language = d.selectEl.value === "en" || d.selectEl.value === "zh" ? d.selectEl.value : "auto"));
    });
  }

  private textArea(container: HTMLElement, name: string, value: string, cls: string, onInput: (value: string) => void): void {
    const setting = new Setting(container).setName(name);
    setting.settingEl.addClass("ai-stack-planner-stacked");
    setting.addTextArea((area) => {
      area.setValue(value);
      area.inputEl.rows = 2;
      area.inputEl.addClass(cls);
      this.registerDomEvent(area.inputEl, "input", () => onInput(area.inputEl.value));
    });
  }

  private fillModels(status: ConnectionStatus): void {
    const select = this.modelSelect;
    this.chatModels = status.chatModels;
    select.empty();
    select.createEl("option", { value: "", text: this.t.firstModel });
    for (const m of status.chatModels) select.createEl("option", { value: m.name });
    if (this.form.model && !status.chatModels.some((m) => m.name === this.form.model)) select.createEl("option", { value: this.form.model, text: this.form.model });
    select.value = this.form.model;
    this.labelModels();
    this.showFit();
  }

  /** Each installed model's label, with its fit on the form's hardware. */
  private labelModels(): void {
    labelModelOptions(this.modelSelect, this.chatModels, this.ctx.fit, this.form.hardware);
  }

  /** The fit table of the chosen model, one click away. */
  private showFit(): void {
    const model = this.chatModels.find((m) => m.name === this.form.model) ?? (this.form.model ? undefined : this.chatModels[0]);
    renderFitTable(this.fitEl, this.ctx.fit, model, this.form.hardware, this.t.fitTable);
  }

  /** Streams a plan into the panel; nothing is written until the user saves it. */
  async generate(): Promise<PlanRecord | null> {
    const controller = this.ctx.slot.acquire();
    if (!controller) return null;
    this.controller = controller;
    this.setRunning(true);
    this.plan = null;
    this.actionsEl.empty();
    this.sources.clear();
    await this.answer.flush("");
    const settings = { ...this.ctx.settings(), chatModel: this.form.model, language: this.form.language };
    let model = "";
    try {
      const input = planInputFromSettings(settings, this.form, this.ctx.uiLanguage());
      // The same plan dependencies as the palette commands: "From my notes" included (core/plan-context).
      const plan = await streamPlan(this.ctx.planDeps(settings), input, controller.signal, {
        onContext: (context) => {
          if (context.used.length > 0) this.sources.show(context.used, this.t.sources);
        },
        onStart: (name) => {
          model = name;
          this.statusEl.setText(this.t.receiving(name, 0));
        },
        // A reasoning model thinks before it answers: say so instead of seeming stuck at 0 characters.
        onThinking: (_chunk, thinking) => this.statusEl.setText(this.t.thinking(model, thinking.length)),
        onChunk: (_chunk, received) => {
          this.statusEl.setText(this.t.receiving(model, received.length));
          this.answer.update(received);
        },
      });
      this.plan = plan;
      const tps = plan.tokensPerSecond ? ` · ${plan.tokensPerSecond.toFixed(1)} tok/s` : "";
      this.statusEl.setText(this.t.done(plan.model, plan.generationSeconds, tps));
      // The model is loaded now: let the connection line say so.
      if (!this.closed) void this.refreshConnection();
      return plan;
    } catch (error) {
      if (error instanceof InterruptedPlan && error.partial) {
        this.plan = error.partial;
        this.statusEl.setText(error.kind === "aborted" ? this.t.stopped : userMessage(error));
      } else {
        this.statusEl.setText(userMessage(error));
      }
      return null;
    } finally {
      this.ctx.slot.release(controller);
      this.controller = null;
      // The run is over once the whole answer is on screen.
      await this.answer.flush(this.plan?.answer ?? "");
      this.setRunning(false);
      if (this.plan && !this.closed) this.showActions(this.plan);
    }
  }

  /** Stops the panel's running generation, if any. */
  stop(): void {
    this.controller?.abort();
  }

  private setRunning(running: boolean): void {
    this.generateButton.disabled = running;
    this.stopButton.disabled = !running;
    this.contentEl.toggleClass("is-generating", running);
  }

  private showActions(plan: PlanRecord): void {
    const el = this.actionsEl;
    el.empty();
    const button = (text: string, icon: string, cls: string, onClick: () => unknown) => {
      const b = iconButton(el, text, icon, `ai-stack-planner-action ${cls}`);
      this.registerDomEvent(b, "click", () => void onClick());
    };
    button(this.t.save, "file-plus", "ai-stack-planner-save", () => this.saveAsNote(plan));
    button(this.t.insert, "text-cursor-input", "ai-stack-planner-insert", () => this.insertIntoNote(plan));
    button(this.t.copy, "copy", "ai-stack-planner-copy", () => this.copy(plan));
    button(this.t.regenerate, "rotate-ccw", "ai-stack-planner-regenerate", () => this.generate());
    button(this.t.copyWorkflow, "workflow", "ai-stack-planner-copy-workflow", () => copyPlanWorkflow(this.ctx, plan));
    button(this.t.checkStack, "list-checks", "ai-stack-planner-check-stack", () => checkFromPanel(this.ctx, this.savedPath));
  }

  /** Writes the shown plan as a plan note (the same writer as the commands) and opens it. */
  async saveAsNote(plan: PlanRecord): Promise<string | null> {
    const settings = this.ctx.settings();
    try {
      const path = await writePlanNote(new ObsidianVaultPort(this.app.vault), settings.plansFolder, plan, pluginActionContext(this.app, settings));
      this.savedPath = path;
      new Notice(this.t.saved(path));
      const file = this.app.vault.getAbstractFileByPath(path);
      if (settings.openPlanAfterWrite && file instanceof TFile) await this.app.workspace.getLeaf(false).openFile(file);
      return path;
    } catch (error) {
      new Notice(userMessage(error), 10000);
      return null;
    }
  }

  private trackMarkdownView(): void {
    const { workspace } = this.app;
    const remember = (leaf: WorkspaceLeaf | null) => {
      if (leaf?.view instanceof MarkdownView) this.lastMarkdownView = leaf.view;
    };
    remember(workspace.getMostRecentLeaf());
    this.registerEvent(workspace.on("active-leaf-change", remember));
  }

  private insertIntoNote(plan: PlanRecord): void {
    const view = this.lastMarkdownView;
    if (!view || !view.file) {
      new Notice(this.t.noEditor);
      return;
    }
    view.editor.replaceSelection(`${inertMarkdown(plan.answer.trim())}\n`);
    new Notice(this.t.inserted(view.file.basename));
  }

  private async copy(plan: PlanRecord): Promise<void> {
    try {
      await navigator.clipboard.writeText(plan.answer);
      new Notice(this.t.copied);
    } catch {
      new Notice(this.t.copyFailed);
    }
  }
}

/** Opens the panel in the right sidebar, reusing an open one. */
export async function openPlannerView(plugin: Plugin): Promise<PlannerView | null> {
  const { workspace } = plugin.app;
  let leaf: WorkspaceLeaf | null = workspace.getLeavesOfType(PLANNER_VIEW_TYPE)[0] ?? null;
  if (!leaf) {
    leaf = workspace.getRightLeaf(false);
    if (!leaf) return null;
    await leaf.setViewState({ type: PLANNER_VIEW_TYPE, active: true });
  }
  await workspace.revealLeaf(leaf);
  return leaf.view instanceof PlannerView ? leaf.view : null;
}

/** Registers the panel, its ribbon icon and the command that opens it. */
export function registerPlannerView(plugin: Plugin, ctx: PluginContext): void {
  const t = strings(TEXT);
  plugin.registerView(PLANNER_VIEW_TYPE, (leaf) => new PlannerView(leaf, ctx));
  plugin.addRibbonIcon("layers", t.open, () => void openPlannerView(plugin));
  plugin.addCommand({ id: "open-planner", name: t.open, callback: () => void openPlannerView(plugin) });
}

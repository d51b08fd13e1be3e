/**
 * The `ai-stack` code block, rendered in reading and live-preview mode as a small card with the
 * parsed parameters, YAML problems shown inline, and a Generate button that writes the plan into
 * a new plan note linked below the block, or below the block itself (a setting).
 */
import { MarkdownRenderChild, Notice, TFile, parseYaml, setIcon, type MarkdownPostProcessorContext, type Plugin } from "obsidian";
import { AI_STACK_BLOCK_LANGUAGE, insertAfterBlock, parseAiStackBlock, type AiStackBlockError, type AiStackBlockParams } from "../../core/plan/ai-stack-block";
import { InterruptedPlan, PartialPlanSaved, generatePlan, planInputFromSettings, streamPlan } from "../../core/plan/generate-plan";
import { userMessage } from "../../core/shared/errors";
import { wikiLink } from "../../core/index/retrieval";
import type { PlannerSettings } from "../../core/shared/settings";
import { strings } from "../shared/i18n";
import type { PluginContext } from "../shared/plugin-context";
import { keepUnsavedPlan } from "./unsaved-plan";
import { iconButton } from "../shared/icon-button";

const TEXT = {
  en: {
    title: "AI stack plan",
    tier: "Tier",
    hardware: "Hardware",
    usage: "Main uses",
    language: "Language",
    model: "Model",
    fromSettings: (value: string) => (value ? `${value} (from settings)` : "Not set: add it here or in settings"),
    basic: "Basic",
    pro: "Pro",
    auto: "Auto",
    firstModel: "First installed model",
    problem: "This block can't be used yet:",
    line: (n: number) => `Line ${n}: `,
    yaml: (detail: string) => `${detail}. Check the YAML syntax (key: value, one per line, spaces not tabs).`,
    notMapping: "Write one setting per line as key: value (tier, hardware, usage).",
    badTier: (value: string) => `Tier must be basic or pro, not "${value}".`,
    badLanguage: (value: string) => `Language must be en or zh, not "${value}".`,
    notText: (key: string) => `"${key}" must be text or a list, not a nested block.`,
    ignored: (keys: string) => `Ignored: ${keys}`,
    generate: "Generate",
    stop: "Stop",
    receiving: (chars: number) => `${chars.toLocaleString()} characters received…`,
    savedTo: "Plan note:",
    written: "The plan was added below this block.",
    blockMoved: "The code block changed while the plan was generated, so nothing was written into this note.",
    stopped: "Stopped.",
  },
  zh: {
    title: "AI 技术栈方案",
    tier: "版本",
    hardware: "硬件",
    usage: "主要用途",
    language: "语言",
    model: "模型",
    fromSettings: (value: string) => (value ? `${value}（来自设置）` : "未设置：请在此处或设置中填写"),
    basic: "基础版",
    pro: "专家版",
    auto: "自动",
    firstModel: "第一个已安装的模型",
    problem: "此代码块暂时无法使用：",
    line: (n: number) => `第 ${n} 行：`,
    yaml: (detail: string) => `${detail}。请检查 YAML 语法（每行一个 key: value，用空格而不是制表符缩进）。`,
    notMapping: "请每行写一个 key: value 设置（tier、hardware、usage）。",
    badTier: (value: string) => `tier 只能是 basic 或 pro，而不是 "${value}"。`,
    badLanguage: (value: string) => `language 只能是 en 或 zh，而不是 "${value}"。`,
    notText: (key: string) => `"${key}" 必须是文本或列表，不能是嵌套结构。`,
    ignored: (keys: string) => `已忽略：${keys}`,
    generate: "生成",
    stop: "停止",
    receiving: (chars: number) => `已接收 ${chars.toLocaleString()} 个字符…`,
    savedTo: "方案笔记：",
    written: "方案已添加到此代码块下方。",
    blockMoved: "生成期间代码块发生了变化，因此没有写入此笔记。",
    stopped: "已停止。",
  },
};

type Text = (typeof TEXT)["en"];

function errorText(t: Text, error: AiStackBlockError): string {
  switch (error.kind) {
    case "yaml":
      return `${error.line ? t.line(error.line) : ""}${t.yaml(error.detail)}`;
    case "not-mapping":
      return t.notMapping;
    case "bad-tier":
      return t.badTier(error.value);
    case "bad-language":
      return t.badLanguage(error.value);
    case "not-text":
      return t.notText(error.key);
  }
}

/** One rendered block. Its DOM listeners go away with it; a running generation keeps going. */
export class AiStackCard extends MarkdownRenderChild {
  private readonly t = strings(TEXT);
  private generateButton: HTMLButtonElement | null = null;
  private stopButton: HTMLButtonElement | null = null;
  private statusEl: HTMLElement | null = null;
  private controller: AbortController | null = null;

  constructor(
    private readonly ctx: PluginContext,
    containerEl: HTMLElement,
    private readonly source: string,
    private readonly section: MarkdownPostProcessorContext,
  ) {
    super(containerEl);
  }

  onload(): void {
    const t = this.t;
    const parsed = parseAiStackBlock(this.source, parseYaml);
    const card = this.containerEl.createDiv({ cls: "ai-stack-planner-card" });
    const header = card.createDiv({ cls: "ai-stack-planner-card-header" });
    setIcon(header.createSpan({ cls: "ai-stack-planner-card-icon" }), "layers");
    header.createSpan({ text: t.title });

    if (!parsed.ok) {
      const box = card.createDiv({ cls: "ai-stack-planner-block-error", attr: { role: "alert" } });
      box.createDiv({ text: t.problem });
      const list = box.createEl("ul");
      for (const error of parsed.errors) list.createEl("li", { text: errorText(t, error) });
    }
    this.renderParams(card, parsed.ok ? parsed.params : {});
    if (parsed.warnings.length > 0) card.createDiv({ cls: "ai-stack-planner-muted ai-stack-planner-block-warning", text: t.ignored(parsed.warnings.map((w) => w.key).join(", ")) });

    const footer = card.createDiv({ cls: "ai-stack-planner-buttons" });
    this.generateButton = iconButton(footer, t.generate, "sparkles", "mod-cta ai-stack-planner-block-generate");
    this.generateButton.disabled = !parsed.ok;
    this.stopButton = iconButton(footer, t.stop, "square", "ai-stack-planner-block-stop ai-stack-planner-hidden");
    this.stopButton.disabled = true;
    this.statusEl = card.createDiv({ cls: "ai-stack-planner-run-status", attr: { "aria-live": "polite" } });
    if (parsed.ok) {
      const params = parsed.params;
      this.registerDomEvent(this.generateButton, "click", () => void this.generate(params));
    }
    this.registerDomEvent(this.stopButton, "click", () => this.controller?.abort());
  }

  private renderParams(card: HTMLElement, params: AiStackBlockParams): void {
    const t = this.t;
    const s = this.ctx.settings();
    const list = card.createEl("dl", { cls: "ai-stack-planner-params" });
    const row = (name: string, value: string | undefined, fallback: string) => {
      list.createEl("dt", { text: name });
      const dd = list.createEl("dd", { text: value ?? t.fromSettings(fallback) });
      if (value === undefined) dd.addClass("ai-stack-planner-muted");
    };
    const tierName = (tier: string) => (tier === "basic" ? t.basic : t.pro);
    row(t.tier, params.tier && tierName(params.tier), tierName(s.defaultTier));
    row(t.hardware, params.hardware, s.hardware.trim());
    row(t.usage, params.usage, s.usage.trim());
    if (params.language || params.model) {
      row(t.language, params.language === "zh" ? "中文" : params.language === "en" ? "English" : undefined, s.language === "auto" ? t.auto : s.language);
      row(t.model, params.model, s.chatModel || t.firstModel);
    }
  }

  /** Generates the block's plan and writes it where the settings say. Resolves with the note path written, if any. */
  async generate(params: AiStackBlockParams): Promise<string | null> {
    const controller = this.ctx.slot.acquire();
    if (!controller) return null;
    this.controller = controller;
    this.setRunning(true);
    const base = this.ctx.settings();
    const settings: PlannerSettings = { ...base, chatModel: params.model ?? base.chatModel, language: params.language ?? base.language };
    const request = { tier: params.tier ?? base.defaultTier, hardware: params.hardware ?? base.hardware, usage: params.usage ?? base.usage };
    const progress = { onChunk: (_chunk: string, received: string) => this.statusEl?.setText(this.t.receiving(received.length)) };
    try {
      const input = planInputFromSettings(settings, request, this.ctx.uiLanguage());
      const deps = this.ctx.planDeps(settings);
      if (settings.codeBlockOutput === "below") {
        const plan = await streamPlan(deps, input, controller.signal, progress);
        const ok = await this.writeBelow(plan.answer);
        this.statusEl?.setText(ok ? this.t.written : this.t.blockMoved);
        return ok ? this.section.sourcePath : null;
      }
      const { path } = await generatePlan(deps, input, controller.signal, progress);
      await this.linkPlan(path);
      return path;
    } catch (error) {
      if (error instanceof PartialPlanSaved) await this.linkPlan(error.partialPath, userMessage(error));
      else this.statusEl?.setText(error instanceof InterruptedPlan && error.kind === "aborted" ? this.t.stopped : userMessage(error) + (await keepUnsavedPlan(error)));
      return null;
    } finally {
      this.ctx.slot.release(controller);
      this.controller = null;
      this.setRunning(false);
    }
  }

  /** Shows the plan note's link in the card and adds it below the block, so the note links to its plan. */
  private async linkPlan(path: string, message?: string): Promise<void> {
    const status = this.statusEl;
    if (status) {
      status.empty();
      if (message) status.createDiv({ text: message });
      status.createSpan({ text: `${this.t.savedTo} ` });
      const target = path.replace(/\.md$/i, "");
      const link = status.createEl("a", { cls: "internal-link", text: target, href: target, attr: { "data-href": target } });
      this.registerDomEvent(link, "click", (event) => {
        event.preventDefault();
        void this.ctx.app.workspace.openLinkText(target, this.section.sourcePath);
      });
    }
    await this.writeBelow(wikiLink(path));
  }

  /** Inserts `text` after the block in its note; false when the block can't be found any more. */
  private async writeBelow(text: string): Promise<boolean> {
    const file = this.ctx.app.vault.getAbstractFileByPath(this.section.sourcePath);
    if (!(file instanceof TFile)) return false;
    const info = this.section.getSectionInfo(this.containerEl);
    let ok = false;
    await this.ctx.app.vault.process(file, (data) => {
      const next = insertAfterBlock(data, info, this.source, text);
      ok = next !== null;
      return next ?? data;
    });
    if (!ok) new Notice(this.t.blockMoved);
    return ok;
  }

  private setRunning(running: boolean): void {
    if (this.generateButton) this.generateButton.disabled = running;
    if (this.stopButton) {
      this.stopButton.disabled = !running;
      // Stop only shows while there is something to stop: an idle card stays quiet.
      this.stopButton.toggleClass("ai-stack-planner-hidden", !running);
    }
  }
}

/** Registers the `ai-stack` code block processor. */
export function registerAiStackBlock(plugin: Plugin, ctx: PluginContext): void {
  plugin.registerMarkdownCodeBlockProcessor(AI_STACK_BLOCK_LANGUAGE, (source, el, section) => {
    section.addChild(new AiStackCard(ctx, el, source, section));
  });
}

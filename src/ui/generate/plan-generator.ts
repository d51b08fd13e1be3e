/** Runs one plan generation at a time with visible progress, a real Stop and clear messages. */
import { Notice, TFile } from "obsidian";
import { PartialPlanSaved, generatePlan, planInputFromSettings } from "../../core/plan/generate-plan";
import { pluginActionContext } from "../shared/action-context";
import { PlannerError, userMessage } from "../../core/shared/errors";
import type { PluginContext } from "../shared/plugin-context";
import { offlineDraftHint } from "../hardware/hardware-commands";
import { keepUnsavedPlan } from "./unsaved-plan";
import type { PlanRequest } from "./plan-modal";

/** Progress text is refreshed at most this often, so a fast stream never floods the DOM. */
const PROGRESS_INTERVAL_MS = 250;

/** The command-palette path: modal request → streamed plan → note, with a progress notice. */
export class PlanGenerator {
  constructor(
    private readonly ctx: PluginContext,
    private readonly statusEl: HTMLElement,
  ) {}

  /** True while any generation holds the shared slot. */
  get running(): boolean {
    return this.ctx.slot.running;
  }

  /** Aborts the running generation's HTTP request, if any. */
  stop(): void {
    this.ctx.slot.stop();
  }

  /** Generates a plan and opens it; returns the note path, or undefined when nothing was written. */
  async run(request: PlanRequest): Promise<string | undefined> {
    const controller = this.ctx.slot.acquire();
    if (!controller) return undefined;
    const settings = this.ctx.settings();
    const progress = this.showProgress(request.tier);
    try {
      const outcome = await generatePlan(
        this.ctx.planDeps(settings),
        { ...planInputFromSettings(settings, request, this.ctx.uiLanguage()), action: pluginActionContext(this.ctx.app, settings) },
        controller.signal,
        { onStart: (model) => progress.update(`Generating with ${model}…`), onThinking: () => progress.update("The model is thinking…"), onChunk: (_chunk, received) => progress.received(received.length) },
      );
      new Notice(`Stack plan saved to ${outcome.path}`);
      if (settings.openPlanAfterWrite) await this.open(outcome.path);
      return outcome.path;
    } catch (error) {
      new Notice(userMessage(error) + offlineDraftHint(error) + (await keepUnsavedPlan(error)), 10000);
      if (error instanceof PartialPlanSaved) return error.partialPath;
      if (!(error instanceof PlannerError)) console.error("AI Stack Planner:", error);
      return undefined;
    } finally {
      progress.done();
      this.ctx.slot.release(controller);
    }
  }

  private async open(path: string): Promise<void> {
    const { vault, workspace } = this.ctx.app;
    const file = vault.getAbstractFileByPath(path);
    if (file instanceof TFile) await workspace.getLeaf(false).openFile(file);
  }

  private showProgress(tier: string) {
    const statusEl = this.statusEl;
    let label: HTMLElement | undefined;
    const fragment = createFragment((f) => {
      label = f.createSpan({ text: `Generating ${tier} stack plan…` });
      const stop = f.createEl("button", { text: "Stop", cls: "ai-stack-planner-stop" });
      stop.addEventListener("click", () => this.stop());
    });
    const notice = new Notice(fragment, 0);
    let last = 0;
    const update = (text: string) => {
      if (label) label.setText(text);
      statusEl.setText(`Stack plan: ${text}`);
    };
    statusEl.addClass("ai-stack-planner-busy");
    statusEl.setAttr("aria-label", "Click to stop the stack plan");
    update(`Generating ${tier} stack plan…`);
    return {
      update,
      received: (chars: number) => {
        const now = performance.now();
        if (now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        update(`${chars.toLocaleString()} characters received…`);
      },
      done: () => {
        notice.hide();
        statusEl.setText("");
        statusEl.removeClass("ai-stack-planner-busy");
        statusEl.removeAttribute("aria-label");
      },
    };
  }
}

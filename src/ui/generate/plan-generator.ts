/** Runs one plan generation at a time with visible progress, a real Stop and clear messages. */
import { Notice, TFile, type App } from "obsidian";
import { PartialPlanSaved, generatePlan, planInputFromSettings } from "../../core/plan/generate-plan";
import { pluginActionContext } from "../shared/action-context";
import { PlannerError, userMessage } from "../../core/shared/errors";
import type { PlannerSettings } from "../../core/shared/settings";
import { ObsidianVaultPort } from "../../adapters/obsidian/obsidian-vault";
import { createLlm } from "../../adapters/ollama/llm-factory";
import type { FetchFn } from "../../adapters/ollama/ollama-client";
import type { GenerationSlot } from "./generation-slot";
import { offlineDraftHint } from "../hardware/hardware-commands";
import { keepUnsavedPlan } from "./unsaved-plan";
import type { PlanRequest } from "./plan-modal";
import { vaultIndexFor } from "../index/vault-index";

/** Progress text is refreshed at most this often, so a fast stream never floods the DOM. */
const PROGRESS_INTERVAL_MS = 250;

export interface PlanGeneratorDeps {
  app: App;
  settings: () => PlannerSettings;
  statusEl: HTMLElement;
  fetch: FetchFn;
  uiLanguage: () => string;
  slot: GenerationSlot;
}

/** The command-palette path: modal request → streamed plan → note, with a progress notice. */
export class PlanGenerator {
  constructor(private readonly deps: PlanGeneratorDeps) {}

  /** True while any generation holds the shared slot. */
  get running(): boolean {
    return this.deps.slot.running;
  }

  /** Aborts the running generation's HTTP request, if any. */
  stop(): void {
    this.deps.slot.stop();
  }

  /** Generates a plan and opens it; returns the note path, or undefined when nothing was written. */
  async run(request: PlanRequest): Promise<string | undefined> {
    const controller = this.deps.slot.acquire();
    if (!controller) return undefined;
    const settings = this.deps.settings();
    const progress = this.showProgress(request.tier);
    try {
      const { llm, check } = createLlm(settings.ollamaHost, settings.allowRemoteHost, this.deps.fetch);
      for (const warning of check.warnings) new Notice(warning, 8000);
      const outcome = await generatePlan(
        { llm, vault: new ObsidianVaultPort(this.deps.app.vault), now: () => new Date(), monotonicMs: () => performance.now(), notes: vaultIndexFor(this.deps.app)?.retriever() ?? null },
        { ...planInputFromSettings(settings, request, this.deps.uiLanguage()), action: pluginActionContext(this.deps.app, settings) },
        controller.signal,
        { onStart: (model) => progress.update(`Generating with ${model}…`), onChunk: (_chunk, received) => progress.received(received.length) },
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
      this.deps.slot.release(controller);
    }
  }

  private async open(path: string): Promise<void> {
    const file = this.deps.app.vault.getAbstractFileByPath(path);
    if (file instanceof TFile) await this.deps.app.workspace.getLeaf(false).openFile(file);
  }

  private showProgress(tier: string) {
    const statusEl = this.deps.statusEl;
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

/** One generation at a time across the plugin (commands, sidebar, editor): its abort controller. */
import { Notice } from "obsidian";
import { strings } from "../shared/i18n";

const TEXT = {
  en: { busy: "A stack plan is already being generated. Stop it first." },
  zh: { busy: "已有一个技术栈方案正在生成。请先停止它。" },
};

export class GenerationSlot {
  private controller: AbortController | null = null;

  /** True while a generation holds the slot. */
  get running(): boolean {
    return this.controller !== null;
  }

  /** Claims the slot, or tells the user one is already running and returns null. */
  acquire(): AbortController | null {
    if (this.controller) {
      new Notice(strings(TEXT).busy);
      return null;
    }
    this.controller = new AbortController();
    return this.controller;
  }

  /** Frees the slot if `controller` still holds it. */
  release(controller: AbortController): void {
    if (this.controller === controller) this.controller = null;
  }

  /** Aborts the running generation's HTTP request, if any. */
  stop(): void {
    this.controller?.abort();
  }
}

/** The index status in the panel, with "Index now" and "Rebuild"; says so while there is no index. */
import type { Component } from "obsidian";
import { unreadableNotesText } from "../../core/index/index-status-text";
import { strings, uiLanguage } from "../shared/i18n";
import type { IndexStatus, IndexStatusSource } from "./panel-ports";
import { iconButton } from "../shared/icon-button";

const TEXT = {
  en: {
    title: "Vault index",
    unavailable: "Index not available yet.",
    empty: "Nothing indexed yet.",
    ready: (indexed: number) => (indexed === 1 ? "1 note indexed." : `${indexed} notes indexed.`),
    stopped: "Indexing stopped.",
    indexing: (done: number, total: number) => `Indexing… ${done} of ${total} notes`,
    indexNow: "Index now",
    rebuild: "Rebuild",
  },
  zh: {
    title: "笔记库索引",
    unavailable: "索引尚不可用。",
    empty: "尚未建立索引。",
    ready: (indexed: number) => `已索引 ${indexed} 篇笔记。`,
    stopped: "索引已停止。",
    indexing: (done: number, total: number) => `正在索引… ${done} / ${total} 篇笔记`,
    indexNow: "立即索引",
    rebuild: "重建",
  },
};

export class IndexSection {
  private readonly t = strings(TEXT);
  private unsubscribe: (() => void) | null = null;
  private statusEl: HTMLElement;
  private progressEl: HTMLProgressElement | null = null;

  constructor(
    owner: Component,
    el: HTMLElement,
    source: IndexStatusSource | undefined,
  ) {
    el.createDiv({ cls: "ai-stack-planner-section-title", text: this.t.title });
    this.statusEl = el.createDiv({ cls: "ai-stack-planner-index-status ai-stack-planner-muted", attr: { "aria-live": "polite" } });
    if (!source) {
      this.statusEl.setText(this.t.unavailable);
      return;
    }
    this.progressEl = el.createEl("progress", { cls: "ai-stack-planner-index-progress" });
    const buttons = el.createDiv({ cls: "ai-stack-planner-buttons" });
    const indexNow = iconButton(buttons, this.t.indexNow, "database", "ai-stack-planner-index-now");
    const rebuild = iconButton(buttons, this.t.rebuild, "rotate-ccw", "ai-stack-planner-rebuild");
    owner.registerDomEvent(indexNow, "click", () => void source.indexNow());
    owner.registerDomEvent(rebuild, "click", () => void source.rebuild());
    this.unsubscribe = source.onChange((status) => this.show(status));
    this.show(source.status());
  }

  private show(status: IndexStatus): void {
    const t = this.t;
    const progress = status.progress ?? { done: 0, total: 0 };
    const text =
      status.state === "indexing"
        ? t.indexing(progress.done, progress.total)
        : status.state === "empty"
          ? t.empty
          : status.state === "error"
            ? t.stopped
            : t.ready(status.indexedNotes);
    this.statusEl.setText([text, status.message, unreadableNotesText(status.unreadable ?? 0, uiLanguage())].filter(Boolean).join(" "));
    this.statusEl.toggleClass("is-error", status.state === "error");
    if (this.progressEl) {
      this.progressEl.toggleClass("ai-stack-planner-hidden", status.state !== "indexing");
      this.progressEl.max = Math.max(1, progress.total);
      this.progressEl.value = progress.done;
    }
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

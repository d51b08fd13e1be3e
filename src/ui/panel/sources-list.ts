/** The retrieved passages behind an answer: each note and heading as a link, with its score. */
import type { App, Component } from "obsidian";
import { Keymap } from "obsidian";
import { noteLinkText, type RetrievedChunk } from "../../core/index/retrieval";

/** `Folder/Note#Heading` for a chunk: what Obsidian's openLinkText takes. */
export function chunkLinkText(chunk: RetrievedChunk): string {
  return noteLinkText(chunk.path, chunk.headingPath);
}

export class SourcesList {
  constructor(
    private readonly app: App,
    owner: Component,
    private readonly el: HTMLElement,
  ) {
    owner.registerDomEvent(el, "click", (event) => {
      const link = (event.target as HTMLElement | null)?.closest?.("a.internal-link");
      if (!(link instanceof HTMLElement) || !link.dataset.href) return;
      event.preventDefault();
      void this.app.workspace.openLinkText(link.dataset.href, "", Keymap.isModEvent(event));
    });
  }

  /** Shows `chunks` (best first); an empty list hides the section. */
  show(chunks: readonly RetrievedChunk[], title: string): void {
    this.el.empty();
    if (chunks.length === 0) return;
    this.el.createDiv({ cls: "ai-stack-planner-sources-title", text: title });
    const list = this.el.createEl("ol");
    for (const chunk of chunks) {
      const item = list.createEl("li");
      const target = chunkLinkText(chunk);
      const heading = chunk.headingPath[chunk.headingPath.length - 1];
      const label = heading ? `${chunk.path.replace(/\.md$/i, "")} › ${heading}` : chunk.path.replace(/\.md$/i, "");
      item.createEl("a", { cls: "internal-link", text: label, href: target, attr: { "data-href": target } });
      item.createSpan({ cls: "ai-stack-planner-score", text: chunk.score.toFixed(2) });
    }
  }

  clear(): void {
    this.el.empty();
  }
}

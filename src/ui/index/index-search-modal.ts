/**
 * "Search related notes": a suggest modal over the vault index. Typing pauses before a query is
 * embedded (one request per pause, the previous one aborted); choosing a result opens the note at
 * its heading. Note text is set as text, never as HTML.
 */
import { Notice, SuggestModal, type App } from "obsidian";
import { userMessage } from "../../core/shared/errors";
import type { IndexSearchResult } from "../../core/index/indexer";
import { strings } from "../shared/i18n";

/** What the modal needs from the index. */
export interface IndexSearcher {
  search(query: string, limit?: number, signal?: AbortSignal): Promise<IndexSearchResult[]>;
}

const TEXT = {
  en: { placeholder: "Describe what you are looking for…", empty: "No related notes found.", short: "Type a few words to search your notes." },
  zh: { placeholder: "描述你要找的内容…", empty: "没有找到相关笔记。", short: "输入几个词来搜索你的笔记。" },
};

/** Typing pause before a query is sent. */
const QUERY_DELAY_MS = 300;
const LIMIT = 12;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        window.clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** The note link target for a result: path without `.md`, plus `#heading` when there is one. */
export function resultLinktext(result: Pick<IndexSearchResult, "path" | "headingPath">): string {
  const target = result.path.replace(/\.md$/i, "");
  const heading = result.headingPath[result.headingPath.length - 1];
  return heading ? `${target}#${heading}` : target;
}

export class IndexSearchModal extends SuggestModal<IndexSearchResult> {
  private controller: AbortController | null = null;

  constructor(
    app: App,
    private readonly index: IndexSearcher,
  ) {
    super(app);
    const t = strings(TEXT);
    this.setPlaceholder(t.placeholder);
    this.emptyStateText = t.short;
  }

  async getSuggestions(query: string): Promise<IndexSearchResult[]> {
    this.controller?.abort();
    const t = strings(TEXT);
    if (query.trim().length < 3) {
      this.emptyStateText = t.short;
      return [];
    }
    const controller = new AbortController();
    this.controller = controller;
    await sleep(QUERY_DELAY_MS, controller.signal);
    if (controller.signal.aborted) return [];
    try {
      const results = await this.index.search(query, LIMIT, controller.signal);
      this.emptyStateText = t.empty;
      return results;
    } catch (error) {
      if (controller.signal.aborted) return [];
      this.emptyStateText = userMessage(error);
      return [];
    }
  }

  renderSuggestion(result: IndexSearchResult, el: HTMLElement): void {
    const title = result.path.replace(/\.md$/i, "");
    el.createDiv({ cls: "ai-stack-planner-search-title", text: result.headingPath.length > 0 ? `${title} › ${result.headingPath.join(" › ")}` : title });
    const snippet = result.text.replace(/\s+/g, " ").trim();
    el.createEl("small", { cls: "ai-stack-planner-search-snippet", text: snippet.length > 160 ? `${snippet.slice(0, 159)}…` : snippet });
  }

  onChooseSuggestion(result: IndexSearchResult): void {
    this.app.workspace.openLinkText(resultLinktext(result), "", false).catch((error: unknown) => new Notice(userMessage(error)));
  }

  onClose(): void {
    this.controller?.abort();
    super.onClose();
  }
}

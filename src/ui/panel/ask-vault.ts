/**
 * "Ask my vault" in the panel: a question, the passages retrieved for it, and the answer streaming
 * in with its [[note#heading]] citations rendered as links. Stop aborts the HTTP request.
 */
import type { Component } from "obsidian";
import { buildAskPrompt } from "../../core/plan/ask-vault";
import { PlannerError, userMessage } from "../../core/shared/errors";
import { chooseModel } from "../../core/plan/generate-plan";
import type { RetrievedChunk } from "../../core/index/retrieval";
import { resolveLanguage } from "../../core/shared/language";
import { strings } from "../shared/i18n";
import { iconButton } from "../shared/icon-button";
import { indexRetriever } from "../index/index-features";
import type { PluginContext } from "../shared/plugin-context";
import { SourcesList } from "./sources-list";
import { StreamingMarkdown } from "./streaming-markdown";

const TEXT = {
  en: {
    title: "Ask my vault",
    placeholder: "What do my notes say about…",
    ask: "Ask",
    stop: "Stop",
    empty: "Type a question first.",
    noIndex: "Index not available yet: this answer does not use your notes.",
    nothingFound: "No matching notes found: this answer does not use your notes.",
    searching: "Searching your notes…",
    answering: (model: string) => `${model} is answering…`,
    done: (model: string) => `Answered by ${model}.`,
    stopped: "Stopped. The answer so far is shown below.",
    sources: "Sources",
  },
  zh: {
    title: "询问我的笔记库",
    placeholder: "我的笔记里关于……说了什么",
    ask: "提问",
    stop: "停止",
    empty: "请先输入问题。",
    noIndex: "索引尚不可用：此回答未使用你的笔记。",
    nothingFound: "没有找到相关笔记：此回答未使用你的笔记。",
    searching: "正在搜索你的笔记…",
    answering: (model: string) => `${model} 正在回答…`,
    done: (model: string) => `由 ${model} 回答。`,
    stopped: "已停止。下面是目前收到的内容。",
    sources: "来源",
  },
};

/** Pause between renders of the streamed answer. */
const ASK_RENDER_INTERVAL_MS = 200;

export class AskVaultSection {
  private readonly t = strings(TEXT);
  private readonly question: HTMLTextAreaElement;
  private readonly askButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly statusEl: HTMLElement;
  private readonly sources: SourcesList;
  private readonly answer: StreamingMarkdown;
  private controller: AbortController | null = null;

  constructor(
    private readonly ctx: PluginContext,
    owner: Component,
    el: HTMLElement,
  ) {
    const app = ctx.app;
    el.createDiv({ cls: "ai-stack-planner-section-title", text: this.t.title });
    this.question = el.createEl("textarea", { cls: "ai-stack-planner-question", attr: { rows: "2", placeholder: this.t.placeholder, "aria-label": this.t.title } });
    const buttons = el.createDiv({ cls: "ai-stack-planner-buttons" });
    this.askButton = iconButton(buttons, this.t.ask, "message-circle-question", "mod-cta ai-stack-planner-ask-button");
    this.stopButton = iconButton(buttons, this.t.stop, "square", "ai-stack-planner-ask-stop");
    this.stopButton.disabled = true;
    owner.registerDomEvent(this.askButton, "click", () => void this.ask());
    owner.registerDomEvent(this.stopButton, "click", () => this.controller?.abort());
    // Ctrl/Cmd+Enter asks, so the whole flow works from the keyboard.
    owner.registerDomEvent(this.question, "keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.ask();
      }
    });
    this.statusEl = el.createDiv({ cls: "ai-stack-planner-run-status", attr: { "aria-live": "polite" } });
    this.sources = new SourcesList(app, owner, el.createDiv({ cls: "ai-stack-planner-sources" }));
    this.answer = new StreamingMarkdown(app, owner, el.createDiv({ cls: "ai-stack-planner-answer markdown-rendered" }), { intervalMs: ASK_RENDER_INTERVAL_MS });
  }

  /** Answers the question in the box; resolves with the answer, or null when nothing came. */
  async ask(): Promise<string | null> {
    const question = this.question.value.trim();
    if (question === "") {
      this.statusEl.setText(this.t.empty);
      return null;
    }
    const controller = this.ctx.slot.acquire();
    if (!controller) return null;
    this.controller = controller;
    this.setRunning(true);
    this.sources.clear();
    await this.answer.flush("");
    const settings = this.ctx.settings();
    let received = "";
    let note = "";
    try {
      // Ask sends the question and passages of notes: the host's warnings show, as for plans.
      const llm = this.ctx.llm(settings);
      const chunks = await this.retrieve(question, controller.signal);
      note = chunks === null ? this.t.noIndex : chunks.length === 0 ? this.t.nothingFound : "";
      const language = resolveLanguage(settings.language, this.ctx.uiLanguage());
      const prompt = buildAskPrompt(question, chunks ?? [], language, settings.contextTokens);
      this.sources.show(prompt.context.used, this.t.sources);
      const model = chooseModel(settings.chatModel, await llm.listModels(controller.signal));
      this.statusEl.setText(joinLines(note, this.t.answering(model)));
      const result = await llm.chat(
        { model, messages: prompt.messages, contextTokens: settings.contextTokens },
        (chunk) => {
          received += chunk;
          this.answer.update(received);
        },
        controller.signal,
      );
      received = result.text;
      this.statusEl.setText(joinLines(note, this.t.done(model)));
      return received;
    } catch (error) {
      const stopped = error instanceof PlannerError && error.kind === "aborted";
      this.statusEl.setText(joinLines(note, stopped ? this.t.stopped : userMessage(error)));
      return null;
    } finally {
      this.ctx.slot.release(controller);
      this.controller = null;
      await this.answer.flush(received);
      this.setRunning(false);
    }
  }

  /** Retrieved chunks, or null when there is no index to ask. */
  private async retrieve(question: string, signal: AbortSignal): Promise<RetrievedChunk[] | null> {
    const retriever = indexRetriever(this.ctx);
    if (!retriever) return null;
    this.statusEl.setText(this.t.searching);
    return retriever.retrieve(question, signal);
  }

  private setRunning(running: boolean): void {
    this.askButton.disabled = running;
    this.stopButton.disabled = !running;
  }

  close(): void {
    this.controller?.abort();
    this.answer.close();
  }
}

function joinLines(...lines: string[]): string {
  return lines.filter(Boolean).join(" ");
}

/**
 * Renders a growing Markdown answer into an element, throttled: at most one render in flight, the
 * next one starts `intervalMs` after the last finished, each shows the whole text received so far.
 * A long answer therefore costs a bounded number of renders and the screen is never more than one
 * interval behind the stream. Model text is made inert before rendering, and the DOM after it.
 */
import { Component, Keymap, MarkdownRenderer, type App } from "obsidian";
import { inertMarkdown } from "../../core/shared/markdown-safety";
import { inertDom } from "../shared/inert-dom";

export interface StreamingMarkdownOptions {
  intervalMs: number;
  /** Resolves relative links; empty for the vault root. */
  sourcePath?: string;
}

export class StreamingMarkdown {
  private text = "";
  private shownText: string | null = null;
  private timer: number | null = null;
  private inFlight: Promise<void> | null = null;
  private dirty = false;
  private flushing = false;
  private closed = false;
  private current: Component | null = null;
  /** How many renders reached the screen (for tests and diagnostics). */
  renders = 0;
  /** How long the last render took, in milliseconds. */
  private lastRenderMs = 0;

  constructor(
    private readonly app: App,
    private readonly owner: Component,
    private readonly target: HTMLElement,
    private readonly options: StreamingMarkdownOptions,
  ) {
    // Rendered [[links]] in a custom view are not followed by Obsidian itself: open them here.
    owner.registerDomEvent(target, "click", (event) => {
      const link = (event.target as HTMLElement | null)?.closest?.("a.internal-link");
      if (!(link instanceof HTMLElement)) return;
      event.preventDefault();
      const href = link.dataset.href ?? link.getAttribute("href") ?? "";
      if (href) void this.app.workspace.openLinkText(href, this.options.sourcePath ?? "", Keymap.isModEvent(event));
    });
  }

  /** The text on screen now (null before the first render). */
  get shown(): string | null {
    return this.shownText;
  }

  /** Sets the text so far; it reaches the screen within one interval. */
  update(text: string): void {
    this.text = text;
    this.dirty = true;
    this.schedule();
  }

  /** Renders `text` (or the latest text) now and resolves once it is on screen. */
  async flush(text?: string): Promise<void> {
    if (text !== undefined) this.text = text;
    this.flushing = true;
    this.cancelTimer();
    try {
      while (this.inFlight) await this.inFlight;
      await this.renderOnce();
    } finally {
      this.flushing = false;
    }
  }

  /** Stops rendering and releases the rendered content's component. */
  close(): void {
    this.closed = true;
    this.cancelTimer();
    if (this.current) this.owner.removeChild(this.current);
    this.current = null;
  }

  private cancelTimer(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.closed || this.flushing || this.timer !== null || this.inFlight) return;
    // A slow render (a very long answer) stretches the pause, so rendering never takes more than
    // a third of the time and typing elsewhere stays smooth.
    this.timer = window.setTimeout(() => {
      this.timer = null;
      void this.renderOnce();
    }, Math.max(this.options.intervalMs, 2 * this.lastRenderMs));
  }

  private async renderOnce(): Promise<void> {
    if (this.closed) return;
    this.dirty = false;
    const text = this.text;
    const component = new Component();
    this.owner.addChild(component);
    const el = createDiv();
    const started = performance.now();
    const rendering = MarkdownRenderer.render(this.app, inertMarkdown(text), el, this.options.sourcePath ?? "", component);
    this.inFlight = rendering;
    try {
      await rendering;
    } finally {
      this.inFlight = null;
      this.lastRenderMs = performance.now() - started;
    }
    if (this.closed) {
      this.owner.removeChild(component);
      return;
    }
    // The rendered DOM is checked too, not only the text: nothing in it may load or run.
    inertDom(el);
    // Swap only once the new content is complete, so the answer never flickers empty.
    this.target.replaceChildren(...Array.from(el.childNodes));
    if (this.current) this.owner.removeChild(this.current);
    this.current = component;
    this.shownText = text;
    this.renders++;
    if (this.dirty) this.schedule();
  }
}

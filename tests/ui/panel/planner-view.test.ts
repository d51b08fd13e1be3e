/**
 * The sidebar panel through the real plugin, the Obsidian mock and the fake Ollama on the wire:
 * what the user sees in the panel's DOM, the requests the fake receives, the notes written.
 */
import { MarkdownRenderer, MarkdownView, TFile, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { renderMarkdownInto } from "../../harness/markdown-stand-in";
import { FakeOllama, unusedLoopbackPort } from "../../harness/fake-ollama";
import { useFakeOllama } from "../../harness/use-fake-ollama";
import { avoidMinuteBoundary, parseNote, waitFor } from "../../harness/plugin-harness";
import { startPanelHarness, type PanelHarness } from "../../harness/panel-harness";
import { PLANNER_VIEW_TYPE, RENDER_INTERVAL_MS, type PlannerView } from "../../../src/ui/panel/planner-view";
import type { FitAdvisor } from "../../../src/ui/panel/panel-ports";
import type { IndexStatus as IndexerStatus } from "../../../src/core/index/indexer";
import type { VaultIndexApi } from "../../../src/ui/index/index-api";

const MODEL = "llama3.2:3b";
const HARDWARE = "PC, RTX 4090 24GB VRAM, 64GB RAM";
const USAGE = "Personal knowledge base, email replies";
const REPLY = "## Compute\n\nRun **Ollama** with qwen2.5:14b.\n\n- a vector DB\n- n8n for the action layer";

const fake = useFakeOllama(REPLY);

afterEach(() => {
  jest.restoreAllMocks();
});

function start(settings: Record<string, unknown> = {}, files?: Record<string, string>): Promise<PanelHarness> {
  return startPanelHarness({ settings: { ollamaHost: fake.url, hardware: HARDWARE, usage: USAGE, language: "en", ...settings }, files });
}

function q<T extends Element = HTMLElement>(view: PlannerView, selector: string): T {
  const el = view.contentEl.querySelector<T>(selector);
  if (!el) throw new Error(`The panel has no ${selector}`);
  return el;
}

function answerEl(view: PlannerView): HTMLElement {
  return q(view, ".ai-stack-planner-form ~ .ai-stack-planner-answer");
}

function button(view: PlannerView, cls: string): HTMLButtonElement {
  return q<HTMLButtonElement>(view, `button.${cls}`);
}

/** Clicks Generate and waits until the run is over (Generate enabled again, actions or status shown). */
async function generateAndWait(view: PlannerView): Promise<void> {
  const before = fake.requestsTo("/api/chat").length;
  button(view, "ai-stack-planner-generate").click();
  await waitFor(() => fake.requestsTo("/api/chat").length > before, "the chat request");
  await waitFor(() => !button(view, "ai-stack-planner-generate").disabled, "the generation to end");
}

describe("opening the panel", () => {
  test("the open-planner command opens it in the right sidebar; opening again reuses the leaf", async () => {
    const h = await start();
    const view = await h.openPanel();
    expect(view.getViewType()).toBe(PLANNER_VIEW_TYPE);
    expect(view.getDisplayText()).toBe("Stack planner");
    expect(h.mock.commands__.get("open-planner")?.name).toBe("Open stack planner");
    h.execute("open-planner");
    await new Promise((r) => setTimeout(r, 20));
    expect(h.app.workspace.getLeavesOfType(PLANNER_VIEW_TYPE)).toHaveLength(1);
  });

  test("the ribbon icon opens it too", async () => {
    const h = await start();
    expect(h.panel()).toBeNull();
    h.clickRibbon("Open stack planner");
    await waitFor(() => h.panel()?.contentEl.querySelector(".ai-stack-planner-retry") != null, "the panel");
    expect(h.app.workspace.getLeavesOfType(PLANNER_VIEW_TYPE)).toHaveLength(1);
  });

  test("the form is prefilled from settings; every control is a focusable, labelled element", async () => {
    const h = await start({ defaultTier: "basic" });
    const view = await h.openPanel();
    expect(q<HTMLSelectElement>(view, "select.ai-stack-planner-tier").value).toBe("basic");
    expect(q<HTMLTextAreaElement>(view, "textarea.ai-stack-planner-hardware").value).toBe(HARDWARE);
    expect(q<HTMLTextAreaElement>(view, "textarea.ai-stack-planner-usage").value).toBe(USAGE);
    for (const b of Array.from(view.contentEl.querySelectorAll("button"))) {
      expect(b.tabIndex).toBeGreaterThanOrEqual(0);
      expect((b.textContent ?? "").trim() || b.getAttribute("aria-label")).toBeTruthy();
    }
  });
});

describe("connection line", () => {
  test("shows the host, the server version and what is loaded; retry refreshes it", async () => {
    const h = await start();
    const view = await h.openPanel();
    const line = q(view, ".ai-stack-planner-connection");
    expect(line.classList.contains("is-error")).toBe(false);
    expect(q(view, ".ai-stack-planner-connected").textContent).toBe(`Ollama 0.12.0 at ${fake.url}`);
    expect(q(view, ".ai-stack-planner-loaded").textContent).toBe("No model loaded yet");
    // The picker lists installed chat models, not the embedding model.
    const options = Array.from(q<HTMLSelectElement>(view, "select.ai-stack-planner-model").options).map((o) => o.value);
    expect(options).toEqual(["", MODEL]);
    expect(fake.requestsTo("/api/version")).toHaveLength(1);
    expect(fake.requestsTo("/api/ps")).toHaveLength(1);

    // After a generation the line shows the model Ollama has loaded now.
    await generateAndWait(view);
    await waitFor(() => view.contentEl.querySelector(".ai-stack-planner-loaded")?.textContent === `Loaded now: ${MODEL}`, "the loaded model");
    expect(fake.requestsTo("/api/ps")).toHaveLength(2);
    button(view, "ai-stack-planner-retry").click();
    await waitFor(() => fake.requestsTo("/api/ps").length === 3, "the retry's probe");
    await waitFor(() => view.contentEl.querySelector(".ai-stack-planner-loaded")?.textContent === `Loaded now: ${MODEL}`, "the line again");
  });

  test("unreachable: says so with the exact fix; retry connects once Ollama is up", async () => {
    const port = await unusedLoopbackPort();
    const host = `http://127.0.0.1:${port}`;
    const h = await start({ ollamaHost: host });
    const view = await h.openPanel();
    expect(q(view, ".ai-stack-planner-connection").classList.contains("is-error")).toBe(true);
    expect(q(view, ".ai-stack-planner-connection-error").textContent).toBe(`Ollama isn't reachable at ${host}. Start it with \`ollama serve\`.`);

    const late = await FakeOllama.start({ port, version: "0.13.1" });
    try {
      button(view, "ai-stack-planner-retry").click();
      await waitFor(() => view.contentEl.querySelector(".ai-stack-planner-connected") !== null, "the connection");
      expect(q(view, ".ai-stack-planner-connected").textContent).toBe(`Ollama 0.13.1 at ${host}`);
      expect(q(view, ".ai-stack-planner-connection").classList.contains("is-error")).toBe(false);
      expect(late.requestsTo("/api/version")).toHaveLength(1);
    } finally {
      await late.close();
    }
  });

  test("unreachable: 'Write offline draft plan' writes the draft for the form's tier, hardware and uses", async () => {
    const host = `http://127.0.0.1:${await unusedLoopbackPort()}`;
    const h = await start({ ollamaHost: host, openPlanAfterWrite: false });
    const view = await h.openPanel();
    const usage = q<HTMLTextAreaElement>(view, "textarea.ai-stack-planner-usage");
    usage.value = "Private finance reports";
    usage.dispatchEvent(new Event("input"));
    button(view, "ai-stack-planner-offline-draft").click();
    await waitFor(() => h.app.vault.getMarkdownFiles().some((f) => f.path.startsWith("AI Stack Plans/")), "the draft note");
    const draftPath = h.app.vault.getMarkdownFiles().find((f) => f.path.startsWith("AI Stack Plans/"))?.path ?? "";
    const note = parseNote(await h.read(draftPath));
    expect(note.frontmatter).toMatchObject({ status: "offline-draft", hardware: HARDWARE, usage: "Private finance reports" });
    expect(fake.requests).toHaveLength(0);
  });

  test("a refused (non-local) host is explained and nothing is contacted", async () => {
    const h = await start({ ollamaHost: "http://192.168.1.20:11434" });
    const view = await h.openPanel();
    expect(q(view, ".ai-stack-planner-connection-error").textContent).toMatch(/not on this machine|non-local|Allow/i);
    expect(fake.requests).toHaveLength(0);
    // A refused host is a settings problem: no offline draft is offered for it.
    expect(view.contentEl.querySelector(".ai-stack-planner-offline-draft")).toBeNull();
  });
});

describe("generating in the panel", () => {
  test("streams rendered Markdown with the form's values on the wire, and ends with the full answer", async () => {
    const h = await start();
    const view = await h.openPanel();
    q<HTMLSelectElement>(view, "select.ai-stack-planner-tier").value = "basic";
    q<HTMLSelectElement>(view, "select.ai-stack-planner-tier").dispatchEvent(new Event("change"));
    const hardware = q<HTMLTextAreaElement>(view, "textarea.ai-stack-planner-hardware");
    hardware.value = "M3 MacBook Pro 16GB";
    hardware.dispatchEvent(new Event("input"));
    await generateAndWait(view);

    const body = fake.requestsTo("/api/chat")[0].body as { model: string; messages: { content: string }[] };
    expect(body.model).toBe(MODEL);
    expect(body.messages[0].content).toContain("I have a M3 MacBook Pro 16GB.");
    expect(body.messages[0].content).toContain("AI architect who is expert in local deployment");
    const answer = answerEl(view);
    expect(answer.querySelector("h2")?.textContent).toBe("Compute");
    expect(answer.querySelector("strong")?.textContent).toBe("Ollama");
    expect(Array.from(answer.querySelectorAll("li")).map((li) => li.textContent)).toEqual(["a vector DB", "n8n for the action layer"]);
    expect(q(view, ".ai-stack-planner-run-status").textContent).toMatch(new RegExp(`^${MODEL}: done in \\d+\\.\\d s`));
    expect(h.filePaths()).toEqual([]);
  });

  test("a long stream renders a bounded number of times, shows progress while streaming, and ends with the full text", async () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const reply = words.join(" ");
    fake.setReply(reply);
    fake.setChunkDelay(4);
    const h = await start();
    const view = await h.openPanel();
    const rendersBefore = h.renders().length;
    const started = Date.now();
    button(view, "ai-stack-planner-generate").click();
    // Partial text is on screen while the stream is still running.
    await waitFor(() => /word1\d\b/.test(answerEl(view).textContent ?? ""), "partial text on screen");
    expect(button(view, "ai-stack-planner-generate").disabled).toBe(true);
    await waitFor(() => !button(view, "ai-stack-planner-generate").disabled, "the end");
    const elapsed = Date.now() - started;
    const renders = h.renders().slice(rendersBefore);
    // 400 chunks, but at most one render per interval (+ the clear at the start and the final one).
    expect(renders.length).toBeLessThanOrEqual(Math.ceil(elapsed / RENDER_INTERVAL_MS) + 3);
    expect(renders.length).toBeGreaterThanOrEqual(3);
    expect(renders[renders.length - 1].markdown).toBe(reply);
    expect(answerEl(view).textContent).toBe(reply);
  });

  test("a reasoning model's thinking shows as 'thinking…' in the status, never in the answer", async () => {
    const thinking = Array.from({ length: 60 }, (_, i) => `hmm${i}`).join(" ");
    fake.setReply(`<think>${thinking}</think>\n\n${REPLY}`);
    fake.setChunkDelay(4);
    const h = await start();
    const view = await h.openPanel();
    button(view, "ai-stack-planner-generate").click();
    await waitFor(() => /is thinking…/.test(q(view, ".ai-stack-planner-run-status").textContent ?? ""), "the thinking status", 5000);
    expect(answerEl(view).textContent ?? "").not.toContain("hmm");
    await waitFor(() => !button(view, "ai-stack-planner-generate").disabled, "the end", 15000);
    expect(answerEl(view).textContent).not.toContain("hmm");
    expect(answerEl(view).querySelector("h2")?.textContent).toBe("Compute");
  });

  test("slow renders (a very long answer) stretch the pause, so rendering takes at most about a third of the time", async () => {
    fake.setReply(Array.from({ length: 300 }, (_, i) => `word${i}`).join(" "));
    fake.setChunkDelay(8);
    const h = await start();
    const view = await h.openPanel();
    const busy: number[] = [];
    jest.spyOn(MarkdownRenderer, "render").mockImplementation(async (_app, markdown, el) => {
      const started = Date.now();
      await new Promise((r) => setTimeout(r, 250));
      renderMarkdownInto(markdown, el);
      busy.push(Date.now() - started);
    });
    const started = Date.now();
    button(view, "ai-stack-planner-generate").click();
    await waitFor(() => !button(view, "ai-stack-planner-generate").disabled, "the end");
    const elapsed = Date.now() - started;
    // Leave out the clear at the start and the final render, which always run.
    const streaming = busy.slice(1, -1).reduce((a, b) => a + b, 0);
    expect(streaming / elapsed).toBeLessThan(0.38);
    expect(answerEl(view).textContent).toContain("word299");
  });

  test("Stop aborts the request on the wire and keeps the answer so far", async () => {
    fake.setReply(Array.from({ length: 300 }, (_, i) => `word${i}`).join(" "));
    fake.setChunkDelay(10);
    const h = await start();
    const view = await h.openPanel();
    button(view, "ai-stack-planner-generate").click();
    await waitFor(() => (answerEl(view).textContent ?? "").includes("word3"), "some answer");
    expect(button(view, "ai-stack-planner-stop").disabled).toBe(false);
    button(view, "ai-stack-planner-stop").click();
    const aborted = await fake.waitForClientAbort("/api/chat");
    expect(aborted.abortedByClient).toBe(true);
    await waitFor(() => !button(view, "ai-stack-planner-generate").disabled, "the run to end");
    expect(q(view, ".ai-stack-planner-run-status").textContent).toBe("Stopped. The answer so far is shown below.");
    const shown = answerEl(view).textContent ?? "";
    expect(shown).toMatch(/^word0 word1 word2 word3/);
    expect(shown).not.toContain("word299");
    expect(button(view, "ai-stack-planner-stop").disabled).toBe(true);
    expect(h.plugin.settings).toBeDefined();
  });

  test("HTML and script in the model's answer render inert, as visible text; code stays code", async () => {
    fake.setReply(
      [
        "Intro <script>window.__pwned = 1</script> and <img src=x onerror=\"window.__pwned = 2\">",
        "",
        "<iframe src=\"https://example.invalid\"></iframe>",
        "",
        "```html",
        "<b>literal</b>",
        "```",
      ].join("\n"),
    );
    const h = await start();
    const view = await h.openPanel();
    await generateAndWait(view);
    const answer = answerEl(view);
    expect(answer.querySelector("script, img, iframe, b")).toBeNull();
    expect(answer.querySelectorAll("[onerror]")).toHaveLength(0);
    expect(answer.textContent).toContain("<script>window.__pwned = 1</script>");
    expect(answer.textContent).toContain('<img src=x onerror="window.__pwned = 2">');
    expect(answer.querySelector("pre code")?.textContent).toBe("<b>literal</b>");
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  test("a generation error is shown in the panel and no actions are offered", async () => {
    fake.addFault({ path: "/api/chat", fault: { kind: "server-error", message: "out of memory" } });
    const h = await start();
    const view = await h.openPanel();
    await generateAndWait(view);
    expect(q(view, ".ai-stack-planner-run-status").textContent).toBe("Ollama reported an error: out of memory (HTTP 500)");
    expect(view.contentEl.querySelector(".ai-stack-planner-save")).toBeNull();
  });
});

describe("after generation", () => {
  test("Save as note writes the same plan note format as the generate commands", async () => {
    await avoidMinuteBoundary();
    const h = await start();
    const view = await h.openPanel();
    await generateAndWait(view);
    button(view, "ai-stack-planner-save").click();
    await waitFor(() => h.planPaths().length === 1, "the saved note");
    const panelPath = h.planPaths()[0];
    expect(h.notices.plain()).toContain(`Stack plan saved to ${panelPath}`);
    expect(h.app.workspace.getActiveFile()?.path).toBe(panelPath);
    const panelNote = parseNote(await h.read(panelPath));
    expect(panelNote.frontmatter).toMatchObject({ type: "ai-stack-plan", tier: "pro", model: MODEL, hardware: HARDWARE, usage: USAGE, status: "complete" });

    const commandPath = await h.generate("generate-pro-plan");
    const commandNote = parseNote(await h.read(commandPath ?? ""));
    expect(commandPath).not.toBe(panelPath);
    // Same keys, same body: only the timing fields differ.
    expect(Object.keys(panelNote.frontmatter).sort()).toEqual(Object.keys(commandNote.frontmatter).sort());
    const timeless = (fm: Record<string, unknown>) => ({ ...fm, created: 0, generation_seconds: 0, tokens_per_second: 0 });
    expect(timeless(panelNote.frontmatter)).toEqual(timeless(commandNote.frontmatter));
    // Each note links its own workflow file (the second one's name ends in " 2").
    const unlinked = (body: string) => body.replace(/\[\[[^\]]*\.n8n\.json\|[^\]]*\]\]/g, "[[workflow]]");
    expect(unlinked(panelNote.body)).toBe(unlinked(commandNote.body));
    expect(h.workflowPaths()).toEqual([panelPath, commandPath ?? ""].map((p) => p.replace(/\.md$/, ".n8n.json")).sort());
  });

  test("Save as note twice keeps both notes (never overwrites)", async () => {
    await avoidMinuteBoundary();
    const h = await start({ openPlanAfterWrite: false });
    const view = await h.openPanel();
    await generateAndWait(view);
    button(view, "ai-stack-planner-save").click();
    await waitFor(() => h.planPaths().length === 1, "the first note");
    button(view, "ai-stack-planner-save").click();
    await waitFor(() => h.planPaths().length === 2, "the second note");
    expect(new Set(h.planPaths()).size).toBe(2);
  });

  test("Insert into current note puts the plan at the cursor of the last note the user was in", async () => {
    const h = await start({}, { "Notes/Today.md": "Top line\n" });
    const file = h.app.vault.getAbstractFileByPath("Notes/Today.md");
    if (!(file instanceof TFile)) throw new Error("no note");
    const leaf = WorkspaceLeaf.create2__(h.app);
    const markdown = new MarkdownView(leaf);
    (markdown as unknown as { file: TFile }).file = file;
    markdown.editor.setValue("Top line\n");
    markdown.editor.setCursor({ line: 1, ch: 0 });
    (leaf as unknown as { view: unknown }).view = markdown;

    const view = await h.openPanel();
    await generateAndWait(view);
    // The user goes to their note, then back to the panel's button.
    h.app.workspace.setActiveLeaf(leaf);
    h.app.workspace.setActiveLeaf(h.app.workspace.getLeavesOfType(PLANNER_VIEW_TYPE)[0]);
    button(view, "ai-stack-planner-insert").click();
    expect(markdown.editor.getValue()).toBe(`Top line\n${REPLY}\n`);
    expect(h.notices.plain()).toContain("Plan inserted into Today.");
  });

  test("Insert into current note without an open note says what to do", async () => {
    const h = await start();
    const view = await h.openPanel();
    await generateAndWait(view);
    button(view, "ai-stack-planner-insert").click();
    expect(h.notices.plain()).toContain("Open a note in the editor first.");
  });

  test("Copy puts the answer on the clipboard", async () => {
    const writeText = jest.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const h = await start();
    const view = await h.openPanel();
    await generateAndWait(view);
    button(view, "ai-stack-planner-copy").click();
    await waitFor(() => h.notices.plain().includes("Plan copied."), "the copy notice");
    expect(writeText).toHaveBeenCalledWith(REPLY);
  });

  test("Copy n8n workflow copies the shown plan's workflow; Check my stack checks the note saved from the panel", async () => {
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const h = await start({ n8nUrl: `http://127.0.0.1:${await unusedLoopbackPort()}` });
    const view = await h.openPanel();
    await generateAndWait(view);
    button(view, "ai-stack-planner-copy-workflow").click();
    await waitFor(() => writeText.mock.calls.length === 1, "the workflow on the clipboard");
    // The plan recommends qwen2.5:14b, which fits the RTX 4090: the workflow runs it.
    expect(JSON.parse(writeText.mock.calls[0][0])).toMatchObject({ name: "AI Stack Planner: Notes digest (qwen2.5:14b)" });
    button(view, "ai-stack-planner-save").click();
    await waitFor(() => h.planPaths().length === 1, "the saved note");
    const [path] = h.planPaths();
    const saved = await h.read(path);
    button(view, "ai-stack-planner-check-stack").click();
    await waitFor(() => h.notices.plain().some((n) => n.startsWith("Stack status of")), "the check's notice");
    const checked = await h.read(path);
    expect(checked.slice(0, saved.length)).toBe(saved);
    expect(checked.slice(saved.length)).toMatch(/^\n## Stack status\n\nChecked [^\n]+\n\n- \[x\] Ollama /);
    expect(checked).toContain("- [ ] `qwen2.5:14b` is not installed (fits in VRAM on this hardware)\n    - Fix: `ollama pull qwen2.5:14b`");
    expect(checked).toMatch(/- \[ \] n8n does not answer at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
  });

  test("Regenerate sends a new request and shows the new answer", async () => {
    const h = await start();
    const view = await h.openPanel();
    await generateAndWait(view);
    fake.setReply("A different plan.");
    button(view, "ai-stack-planner-regenerate").click();
    await waitFor(() => fake.requestsTo("/api/chat").length === 2, "the second request");
    await waitFor(() => answerEl(view).textContent === "A different plan.", "the new answer");
  });
});

describe("closing the panel", () => {
  test("closing mid-stream aborts the request, stops rendering and leaves no listeners, timers or children", async () => {
    fake.setReply(Array.from({ length: 300 }, (_, i) => `word${i}`).join(" "));
    fake.setChunkDelay(10);
    const added: unknown[] = [];
    const removed: unknown[] = [];
    for (const target of [window, document]) {
      jest.spyOn(target, "addEventListener").mockImplementation(function (this: EventTarget, ...args: Parameters<EventTarget["addEventListener"]>) {
        added.push(args[1]);
        EventTarget.prototype.addEventListener.apply(this, args);
      });
      jest.spyOn(target, "removeEventListener").mockImplementation(function (this: EventTarget, ...args: Parameters<EventTarget["removeEventListener"]>) {
        removed.push(args[1]);
        EventTarget.prototype.removeEventListener.apply(this, args);
      });
    }
    const h = await start();
    const view = await h.openPanel();
    button(view, "ai-stack-planner-generate").click();
    await waitFor(() => (answerEl(view).textContent ?? "").includes("word3"), "some answer");

    await h.closePanel();
    await fake.waitForClientAbort("/api/chat");
    const rendersAtClose = h.renders().length;
    await new Promise((r) => setTimeout(r, RENDER_INTERVAL_MS * 3));
    expect(h.renders().length).toBe(rendersAtClose);
    expect(view.contentEl.childElementCount).toBe(0);
    const component = view as unknown as { children__: unknown[]; cleanups__: unknown[] };
    expect(component.children__).toHaveLength(0);
    expect(component.cleanups__).toHaveLength(0);
    expect(added.filter((l) => !removed.includes(l))).toEqual([]);
    expect(h.plugin.settings).toBeDefined();
    // The shared slot is free: a command can generate right away.
    fake.setChunkDelay(0);
    await expect(h.generate("generate-basic-plan")).resolves.toMatch(/^AI Stack Plans\//);
  });
});

describe("optional features", () => {
  test("without an index: says the index is not available and offers no index buttons", async () => {
    // The vault index turned off in settings is the panel's "no index" case.
    const h = await start({ indexEnabled: false });
    const view = await h.openPanel();
    expect(q(view, ".ai-stack-planner-index-status").textContent).toBe("Index not available yet.");
    expect(view.contentEl.querySelector(".ai-stack-planner-index-now")).toBeNull();
  });

  test("with an index: status, progress and the Index now / Rebuild buttons; updates follow; closing unsubscribes", async () => {
    // The index as the plugin context holds it, driven by hand: the panel maps its states itself.
    const listeners = new Set<(status: IndexerStatus | null) => void>();
    const calls: string[] = [];
    const base: IndexerStatus = { state: "idle", notes: 12, chunks: 40, model: "nomic-embed-text", progress: null, message: null, lastRun: null, unreadable: 0 };
    let status: IndexerStatus = base;
    const index: VaultIndexApi = {
      get status() {
        return status;
      },
      onChange: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      search: () => Promise.resolve([]),
      indexNow: async () => (calls.push("index"), null),
      rebuild: async () => (calls.push("rebuild"), null),
      retriever: () => null,
      runFromCommand: () => Promise.resolve(),
    };
    const h = await start();
    h.plugin.context.index = index;
    const view = await h.openPanel();
    expect(q(view, ".ai-stack-planner-index-status").textContent).toBe("12 notes indexed.");
    expect(q(view, ".ai-stack-planner-index-progress").classList.contains("ai-stack-planner-hidden")).toBe(true);
    button(view, "ai-stack-planner-index-now").click();
    button(view, "ai-stack-planner-rebuild").click();
    expect(calls).toEqual(["index", "rebuild"]);
    status = { ...base, state: "indexing", progress: { done: 5, total: 14, embedded: 9, notesPerSecond: 2, etaSeconds: 5 } };
    for (const l of listeners) l(status);
    expect(q(view, ".ai-stack-planner-index-status").textContent).toBe("Indexing… 5 of 14 notes");
    const progress = q<HTMLProgressElement>(view, ".ai-stack-planner-index-progress");
    expect([progress.value, progress.max, progress.classList.contains("ai-stack-planner-hidden")]).toEqual([5, 14, false]);
    status = { ...base, state: "paused", message: "Ollama isn't reachable. Start it with `ollama serve`." };
    for (const l of listeners) l(status);
    expect(q(view, ".ai-stack-planner-index-status").textContent).toBe("Indexing stopped. Ollama isn't reachable. Start it with `ollama serve`.");
    expect(q(view, ".ai-stack-planner-index-status").classList.contains("is-error")).toBe(true);
    await h.closePanel();
    expect(listeners.size).toBe(0);
  });

  test("with hardware fit: the model picker marks fits / does not fit and the fit table is one click away", async () => {
    const advisor: FitAdvisor = {
      verdict: (_model, hardware) => ({ fits: hardware.includes("24GB"), label: hardware.includes("24GB") ? "fits in VRAM" : "does not fit" }),
      table: (model) => [
        { label: `${model.name} Q4_K_M`, memory: "2.6 GB", verdict: { fits: true, label: "fits in VRAM" } },
        { label: `${model.name} F16`, memory: "7.1 GB", verdict: { fits: false, label: "does not fit" } },
      ],
    };
    const h = await start();
    jest.replaceProperty(h.plugin.context, "fit", advisor);
    const view = await h.openPanel();
    const labels = Array.from(q<HTMLSelectElement>(view, "select.ai-stack-planner-model").options).map((o) => o.text);
    expect(labels).toEqual(["First installed model", `${MODEL} · 3.2B · fits in VRAM`]);
    const summary = q(view, ".ai-stack-planner-fit details summary");
    expect(summary.textContent).toBe("Show how the chosen model fits this hardware");
    const headers = Array.from(view.contentEl.querySelectorAll(".ai-stack-planner-fit-table thead th")).map((th) => th.textContent);
    expect(headers).toEqual(["Quantization", "Memory needed", "On this hardware"]);
    const rows = Array.from(view.contentEl.querySelectorAll(".ai-stack-planner-fit-table tbody tr")).map((tr) => tr.textContent);
    expect(rows).toEqual([`${MODEL} Q4_K_M2.6 GBfits in VRAM`, `${MODEL} F167.1 GBdoes not fit`]);
    expect(view.contentEl.querySelectorAll(".ai-stack-planner-fit-table tr.is-too-big")).toHaveLength(1);
  });

  test("the real hardware fit: the installed model is judged on the form's hardware, and follows edits", async () => {
    const h = await start();
    const view = await h.openPanel();
    const option = () => q<HTMLSelectElement>(view, "select.ai-stack-planner-model").options[1];
    expect(option().text).toBe(`${MODEL} · 3.2B · fits in VRAM`);
    const rows = () => Array.from(view.contentEl.querySelectorAll(".ai-stack-planner-fit-table tbody tr"));
    expect(rows()[0].textContent).toMatch(/^Q4_K_M \(installed\)\d+\.\d GBfits in VRAM$/);
    const hardware = q<HTMLTextAreaElement>(view, "textarea.ai-stack-planner-hardware");
    hardware.value = "Raspberry Pi with 2GB RAM";
    hardware.dispatchEvent(new Event("input"));
    expect(option().text).toBe(`${MODEL} · 3.2B · does not run`);
    expect(option().classList.contains("is-too-big")).toBe(true);
    expect(rows().every((tr) => tr.classList.contains("is-too-big"))).toBe(true);
    hardware.value = "something vague";
    hardware.dispatchEvent(new Event("input"));
    expect(option().text).toBe(`${MODEL} · 3.2B · unknown`);
    expect(view.contentEl.querySelector(".ai-stack-planner-fit details")).toBeNull();
  });

  test("the real hardware fit uses the detected profile while the form shows the settings' hardware", async () => {
    const hardwareProfile = { device: "Desk PC", cpu: "", gpus: [{ name: "RTX 4090", vendor: "nvidia", vramGb: 24 }], ramGb: 64, unifiedMemory: false, os: "linux", source: "detected", updated: "2026-11-27T08:00:00Z" };
    const h = await start({ hardware: "my desk PC", hardwareProfile });
    expect(h.plugin.settings.hardwareProfile).not.toBeNull();
    const view = await h.openPanel();
    const option = () => q<HTMLSelectElement>(view, "select.ai-stack-planner-model").options[1];
    expect(option().text).toBe(`${MODEL} · 3.2B · fits in VRAM`);
    // Typing other hardware judges that text instead.
    const hardware = q<HTMLTextAreaElement>(view, "textarea.ai-stack-planner-hardware");
    hardware.value = "my laptop";
    hardware.dispatchEvent(new Event("input"));
    expect(option().text).toBe(`${MODEL} · 3.2B · unknown`);
  });
});

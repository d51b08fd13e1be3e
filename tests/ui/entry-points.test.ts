/**
 * One table over every entry point that sends notes to Ollama: the palette, the sidebar panel, the
 * editor insert, the `ai-stack` code block and "Ask my vault". Through the real plugin, the vault
 * index built over real notes by the fake Ollama, and a host that is not this computer (reached
 * through a fetch that takes the name to the fake on 127.0.0.1), each must:
 * - send the same plan request (model, prompt parts, num_ctx) as every other plan entry point,
 *   the "From my notes" part included;
 * - show the host's warnings before sending.
 */
import type { MarkdownPostProcessorContext } from "obsidian";
import { MarkdownView, TFile, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import type { FetchFn } from "../../src/adapters/ollama/ollama-client";
import { REMOTE_HOST_EXPLANATION } from "../../src/core/shared/host-policy";
import { useFakeOllama } from "../harness/use-fake-ollama";
import { waitFor } from "../harness/plugin-harness";
import { startPanelHarness, type PanelHarness } from "../harness/panel-harness";

const REPLY = "## Compute\n\nRun Ollama with llama3.2:3b on the RTX 3060.";
const HOST = "http://ollama.test:11434";
const NOTES: Record<string, string> = {
  "Homelab.md": "# GPU\nMy RTX 3060 12GB box answers email drafts with a small model at night.\n\n# Backups\nRestic to a USB disk every Sunday.\n",
  "家庭服务器.md": "# 显卡\nRTX 3060 12GB，用来搜索笔记和写邮件草稿。\n",
  "Recipes.md": "# Pancakes\nFlour, milk, eggs. Nothing about computers here.\n",
};
const SETTINGS = {
  ollamaHost: HOST,
  allowRemoteHost: true,
  hardware: "PC with RTX 3060 12GB, 32GB RAM ",
  usage: "email drafts, search my notes",
  language: "en",
  defaultTier: "pro",
  openPlanAfterWrite: false,
} as const;
const WARNINGS = [REMOTE_HOST_EXPLANATION, "The connection to ollama.test:11434 is plain http: anyone on the network path can read your notes. Prefer https."];

const fake = useFakeOllama(REPLY);

/** The platform fetch, with the non-local host name taken to the fake server on loopback. */
const remoteFetch: FetchFn = (input, init) => {
  const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
  return fetch(url.replace(HOST, fake.url), init);
};

// A fresh plugin per entry point (same settings, same notes), its index built before the run.
let h: PanelHarness;
beforeEach(async () => {
  h = await startPanelHarness({ settings: SETTINGS, files: NOTES, fetch: remoteFetch });
  h.app.workspace.setLayoutReady__();
  await waitFor(() => h.plugin.context.index.status?.state === "idle" && h.plugin.context.index.status.notes === 3, "the first reconcile", 8000);
  fake.clearRequests();
});
afterEach(() => {
  h.mock.unload();
  jest.restoreAllMocks();
});

async function idle(): Promise<void> {
  await waitFor(() => !h.plugin.context.slot.running, "the generation to end", 8000);
}

/** Each entry point as the user starts it; resolves once its generation is over. */
const ENTRY_POINTS: Record<string, () => Promise<void>> = {
  palette: async () => {
    await h.generate("generate-pro-plan");
  },
  panel: async () => {
    const view = await h.openPanel();
    await view.generate();
  },
  editor: async () => {
    const file = h.app.vault.getAbstractFileByPath("Homelab.md");
    if (!(file instanceof TFile)) throw new Error("no note");
    const view = new MarkdownView(WorkspaceLeaf.create2__(h.app));
    (view as unknown as { file: TFile }).file = file;
    view.editor.setValue("Plan below.\n");
    view.editor.setCursor({ line: 1, ch: 0 });
    const command = h.mock.commands__.get("insert-plan-at-cursor");
    command?.editorCallback?.(view.editor, view as unknown as never);
    await idle();
    expect(view.editor.getValue()).toContain(REPLY);
  },
  "code block": async () => {
    const processor = h.mock.markdownCodeBlockProcessors__.get("ai-stack");
    if (!processor) throw new Error("no ai-stack processor");
    const note = "```ai-stack\n```\n";
    await h.app.vault.create("Block.md", note);
    const el = createDiv();
    const section = {
      docId: "doc",
      sourcePath: "Block.md",
      frontmatter: null,
      addChild: (child: { load(): void }) => child.load(),
      getSectionInfo: () => ({ lineStart: 0, lineEnd: 1, text: note }),
    } as unknown as MarkdownPostProcessorContext;
    await processor("", el, section);
    el.querySelector<HTMLButtonElement>("button.ai-stack-planner-block-generate")?.click();
    await waitFor(() => h.plugin.context.slot.running, "the block to start");
    await idle();
  },
};

describe.each(Object.keys(ENTRY_POINTS))("%s", (name) => {
  test("sends the shared plan request, notes included, after the host's warnings", async () => {
    const noticesBefore = h.notices.plain().length;
    await ENTRY_POINTS[name]();
    const chats = fake.requestsTo("/api/chat");
    expect(chats).toHaveLength(1);
    const body = chats[0].body as { model: string; messages: { role: string; content: string }[]; options: { num_ctx: number } };
    const prompt = body.messages[0].content;
    expect(prompt).toContain("===== Hardware facts (computed) =====");
    expect(prompt).toContain("===== From my notes =====");
    expect(prompt).toContain("[[Homelab#GPU]]");
    expect(h.notices.plain().slice(noticesBefore)).toEqual(expect.arrayContaining(WARNINGS));
    requests.set(name, { model: body.model, messages: body.messages, num_ctx: body.options.num_ctx });
  });
});

/** What each plan entry point sent, compared once all have run. */
const requests = new Map<string, unknown>();

test("every plan entry point sent exactly the same request", () => {
  expect([...requests.keys()]).toEqual(Object.keys(ENTRY_POINTS));
  const [first, ...rest] = [...requests.values()];
  for (const other of rest) expect(other).toEqual(first);
});

test("Ask my vault sends passages of the notes, after the host's warnings", async () => {
  const noticesBefore = h.notices.plain().length;
  const view = await h.openPanel();
  const section = view.contentEl.querySelector<HTMLElement>(".ai-stack-planner-ask");
  const question = section?.querySelector<HTMLTextAreaElement>("textarea.ai-stack-planner-question");
  if (!section || !question) throw new Error("no ask section");
  question.value = "What does my RTX 3060 do at night?";
  section.querySelector<HTMLButtonElement>("button.ai-stack-planner-ask-button")?.click();
  await waitFor(() => h.plugin.context.slot.running, "the question to be asked");
  await idle();
  const chats = fake.requestsTo("/api/chat");
  expect(chats).toHaveLength(1);
  const sent = JSON.stringify(chats[0].body);
  expect(sent).toContain("answers email drafts with a small model at night");
  expect(h.notices.plain().slice(noticesBefore)).toEqual(expect.arrayContaining(WARNINGS));
});

test("the vault index, which sends notes to be embedded, showed the host's warnings once", async () => {
  // The first reconcile (in beforeEach) embedded every note through the non-local host.
  expect(fake.requests.length).toBe(0);
  const seen = h.notices.plain();
  for (const warning of WARNINGS) expect(seen.filter((m) => m === warning)).toHaveLength(1);
  // A later run (a new note) sends notes again but does not repeat the warnings.
  await h.app.vault.create("Later.md", "# Later\nA second GPU for the homelab, maybe.\n");
  await h.plugin.context.index.indexNow();
  expect(fake.requestsTo("/api/embed").length).toBeGreaterThan(0);
  for (const warning of WARNINGS) expect(h.notices.plain().filter((m) => m === warning)).toHaveLength(1);
});

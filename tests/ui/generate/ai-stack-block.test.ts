/**
 * The `ai-stack` code block through the real plugin's registered processor, the Obsidian mock's
 * vault and the fake Ollama: the card the user sees, the YAML errors, and what Generate writes.
 */
import type { MarkdownPostProcessorContext } from "obsidian";
import { TFile } from "obsidian-test-mocks/obsidian";
import { useFakeOllama } from "../../harness/use-fake-ollama";
import { parseNote, startPlugin, waitFor, type PluginHarness } from "../../harness/plugin-harness";

const REPLY = "## Compute\n\nRun Ollama with qwen2.5:14b.";
const BLOCK = "tier: basic\nhardware: M3 MacBook Pro 16GB\nusage: personal knowledge base, email drafts";
const NOTE = `# My setup\n\n\`\`\`ai-stack\n${BLOCK}\n\`\`\`\n\nMore notes.`;

const fake = useFakeOllama(REPLY);

afterEach(() => {
  jest.restoreAllMocks();
});

interface Block {
  h: PluginHarness;
  el: HTMLElement;
  card: HTMLElement;
  generate: HTMLButtonElement;
  stop: HTMLButtonElement;
  status: () => string;
}

async function renderBlock(source: string, settings: Record<string, unknown> = {}, note = NOTE): Promise<Block> {
  const h = await startPlugin({ settings: { ollamaHost: fake.url, hardware: "PC with RTX 3060 12GB", usage: "coding", language: "en", ...settings }, files: { "Setup.md": note } });
  const processor = h.mock.markdownCodeBlockProcessors__.get("ai-stack");
  if (!processor) throw new Error("no ai-stack processor");
  const el = createDiv();
  const lines = note.split("\n");
  const lineStart = lines.indexOf("```ai-stack");
  const lineEnd = lines.indexOf("```", lineStart + 1);
  const ctx = {
    docId: "doc",
    sourcePath: "Setup.md",
    frontmatter: null,
    addChild: (child: { load(): void }) => child.load(),
    getSectionInfo: () => ({ lineStart, lineEnd, text: note }),
  } as unknown as MarkdownPostProcessorContext;
  await processor(source, el, ctx);
  const card = el.querySelector<HTMLElement>(".ai-stack-planner-card");
  if (!card) throw new Error("no card");
  return {
    h,
    el,
    card,
    generate: card.querySelector("button.ai-stack-planner-block-generate") as HTMLButtonElement,
    stop: card.querySelector("button.ai-stack-planner-block-stop") as HTMLButtonElement,
    status: () => card.querySelector(".ai-stack-planner-run-status")?.textContent ?? "",
  };
}

function params(card: HTMLElement): Record<string, string> {
  const dts = Array.from(card.querySelectorAll("dt"));
  return Object.fromEntries(dts.map((dt) => [dt.textContent ?? "", dt.nextElementSibling?.textContent ?? ""]));
}

async function read(h: PluginHarness, path: string): Promise<string> {
  const file = h.app.vault.getAbstractFileByPath(path);
  if (!(file instanceof TFile)) throw new Error(`no ${path}`);
  return h.app.vault.read(file);
}

describe("the card", () => {
  test("shows the parsed parameters; what the block leaves out is marked as coming from settings", async () => {
    const b = await renderBlock("usage: email drafts");
    expect(b.card.querySelector(".ai-stack-planner-card-header")?.textContent).toBe("AI stack plan");
    expect(params(b.card)).toEqual({ Tier: "Pro (from settings)", Hardware: "PC with RTX 3060 12GB (from settings)", "Main uses": "email drafts" });
    expect(b.generate.disabled).toBe(false);
    expect(b.card.querySelector(".ai-stack-planner-block-error")).toBeNull();
  });

  test("the issue's example", async () => {
    const b = await renderBlock(BLOCK);
    expect(params(b.card)).toEqual({ Tier: "Basic", Hardware: "M3 MacBook Pro 16GB", "Main uses": "personal knowledge base, email drafts" });
  });

  test("broken YAML is shown inline with its line and a fix; Generate is disabled and nothing is sent", async () => {
    const b = await renderBlock("tier: pro\nhardware: [M3 MacBook\nusage: wiki");
    const error = b.card.querySelector(".ai-stack-planner-block-error");
    expect(error?.getAttribute("role")).toBe("alert");
    expect(error?.textContent).toMatch(/^This block can't be used yet:Line \d+: .+Check the YAML syntax/);
    expect(b.generate.disabled).toBe(true);
    b.generate.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.requests).toHaveLength(0);
  });

  test("a wrong tier says which values are allowed; unknown keys are listed as ignored", async () => {
    const b = await renderBlock("tier: ultra\nbudget: 500");
    expect(b.card.querySelector(".ai-stack-planner-block-error li")?.textContent).toBe('Tier must be basic or pro, not "ultra".');
    const ok = await renderBlock("tier: pro\nbudget: 500");
    expect(ok.card.querySelector(".ai-stack-planner-block-warning")?.textContent).toBe("Ignored: budget");
  });

  test("model text in the block is shown as text, never as HTML", async () => {
    const b = await renderBlock('usage: "<img src=x onerror=alert(1)>"');
    expect(b.card.querySelector("img")).toBeNull();
    expect(params(b.card)["Main uses"]).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("Generate", () => {
  test("writes a plan note from the block's parameters and links it below the block", async () => {
    const b = await renderBlock(BLOCK);
    b.generate.click();
    await waitFor(() => b.card.querySelector(".ai-stack-planner-run-status a.internal-link") !== null, "the plan link");
    const body = fake.requestsTo("/api/chat")[0].body as { messages: { content: string }[] };
    expect(body.messages[0].content).toContain("I have a M3 MacBook Pro 16GB.");
    const [planPath] = b.h.planPaths();
    const plan = parseNote(await read(b.h, planPath));
    expect(plan.frontmatter).toMatchObject({ type: "ai-stack-plan", tier: "basic", hardware: "M3 MacBook Pro 16GB", usage: "personal knowledge base, email drafts" });
    expect(plan.body).toContain(REPLY);
    const link = `[[${planPath.replace(/\.md$/, "")}]]`;
    expect(await read(b.h, "Setup.md")).toBe(`# My setup\n\n\`\`\`ai-stack\n${BLOCK}\n\`\`\`\n\n${link}\n\nMore notes.`);
    expect(b.card.querySelector(".ai-stack-planner-run-status a")?.getAttribute("data-href")).toBe(planPath.replace(/\.md$/, ""));
  });

  test("with the 'below the block' setting, the plan goes into the note itself", async () => {
    const b = await renderBlock(BLOCK, { codeBlockOutput: "below" });
    b.generate.click();
    await waitFor(() => b.status() === "The plan was added below this block.", "the plan below");
    expect(await read(b.h, "Setup.md")).toBe(`# My setup\n\n\`\`\`ai-stack\n${BLOCK}\n\`\`\`\n\n${REPLY}\n\nMore notes.`);
    expect(b.h.planPaths()).toEqual([]);
  });

  test("if the block was edited meanwhile, nothing is written into the note", async () => {
    fake.setChunkDelay(5);
    fake.setReply(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "));
    const b = await renderBlock(BLOCK, { codeBlockOutput: "below" });
    b.generate.click();
    await fake.waitForRequest("/api/chat");
    const file = b.h.app.vault.getAbstractFileByPath("Setup.md");
    if (!(file instanceof TFile)) throw new Error("no note");
    await b.h.app.vault.modify(file, NOTE.replace("usage: personal", "usage: shared"));
    await waitFor(() => /changed while the plan was generated/.test(b.status()), "the message");
    expect(await read(b.h, "Setup.md")).toBe(NOTE.replace("usage: personal", "usage: shared"));
  });

  test("Stop aborts the request on the wire and writes nothing", async () => {
    fake.setChunkDelay(10);
    fake.setReply(Array.from({ length: 200 }, (_, i) => `w${i}`).join(" "));
    const b = await renderBlock(BLOCK);
    b.generate.click();
    await waitFor(() => /characters received/.test(b.status()), "progress");
    expect(b.stop.disabled).toBe(false);
    b.stop.click();
    await fake.waitForClientAbort("/api/chat");
    await waitFor(() => !b.generate.disabled, "the end");
    expect(b.status()).toBe("Generation stopped. Nothing was saved.");
    expect(b.h.planPaths()).toEqual([]);
    expect(await read(b.h, "Setup.md")).toBe(NOTE);
  });
});

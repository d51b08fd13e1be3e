/**
 * The real plugin class (src/main.ts) driven through the Obsidian mock against the fake Ollama:
 * commands executed by id, the modal filled through its DOM, and assertions on what the user gets:
 * notes in the vault, bytes on the wire at the fake, and the messages shown.
 */
import { unusedLoopbackPort, type RecordedRequest } from "./harness/fake-ollama";
import { useFakeOllama } from "./harness/use-fake-ollama";
import { avoidMinuteBoundary, parseNote, startPlugin, waitFor, type PluginHarness } from "./harness/plugin-harness";
import { planNoteBaseName } from "../src/core/plan/file-naming";

const MODEL = "llama3.2:3b";
const HARDWARE = "PC, RTX 4090 24GB VRAM, 64GB RAM";
const USAGE = "Personal knowledge base, email replies";
const REPLY = "## Compute\n\nRun **Ollama** with qwen2.5:14b. Then add a vector DB and n8n for the action layer.";
/** About 120 chunks: long enough to stop in the middle with a pause between chunks. */
const LONG_REPLY = Array.from({ length: 120 }, (_, i) => `word${i}`).join(" ");

// The blueprints as the product card fixes them (shared/blueprint-prompts.md), filled in by hand.
const PRO_EN = [
  "**Role:** You are a senior AI systems architect and data-privacy expert.",
  "",
  "**Context:**",
  "",
  "- Current pain: I rely too much on cloud AI, worry about data leaks, and pay high monthly subscriptions.",
  '- Core need: I want to build a "personal AI infrastructure" that processes 100% of my data locally.',
  `- My hardware: ${HARDWARE}`,
  `- Main uses: ${USAGE}`,
  "",
  "**Task:**",
  "",
  "Design a complete personal AI stack for me. It must cover these layers:",
  "",
  "1. **Compute:** the local LLM runtime that suits my hardware, and specific open-source model versions.",
  "2. **Memory:** how to build a local vector database (Vector DB) to manage my personal knowledge base.",
  "3. **Action:** open-source automation tools (such as n8n), with an example automated workflow designed for my main use.",
  "",
  "**Constraints:**",
  "",
  "- Every recommended tool must be open source or fully self-hostable.",
  "- Format the output as clear Markdown lists with logical layers.",
  "- Assess the plan's implementation difficulty and its likely performance bottlenecks.",
  "",
  "**Warning:**",
  "",
  "- When recommending models, compute VRAM use strictly from the hardware I gave, and never recommend an oversized model that cannot run.",
].join("\n");

const PRO_ZH_LINES = [
  "**角色 (Role)：** 你是一位资深的 AI 系统架构师和数据隐私专家。",
  "- 当前痛点：我过度依赖云端 AI，担心数据泄露，且每月订阅费高昂。",
  `- 我的设备：${HARDWARE}`,
  `- 主要用途：${USAGE}`,
  "请为我设计一套完整的个人 AI 技术栈方案，必须包含以下层面：",
  "- 推荐模型时必须严格基于我提供的硬件配置计算 VRAM 占用率，避免推荐无法运行的超大模型。",
];

const BASIC_EN = [
  "**Role:** You are an AI architect who is expert in local deployment.",
  "**Task:** I have a M3 MacBook Pro 16GB. Recommend the simplest way to run open-source large language models locally, and list the software needed (such as Ollama) and the recommended models.",
].join("\n");

const FORBIDDEN_IN_NAME = /[\\/:*?"<>|#^[\]]/;

const fake = useFakeOllama(REPLY);

afterEach(() => {
  jest.restoreAllMocks();
});

function start(settings: Record<string, unknown> = {}, files?: Record<string, string>, caseInsensitive = false): Promise<PluginHarness> {
  return startPlugin({ settings: { ollamaHost: fake.url, hardware: HARDWARE, usage: USAGE, ...settings }, files, caseInsensitive });
}

interface ChatBody {
  model: string;
  stream: boolean;
  messages: { role: string; content: string }[];
  options: { num_ctx: number };
}

function chatBody(request: RecordedRequest): ChatBody {
  return request.body as ChatBody;
}

/** Replays a recorded /api/chat request against the fake and returns its final (done) chunk. */
async function finalChunkFor(request: RecordedRequest): Promise<Record<string, unknown>> {
  const res = await fetch(`${fake.url}/api/chat`, { method: "POST", body: request.rawBody });
  const lines = (await res.text()).trim().split("\n");
  const last = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
  expect(last.done).toBe(true);
  return last;
}

/** The answer part of a plan note: the last paragraph block after the request callout. */
function answerOf(body: string): string {
  const blocks = body.trim().split("\n\n");
  return blocks[blocks.length - 1];
}

describe("commands", () => {
  test("registers the blueprint and stop commands by id, with no default hotkeys", async () => {
    const h = await start();
    const commands = h.mock.commands__;
    expect([...commands.keys()].sort()).toEqual(["benchmark-models", "check-my-stack", "copy-n8n-workflow", "detect-hardware", "generate-basic-plan", "generate-plan", "generate-pro-plan", "index-vault", "insert-plan-at-cursor", "open-planner", "plan-from-selection", "pull-model", "rebuild-index", "search-related-notes", "show-index-status", "stop-generation", "write-offline-draft"]);
    expect(commands.get("generate-basic-plan")?.name).toBe("Generate basic stack plan");
    expect(commands.get("generate-pro-plan")?.name).toBe("Generate pro stack plan");
    expect(commands.get("generate-plan")?.name).toBe("Generate stack plan");
    for (const command of commands.values()) expect(command.hotkeys).toBeUndefined();
    expect(typeof commands.get("stop-generation")?.checkCallback).toBe("function");
  });

  test("stop-generation is unavailable while nothing is running", async () => {
    const h = await start();
    expect(h.mock.commands__.get("stop-generation")?.checkCallback?.(true)).toBe(false);
    expect(h.mock.commands__.get("stop-generation")?.checkCallback?.(false)).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("generating a plan", () => {
  test("Pro: the modal is prefilled from settings and the plan is written as one complete note", async () => {
    const h = await start({ contextTokens: 16384, language: "en" });
    const modal = h.openModal("generate-pro-plan");
    expect(modal.tier.value).toBe("pro");
    expect(modal.hardware.value).toBe(HARDWARE);
    expect(modal.usage.value).toBe(USAGE);
    const before = Date.now();
    modal.generate.click();
    const path = await h.runs()[0];

    // Exactly one note, in the plans folder, and nothing else in the vault.
    // ... and its n8n workflow beside it.
    expect(h.filePaths()).toEqual([path, path?.replace(/\.md$/, ".n8n.json")]);
    expect(path).toMatch(/^AI Stack Plans\/[^/]+\.md$/);
    expect(path).toContain("Pro plan");
    expect(h.notices.plain()).toEqual([`Stack plan saved to ${path}`]);
    expect(h.app.workspace.getActiveFile()?.path).toBe(path);

    // What went over the wire.
    const chats = fake.requestsTo("/api/chat");
    expect(chats).toHaveLength(1);
    const body = chatBody(chats[0]);
    expect(body).toMatchObject({ model: MODEL, stream: true, options: { num_ctx: 16384 } });
    // The blueprint word for word, then the computed hardware facts (tests/core/fit-check.test.ts).
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0].content.startsWith(`${PRO_EN}\n\n===== Hardware facts (computed) =====\n`)).toBe(true);

    // The note itself.
    const note = parseNote(await h.read(path ?? ""));
    const final = await finalChunkFor(chats[0]);
    expect(note.frontmatter).toMatchObject({
      type: "ai-stack-plan",
      tier: "pro",
      model: MODEL,
      hardware: HARDWARE,
      usage: USAGE,
      language: "en",
      prompt_tokens: final.prompt_eval_count,
      answer_tokens: final.eval_count,
      status: "complete",
    });
    expect(typeof final.prompt_eval_count).toBe("number");
    expect(typeof note.frontmatter.generation_seconds).toBe("number");
    expect(note.frontmatter.generation_seconds).toBeGreaterThanOrEqual(0);
    const created = Date.parse(String(note.frontmatter.created));
    expect(created).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(created).toBeLessThanOrEqual(Date.now());
    expect(note.body).toContain("# AI stack plan (Pro)");
    expect(note.body).toContain(REPLY);
  });

  test("Pro in Chinese sends the Chinese blueprint and writes a Chinese note", async () => {
    const h = await start({ language: "zh" });
    const path = await h.generate("generate-pro-plan");
    const prompt = chatBody(fake.requestsTo("/api/chat")[0]).messages[0].content;
    for (const line of PRO_ZH_LINES) expect(prompt).toContain(line);
    expect(prompt).not.toContain("Role:** You are");
    expect(prompt).not.toMatch(/\{\{|\[您的/);
    const note = parseNote(await h.read(path ?? ""));
    expect(note.frontmatter).toMatchObject({ language: "zh", tier: "pro", status: "complete" });
    expect(note.body).toContain("# AI 技术栈方案 (专家版)");
    expect(note.body).toContain(REPLY);
  });

  test("Basic: the basic command opens the modal on the basic tier; edits in the modal are what is sent", async () => {
    const h = await start({ contextTokens: 4096, language: "en" });
    const modal = h.openModal("generate-basic-plan");
    expect(modal.tier.value).toBe("basic");
    modal.hardware.value = "  M3 MacBook Pro 16GB ";
    modal.generate.click();
    const path = await h.runs()[0];
    expect(h.planPaths()).toEqual([path]);
    expect(path).toMatch(/^AI Stack Plans\/.* - Basic plan - M3 MacBook Pro 16GB\.md$/);
    const body = chatBody(fake.requestsTo("/api/chat")[0]);
    expect(body).toMatchObject({ stream: true, options: { num_ctx: 4096 } });
    expect(body.messages[0].content.startsWith(`${BASIC_EN}\n\n===== Hardware facts (computed) =====`)).toBe(true);
    const note = parseNote(await h.read(path ?? ""));
    expect(note.frontmatter).toMatchObject({ tier: "basic", hardware: "M3 MacBook Pro 16GB", usage: USAGE, status: "complete" });
    expect(note.body).toContain("# AI stack plan (Basic)");
  });

  test("'Generate stack plan' opens the modal on the default tier from settings", async () => {
    const h = await start({ defaultTier: "basic" });
    const modal = h.openModal("generate-plan");
    expect(modal.tier.value).toBe("basic");
    modal.generate.click();
    const path = await h.runs()[0];
    expect(parseNote(await h.read(path ?? "")).frontmatter.tier).toBe("basic");
  });

  test("the tier chosen in the modal wins over the command's tier", async () => {
    const h = await start();
    const path = await h.generate("generate-pro-plan", { tier: "basic" });
    expect(chatBody(fake.requestsTo("/api/chat")[0]).messages[0].content).toContain("You are an AI architect who is expert in local deployment.");
    expect(parseNote(await h.read(path ?? "")).frontmatter.tier).toBe("basic");
  });

  test("odd characters in the hardware make a valid path, and a second run gets a second note", async () => {
    const hardware = "RTX 4090/24GB: #1 [test]";
    const h = await start({ hardware });
    await avoidMinuteBoundary();
    const first = await h.generate("generate-pro-plan");
    expect(first).toBeDefined();
    const firstPath = first ?? "";
    const name = firstPath.slice("AI Stack Plans/".length);
    expect(firstPath.startsWith("AI Stack Plans/")).toBe(true);
    expect(name).not.toMatch(FORBIDDEN_IN_NAME);
    expect(name).toMatch(/ - Pro plan - RTX 4090 24GB 1 test\.md$/);
    const firstContent = await h.read(firstPath);
    expect(parseNote(firstContent).frontmatter.hardware).toBe(hardware);

    fake.setReply("A different second answer.");
    const second = await h.generate("generate-pro-plan");
    expect(second).toBe(firstPath.replace(/\.md$/, " 2.md"));
    expect(h.planPaths()).toEqual([firstPath, second].sort());
    expect(h.workflowPaths()).toEqual([firstPath, second ?? ""].map((p) => p.replace(/\.md$/, ".n8n.json")).sort());
    expect(await h.read(firstPath)).toBe(firstContent);
    expect(await h.read(second ?? "")).toContain("A different second answer.");
    expect(h.app.vault.getAllFolders(false).map((f) => f.path).filter((p) => p !== "/")).toEqual(["AI Stack Plans"]);
  });

  test("a note already at the would-be path is never overwritten", async () => {
    await avoidMinuteBoundary();
    const existing = `AI Stack Plans/${planNoteBaseName("Pro", HARDWARE, new Date())}.md`;
    const h = await start({}, { [existing]: "my own note, keep me" });
    const path = await h.generate("generate-pro-plan");
    expect(path).toBe(existing.replace(/\.md$/, " 2.md"));
    expect(await h.read(existing)).toBe("my own note, keep me");
    expect(await h.read(path ?? "")).toContain(REPLY);
  });

  test("on a case-insensitive disk, a note differing only in case is not overwritten either", async () => {
    await avoidMinuteBoundary();
    const wouldBe = `AI Stack Plans/${planNoteBaseName("Pro", HARDWARE, new Date())}.md`;
    const existing = wouldBe.toLowerCase().replace(/^ai stack plans/, "AI Stack Plans");
    const h = await start({}, { [existing]: "lower-case twin" }, true);
    const path = await h.generate("generate-pro-plan");
    expect(path).toBe(wouldBe.replace(/\.md$/, " 2.md"));
    expect(await h.read(existing)).toBe("lower-case twin");
  });

  test("progress is visible in the status bar while streaming and cleared afterwards", async () => {
    fake.setReply(Array.from({ length: 25 }, (_, i) => `w${i}`).join(" "));
    fake.setChunkDelay(15);
    const h = await start();
    const status = h.statusBar();
    expect(status.textContent).toBe("");
    const run = h.start("generate-pro-plan");
    expect(status.textContent).toBe("Stack plan: Generating pro stack plan…");
    expect(status.hasClass("ai-stack-planner-busy")).toBe(true);
    await waitFor(() => /^Stack plan: \d+ characters received…$/.test(status.textContent ?? ""), "a progress update");
    expect(h.mock.commands__.get("stop-generation")?.checkCallback?.(true)).toBe(true);
    const path = await run;
    expect(path).toBeDefined();
    expect(status.textContent).toBe("");
    expect(status.hasClass("ai-stack-planner-busy")).toBe(false);
    expect(status.getAttribute("aria-label")).toBeNull();
    expect(h.mock.commands__.get("stop-generation")?.checkCallback?.(true)).toBe(false);
  });

  test("a second generation while one is running is refused with a message", async () => {
    fake.setReply(LONG_REPLY);
    fake.setChunkDelay(5);
    const h = await start();
    const first = h.start("generate-pro-plan");
    await fake.waitForRequest("/api/chat");
    const second = await h.start("generate-basic-plan");
    expect(second).toBeUndefined();
    expect(h.notices.plain()).toContain("A stack plan is already being generated. Stop it first.");
    h.execute("stop-generation");
    await first;
    expect(fake.requestsTo("/api/chat")).toHaveLength(1);
  });
});

describe("errors, as the user meets them", () => {
  async function expectOnlyMessage(h: PluginHarness, message: string): Promise<void> {
    expect(await h.runs()[0]).toBeUndefined();
    expect(h.notices.plain()).toEqual([message]);
    expect(h.filePaths()).toEqual([]);
    expect(h.statusBar().textContent).toBe("");
  }

  test("Ollama not running", async () => {
    const port = await unusedLoopbackPort();
    const h = await start({ ollamaHost: `http://127.0.0.1:${port}` });
    await h.generate("generate-pro-plan");
    await expectOnlyMessage(h, `Ollama isn't reachable at http://127.0.0.1:${port}. Start it with \`ollama serve\`. Or run "Write offline draft plan" for a draft built from your hardware without Ollama.`);
  });

  test("the configured model is not installed", async () => {
    const h = await start({ chatModel: "qwen2.5:14b" });
    await h.generate("generate-pro-plan");
    await expectOnlyMessage(
      h,
      'The model "qwen2.5:14b" isn\'t installed in Ollama. Run `ollama pull qwen2.5:14b`, or pick an installed model in settings.',
    );
    expect(fake.requestsTo("/api/tags")).toHaveLength(1);
    expect(fake.requestsTo("/api/chat")).toHaveLength(0);
  });

  test("a 404 'model not found' from /api/chat also says which model to pull", async () => {
    fake.addFault({ fault: { kind: "not-found" }, path: "/api/chat", times: 1 });
    const h = await start();
    await h.generate("generate-pro-plan");
    await expectOnlyMessage(
      h,
      `The model "${MODEL}" isn't installed in Ollama. Run \`ollama pull ${MODEL}\`, or pick an installed model in settings.`,
    );
  });

  test("the stream is cut mid-way (connection dropped)", async () => {
    fake.addFault({ fault: { kind: "cut-stream", afterChunks: 3 }, path: "/api/chat", times: 1 });
    const h = await start();
    await h.generate("generate-pro-plan");
    const [message] = h.notices.plain();
    expect(message.startsWith("The answer from Ollama stopped before it was finished")).toBe(true);
    expect(message.endsWith("Nothing was saved.")).toBe(true);
    await expectOnlyMessage(
      h,
      "The answer from Ollama stopped before it was finished (the connection was lost). Try again; if it keeps happening, check the Ollama server log. Nothing was saved.",
    );
  });

  test("the stream ends cleanly but without its done line", async () => {
    fake.addFault({ fault: { kind: "cut-stream", afterChunks: 3, how: "end" }, path: "/api/chat", times: 1 });
    const h = await start();
    await h.generate("generate-pro-plan");
    const [message] = h.notices.plain();
    expect(message).toMatch(/^The answer from Ollama stopped before it was finished.*Nothing was saved\.$/);
    await expectOnlyMessage(h, message);
  });

  test("a cut stream with 'keep stopped plans' on saves what arrived as a partial note", async () => {
    fake.addFault({ fault: { kind: "cut-stream", afterChunks: 3 }, path: "/api/chat", times: 1 });
    const h = await start({ keepPartialPlans: true });
    const path = await h.generate("generate-pro-plan");
    expect(h.planPaths()).toEqual([path]);
    const note = parseNote(await h.read(path ?? ""));
    expect(note.frontmatter).toMatchObject({ status: "partial", answer_tokens: null, prompt_tokens: null });
    // The fake sent three chunks ("## ", "Compute\n\n", "Run ") before the cut: exactly those are kept.
    expect(note.body.endsWith("This plan is incomplete: the generation was stopped before the model finished.\n\n## Compute\n\nRun\n")).toBe(true);
    expect(h.notices.plain()).toEqual([
      `The answer from Ollama stopped before it was finished (the connection was lost). Try again; if it keeps happening, check the Ollama server log. The partial plan was saved to "${path}".`,
    ]);
  });

  test("Ollama reports an error inside the stream", async () => {
    fake.addFault({ fault: { kind: "in-stream-error", afterChunks: 2, message: "CUDA error: out of memory" }, path: "/api/chat", times: 1 });
    const h = await start({ keepPartialPlans: true });
    await h.generate("generate-pro-plan");
    await expectOnlyMessage(h, "Ollama reported an error: CUDA error: out of memory");
  });

  test("Ollama answers 500", async () => {
    fake.addFault({ fault: { kind: "server-error", message: "llama runner process has terminated" }, path: "/api/chat", times: 1 });
    const h = await start();
    await h.generate("generate-pro-plan");
    await expectOnlyMessage(h, "Ollama reported an error: llama runner process has terminated (HTTP 500)");
  });

  test("an invalid host URL in settings: the message, and no request at all", async () => {
    const h = await start({ ollamaHost: "http://" });
    const fetchSpy = jest.spyOn(window, "fetch");
    await h.generate("generate-pro-plan");
    await expectOnlyMessage(h, '"http://" isn\'t a valid Ollama host URL. Use a form like http://127.0.0.1:11434.');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(fake.requests).toHaveLength(0);
  });

  test("a non-local host without the opt-in is refused before any connection", async () => {
    const h = await start({ ollamaHost: "http://192.168.1.20:11434" });
    const fetchSpy = jest.spyOn(window, "fetch");
    await h.generate("generate-pro-plan");
    await expectOnlyMessage(
      h,
      '192.168.1.20:11434 is not this computer. Turn on "Allow a non-local Ollama host" in settings to use it. With a host that is not this computer, the text of your notes and prompts leaves this machine.',
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe("Stop", () => {
  async function startLong(settings: Record<string, unknown> = {}) {
    fake.setReply(LONG_REPLY);
    fake.setChunkDelay(20);
    const h = await start(settings);
    const run = h.start("generate-pro-plan");
    await fake.waitForRequest("/api/chat");
    // The first chunk has reached the plugin once the status bar counts characters.
    await waitFor(() => /characters received/.test(h.statusBar().textContent ?? ""), "the first chunk");
    return { h, run };
  }

  test("the stop command aborts the HTTP request and nothing is saved", async () => {
    const { h, run } = await startLong();
    const stop = h.mock.commands__.get("stop-generation");
    expect(stop?.checkCallback?.(true)).toBe(true);
    stop?.checkCallback?.(false);
    const aborted = await fake.waitForClientAbort("/api/chat");
    expect(aborted.abortedByClient).toBe(true);
    expect(await run).toBeUndefined();
    expect(h.notices.plain()).toEqual(["Generation stopped. Nothing was saved."]);
    expect(h.filePaths()).toEqual([]);
    expect(stop?.checkCallback?.(true)).toBe(false);
    expect(h.statusBar().textContent).toBe("");
  });

  test("with 'keep stopped plans' on, the partial answer is saved and marked partial", async () => {
    const { h, run } = await startLong({ keepPartialPlans: true });
    h.execute("stop-generation");
    await fake.waitForClientAbort("/api/chat");
    const path = await run;
    expect(path).toMatch(/^AI Stack Plans\/.*\.md$/);
    expect(h.filePaths()).toEqual([path]);
    const note = parseNote(await h.read(path ?? ""));
    expect(note.frontmatter).toMatchObject({ status: "partial", tier: "pro", model: MODEL });
    expect(note.body).toContain("This plan is incomplete");
    const answer = answerOf(note.body);
    expect(answer.startsWith("word0")).toBe(true);
    expect(LONG_REPLY.startsWith(answer)).toBe(true);
    expect(answer.length).toBeLessThan(LONG_REPLY.length);
    expect(h.notices.plain()).toEqual([`Generation stopped. The partial plan was saved to "${path}".`]);
  });

  test("the Stop button in the progress notice aborts the request", async () => {
    const { h, run } = await startLong();
    const progress = h.notices.messages().find((m): m is DocumentFragment => m instanceof DocumentFragment);
    const button = progress?.querySelector<HTMLButtonElement>("button.ai-stack-planner-stop");
    expect(button?.textContent).toBe("Stop");
    button?.click();
    await fake.waitForClientAbort("/api/chat");
    expect(await run).toBeUndefined();
    expect(h.filePaths()).toEqual([]);
  });

  test("clicking the status bar item aborts the request", async () => {
    const { h, run } = await startLong();
    h.statusBar().click();
    await fake.waitForClientAbort("/api/chat");
    expect(await run).toBeUndefined();
    expect(h.notices.plain()).toEqual(["Generation stopped. Nothing was saved."]);
    expect(h.filePaths()).toEqual([]);
  });

  test("Stop while waiting for the first token aborts the request", async () => {
    fake.addFault({ fault: { kind: "slow-first-token", delayMs: 600 }, path: "/api/chat", times: 1 });
    const h = await start({ keepPartialPlans: true });
    const run = h.start("generate-pro-plan");
    await fake.waitForRequest("/api/chat");
    h.execute("stop-generation");
    await fake.waitForClientAbort("/api/chat");
    expect(await run).toBeUndefined();
    expect(h.notices.plain()).toEqual(["Generation stopped. Nothing was saved."]);
    expect(h.filePaths()).toEqual([]);
  });

  test("Stop while the model list is loading aborts that request and sends no chat", async () => {
    fake.addFault({ fault: { kind: "slow-first-token", delayMs: 600 }, path: "/api/tags", times: 1 });
    const h = await start();
    const run = h.start("generate-pro-plan");
    await fake.waitForRequest("/api/tags");
    h.execute("stop-generation");
    await fake.waitForClientAbort("/api/tags");
    expect(await run).toBeUndefined();
    const [message] = h.notices.plain();
    expect(message.startsWith("Generation stopped.")).toBe(true);
    expect(h.notices.plain()).toHaveLength(1);
    expect(fake.requestsTo("/api/chat")).toHaveLength(0);
    expect(h.filePaths()).toEqual([]);
  });

  test("unloading the plugin during a generation aborts the request and writes nothing", async () => {
    const { h, run } = await startLong({ keepPartialPlans: false });
    h.plugin.unload();
    await fake.waitForClientAbort("/api/chat");
    expect(await run).toBeUndefined();
    expect(h.filePaths()).toEqual([]);
  });
});

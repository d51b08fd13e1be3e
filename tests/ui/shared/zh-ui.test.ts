/** The UI follows Obsidian's language: with Obsidian in Chinese, the panel, commands and card speak Chinese. */
import { FakeOllama } from "../../harness/fake-ollama";
import { startPanelHarness } from "../../harness/panel-harness";

// Obsidian's language is Chinese for every module of the plugin in this file.
jest.mock("obsidian", () => ({ ...jest.requireActual<object>("obsidian"), getLanguage: () => "zh" }));

let fake: FakeOllama;

beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
afterEach(() => jest.restoreAllMocks());

test("Obsidian in Chinese: panel, editor commands and the ai-stack card are in Chinese", async () => {
  const h = await startPanelHarness({ settings: { ollamaHost: fake.url } });
  expect(h.mock.commands__.get("open-planner")?.name).toBe("打开技术栈规划");
  expect(h.mock.commands__.get("insert-plan-at-cursor")?.name).toBe("在光标处插入技术栈方案");
  expect(h.mock.commands__.get("plan-from-selection")?.name).toBe("根据选中内容生成方案");
  const view = await h.openPanel();
  expect(view.getDisplayText()).toBe("技术栈规划");
  const text = (selector: string) => view.contentEl.querySelector(selector)?.textContent;
  expect(text("button.ai-stack-planner-generate")).toBe("生成");
  expect(text("button.ai-stack-planner-stop")).toBe("停止");
  expect(text(".ai-stack-planner-connected")).toBe(`Ollama 0.12.0，地址 ${fake.url}`);
  expect(text(".ai-stack-planner-index-status")).toBe("尚未建立索引。");
  expect(text("button.ai-stack-planner-index-now")).toBe("立即索引");
  expect(text(".ai-stack-planner-ask .ai-stack-planner-section-title")).toBe("询问我的笔记库");
  expect(view.contentEl.querySelector(".ai-stack-planner-retry")?.getAttribute("aria-label")).toBe("重新检查连接");

  const processor = h.mock.markdownCodeBlockProcessors__.get("ai-stack");
  const el = createDiv();
  await processor?.("tier: ultra", el, { docId: "d", sourcePath: "N.md", frontmatter: null, addChild: (c: { load(): void }) => c.load(), getSectionInfo: () => null });
  expect(el.querySelector(".ai-stack-planner-block-error li")?.textContent).toBe('tier 只能是 basic 或 pro，而不是 "ultra"。');
  expect(el.querySelector("button.ai-stack-planner-block-generate")?.textContent).toBe("生成");
});

test("one generation at a time, told in Chinese", async () => {
  fake.setChunkDelay(20);
  const h = await startPanelHarness({ settings: { ollamaHost: fake.url } });
  const view = await h.openPanel();
  view.contentEl.querySelector<HTMLButtonElement>("button.ai-stack-planner-generate")?.click();
  await fake.waitForRequest("/api/chat");
  h.openModal("generate-basic-plan").generate.click();
  expect(h.notices.plain()).toContain("已有一个技术栈方案正在生成。请先停止它。");
  view.stop();
  await fake.waitForClientAbort("/api/chat");
});

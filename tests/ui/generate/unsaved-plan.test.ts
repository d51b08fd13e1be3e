/**
 * A plan the vault refuses, through the real plugin: the short fallback name is tried, then the
 * answer goes to the clipboard and the notice says so. Nothing is lost, nothing is overwritten.
 */
import { FakeOllama } from "../../harness/fake-ollama";
import { startPlugin, type PluginHarness } from "../../harness/plugin-harness";

const REPLY = "## Compute\n\nRun **Ollama** with qwen2.5:14b.";
let fake: FakeOllama;
let writeText: jest.Mock<Promise<void>, [string]>;

beforeAll(async () => {
  fake = await FakeOllama.start({ reply: REPLY });
});
afterAll(() => fake.close());
beforeEach(() => {
  writeText = jest.fn<Promise<void>, [string]>(() => Promise.resolve());
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
});
afterEach(() => jest.restoreAllMocks());

function start(): Promise<PluginHarness> {
  return startPlugin({ settings: { ollamaHost: fake.url, hardware: "RTX 4090", usage: "notes" } });
}

/** The disk refuses every note (as a full disk or a read-only folder would); returns the names tried. */
function refuseWrites(h: PluginHarness): string[] {
  const tried: string[] = [];
  jest.spyOn(h.app.vault, "create").mockImplementation((path: string) => {
    tried.push(path);
    return Promise.reject(new Error("EROFS: read-only file system"));
  });
  return tried;
}

test("a disk that refuses the note and its short name: the plan is copied to the clipboard and the notice says so", async () => {
  const h = await start();
  const tried = refuseWrites(h);
  expect(await h.generate("generate-pro-plan")).toBeUndefined();
  expect(tried).toHaveLength(2);
  expect(tried[0]).toMatch(/^AI Stack Plans\/\d{4}-\d\d-\d\d \d{4} - Pro plan - RTX 4090\.md$/);
  expect(tried[1]).toMatch(/^AI Stack Plans\/\d{4}-\d\d-\d\d \d{4} - Pro plan\.md$/);
  expect(writeText).toHaveBeenCalledTimes(1);
  expect(writeText.mock.calls[0][0]).toMatch(/^---\ntype: ai-stack-plan\n/);
  expect(writeText.mock.calls[0][0]).toContain(REPLY);
  const notice = h.notices.plain().at(-1) ?? "";
  expect(notice).toMatch(/^Couldn't write the plan note "AI Stack Plans\/[^"]+ - Pro plan - RTX 4090\.md": EROFS: read-only file system\. The plan was copied to the clipboard: paste it into a note\.$/);
  expect(h.filePaths()).toEqual([]);
});

test("when the clipboard refuses too, the notice says where the text is", async () => {
  writeText.mockRejectedValue(new Error("Document is not focused"));
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const h = await start();
  refuseWrites(h);
  await h.generate("generate-pro-plan");
  expect(h.notices.plain().at(-1)).toMatch(/The plan couldn't be copied to the clipboard either; it is in the developer console\.$/);
  expect(String(warn.mock.calls[0][1])).toContain(REPLY);
});

test("only the full name refused: the plan is written under the short name, no clipboard", async () => {
  const h = await start();
  const create = h.app.vault.create.bind(h.app.vault);
  jest.spyOn(h.app.vault, "create").mockImplementation((path: string, data: string) =>
    path.includes("RTX") ? Promise.reject(new Error("ENAMETOOLONG: name too long")) : create(path, data),
  );
  const path = await h.generate("generate-pro-plan");
  expect(path).toMatch(/^AI Stack Plans\/\d{4}-\d\d-\d\d \d{4} - Pro plan\.md$/);
  expect(await h.read(path ?? "")).toContain(REPLY);
  expect(writeText).not.toHaveBeenCalled();
});

test("a plan that is written normally touches no clipboard", async () => {
  const h = await start();
  expect(await h.generate("generate-pro-plan")).toMatch(/^AI Stack Plans\//);
  expect(writeText).not.toHaveBeenCalled();
});

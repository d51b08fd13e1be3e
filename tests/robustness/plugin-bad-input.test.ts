/**
 * The real plugin (through the Obsidian mock) meeting bad input: odd notes in the vault, the
 * index damaged between two sessions, and Ollama failing mid-plan. The user sees a notice that
 * says what happened, the index ends consistent, and no note changes.
 */
import { useFakeOllama } from "../harness/use-fake-ollama";
import { Plugin } from "obsidian-test-mocks/obsidian";
import AiStackPlannerPlugin from "../../src/main";
import type { VaultIndexApi } from "../../src/ui/index/index-api";
import type { FakeFault } from "../harness/fake-ollama";
import { loadPlugin, readManifest, startPlugin, waitFor, type PluginHarness } from "../harness/plugin-harness";
import { embeddedTexts, useFastIndexTiming } from "../harness/vault-index";

const ODD: Record<string, string> = {
  "Hardware.md": "# PC\nDesktop with an RTX 4090 and 24 GB of VRAM.\n",
  "Empty.md": "",
  "Frontmatter only.md": "---\ntitle: Nothing else\n---\n",
  "Broken frontmatter.md": "---\ntitle: [unclosed\n: : :\n",
  "Replacement chars.md": "\ufffd\u0000\u0001\ufffe junk \ud800 lone surrogate\n",
  "One line.md": `${"word ".repeat(40_000)}END\n`,
  "中文笔记.md": "# 硬件\n我的电脑有一块显卡，二十四GB显存。\n",
  "🚀 Rocket ideas.md": "# Emoji\nLaunch plans 🚀.\n",
  "[Draft] 100% C#.md": "# Odd\nBrackets, percent and hash.\n",
  "Caf\u00e9.md": "# NFC\ncomposed\n",
  "Cafe\u0301.md": "# NFD\ndecomposed\n",
  [`${Array.from({ length: 40 }, (_, i) => `d${i}`).join("/")}/Deep.md`]: "# Deep\nforty folders down\n",
};

const fake = useFakeOllama("## Compute\n\nUse Ollama with llama3.2:3b.");
useFastIndexTiming();
afterEach(() => jest.restoreAllMocks());

function service(plugin: PluginHarness["plugin"]): VaultIndexApi {
  return plugin.context.index;
}

async function started(files: Record<string, string>): Promise<PluginHarness> {
  const h = await startPlugin({ settings: { ollamaHost: fake.url, openPlanAfterWrite: false }, files });
  h.app.workspace.setLayoutReady__();
  await waitFor(() => service(h.plugin).status?.state === "idle", "the first reconcile");
  return h;
}

async function readAll(h: PluginHarness, paths: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of paths) out[p] = await h.read(p);
  return out;
}

test("odd notes are indexed without a notice of failure, bounded, and left byte for byte as they were", async () => {
  const h = await started(ODD);
  const status = service(h.plugin).status;
  expect(status).toMatchObject({ state: "idle" });
  expect(status?.notes).toBeGreaterThanOrEqual(9);
  for (const text of embeddedTexts(fake.requests)) expect(text.length).toBeLessThanOrEqual(4000);
  expect(embeddedTexts(fake.requests).join("\n")).toContain("forty folders down");
  expect(h.notices.plain().filter((m) => /fail|error|damaged/i.test(m))).toEqual([]);

  const written = await h.generate("generate-pro-plan", { hardware: "RTX 4090 🚀 [x] #1 100%", usage: "显卡" });
  expect(written).toMatch(/^AI Stack Plans\/.+\.md$/);
  expect(await readAll(h, Object.keys(ODD))).toEqual(ODD);
  h.mock.unload();
});

test("an index damaged between sessions: the next session says so in a notice, rebuilds, and leaves notes alone", async () => {
  const files = { "Hardware.md": ODD["Hardware.md"], "中文笔记.md": ODD["中文笔记.md"], "🚀 Rocket ideas.md": ODD["🚀 Rocket ideas.md"] };
  const h = await started(files);
  expect(service(h.plugin).status).toMatchObject({ notes: 3 });
  h.mock.unload();
  // writeBinary: the mock adapter keeps text writes apart from what readBinary (the index's read) returns.
  const adapter = h.app.vault.adapter;
  await adapter.writeBinary(".ai-stack-planner/index/manifest.json", new TextEncoder().encode("{ garbage").buffer);
  fake.clearRequests();

  // A second session on the same vault: Obsidian restarted.
  const plugin = new AiStackPlannerPlugin(h.app.asOriginalType__(), h.plugin.manifest ?? readManifest());
  Plugin.fromOriginalType2__(plugin).data__ = { ollamaHost: fake.url, openPlanAfterWrite: false };
  await loadPlugin(plugin);
  h.app.workspace.setLayoutReady__();
  await waitFor(() => service(plugin).status?.state === "idle" && service(plugin).status?.notes === 3, "the rebuild");
  expect(h.notices.plain().some((m) => /^The vault index was damaged and moved aside to "\.ai-stack-planner\/index\/damaged-[^"]+"\. The missing part is rebuilt from your notes; your notes were not touched\.$/.test(m))).toBe(true);
  expect(embeddedTexts(fake.requests)).toHaveLength(3);
  expect(await readAll(h, Object.keys(files))).toEqual(files);
  Plugin.fromOriginalType2__(plugin).unload();
});

describe("a plan when Ollama fails mid-answer", () => {
  const cases: [string, FakeFault, RegExp][] = [
    ["a cut stream", { kind: "cut-stream", afterChunks: 2 }, /^The answer from Ollama stopped before it was finished/],
    ["an in-stream error", { kind: "in-stream-error", afterChunks: 2, message: "CUDA error: out of memory" }, /^Ollama reported an error: CUDA error: out of memory/],
    ["HTTP 500", { kind: "server-error", message: "runner crashed" }, /^Ollama reported an error: runner crashed \(HTTP 500\)/],
  ];
  test.each(cases)("%s: a notice says so, no plan note, no note changed", async (_label, fault, message) => {
    const files = { "Hardware.md": ODD["Hardware.md"], "Empty.md": "" };
    const h = await started(files);
    fake.addFault({ path: "/api/chat", fault });
    const written = await h.generate("generate-pro-plan", { hardware: "RTX 4090" });
    expect(written).toBeUndefined();
    expect(h.planPaths()).toEqual([]);
    expect(h.notices.plain().some((m) => message.test(m))).toBe(true);
    expect(await readAll(h, Object.keys(files))).toEqual(files);
    h.mock.unload();
  });
});

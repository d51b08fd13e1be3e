/**
 * Privacy under awkward exclusions: excluded folders (any case, nested, odd names), excluded tags
 * (frontmatter list or string, inline, nested, any case), the frontmatter flag and `private: true`.
 * Through the real CLI and the real plugin, no byte of an excluded note (its text or its name)
 * appears in ANY request body the fake Ollama received, while indexing or planning, and the
 * network guard saw no destination beyond loopback.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { TFile } from "obsidian-test-mocks/obsidian";
import { FakeOllama } from "../harness/fake-ollama";
import { blockedDestinations } from "../harness/network-guard";
import { startPlugin, waitFor, type PluginHarness } from "../harness/plugin-harness";
import { cli, noteHashes, writePluginSettings } from "../harness/robust-vault";
import { makeTempVault, removeTempVault } from "../harness/temp-vault";
import { embeddedTexts } from "../harness/vault-index";

/** Every marker below must never reach Ollama; "pub" notes must. */
const FILES: Record<string, string> = {
  "Hardware.md": "# PC\nPUBLIC-HARDWARE RTX 4090 with 24 GB of VRAM.\n",
  "Uses.md": "# Uses\nPUBLIC-USES email replies.\n",
  "Secret Folder/LEAK-NAME-A.md": "# A\nLEAK-FOLDER-TEXT\n",
  "secret folder/Deeper/LEAK-NAME-B.md": "# B\nLEAK-FOLDER-CASE-TEXT\n",
  "Journal/Private/LEAK-NAME-C.md": "LEAK-NESTED-FOLDER-TEXT\n",
  "[Work] 100% #1/LEAK-NAME-D.md": "LEAK-ODD-FOLDER-TEXT\n",
  "Tagged list.md": "---\ntags: [homelab, Private]\n---\n# T\nLEAK-FM-TAG-LIST\n",
  "Tagged string.md": "---\ntags: health\n---\nLEAK-FM-TAG-STRING\n",
  "Inline nested.md": "# Sleep\nLEAK-INLINE-NESTED\n\nLast line #health/sleep\n",
  "Inline upper.md": "LEAK-INLINE-UPPER #PRIVATE\n",
  "Flagged.md": "---\nai-stack-planner: exclude\n---\nLEAK-FLAG-EXCLUDE\n",
  "Flag private.md": "---\nprivate: true\n---\nLEAK-FLAG-PRIVATE\n",
  "AI Stack Plans/Old plan.md": "LEAK-PLANS-FOLDER\n",
};
const EXCLUSIONS = {
  indexExcludedFolders: ["Secret Folder", "Journal/Private", "[Work] 100% #1"],
  indexExcludedTags: ["#private", "health"],
};
const LEAK = /LEAK-/;

let fake: FakeOllama;
beforeAll(async () => {
  fake = await FakeOllama.start({ reply: "## Compute\n\nUse Ollama with llama3.2:3b." });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearRequests();
  fake.clearFaults();
});

function expectNoLeak(): void {
  expect(fake.requests.length).toBeGreaterThan(0);
  for (const r of fake.requests) expect(r.rawBody).not.toMatch(LEAK);
  expect(blockedDestinations()).toEqual([]);
}

describe("CLI", () => {
  let vault: string;
  beforeEach(async () => {
    vault = await makeTempVault(FILES);
    await writePluginSettings(vault, { ...EXCLUSIONS });
  });
  afterEach(() => removeTempVault(vault));

  test("index, search and plan send nothing from excluded notes; public notes are sent", async () => {
    const before = await noteHashes(vault);
    const index = await cli(["index", "--vault", vault, "--quiet"], { OLLAMA_HOST: fake.url });
    expect(index.code).toBe(0);
    expect(index.out).toMatch(/^Index: 2 notes, 2 chunks/);
    const texts = embeddedTexts(fake.requests).join("\n");
    expect(texts).toContain("PUBLIC-HARDWARE");
    expect(texts).toContain("PUBLIC-USES");

    const search = await cli(["search", "LEAK folder text", "--vault", vault, "--limit", "100"], { OLLAMA_HOST: fake.url });
    expect(search.code).toBe(0);
    expect(search.out).not.toMatch(LEAK);

    const plan = await cli(["plan", "--vault", vault, "--hardware", "RTX 4090", "--usage", "email", "--quiet"], { OLLAMA_HOST: fake.url });
    expect(plan.code).toBe(0);
    expect(String((fake.requestsTo("/api/chat").at(-1)?.body as { messages: { content: string }[] }).messages[0].content)).toContain("PUBLIC-HARDWARE");
    expectNoLeak();
    // The plan note is new; every other file is byte for byte the same.
    const after = await noteHashes(vault);
    expect(Object.fromEntries(Object.entries(after).filter(([k]) => k in before))).toEqual(before);
  });

  test("a note that becomes private after indexing is removed and never used in a later plan", async () => {
    await fs.writeFile(path.join(vault, "Later.md"), "# Later\nLATER-SECRET about the RTX 4090 GPU.\n");
    expect((await cli(["index", "--vault", vault, "--quiet"], { OLLAMA_HOST: fake.url })).code).toBe(0);
    expect(embeddedTexts(fake.requests).join("\n")).toContain("LATER-SECRET");
    await fs.writeFile(path.join(vault, "Later.md"), "# Later\nLATER-SECRET about the RTX 4090 GPU. #private\n");
    fake.clearRequests();
    const reindex = await cli(["index", "--vault", vault, "--quiet"], { OLLAMA_HOST: fake.url });
    expect(reindex.out).toContain("1 removed");
    const plan = await cli(["plan", "--vault", vault, "--hardware", "RTX 4090 GPU", "--quiet"], { OLLAMA_HOST: fake.url });
    expect(plan.code).toBe(0);
    for (const r of fake.requests) expect(r.rawBody).not.toContain("LATER-SECRET");
    expect(blockedDestinations()).toEqual([]);
  });

  test("a remote host is refused before any connection is made", async () => {
    const run = await cli(["plan", "--vault", vault, "--host", "http://192.0.2.10:11434", "--no-draft", "--quiet"], {});
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^192\.0\.2\.10:11434 is not this computer\. Pass --allow-remote \(or turn on "Allow a non-local Ollama host" in the plugin settings\) to use it\. [^\n]*\n$/);
    const index = await cli(["index", "--vault", vault, "--host", "http://192.0.2.10:11434"], {});
    expect(index.code).toBe(1);
    expect(index.err).toMatch(/^192\.0\.2\.10:11434 is not this computer\. [^\n]*\n$/);
    expect(blockedDestinations()).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });
});

// An excluded folder typed "Café" (NFC, as keyboards produce) must also exclude the folder whose name
// is stored decomposed (NFD, as macOS HFS+ and some sync tools write it).
test("CLI: an excluded folder written NFC also excludes its NFD spelling on disk", async () => {
  const vault = await makeTempVault({ "Hardware.md": "# PC\nRTX 4090.\n", "Cafe\u0301/Secret.md": "# S\nLEAK-NFD-FOLDER\n" });
  try {
    await writePluginSettings(vault, { indexExcludedFolders: ["Caf\u00e9"] });
    expect((await cli(["index", "--vault", vault, "--quiet"], { OLLAMA_HOST: fake.url })).code).toBe(0);
    expectNoLeak();
  } finally {
    await removeTempVault(vault);
  }
});

describe("plugin", () => {
  let h: PluginHarness;
  afterEach(() => {
    h.mock.unload();
    jest.restoreAllMocks();
  });

  test("indexing after layout ready, an edit that makes a note private, and a plan send nothing excluded", async () => {
    h = await startPlugin({ settings: { ollamaHost: fake.url, openPlanAfterWrite: false, ...EXCLUSIONS }, files: { ...FILES, "Later.md": "# Later\nLATER-SECRET about the RTX 4090.\n" } });
    h.app.workspace.setLayoutReady__();
    const index = h.plugin.context.index;
    if (!index) throw new Error("no vault index");
    await waitFor(() => index.status?.state === "idle", "the first reconcile", 5000);
    expect(index.status).toMatchObject({ notes: 3 });
    expect(embeddedTexts(fake.requests).join("\n")).toContain("LATER-SECRET");

    const later = h.app.vault.getAbstractFileByPath("Later.md");
    if (!(later instanceof TFile)) throw new Error("no Later.md");
    await h.app.vault.modify(later, "# Later\nLATER-SECRET about the RTX 4090.\n\n#private\n");
    await waitFor(() => index.status?.state === "idle" && index.status.notes === 2, "the private note to leave the index", 5000);
    fake.clearRequests();

    const written = await h.generate("generate-pro-plan", { hardware: "RTX 4090 24 GB", usage: "email" });
    expect(written).toMatch(/^AI Stack Plans\//);
    expect(fake.requestsTo("/api/chat")).toHaveLength(1);
    for (const r of fake.requests) expect(r.rawBody).not.toContain("LATER-SECRET");
    expectNoLeak();
    for (const [p, content] of Object.entries(FILES)) expect(await h.read(p)).toBe(content);
  });
});

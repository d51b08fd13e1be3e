/**
 * Red team, exclusions: odd but valid frontmatter and tag spellings, unreadable properties,
 * Obsidian's own "Excluded files" and folder rules written loosely. One corpus goes through the
 * real CLI (the `yaml` package) and the real plugin (Obsidian's parseYaml): nothing marked private
 * reaches the logging Ollama, public notes do, and unreadable notes are counted, not sent.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { FakeOllama } from "../harness/fake-ollama";
import { blockedDestinations } from "../harness/network-guard";
import { startPlugin, waitFor, type PluginHarness } from "../harness/plugin-harness";
import { cli, writePluginSettings } from "../harness/robust-vault";
import { makeTempVault, removeTempVault } from "../harness/temp-vault";
import { embeddedTexts } from "../harness/vault-index";
import { parseYaml } from "obsidian-test-mocks/obsidian";
import { setup as bridgeTypings, teardown as unbridgeTypings } from "obsidian-test-mocks/obsidian-typings/setup";
import { parseYamlStrict } from "../../src/adapters/node/yaml-parse";
import { analyzeNote } from "../../src/core/index/chunking";
import { excludedNote, type ExclusionRules } from "../../src/core/index/exclusions";
import { exclusionRulesFromSettings } from "../../src/core/index/index-settings";
import { migrateSettings } from "../../src/core/shared/settings";
import { DEFAULT_CONFIG_DIR } from "../../src/cli/vault-settings";

/** Each LEAK note is private by a valid spelling the old reader missed; PUB notes must be sent. */
export const PRIVATE_CORPUS: Record<string, string> = {
  "Pub one.md": "# Pub\nPUB-ONE about my RTX 4090.\n",
  "Pub two.md": "---\ntags: [homelab]\nprivate: false\n---\nPUB-TWO email replies. C# and #1 are not tags.\n",
  "Quoted key.md": '---\n"tags": [private]\n---\nLEAK-QUOTED-TAGS-KEY\n',
  "Quoted private.md": "---\n'private': true\n---\nLEAK-QUOTED-PRIVATE-KEY\n",
  "Flow over lines.md": "---\ntags: [\n  homelab,\n  private\n]\n---\nLEAK-FLOW-LIST-LINES\n",
  "Block scalar.md": "---\nai-stack-planner: |\n  exclude\n---\nLEAK-BLOCK-SCALAR\n",
  "Folded tags.md": "---\ntags: >-\n  homelab\n  private\n---\nLEAK-FOLDED-TAGS\n",
  "Comment after.md": '---\nprivate: "true" # keep out\n---\nLEAK-QUOTED-COMMENT\n',
  "Bom.md": "\uFEFF---\ntags: private\n---\nLEAK-BOM\n",
  "Crlf.md": "---\r\ntags:\r\n  - private\r\n---\r\nLEAK-CRLF\r\n",
  "Capital key.md": "---\nTags: [Private]\n---\nLEAK-CAPITAL-TAGS\n",
  "Capital private.md": "---\nPRIVATE: Yes\n---\nLEAK-CAPITAL-PRIVATE\n",
  "Capital flag.md": "---\nAI-Stack-Planner: Exclude\n---\nLEAK-CAPITAL-FLAG\n",
  "Nested fm tag.md": "---\ntags:\n  - Private/Health\n---\nLEAK-NESTED-FM-TAG\n",
  "Bold tag.md": "Some text **#private** here.\nLEAK-BOLD-TAG\n",
  "Italic tag.md": "An _#Private_ note.\nLEAK-ITALIC-TAG\n",
  "Table tag.md": "| a | b |\n|---|---|\n|x|#private|\nLEAK-TABLE-TAG\n",
  "Callout tag.md": "> [!note]#private\n> LEAK-CALLOUT-TAG\n",
  "After comment.md": "%%hidden%%#private\nLEAK-AFTER-COMMENT\n",
  "Bracket tag.md": "See [#private] here.\nLEAK-BRACKET-TAG\n",
  "Unclosed flow.md": "---\ntags: [homelab, private\n---\nLEAK-UNREADABLE-FLOW\n",
  "Duplicate key.md": "---\ntags: homelab\ntags: private\n---\nLEAK-UNREADABLE-DUPLICATE\n",
  "Tab indent.md": "---\ntags:\n\t- private\n---\nLEAK-UNREADABLE-TAB\n",
  "Dot folder/LEAK-NAME.md": "LEAK-DOT-SLASH-FOLDER\n",
  "Trail folder/Deep/X.md": "LEAK-TRAILING-SLASH-FOLDER\n",
  "Archive/Old.md": "LEAK-OBSIDIAN-EXCLUDED-FILES\n",
  "Diary/2024-01-01.md": "LEAK-OBSIDIAN-EXCLUDED-REGEX\n",
};
const UNREADABLE_NOTES = ["Unclosed flow.md", "Duplicate key.md", "Tab indent.md"];
const UNREADABLE = UNREADABLE_NOTES.length;
const RULES = { indexExcludedFolders: ["./Dot folder", "trail FOLDER/"], indexExcludedTags: ["private"] };
const IGNORE_FILTERS = ["Archive/", "/^Diary\\/\\d{4}/"];

let fake: FakeOllama;
beforeAll(async () => {
  fake = await FakeOllama.start({ reply: "## Compute\n\nUse Ollama." });
});
afterAll(() => fake.close());
beforeEach(() => fake.clearRequests());

function expectOnlyPublicSent(): void {
  const texts = embeddedTexts(fake.requests).join("\n");
  expect(texts).toContain("PUB-ONE");
  expect(texts).toContain("PUB-TWO");
  const leaked = fake.requests.flatMap((r) => r.rawBody.match(/LEAK-[A-Z-]+/g) ?? []);
  expect([...new Set(leaked)]).toEqual([]);
  expect(blockedDestinations()).toEqual([]);
}

test("CLI: index and search send no private note of the corpus and count the unreadable ones", async () => {
  const vault = await makeTempVault(PRIVATE_CORPUS);
  try {
    await writePluginSettings(vault, RULES);
    await fs.writeFile(path.join(vault, DEFAULT_CONFIG_DIR, "app.json"), JSON.stringify({ userIgnoreFilters: IGNORE_FILTERS }));
    const run = await cli(["index", "--vault", vault], { OLLAMA_HOST: fake.url });
    expect(run.code).toBe(0);
    const leakedNow = fake.requests.flatMap((r) => r.rawBody.match(/LEAK-[A-Z-]+/g) ?? []);
    expect([...new Set(leakedNow)]).toEqual([]);
    expect(run.out).toContain(`${UNREADABLE} notes skipped: their properties could not be read`);
    const search = await cli(["search", "LEAK", "--vault", vault, "--limit", "100"], { OLLAMA_HOST: fake.url });
    expect(search.out).not.toMatch(/LEAK-/);
    expectOnlyPublicSent();
  } finally {
    await removeTempVault(vault);
  }
});

test("one core function, the CLI's parser and Obsidian's: the same decision for every note of the corpus", () => {
  const rules: ExclusionRules = exclusionRulesFromSettings(migrateSettings(RULES), IGNORE_FILTERS);
  const decide = (parse: (text: string) => unknown) =>
    Object.fromEntries(Object.entries(PRIVATE_CORPUS).map(([p, content]) => [p, excludedNote(p, analyzeNote(p, content, undefined, parse).metadata, rules)?.reason ?? "sent"]));
  const viaCli = decide(parseYamlStrict);
  expect(decide((text) => parseYaml(text))).toEqual(viaCli);
  expect(Object.entries(viaCli).filter(([, reason]) => reason === "sent").map(([p]) => p)).toEqual(["Pub one.md", "Pub two.md"]);
  expect(Object.entries(viaCli).filter(([, reason]) => reason === "unreadable").map(([p]) => p)).toEqual(UNREADABLE_NOTES);
});

describe("plugin", () => {
  let h: PluginHarness;
  // Obsidian's untyped vault.getConfig, as the real app has it.
  beforeAll(() => bridgeTypings());
  afterAll(() => unbridgeTypings());
  afterEach(() => {
    h.mock.unload();
    jest.restoreAllMocks();
  });

  test("the same corpus through Obsidian's parseYaml and Excluded files: nothing private is sent", async () => {
    // The mock's metadata cache throws on invalid YAML (Obsidian itself does not): those notes are left to the tests above.
    const files = Object.fromEntries(Object.entries(PRIVATE_CORPUS).filter(([p]) => !UNREADABLE_NOTES.includes(p)));
    h = await startPlugin({ settings: { ollamaHost: fake.url, openPlanAfterWrite: false, ...RULES }, files });
    h.app.vault.setConfig__("userIgnoreFilters", IGNORE_FILTERS);
    h.app.workspace.setLayoutReady__();
    const index = h.plugin.context.index;
    if (!index) throw new Error("no vault index");
    await waitFor(() => index.status?.state === "idle", "the first reconcile", 5000);
    expect(index.status).toMatchObject({ notes: 2 });
    expectOnlyPublicSent();
  });
});

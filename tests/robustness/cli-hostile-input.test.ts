/**
 * Hostile or careless input that reaches file names, frontmatter and settings through the real
 * CLI: path traversal and YAML in --hardware/--usage, names too long for the disk, a plans folder
 * that points outside the vault, a corrupt settings file. Plans land inside the vault with a
 * valid name and parseable frontmatter, or the user gets one actionable line; excluded notes
 * never reach Ollama.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { FakeOllama } from "../harness/fake-ollama";
import { cli, noteHashes, writePluginSettings } from "../harness/robust-vault";
import { listFiles, makeTempVault, removeTempVault } from "../harness/temp-vault";
import { writeNote } from "../harness/vault-index";
import { DEFAULT_CONFIG_DIR } from "../../src/cli/vault-settings";

let fake: FakeOllama;
/** Each vault sits alone in its own parent folder, so a test can prove nothing was written next to it. */
let parent: string;
let vault: string;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await FakeOllama.start();
  env = { OLLAMA_HOST: fake.url };
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearRequests();
  fake.clearFaults();
  parent = await makeTempVault();
  vault = path.join(parent, "vault");
  await writeNote(vault, "Hardware.md", "# PC\nRTX 4090.\n");
});
afterEach(() => removeTempVault(parent));

/** Plan notes written (each has its n8n workflow beside it, checked in the first test below). */
async function planFiles(): Promise<string[]> {
  return (await listFiles(vault)).filter((f) => f !== "Hardware.md" && !f.startsWith(".") && !f.endsWith(".n8n.json"));
}

function frontmatterOf(note: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(note);
  if (!match) throw new Error(`no frontmatter in:\n${note}`);
  return parseYaml(match[1]) as Record<string, unknown>;
}

test.each([
  ["path traversal", "../../etc/passwd"],
  ["separators and reserved characters", 'a/b\\c:d*?<>|"#^[x]'],
  ["a Windows device name", "CON"],
  ["a leading dot", ".hidden"],
  ["control characters", "RTX\u0000 4090\u0007\u001b[31m"],
  ["10,000 characters", "x".repeat(10_000)],
  ["CJK, 300 characters", "显卡".repeat(150)],
])("--hardware with %s: the plan lands in the plans folder under a safe name", async (_label, hardware) => {
  const run = await cli(["plan", "--vault", vault, "--hardware", hardware, "--quiet"], env);
  expect(run.code).toBe(0);
  const files = await planFiles();
  expect(files).toHaveLength(1);
  expect(await listFiles(vault)).toContain(files[0].replace(/\.md$/, ".n8n.json"));
  const [folder, name] = files[0].split("/");
  expect(folder).toBe("AI Stack Plans");
  expect(name).toMatch(/^\d{4}-\d\d-\d\d \d{4} - Pro plan( - [^/\\:*?"<>|#^[\]]+)?\.md$/);
  expect([...name].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)).toBe(true);
  expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
});

test("YAML and Markdown in --hardware/--usage cannot inject frontmatter: values round-trip exactly", async () => {
  const hardware = "RTX: 4090\nstatus: done\n---\n# injected";
  const usage = "u: [1\n---\n\"quoted\" 'x' \\ back: {a: b}";
  const run = await cli(["plan", "--vault", vault, "--hardware", hardware, "--usage", usage, "--quiet"], env);
  expect(run.code).toBe(0);
  const [file] = await planFiles();
  const fm = frontmatterOf(await fs.readFile(path.join(vault, file), "utf8"));
  expect(fm).toMatchObject({ type: "ai-stack-plan", status: "complete", hardware, usage });
});

// Fixed bug: names were bounded in code points, not bytes: 60 emoji are 240 UTF-8 bytes, the write
// failed with ENAMETOOLONG and the plan was lost. Names are now bounded to 200 bytes as well.
test("--hardware of 300 emoji: the plan is still written under a name the disk accepts", async () => {
  const run = await cli(["plan", "--vault", vault, "--hardware", "🚀".repeat(300), "--quiet"], env);
  expect(run.err).not.toContain("ENAMETOOLONG");
  expect(run.code).toBe(0);
  const files = await planFiles();
  expect(files).toHaveLength(1);
  expect(Buffer.byteLength(path.basename(files[0]))).toBeLessThanOrEqual(255);
});

test("a plans folder pointing outside the vault never writes outside it", async () => {
  await writePluginSettings(vault, { plansFolder: "../outside" });
  const parentBefore = await fs.readdir(parent);
  await cli(["plan", "--vault", vault, "--hardware", "RTX", "--quiet"], env);
  await cli(["draft", "--vault", vault, "--hardware", "RTX"], env);
  expect(await fs.readdir(parent)).toEqual(parentBefore);
  expect(parentBefore).toEqual(["vault"]);
});

// Fixed bug: migrateSettings kept ".." in plansFolder, so the CLI printed "Something went wrong:
// Path escapes the vault: …" plus a stack trace after the whole answer was generated (and lost).
// Both folders now go through one helper that drops `.`, `..` and empty parts.
test("a plans folder pointing outside the vault gives one actionable line or a note inside the vault", async () => {
  await writePluginSettings(vault, { plansFolder: "../outside" });
  const run = await cli(["plan", "--vault", vault, "--hardware", "RTX", "--quiet"], env);
  expect(run.err).not.toMatch(/Something went wrong|\n\s+at /);
  if (run.code === 0) expect(await planFiles()).toHaveLength(1);
  else expect(run.err.split("\n").filter((l) => l !== "" && !l.startsWith("Generating "))).toHaveLength(1);
});

test("index and plan folders given with dot segments stay inside the vault", async () => {
  await writePluginSettings(vault, { indexFolder: "../../escape-index" });
  const parentBefore = await fs.readdir(parent);
  const run = await cli(["index", "--vault", vault, "--quiet"], env);
  expect(run.code).toBe(0);
  expect(run.out).toContain(`in ${path.join(vault, "escape-index")}`);
  expect(await fs.readdir(parent)).toEqual(parentBefore);
});

// Fixed bug: readVaultSettings swallowed a data.json that failed to parse, so every setting fell
// back to its default, including the exclusions: excluded notes were sent to Ollama. The CLI now
// tells a missing file (defaults) from an unusable one (refuses, naming the file).
test("a corrupt settings file never makes the CLI send notes the user excluded", async () => {
  await fs.mkdir(path.join(vault, "Secret"));
  await fs.writeFile(path.join(vault, "Secret", "Diary.md"), "LEAK-SECRET-DIARY\n");
  await writePluginSettings(vault, { indexExcludedFolders: ["Secret"] });
  const settingsFile = path.join(vault, DEFAULT_CONFIG_DIR, "plugins/ai-stack-planner/data.json");
  await fs.writeFile(settingsFile, '{"indexExcludedFolders": ["Secret"], ');
  const before = await noteHashes(vault);
  const run = await cli(["index", "--vault", vault, "--quiet"], env);
  for (const r of fake.requests) expect(r.rawBody).not.toContain("LEAK-SECRET-DIARY");
  expect(run.err).toContain("data.json");
  expect(await noteHashes(vault)).toEqual(before);
});

test("a settings file with wrong types is repaired field by field: a folder given as a string still excludes", async () => {
  await fs.mkdir(path.join(vault, "Secret"));
  await fs.writeFile(path.join(vault, "Secret", "Diary.md"), "LEAK-SECRET-DIARY\n");
  await writePluginSettings(vault, { indexExcludedFolders: "Secret", indexExcludedTags: "private", chatModel: null, plansFolder: ["x"] });
  const run = await cli(["index", "--vault", vault, "--quiet"], env);
  expect(run.code).toBe(0);
  expect(fake.requests.length).toBeGreaterThan(0);
  for (const r of fake.requests) expect(r.rawBody).not.toContain("LEAK-SECRET-DIARY");
});

// Red team: a tag list holding a number (or a bare "#") used to be read as fewer rules, possibly
// none, so tag exclusion switched off in silence. Now nothing is sent and the line names the entry.
test.each([
  ["a number", { indexExcludedTags: 42 }, /^The excluded tags setting isn't a list \(it holds 42\)\./],
  ["a bare #", { indexExcludedTags: ["#"] }, /^The excluded tags setting holds "#", which is not a usable tag\./],
  ["a number in the list", { indexExcludedTags: [7] }, /^The excluded tags setting holds 7, which is not a usable tag\./],
  ["a folder that is only ./", { indexExcludedFolders: ["./"] }, /^The excluded folders setting holds "\.\/", which is not a usable folder\./],
])("an exclusion list with %s stops index with one line; nothing is sent", async (_label, settings, message) => {
  await fs.writeFile(path.join(vault, "Diary.md"), "LEAK-TAGGED-DIARY #private\n");
  await writePluginSettings(vault, settings);
  const run = await cli(["index", "--vault", vault, "--quiet"], env);
  expect(run.code).toBe(1);
  expect(run.err).toMatch(message);
  expect(run.err).toMatch(/Nothing was sent[^\n]*\n$/);
  expect(fake.requests).toHaveLength(0);
});

test("a file where the plans folder should be: exit 1 with one line naming the note, the file untouched", async () => {
  await writeNote(vault, "AI Stack Plans", "I am a file, not a folder");
  const before = await noteHashes(vault);
  // The CLI keeps the refused plan in the temp folder: this test's own, removed after it.
  const rescueEnv = { ...env, TMPDIR: parent };
  const run = await cli(["plan", "--vault", vault, "--hardware", "RTX", "--quiet"], rescueEnv);
  expect(run.code).toBe(1);
  expect(run.err.split("\n").slice(1).join("\n")).toMatch(/^Couldn't write the plan note "AI Stack Plans\/[^"]+\.md": [^\n]+\n$/);
  const draft = await cli(["draft", "--vault", vault, "--hardware", "RTX"], rescueEnv);
  expect(draft.code).toBe(1);
  expect(await noteHashes(vault)).toEqual(before);
});

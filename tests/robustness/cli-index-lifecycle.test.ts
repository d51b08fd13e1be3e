/**
 * The index run interrupted or disturbed, through the real CLI: Stop (Ctrl-C) mid-run, notes
 * edited, deleted and added while a run is embedding, and two runs on the same vault at once (the
 * CLI while Obsidian indexes). The user sees what happened, the index stays consistent, the next
 * run does only the missing work, and no note changes.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../../src/cli/main";
import { FakeOllama } from "../harness/fake-ollama";
import { cli, noteHashes } from "../harness/robust-vault";
import { makeTempVault, removeTempVault } from "../harness/temp-vault";
import { embeddedTexts, pictureOf } from "../harness/vault-index";

/** 200 one-chunk notes: seven /api/embed batches of 32, each answered after 30 ms. */
const NOTES: Record<string, string> = {};
for (let i = 0; i < 200; i++) NOTES[`N${String(i).padStart(3, "0")}.md`] = `# Note ${i}\nText number ${i} about GPUs.\n`;

let fake: FakeOllama;
let vault: string;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await FakeOllama.start({ embedDelayMs: 30 });
  env = { OLLAMA_HOST: fake.url };
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearRequests();
  fake.clearFaults();
  vault = await makeTempVault(NOTES);
});
afterEach(() => removeTempVault(vault));

test("Stop mid-run: exit 130 with the resume hint; status shows the rest pending; the next run embeds only the rest", async () => {
  const before = await noteHashes(vault);
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  const running = runCli(["index", "--vault", vault, "--quiet"], { out: (t) => out.push(t), err: (t) => err.push(t), env, signal: controller.signal });
  await fake.waitForRequest("/api/embed");
  controller.abort();
  expect(await running).toBe(130);
  expect(out.join("")).toBe("");
  expect(err.join("")).toBe("Indexing stopped. Run the same command to resume.\n");
  const kept = Object.keys((await pictureOf(vault)).notes).length;
  expect(kept).toBeLessThan(200);

  const status = await cli(["status", "--vault", vault], {});
  expect(status.out).toContain(`Notes: ${kept} · chunks: ${kept}\nPending: ${200 - kept} notes to write (${200 - kept} chunks to embed), 0 to remove.`);
  fake.clearRequests();
  const resumed = await cli(["index", "--vault", vault, "--quiet"], env);
  expect(resumed.code).toBe(0);
  expect(resumed.out).toContain(`${200 - kept} chunks embedded, 0 renamed, 0 removed, ${kept} unchanged.`);
  expect(embeddedTexts(fake.requests)).toHaveLength(200 - kept);
  expect(await noteHashes(vault)).toEqual(before);
});

test("notes edited, deleted and added during a run: the next run catches up and search sees the new text", async () => {
  const running = cli(["index", "--vault", vault, "--quiet"], env);
  await fake.waitForRequest("/api/embed");
  await fs.writeFile(path.join(vault, "N199.md"), "# Note 199\nEDITED during the run.\n");
  await fs.rm(path.join(vault, "N198.md"));
  await fs.writeFile(path.join(vault, "Added.md"), "# Added\nADDED during the run.\n");
  const first = await running;
  expect(first.code).toBe(0);

  await cli(["index", "--vault", vault, "--quiet"], env);
  const status = await cli(["status", "--vault", vault], {});
  expect(status.out).toContain("Notes: 200 · chunks: 200\nUp to date.");
  const picture = await pictureOf(vault);
  expect(Object.keys(picture.notes)).toContain("Added.md");
  expect(Object.keys(picture.notes)).not.toContain("N198.md");
  const search = await cli(["search", "EDITED during the run", "--vault", vault, "--limit", "1"], env);
  expect(search.out).toMatch(/^1\. \[\[N199#Note 199\]\] {2}\d\.\d{3}\n {3}EDITED during the run\.\n$/);
});

test("two index runs at once on one vault: at least one succeeds, any failure is one line, and the index ends whole", async () => {
  const before = await noteHashes(vault);
  const runs = await Promise.all([cli(["index", "--vault", vault, "--quiet"], env), cli(["index", "--vault", vault, "--quiet"], env)]);
  expect(runs.some((r) => r.code === 0)).toBe(true);
  for (const r of runs.filter((x) => x.code !== 0)) {
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^[^\n]+\n$/);
    // The writer lock: the second run touches nothing and says why (no raw ENOENT from a lost .tmp).
    expect(r.err).toMatch(/^The vault index is being updated by another process \(process \d+ since \d\d:\d\d UTC\)\. Try again when it finishes\.\n$/);
  }
  const after = await cli(["index", "--vault", vault, "--quiet"], env);
  expect(after.code).toBe(0);
  expect(after.out).toMatch(/^Index: 200 notes, 200 chunks/);
  expect(Object.keys((await pictureOf(vault)).notes)).toHaveLength(200);
  const status = await cli(["status", "--vault", vault], {});
  expect(status.out).toContain("Up to date.");
  expect(await noteHashes(vault)).toEqual(before);
});

test("index while another process writes the index: one line, exit 1, the index folder untouched; status still answers", async () => {
  expect((await cli(["index", "--vault", vault, "--quiet"], env)).code).toBe(0);
  const dir = path.join(vault, ".ai-stack-planner/index");
  // The lock as a live writer on this host leaves it (this test process's own pid is alive).
  await fs.writeFile(
    path.join(dir, "writer.lock"),
    JSON.stringify({ kind: "ai-stack-planner-index-lock", token: "other", pid: process.pid, host: os.hostname(), since: "2026-11-27T09:41:00.000Z", confirmed: new Date().toISOString() }),
  );
  const snapshot = async (): Promise<Record<string, string>> => {
    const files: Record<string, string> = {};
    for (const f of (await fs.readdir(dir)).sort()) files[f] = (await fs.readFile(path.join(dir, f))).toString("base64");
    return files;
  };
  const before = await snapshot();
  await fs.writeFile(path.join(vault, "N000.md"), "# Note 0\nChanged while the other process writes.\n");
  fake.clearRequests();
  const run = await cli(["index", "--vault", vault, "--quiet"], env);
  expect(run).toEqual({ code: 1, out: "", err: `The vault index is being updated by another process (process ${process.pid} since 09:41 UTC). Try again when it finishes.\n` });
  expect(fake.requests).toEqual([]);
  expect(await snapshot()).toEqual(before);
  const status = await cli(["status", "--vault", vault], {});
  expect(status.code).toBe(0);
  expect(status.out).toContain("Notes: 200 · chunks: 200\nPending: 1 note to write (1 chunk to embed), 0 to remove.");
  expect(await snapshot()).toEqual(before);
});

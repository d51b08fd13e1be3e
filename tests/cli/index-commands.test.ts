/** The CLI's index, search and status commands on real temp folders against the fake Ollama. */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { runCli, type CliIo } from "../../src/cli/main";
import { FakeOllama, unusedLoopbackPort } from "../harness/fake-ollama";
import { listFiles, makeTempVault, removeTempVault } from "../harness/temp-vault";
import { embeddedTexts, openTestIndex, pictureOf, writeNote } from "../harness/vault-index";

function io(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  return { io: value, out: () => out.join(""), err: () => err.join("") };
}

let fake: FakeOllama;
let vault: string;
beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearRequests();
  fake.clearFaults();
  vault = await makeTempVault({
    "Hardware.md": "# PC\nDesktop with an RTX 4090 and 24 GB of VRAM.\n\n# Memory\n64 GB RAM.\n",
    "Uses.md": "# Uses\nEmail replies and an n8n workflow for receipts.\n",
    "Private.md": "PRIVATE-TEXT #private\n",
    "AI Stack Plans/Plan.md": "PLAN-TEXT\n",
  });
});
afterEach(() => removeTempVault(vault));

test("index builds the index in the vault's hidden folder, honouring OLLAMA_HOST", async () => {
  const run = io({ OLLAMA_HOST: fake.url });
  expect(await runCli(["index", "--vault", vault], run.io)).toBe(0);
  expect(run.out()).toBe(
    `Index: 2 notes, 3 chunks (nomic-embed-text:latest) in ${path.join(vault, ".ai-stack-planner/index")}\nThis run: 3 notes read, 3 chunks embedded, 0 renamed, 0 removed, 0 unchanged.\n`,
  );
  const files = await listFiles(vault);
  expect(files).toContain(".ai-stack-planner/index/manifest.json");
  expect(files.filter((f) => !f.startsWith(".ai-stack-planner/"))).toEqual(["AI Stack Plans/Plan.md", "Hardware.md", "Private.md", "Uses.md"]);
  expect(fake.requests.map((r) => r.rawBody).join("\n")).not.toMatch(/PRIVATE-TEXT|PLAN-TEXT/);

  fake.clearRequests();
  const again = io({ OLLAMA_HOST: fake.url });
  expect(await runCli(["index", "--vault", vault], again.io)).toBe(0);
  expect(again.out()).toContain("0 chunks embedded");
  expect(fake.requestsTo("/api/embed")).toHaveLength(0);
});

test("status needs no Ollama and tells what is pending", async () => {
  const none = io({});
  expect(await runCli(["status", "--vault", vault], none.io)).toBe(0);
  expect(none.out()).toMatch(/^No index yet in .*\.ai-stack-planner\/index\. Build it with: `npm run cli -- index --vault "/);
  expect(await listFiles(vault)).not.toContain(".ai-stack-planner/index/manifest.json");

  await runCli(["index", "--vault", vault, "--quiet"], io({ OLLAMA_HOST: fake.url }).io);
  await writeNote(vault, "New.md", "# New\nA new note.\n");
  fake.clearRequests();
  const pending = io({ OLLAMA_HOST: `http://127.0.0.1:${await unusedLoopbackPort()}` });
  expect(await runCli(["status", "--vault", vault], pending.io)).toBe(0);
  expect(pending.out()).toContain("Embedding model: nomic-embed-text:latest (768 dimensions)\nNotes: 2 · chunks: 3\nPending: 1 note to write (1 chunk to embed), 0 to remove.");
  expect(fake.requests).toHaveLength(0);

  await runCli(["index", "--vault", vault], io({ OLLAMA_HOST: fake.url }).io);
  const done = io({});
  await runCli(["status", "--vault", vault], done.io);
  expect(done.out()).toContain("Notes: 3 · chunks: 4\nUp to date.");
});

test("search prints the closest chunks with [[note#heading]] links", async () => {
  await runCli(["index", "--vault", vault], io({ OLLAMA_HOST: fake.url }).io);
  const run = io({ OLLAMA_HOST: fake.url });
  expect(await runCli(["search", "RTX 4090 VRAM", "--vault", vault, "--limit", "2"], run.io)).toBe(0);
  const lines = run.out().split("\n");
  expect(lines[0]).toMatch(/^1\. \[\[Hardware#PC\]\] {2}0\.\d{3}$/);
  expect(lines[1]).toBe("   Desktop with an RTX 4090 and 24 GB of VRAM.");
  expect(lines.filter((l) => /^\d\. /.test(l))).toHaveLength(2);
  expect(embeddedTexts(fake.requests).at(-1)).toBe("search_query: RTX 4090 VRAM");
});

test("search before any index says how to build it", async () => {
  const run = io({ OLLAMA_HOST: fake.url });
  expect(await runCli(["search", "gpu", "--vault", vault], run.io)).toBe(1);
  expect(run.err()).toContain("There is no index in");
});

test("Ollama down: index exits 1 with the start command; the next run resumes", async () => {
  const run = io({ OLLAMA_HOST: `http://127.0.0.1:${await unusedLoopbackPort()}` });
  expect(await runCli(["index", "--vault", vault], run.io)).toBe(1);
  expect(run.err()).toMatch(/Ollama isn't reachable at http:\/\/127\.0\.0\.1:\d+\. Start it with `ollama serve`; indexing resumes where it stopped\./);
  expect(await runCli(["index", "--vault", vault], io({ OLLAMA_HOST: fake.url }).io)).toBe(0);
});

test("--embed-model switches models: the user is told and the index is rebuilt", async () => {
  fake.setModels([...fake.getModels().filter((m) => m.name !== "mxbai-embed-large:latest"), { name: "mxbai-embed-large:latest", family: "bert", embeddingLength: 1024, capabilities: ["embedding"] }]);
  await runCli(["index", "--vault", vault], io({ OLLAMA_HOST: fake.url }).io);
  const run = io({ OLLAMA_HOST: fake.url });
  expect(await runCli(["index", "--vault", vault, "--embed-model", "mxbai-embed-large"], run.io)).toBe(0);
  expect(run.err()).toContain('The embedding model changed from "nomic-embed-text:latest" to "mxbai-embed-large:latest": the index is rebuilt for the new model.');
  expect(run.out()).toContain("3 chunks embedded");
  const manifest = JSON.parse(await fs.readFile(path.join(vault, ".ai-stack-planner/index/manifest.json"), "utf8")) as { model: string; dims: number };
  expect(manifest).toMatchObject({ model: "mxbai-embed-large:latest", dims: 1024 });
});

describe("messages name the CLI's flags and commands, not the plugin's", () => {
  test("search with another --embed-model than the index's: not called an Ollama error; says which flag or command", async () => {
    await runCli(["index", "--vault", vault, "--quiet"], io({ OLLAMA_HOST: fake.url }).io);
    fake.clearRequests();
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["search", "gpu", "--vault", vault, "--embed-model", "mxbai-embed-large"], run.io)).toBe(1);
    expect(run.err()).toBe(
      `The index was built with "nomic-embed-text:latest", not "mxbai-embed-large". Search with --embed-model nomic-embed-text:latest, or run \`npm run cli -- index --vault ${JSON.stringify(vault)} --rebuild --embed-model mxbai-embed-large\` to rebuild it for "mxbai-embed-large".\n`,
    );
    expect(fake.requestsTo("/api/embed")).toHaveLength(0);
  });

  test("search getting wrong-size vectors: the rebuild command, not the plugin's command name", async () => {
    await runCli(["index", "--vault", vault, "--quiet"], io({ OLLAMA_HOST: fake.url }).io);
    fake.addFault({ path: "/api/embed", fault: { kind: "wrong-dimensions", dimensions: 12 } });
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["search", "gpu", "--vault", vault], run.io)).toBe(1);
    expect(run.err()).toMatch(/^Ollama returned 12-dimensional vectors from "nomic-embed-text:latest", but the index holds \d+-dimensional ones\. If you switched models, run `npm run cli -- index --vault "[^"]+" --rebuild`\.\n$/);
    expect(run.err()).not.toContain("Rebuild index");
  });

  test("index with a model that is not installed names --embed-model", async () => {
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["index", "--vault", vault, "--embed-model", "no-such-embedder"], run.io)).toBe(1);
    expect(run.err()).toContain("or pass --embed-model with an installed embedding model.");
    expect(run.err()).not.toContain("in settings");
  });

  test("a plan with an empty index says how to index with the CLI", async () => {
    await fs.mkdir(path.join(vault, "Empty"));
    const emptyVault = path.join(vault, "Empty");
    await runCli(["index", "--vault", emptyVault, "--quiet"], io({ OLLAMA_HOST: fake.url }).io);
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["plan", "--vault", emptyVault, "--hardware", "RTX 4090", "--quiet"], run.io)).toBe(0);
    expect(run.err()).toContain(`Your notes were not used: the vault index is empty. Run \`npm run cli -- index --vault ${JSON.stringify(emptyVault)}\` to ground plans in your notes.`);
    expect(run.err()).not.toContain("Index vault now");
  });
});

test("--rebuild embeds everything again", async () => {
  await runCli(["index", "--vault", vault], io({ OLLAMA_HOST: fake.url }).io);
  fake.clearRequests();
  const run = io({ OLLAMA_HOST: fake.url });
  expect(await runCli(["index", "--vault", vault, "--rebuild"], run.io)).toBe(0);
  expect(embeddedTexts(fake.requests)).toHaveLength(3);
});

test.each([
  [["index"], "index needs --vault"],
  [["search", "--vault", "."], "search needs a query"],
  [["search", "x", "--vault", ".", "--limit", "0"], "--limit must be a whole number"],
  [["status", "--vault", "/definitely/not/here"], "doesn't exist"],
])("usage error %j exits 2", async (argv, message) => {
  const run = io({});
  expect(await runCli(argv, run.io)).toBe(2);
  expect(run.err()).toContain(message);
});

describe("plan grounded in the index", () => {
  function lastPrompt(): string {
    const body = fake.requestsTo("/api/chat").at(-1)?.body as { messages: { content: string }[] };
    return body.messages[0].content;
  }

  test("the prompt gets a delimited 'From my notes' part with citations; the note lists its sources", async () => {
    await runCli(["index", "--vault", vault, "--quiet"], io({ OLLAMA_HOST: fake.url }).io);
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["plan", "--vault", vault, "--tier", "pro", "--hardware", "RTX 4090 with 24 GB VRAM", "--usage", "email replies", "--quiet"], run.io)).toBe(0);
    const prompt = lastPrompt();
    expect(prompt).toMatch(/\n===== From my notes =====\nExcerpts from my own notes/);
    expect(prompt).toContain("[[Hardware#PC]]\nDesktop with an RTX 4090 and 24 GB of VRAM.");
    expect(prompt.trimEnd().endsWith("===== End of From my notes =====")).toBe(true);
    expect(prompt).not.toMatch(/PRIVATE-TEXT|PLAN-TEXT/);
    const planPath = (await listFiles(vault)).find((f) => f.startsWith("AI Stack Plans/") && f !== "AI Stack Plans/Plan.md") ?? "";
    const note = await fs.readFile(path.join(vault, planPath), "utf8");
    expect(note).toMatch(/\nsources:\n {2}- "\[\[Hardware\]\]"\n/);
    expect(note).toMatch(/\n## Sources\n\n- \[\[Hardware\]\]: \[\[Hardware#PC\]\]/);
  });

  test("when Ollama cannot embed, the plan is still written and says why notes were not used", async () => {
    await runCli(["index", "--vault", vault, "--quiet"], io({ OLLAMA_HOST: fake.url }).io);
    fake.addFault({ path: "/api/embed", fault: { kind: "server-error", message: "embedding runner crashed" } });
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["plan", "--vault", vault, "--hardware", "RTX 4090", "--quiet"], run.io)).toBe(0);
    expect(lastPrompt()).not.toContain("From my notes");
    expect(run.err()).toContain("Your notes were not used: Ollama reported an error while embedding notes: embedding runner crashed (HTTP 500).");
    const planPath = (await listFiles(vault)).find((f) => f.startsWith("AI Stack Plans/") && f !== "AI Stack Plans/Plan.md") ?? "";
    const note = await fs.readFile(path.join(vault, planPath), "utf8");
    expect(note).toContain("> [!note]\n> Your notes were not used: Ollama reported an error while embedding notes");
    expect(note).not.toContain("sources:");
  });

  test("without an index the plan is unchanged (no part, no note)", async () => {
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["plan", "--vault", vault, "--hardware", "RTX 4090", "--quiet"], run.io)).toBe(0);
    expect(lastPrompt()).not.toContain("From my notes");
    expect(fake.requestsTo("/api/embed")).toHaveLength(0);
  });
});

test("killed mid-index (SIGKILL), the next run resumes and the index equals a fresh build", async () => {
  for (let i = 0; i < 80; i++) await writeNote(vault, `Bulk/Note ${i}.md`, Array.from({ length: 4 }, (_, h) => `# Part ${h}\nNote ${i} part ${h} about local models.\n`).join("\n"));
  // Every embedding answer takes 150 ms: after 8 of 11 requests the process is mid-run and has
  // persisted at least one group (groups are written every second).
  fake.addFault({ path: "/api/embed", fault: { kind: "slow-first-token", delayMs: 150 } });
  const root = path.resolve(__dirname, "../..");
  // `node --import tsx`, not the tsx CLI: that one runs the script in a grandchild a SIGKILL would miss.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), "index", "--vault", vault, "--quiet"], {
    env: { PATH: process.env.PATH ?? "", OLLAMA_HOST: fake.url },
    cwd: root,
  });
  const exited = new Promise((resolve) => child.on("close", resolve));
  await waitForRequests(8);
  child.kill("SIGKILL");
  await exited;
  fake.clearFaults();
  const killedAfter = fake.requestsTo("/api/embed").length;
  expect(killedAfter).toBeLessThan(11);

  fake.clearRequests();
  const run = io({ OLLAMA_HOST: fake.url });
  expect(await runCli(["index", "--vault", vault], run.io)).toBe(0);
  expect(run.err()).not.toMatch(/damaged/);
  const embeddedNow = embeddedTexts(fake.requests).length;
  expect(embeddedNow).toBeLessThan(323);
  expect(embeddedNow).toBeGreaterThan(0);

  const fresh = await makeTempVault();
  try {
    for (const rel of (await listFiles(vault)).filter((f) => !f.startsWith("."))) await writeNote(fresh, rel, await fs.readFile(path.join(vault, rel), "utf8"));
    const build = openTestIndex(fresh, { host: fake.url });
    await build.indexer.reconcile();
    await build.indexer.close();
    expect(await pictureOf(vault)).toEqual(await pictureOf(fresh));
  } finally {
    await removeTempVault(fresh);
  }

  async function waitForRequests(n: number): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (fake.requestsTo("/api/embed").length < n) {
      if (Date.now() > deadline) throw new Error("the child process never embedded");
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}, 30_000);

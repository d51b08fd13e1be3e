/**
 * The indexing service over real parts: notes in temp folders, the sharded store on disk, and the
 * Ollama embedder against the fake server. Assertions are on the wire (which texts reached
 * /api/embed) and on the index as it is on disk after a restart.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { NodeFsStorage } from "../../../src/adapters/vector-index/node-storage";
import { VectorStore } from "../../../src/adapters/vector-index/store";
import { DEFAULT_EXCLUSION_RULES } from "../../../src/core/index/exclusions";
import { FakeOllama, unusedLoopbackPort } from "../../harness/fake-ollama";
import { makeTempVault, removeTempVault } from "../../harness/temp-vault";
import { deleteNote, embeddedTexts, INDEX_DIR, moveNote, openTestIndex, pictureOf, writeNote } from "../../harness/vault-index";

const VAULT = {
  "Hardware.md": "---\ntags: [setup]\n---\n# PC\nDesktop with an RTX 4090 and 24 GB of VRAM.\n\n# Memory\n64 GB DDR5 RAM.\n",
  "Uses.md": "# Uses\nA personal knowledge base, email replies and coding help.\n",
  "Projects/Agents.md": "# Agents\nAn n8n workflow that files my receipts.\n\n## Later\nVoice notes transcribed with Whisper.\n",
  "中文/隐私.md": "# 隐私\n我希望所有数据都在本地处理，不依赖云端服务。\n",
  "Diary.md": "# Diary\nSECRET-DIARY-TEXT about my health. #private\n",
  "Flagged.md": "---\nai-stack-planner: exclude\n---\nSECRET-FLAGGED-TEXT\n",
  "Journal/2026-11-27.md": "SECRET-JOURNAL-TEXT\n",
  "AI Stack Plans/Old plan.md": "SECRET-PLAN-TEXT from an earlier plan\n",
};

const RULES = { ...DEFAULT_EXCLUSION_RULES, folders: ["Journal"] };

let fake: FakeOllama;
let vault: string;

beforeAll(async () => {
  fake = await FakeOllama.start();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearFaults();
  fake.clearRequests();
  vault = await makeTempVault(VAULT);
});
afterEach(() => removeTempVault(vault));

function open(options: { model?: string; batchSize?: number; host?: string } = {}) {
  return openTestIndex(vault, { host: options.host ?? fake.url, rules: RULES, model: options.model, batchSize: options.batchSize });
}

function embedRequests() {
  return fake.requestsTo("/api/embed");
}

describe("full index and restart", () => {
  test("indexes every allowed note; a restart with no changes embeds nothing", async () => {
    const first = open();
    const summary = await first.indexer.reconcile();
    expect(summary).toMatchObject({ kind: "full", complete: true, read: 6, written: 4, embedded: 6, removed: 0 });
    expect(first.indexer.status).toMatchObject({ state: "idle", notes: 4, chunks: 6, model: "nomic-embed-text:latest", message: null });
    await first.indexer.close();

    const picture = await pictureOf(vault);
    expect(Object.keys(picture.notes)).toEqual(["Hardware.md", "Projects/Agents.md", "Uses.md", "中文/隐私.md"]);
    expect(picture).toMatchObject({ model: "nomic-embed-text:latest", dims: 768 });

    fake.clearRequests();
    const second = open();
    const again = await second.indexer.reconcile();
    // The two notes excluded by their content (a tag, a flag) are read again locally; nothing is sent.
    expect(again).toMatchObject({ complete: true, read: 2, embedded: 0, written: 0, removed: 0, unchanged: 4 });
    expect(embedRequests()).toHaveLength(0);
    await second.indexer.close();
  });

  test("batches: 6 chunks at 4 per request is 2 requests", async () => {
    const run = open({ batchSize: 4 });
    await run.indexer.reconcile();
    expect(embedRequests().map((r) => (r.body as { input: string[] }).input.length)).toEqual([4, 2]);
    await run.indexer.close();
  });

  test("each chunk is embedded with its note title and heading path", async () => {
    const run = open();
    await run.indexer.reconcile();
    await run.indexer.close();
    expect(embeddedTexts(fake.requests)).toContain("search_document: Agents > Agents > Later\n\nVoice notes transcribed with Whisper.");
    expect(embeddedTexts(fake.requests)).toContain("search_document: 隐私 > 隐私\n\n我希望所有数据都在本地处理，不依赖云端服务。");
  });
});

describe("minimal re-embedding", () => {
  test("an edit re-embeds only the changed chunk", async () => {
    const run = open();
    await run.indexer.reconcile();
    fake.clearRequests();
    await writeNote(vault, "Hardware.md", VAULT["Hardware.md"].replace("64 GB DDR5", "128 GB DDR5"));
    const summary = await run.indexer.reconcile();
    expect(summary).toMatchObject({ read: 3, written: 1, embedded: 1 });
    expect(embeddedTexts(fake.requests)).toEqual(["search_document: Hardware > Memory\n\n128 GB DDR5 RAM."]);
    await run.indexer.close();
  });

  test("a rename re-embeds nothing, on reconcile and through events", async () => {
    const run = open();
    await run.indexer.reconcile();
    fake.clearRequests();
    await moveNote(vault, "Uses.md", "Archive/My uses.md");
    expect(await run.indexer.reconcile()).toMatchObject({ renamed: 1, embedded: 0, removed: 0 });
    await moveNote(vault, "Projects/Agents.md", "Agents.md");
    expect(await run.indexer.notesChanged(["Projects/Agents.md", "Agents.md"])).toMatchObject({ kind: "paths", renamed: 1, embedded: 0 });
    expect(embedRequests()).toHaveLength(0);
    await run.indexer.close();
    expect(Object.keys((await pictureOf(vault)).notes)).toEqual(["Agents.md", "Archive/My uses.md", "Hardware.md", "中文/隐私.md"]);
  });

  test("file events: create, modify, delete", async () => {
    const run = open();
    await run.indexer.reconcile();
    fake.clearRequests();
    await writeNote(vault, "New.md", "# New\nA fresh note about GPUs.\n");
    expect(await run.indexer.notesChanged(["New.md"])).toMatchObject({ written: 1, embedded: 1 });
    await writeNote(vault, "New.md", "# New\nA fresh note about GPUs.\n\n# More\nAnd CPUs.\n");
    expect(await run.indexer.notesChanged(["New.md"])).toMatchObject({ written: 1, embedded: 1 });
    await deleteNote(vault, "New.md");
    expect(await run.indexer.notesChanged(["New.md"])).toMatchObject({ removed: 1, embedded: 0 });
    expect(embeddedTexts(fake.requests)).toEqual(["search_document: New > New\n\nA fresh note about GPUs.", "search_document: New > More\n\nAnd CPUs."]);
    expect(run.indexer.status.notes).toBe(4);
    await run.indexer.close();
  });
});

describe("exclusions", () => {
  test("excluded text never appears in any request body on the wire", async () => {
    const run = open();
    await run.indexer.reconcile();
    await writeNote(vault, "Later private.md", "# Note\nSECRET-LATER-TEXT #private/health\n");
    await run.indexer.notesChanged(["Later private.md"]);
    await run.indexer.search("SECRET diary health journal plan", 5, new AbortController().signal);
    await run.indexer.close();
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) expect(request.rawBody).not.toMatch(/SECRET-(DIARY|FLAGGED|JOURNAL|PLAN|LATER)-TEXT/);
  });

  test("a note that becomes private, and a folder excluded later, leave the index", async () => {
    const run = open();
    await run.indexer.reconcile();
    fake.clearRequests();
    await writeNote(vault, "Uses.md", `${VAULT["Uses.md"]}\nNow private. #private\n`);
    run.settings.rules = { ...RULES, folders: ["Journal", "Projects"] };
    expect(await run.indexer.reconcile()).toMatchObject({ removed: 2, embedded: 0 });
    expect(embedRequests()).toHaveLength(0);
    await run.indexer.close();
    expect(Object.keys((await pictureOf(vault)).notes)).toEqual(["Hardware.md", "中文/隐私.md"]);
  });
});

describe("embedding model change", () => {
  test("is detected, the user is told, and the index is rebuilt for the new model, never mixed", async () => {
    const run = open();
    await run.indexer.reconcile();
    await run.indexer.close();
    fake.clearRequests();

    const next = open({ model: "mxbai-embed-large" });
    fake.setModels([...fake.getModels(), { name: "mxbai-embed-large:latest", family: "bert", embeddingLength: 1024, capabilities: ["embedding"] }]);
    const summary = await next.indexer.reconcile();
    expect(next.notices()).toEqual(['The embedding model changed from "nomic-embed-text:latest" to "mxbai-embed-large:latest": the index is rebuilt for the new model.']);
    expect(summary).toMatchObject({ embedded: 6, written: 4 });
    expect(summary.rebuilt).toContain("mxbai-embed-large");
    expect(new Set(embedRequests().map((r) => (r.body as { model: string }).model))).toEqual(new Set(["mxbai-embed-large:latest"]));
    const results = await next.indexer.search("RTX 4090 VRAM", 3, new AbortController().signal);
    expect(results[0].path).toBe("Hardware.md");
    await next.indexer.close();
    expect(await pictureOf(vault)).toMatchObject({ model: "mxbai-embed-large:latest", dims: 1024 });
  });

  test("the old index stays when the new model is not installed", async () => {
    const run = open();
    await run.indexer.reconcile();
    run.settings.model = "not-pulled";
    const summary = await run.indexer.reconcile();
    expect(summary.complete).toBe(false);
    expect(run.indexer.status.state).toBe("paused");
    expect(run.indexer.status.message).toContain("ollama pull not-pulled:latest");
    await run.indexer.close();
    expect(Object.keys((await pictureOf(vault)).notes)).toHaveLength(4);
  });

  test("search refuses to mix: a query from another model is not run against old vectors", async () => {
    const run = open();
    await run.indexer.reconcile();
    run.settings.model = "mxbai-embed-large";
    await expect(run.indexer.search("gpu", 3, new AbortController().signal)).rejects.toThrow(/^The index was built with "nomic-embed-text:latest", not "/);
    await run.indexer.close();
  });
});

describe("faults pause indexing and it resumes where it stopped", () => {
  test("Ollama failing mid-index: clear message, consistent index, resumes next time", async () => {
    for (let i = 0; i < 12; i++) await writeNote(vault, `Bulk/Note ${i}.md`, `# Note ${i}\nBulk note number ${i} about local models.\n`);
    fake.addFault({ path: "/api/embed", after: 2, fault: { kind: "server-error", message: "model runner crashed" } });
    const run = open({ batchSize: 4 });
    const summary = await run.indexer.reconcile();
    expect(summary.complete).toBe(false);
    expect(run.indexer.status).toMatchObject({ state: "paused", message: "Ollama reported an error while embedding notes: model runner crashed (HTTP 500). Indexing is paused." });
    expect(run.notices()).toContain(run.indexer.status.message);
    const partial = run.indexer.status.notes;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(16);
    await run.indexer.close();
    // What was written is a consistent index on disk.
    expect(Object.keys((await pictureOf(vault)).notes)).toHaveLength(partial);

    fake.clearFaults();
    fake.clearRequests();
    const resumed = open({ batchSize: 4 });
    const rest = await resumed.indexer.reconcile();
    expect(rest.complete).toBe(true);
    expect(rest.read).toBe(16 + 2 - partial);
    expect(rest.embedded).toBe(18 - summary.embedded);
    await resumed.indexer.close();

    // The resumed index equals a fresh build of the same vault.
    const fresh = await makeTempVault({ ...VAULT, ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`Bulk/Note ${i}.md`, `# Note ${i}\nBulk note number ${i} about local models.\n`])) });
    try {
      const build = openTestIndex(fresh, { host: fake.url, rules: RULES });
      await build.indexer.reconcile();
      await build.indexer.close();
      const resumedPicture = await pictureOf(vault);
      const freshPicture = await pictureOf(fresh);
      expect(Object.keys(resumedPicture.notes)).toHaveLength(16);
      expect(resumedPicture).toEqual(freshPicture);
    } finally {
      await removeTempVault(fresh);
    }
  });

  test("Ollama not running: paused with the start command, nothing deleted", async () => {
    const run = open();
    await run.indexer.reconcile();
    await writeNote(vault, "New.md", "# New\ntext\n");
    run.settings.host = `http://127.0.0.1:${await unusedLoopbackPort()}`;
    const summary = await run.indexer.reconcile();
    expect(summary.complete).toBe(false);
    expect(run.indexer.status.message).toMatch(/^Ollama isn't reachable at http:\/\/127\.0\.0\.1:\d+\. Start it with `ollama serve`; indexing resumes where it stopped\.$/);
    expect(run.indexer.status.notes).toBe(4);
    run.settings.host = fake.url;
    expect(await run.indexer.reconcile()).toMatchObject({ complete: true, written: 1 });
    await run.indexer.close();
  });

  test("a wrong-dimension answer pauses indexing instead of corrupting the index", async () => {
    const run = open({ batchSize: 2 });
    fake.addFault({ path: "/api/embed", after: 1, times: 1, fault: { kind: "wrong-dimensions", dimensions: 384 } });
    await run.indexer.reconcile();
    expect(run.indexer.status.state).toBe("paused");
    expect(run.indexer.status.message).toBe('Ollama returned 384-dimensional vectors from "nomic-embed-text:latest", but the index holds 768-dimensional ones. Indexing is paused; if you switched models, run "Rebuild index".');
    expect(await run.indexer.reconcile()).toMatchObject({ complete: true });
    expect(run.indexer.status.notes).toBe(4);
    await run.indexer.close();
    expect((await pictureOf(vault)).dims).toBe(768);
  });

  test("stop aborts the request in flight; the next run finishes the job", async () => {
    fake.addFault({ path: "/api/embed", times: 1, fault: { kind: "slow-first-token", delayMs: 3000 } });
    const run = open();
    const running = run.indexer.reconcile();
    await fake.waitForRequest("/api/embed");
    run.indexer.stop();
    expect((await running).complete).toBe(false);
    expect(run.indexer.status).toMatchObject({ state: "idle", message: "Indexing stopped." });
    await fake.waitForClientAbort("/api/embed");
    expect(await run.indexer.reconcile()).toMatchObject({ complete: true, written: 4 });
    await run.indexer.close();
  });
});

describe("rebuild and progress", () => {
  test("rebuild embeds everything again", async () => {
    const run = open();
    await run.indexer.reconcile();
    fake.clearRequests();
    expect(await run.indexer.rebuild()).toMatchObject({ kind: "rebuild", complete: true, embedded: 6, written: 4 });
    await run.indexer.close();
  });

  test("progress goes from 0 to total, and the last status is idle", async () => {
    const run = open({ batchSize: 1 });
    await run.indexer.reconcile();
    const statuses = run.events.flatMap((e) => (e.type === "status" ? [e.status] : []));
    const progress = statuses.flatMap((s) => (s.progress ? [s.progress] : []));
    expect(progress[0]).toMatchObject({ done: 0 });
    expect(progress.at(-1)).toMatchObject({ done: 6, total: 6 });
    expect(statuses.at(-1)).toMatchObject({ state: "idle", progress: null });
    await run.indexer.close();
  });
});

describe("search", () => {
  test("finds the right note in the top 3 of a small hand-made vault", async () => {
    const run = open();
    await run.indexer.reconcile();
    const cases: [string, string][] = [
      ["Which GPU and how much VRAM do I have?", "Hardware.md"],
      ["n8n workflow for receipts", "Projects/Agents.md"],
      ["email replies and coding", "Uses.md"],
      ["本地处理 云端", "中文/隐私.md"],
    ];
    for (const [query, expected] of cases) {
      const results = await run.indexer.search(query, 3, new AbortController().signal);
      expect(results.slice(0, 3).map((r) => r.path)).toContain(expected);
    }
    const [top] = await run.indexer.search("RTX 4090", 1, new AbortController().signal);
    expect(top).toMatchObject({ path: "Hardware.md", headingPath: ["PC"], text: "Desktop with an RTX 4090 and 24 GB of VRAM." });
    await run.indexer.close();
  });

  test("one result per note: the best chunk first, the note's other matching chunks under it; lexical alone finds exact terms", async () => {
    const run = open();
    await run.indexer.reconcile();
    const results = await run.indexer.search("RTX 4090 VRAM DDR5 RAM", 5, new AbortController().signal);
    expect(new Set(results.map((r) => r.path)).size).toBe(results.length);
    const hardware = results.find((r) => r.path === "Hardware.md");
    expect([hardware?.headingPath, ...(hardware?.more ?? []).map((m) => m.headingPath)]).toEqual(expect.arrayContaining([["PC"], ["Memory"]]));
    fake.clearRequests();
    const [lexical] = await run.indexer.search("Whisper", 3, new AbortController().signal, "lexical");
    expect(lexical).toMatchObject({ path: "Projects/Agents.md", headingPath: ["Agents", "Later"], relevant: true });
    expect(embedRequests()).toHaveLength(0);
    await run.indexer.close();
  });

  test("notes indexed before hybrid search get their terms at the next sync, without embedding again", async () => {
    const first = open();
    await first.indexer.reconcile();
    await first.indexer.close();
    // Write the index as an older version did: the same chunks and vectors, no term bags.
    const { store } = await VectorStore.open(new NodeFsStorage(vault, { durable: false }), INDEX_DIR, { model: "nomic-embed-text:latest", chunker: "unused" });
    const notes = [...store.snapshot().notes.values()];
    await store.apply(
      notes.map((n) => {
        const vectors = store.vectorsOf(n.path);
        const chunks = store.chunksOf(n.path).map((c, i) => ({ ...c, vector: vectors[i].vector }));
        return { kind: "put" as const, note: { path: n.path, mtime: n.mtime, size: n.size, contentHash: n.contentHash, tags: [...n.tags], chunkCount: chunks.length }, chunks };
      }),
    );
    expect(store.termlessNotes().sort()).toEqual(notes.map((n) => n.path).sort());
    await store.close();

    fake.clearRequests();
    const next = open();
    await next.indexer.reconcile();
    expect(embedRequests()).toHaveLength(0);
    const [found] = await next.indexer.search("Whisper", 3, new AbortController().signal, "lexical");
    expect(found?.path).toBe("Projects/Agents.md");
    await next.indexer.close();
  });

  test("an empty index finds nothing without calling Ollama", async () => {
    const empty = await makeTempVault({});
    try {
      const run = openTestIndex(empty, { host: fake.url });
      fake.clearRequests();
      expect(await run.indexer.search("anything", 3, new AbortController().signal)).toEqual([]);
      expect(fake.requests).toHaveLength(0);
      await run.indexer.close();
    } finally {
      await removeTempVault(empty);
    }
  });
});

test("a note renamed and edited at once re-embeds only its edited chunk", async () => {
  const run = openTestIndex(vault, { host: fake.url, rules: RULES });
  await run.indexer.reconcile();
  fake.clearRequests();
  await deleteNote(vault, "Projects/Agents.md");
  await writeNote(vault, "Agents v2.md", VAULT["Projects/Agents.md"].replace("Voice notes", "Voice memos"));
  expect(await run.indexer.notesChanged(["Projects/Agents.md", "Agents v2.md"])).toMatchObject({ written: 1, removed: 1, embedded: 1 });
  expect(embeddedTexts(fake.requests)).toEqual(["search_document: Agents v2 > Agents > Later\n\nVoice memos transcribed with Whisper."]);
  await run.indexer.close();
});

test("the embedding model is checked once (/api/show), not on every edit", async () => {
  const run = openTestIndex(vault, { host: fake.url, rules: RULES });
  await run.indexer.reconcile();
  for (let i = 0; i < 3; i++) {
    await writeNote(vault, "Uses.md", `${VAULT["Uses.md"]}\nEdit ${i}.\n`);
    await run.indexer.notesChanged(["Uses.md"]);
  }
  expect(fake.requestsTo("/api/show")).toHaveLength(1);
  expect(fake.requestsTo("/api/embed")).toHaveLength(4);
  await run.indexer.close();
});

test("a chat model set as the embedding model pauses indexing with the fix", async () => {
  const run = openTestIndex(vault, { host: fake.url, rules: RULES, model: "llama3.2:3b" });
  expect((await run.indexer.reconcile()).complete).toBe(false);
  expect(run.indexer.status).toMatchObject({ state: "paused", message: 'The model "llama3.2:3b" can\'t make embeddings. Pick an embedding model such as nomic-embed-text in settings (`ollama pull nomic-embed-text`).' });
  expect(fake.requestsTo("/api/embed")).toHaveLength(0);
  await run.indexer.close();
});

test("a damaged index file is moved aside with a notice, and what it held is rebuilt from the notes", async () => {
  const first = openTestIndex(vault, { host: fake.url, rules: RULES });
  await first.indexer.reconcile();
  await first.indexer.close();
  const dir = path.join(vault, INDEX_DIR);
  const shards = (await fs.readdir(dir)).filter((f) => f.endsWith(".aspshard"));
  expect(shards.length).toBeGreaterThan(0);
  for (const shard of shards) await fs.writeFile(path.join(dir, shard), "not a shard any more");
  const notesBefore = await fs.readFile(path.join(vault, "Hardware.md"), "utf8");

  fake.clearRequests();
  const second = openTestIndex(vault, { host: fake.url, rules: RULES });
  expect(await second.indexer.reconcile()).toMatchObject({ complete: true, written: 4, embedded: 6 });
  expect(second.notices().join("\n")).toMatch(/index file\(s\) were damaged and moved aside to ".*damaged-.*"\. The missing part is rebuilt from your notes; your notes were not touched\./);
  await second.indexer.close();
  expect(await fs.readFile(path.join(vault, "Hardware.md"), "utf8")).toBe(notesBefore);
  expect(Object.keys((await pictureOf(vault)).notes)).toHaveLength(4);
});

test("a note made private after indexing is left out of search results before the next sync", async () => {
  const run = openTestIndex(vault, { host: fake.url, rules: RULES });
  await run.indexer.reconcile();
  expect((await run.indexer.search("email replies coding help", 4, new AbortController().signal)).map((r) => r.path)).toContain("Uses.md");
  await writeNote(vault, "Uses.md", `${VAULT["Uses.md"]}\n#private\n`);
  const results = await run.indexer.search("email replies coding help", 4, new AbortController().signal);
  expect(results.map((r) => r.path)).not.toContain("Uses.md");
  await run.indexer.close();
});

test("closing mid-index (plugin unload) aborts the request in flight and leaves a consistent index", async () => {
  fake.addFault({ path: "/api/embed", after: 1, fault: { kind: "slow-first-token", delayMs: 3000 } });
  const run = openTestIndex(vault, { host: fake.url, rules: RULES, batchSize: 2 });
  const running = run.indexer.reconcile();
  // The second request hangs: close while it is in flight.
  while (fake.requestsTo("/api/embed").length < 2) await new Promise((r) => setTimeout(r, 5));
  const started = Date.now();
  await run.indexer.close();
  expect(Date.now() - started).toBeLessThan(2000);
  expect((await running).complete).toBe(false);
  expect(run.indexer.status.state).toBe("closed");
  await fake.waitForClientAbort("/api/embed");
  fake.clearFaults();
  const picture = await pictureOf(vault);
  expect(Object.keys(picture.notes).length).toBeLessThan(4);
  const again = openTestIndex(vault, { host: fake.url, rules: RULES });
  expect(await again.indexer.reconcile()).toMatchObject({ complete: true });
  await again.indexer.close();
  expect(Object.keys((await pictureOf(vault)).notes)).toHaveLength(4);
});

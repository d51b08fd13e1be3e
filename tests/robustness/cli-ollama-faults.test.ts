/**
 * Ollama misbehaving during `index` and `plan`, through the real CLI against the fake server's
 * fault injection: the user gets one line that names the fix, the exit code says it failed,
 * nothing is half-written (no plan note, no temp file, the index consistent) and the next run
 * resumes where the failed one stopped, embedding only what is missing.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { FakeOllama, DEFAULT_REPLY, unusedLoopbackPort, type FakeFault } from "../harness/fake-ollama";
import { cli, indexFiles, noteHashes } from "../harness/robust-vault";
import { listFiles, makeTempVault, removeTempVault } from "../harness/temp-vault";
import { embeddedTexts, pictureOf } from "../harness/vault-index";

/** 80 one-chunk notes: three /api/embed batches of 32, so a fault can hit the second one. */
const NOTES: Record<string, string> = {};
for (let i = 0; i < 80; i++) NOTES[`Notes/N${String(i).padStart(2, "0")}.md`] = `# Note ${i}\nText number ${i} about GPUs and local models.\n`;

let fake: FakeOllama;
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
  vault = await makeTempVault(NOTES);
});
afterEach(() => removeTempVault(vault));

const ONE_LINE = /^[^\n]+\n$/;

describe("index", () => {
  const cases: [string, FakeFault, RegExp][] = [
    ["HTTP 500", { kind: "server-error", message: "llama runner process has terminated" }, /^Ollama reported an error while embedding notes: llama runner process has terminated \(HTTP 500\)\. Indexing is paused\.\n$/],
    ["a cut connection", { kind: "cut-stream", afterChunks: 0 }, /^Ollama isn't reachable at http:\/\/127\.0\.0\.1:\d+\. Start it with `ollama serve`; indexing resumes where it stopped\.\n$/],
    ["a truncated answer", { kind: "cut-stream", afterChunks: 0, how: "end" }, /^Ollama sent an embedding answer the index can't use \(not valid JSON\)\. Indexing is paused\.\n$/],
    ["an error answer", { kind: "in-stream-error", afterChunks: 0, message: "out of memory" }, /^Ollama reported an error while embedding notes: out of memory \(HTTP 500\)\. Indexing is paused\.\n$/],
    ["a malformed answer", { kind: "malformed-line", afterChunks: 0 }, /^Ollama sent an embedding answer the index can't use \(not valid JSON\)\. Indexing is paused\.\n$/],
    ["the model vanishing", { kind: "not-found" }, /^The embedding model "nomic-embed-text:latest" isn't installed in Ollama\. Run `ollama pull nomic-embed-text:latest`, or pass --embed-model with an installed embedding model\.\n$/],
    ["wrong-size vectors", { kind: "wrong-dimensions", dimensions: 12 }, /^Ollama returned 12-dimensional vectors from "nomic-embed-text:latest", but the index holds 768-dimensional ones\. Indexing is paused; if you switched models, run `npm run cli -- index --vault "[^"]+" --rebuild`\.\n$/],
  ];

  test.each(cases)("%s on the 2nd batch: one line, exit 1, the done part kept, the next run embeds only the rest", async (_label, fault, message) => {
    const before = await noteHashes(vault);
    fake.addFault({ path: "/api/embed", fault, after: 1 });
    const failed = await cli(["index", "--vault", vault, "--quiet"], env);
    expect(failed.code).toBe(1);
    expect(failed.out).toBe("");
    expect(failed.err).toMatch(ONE_LINE);
    expect(failed.err).toMatch(message);
    // Nothing half-written: no temp file, only whole shards (the first batch) and the manifest.
    const files = await indexFiles(vault);
    expect(files.filter((f) => !/^(manifest\.json|shard-\d+\.aspshard|wal-\d+\.aspwal)$/.test(f))).toEqual([]);
    const partial = await pictureOf(vault);
    expect(Object.keys(partial.notes)).toHaveLength(32);

    fake.clearFaults();
    const status = await cli(["status", "--vault", vault], {});
    expect(status.out).toContain("Notes: 32 · chunks: 32\nPending: 48 notes to write (48 chunks to embed), 0 to remove.");
    fake.clearRequests();
    const resumed = await cli(["index", "--vault", vault, "--quiet"], env);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain("This run: 48 notes read, 48 chunks embedded, 0 renamed, 0 removed, 32 unchanged.");
    expect(embeddedTexts(fake.requests)).toHaveLength(48);
    expect(Object.keys((await pictureOf(vault)).notes)).toHaveLength(80);
    expect(await noteHashes(vault)).toEqual(before);
  });

  test("Ollama refused from the start: one line, exit 1, no index files beyond the manifest, then a full run", async () => {
    const refused = { OLLAMA_HOST: `http://127.0.0.1:${await unusedLoopbackPort()}` };
    const failed = await cli(["index", "--vault", vault], refused);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(ONE_LINE);
    expect(failed.err).toContain("Start it with `ollama serve`; indexing resumes where it stopped.");
    expect((await indexFiles(vault)).filter((f) => f.endsWith(".aspshard"))).toEqual([]);
    const ok = await cli(["index", "--vault", vault, "--quiet"], env);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("80 chunks embedded");
  });

  test("embedding model not installed at all: one line naming the pull command, exit 1", async () => {
    const models = fake.getModels();
    fake.setModels(models.filter((m) => !m.name.startsWith("nomic-embed-text")));
    try {
      const run = await cli(["index", "--vault", vault], env);
      expect(run.code).toBe(1);
      expect(run.err).toBe('The embedding model "nomic-embed-text:latest" isn\'t installed in Ollama. Run `ollama pull nomic-embed-text:latest`, or pass --embed-model with an installed embedding model.\n');
      expect(fake.requestsTo("/api/embed").length).toBeLessThanOrEqual(1);
    } finally {
      fake.setModels(models);
    }
  });

  test("a slow first answer (1.5 s) is waited for, not treated as a failure", async () => {
    fake.addFault({ path: "/api/embed", fault: { kind: "slow-first-token", delayMs: 1500 }, times: 1 });
    const run = await cli(["index", "--vault", vault, "--quiet"], env);
    expect(run.code).toBe(0);
    expect(run.out).toContain("80 chunks embedded");
  });
});

describe("plan", () => {
  async function plans(): Promise<string[]> {
    // Plan notes; a complete plan's n8n workflow file beside it is not counted.
    return (await listFiles(vault)).filter((f) => f.startsWith("AI Stack Plans/") && !f.endsWith(".n8n.json"));
  }
  /** `vault` is only known once beforeEach ran. */
  const argv = () => ["plan", "--vault", vault, "--hardware", "RTX 4090 24 GB", "--quiet"];

  const cases: [string, FakeFault, RegExp][] = [
    ["HTTP 500", { kind: "server-error", message: "llama runner process has terminated" }, /^Ollama reported an error: llama runner process has terminated \(HTTP 500\)\n$/],
    ["a stream cut mid-answer", { kind: "cut-stream", afterChunks: 3 }, /^The answer from Ollama stopped before it was finished \(the connection was lost\)\. .*Nothing was saved\.\n$/],
    ["a stream that ends without done", { kind: "cut-stream", afterChunks: 3, how: "end" }, /^The answer from Ollama stopped before it was finished \(the connection was closed mid-answer\)\. Try again; if it keeps happening, check the Ollama server log\. Nothing was saved\.\n$/],
    ["an in-stream error", { kind: "in-stream-error", afterChunks: 3, message: "CUDA error: out of memory" }, /^Ollama reported an error: CUDA error: out of memory\n$/],
    ["the model vanishing", { kind: "not-found" }, /^The model "llama3\.2:3b" isn't installed in Ollama\. Run `ollama pull llama3\.2:3b`, or pass --model with an installed model\.\n$/],
  ];

  test.each(cases)("%s: one line after the start line, exit 1, no plan note, no note changed", async (_label, fault, message) => {
    const before = await noteHashes(vault);
    fake.addFault({ path: "/api/chat", fault });
    const run = await cli(argv(), env);
    expect(run.code).toBe(1);
    const lines = run.err.split("\n");
    expect(lines[0]).toMatch(/^Generating a pro stack plan with llama3\.2:3b at http:\/\/127\.0\.0\.1:\d+…$/);
    expect(lines.slice(1).join("\n")).toMatch(message);
    expect(await plans()).toEqual([]);
    expect(await noteHashes(vault)).toEqual(before);
    // No temp or partial files anywhere in the vault.
    expect((await listFiles(vault)).filter((f) => !f.startsWith("Notes/"))).toEqual([]);
  });

  test("a stream cut with --keep-partial saves a note marked partial and exits 130", async () => {
    fake.addFault({ path: "/api/chat", fault: { kind: "cut-stream", afterChunks: 3, how: "end" } });
    const run = await cli([...argv(), "--keep-partial"], env);
    expect(run.code).toBe(130);
    expect(run.err).toMatch(/The partial plan was saved to "AI Stack Plans\/[^"]+\.md"\.\n$/);
    const saved = await plans();
    expect(saved).toHaveLength(1);
    expect(await fs.readFile(path.join(vault, saved[0]), "utf8")).toMatch(/\nstatus: partial\n/);
  });

  test("a malformed line inside the stream is skipped; the whole answer is saved", async () => {
    fake.addFault({ path: "/api/chat", fault: { kind: "malformed-line", afterChunks: 2 } });
    // The official client itself warns about the line and goes on.
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const run = await cli(argv(), env);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual(["invalid json: "]);
    warn.mockRestore();
    expect(run.code).toBe(0);
    const saved = await plans();
    expect(saved).toHaveLength(1);
    expect(await fs.readFile(path.join(vault, saved[0]), "utf8")).toContain(DEFAULT_REPLY);
  });

  test("a slow first token (1.5 s) is waited for and the plan is written", async () => {
    fake.addFault({ path: "/api/chat", fault: { kind: "slow-first-token", delayMs: 1500 } });
    const run = await cli(argv(), env);
    expect(run.code).toBe(0);
    expect(await plans()).toHaveLength(1);
  });

  test("Ollama refused with --no-draft: one line, exit 1, nothing written", async () => {
    const refused = { OLLAMA_HOST: `http://127.0.0.1:${await unusedLoopbackPort()}` };
    const run = await cli([...argv(), "--no-draft"], refused);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^Ollama isn't reachable at http:\/\/127\.0\.0\.1:\d+\. Start it with `ollama serve`\.\n$/);
    expect(await plans()).toEqual([]);
  });

  test("Ollama refused without --no-draft: the offline draft is written, announced in one line, exit 0", async () => {
    const refused = { OLLAMA_HOST: `http://127.0.0.1:${await unusedLoopbackPort()}` };
    const run = await cli(argv(), refused);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^Ollama isn't reachable at http:\/\/127\.0\.0\.1:\d+\. Start it with `ollama serve`\. Wrote an offline draft plan instead: .*AI Stack Plans\/.*Offline draft plan.*\.md \(n8n workflow: .*\.n8n\.json\)\n$/);
    expect(await plans()).toHaveLength(1);
  });
});

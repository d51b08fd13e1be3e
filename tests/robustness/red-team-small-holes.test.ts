/**
 * Red team, smaller holes: prototype names in an `ai-stack` block, absurd vectors from the
 * embedding model. Each used to crash or corrupt silently; each now ends with a message.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { keepUnsavedNote } from "../../src/cli/unsaved-note";
import { NoteNotSaved } from "../../src/core/plan/note-writer";
import { parseAiStackBlock } from "../../src/core/plan/ai-stack-block";
import { AttackServer } from "../harness/attack-server";
import { createEmbedder } from "../../src/adapters/ollama/ollama-embedder";
import { FakeOllama } from "../harness/fake-ollama";
import { cli } from "../harness/robust-vault";
import { makeTempVault, removeTempVault } from "../harness/temp-vault";

const yaml = (text: string): unknown => parse(text);

test.each([
  ["constructor as a key", "constructor: x\ntier: pro", { ok: true, params: { tier: "pro" } }],
  ["__proto__ as a key", "__proto__: x\nhardware: RTX", { ok: true, params: { hardware: "RTX" } }],
  ["constructor as a tier", "tier: constructor", { ok: false }],
  ["__proto__ as a language", "language: __proto__", { ok: false }],
  ["hasOwnProperty as a key alias", "hasOwnProperty: 1\nusage: email", { ok: true, params: { usage: "email" } }],
])("an ai-stack block with %s is read as plain words, never through the prototype", (_label, source, expected) => {
  const result = parseAiStackBlock(source, yaml);
  expect(result).toMatchObject(expected);
  if (result.ok) {
    expect(Object.keys(result.params).sort()).toEqual(Object.keys((expected as { params: object }).params).sort());
    expect(typeof (result.params as Record<string, unknown>).constructor).not.toBe("function");
  }
  expect(({} as Record<string, unknown>).x).toBeUndefined();
});

describe("embedding vectors", () => {
  let server: AttackServer;
  let vector: unknown[] = [];
  beforeAll(async () => {
    server = await AttackServer.start((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ model: "nomic-embed-text:latest", embeddings: [vector] }));
    });
  });
  afterAll(() => server.close());

  test.each([
    ["1e308 (finite in JSON, infinite as float32)", [1e308, 0.1, 0.2]],
    ["-1e39", [0.1, -1e39, 0.2]],
    ["all zeros (scores NaN)", [0, 0, 0]],
  ])("a vector holding %s is refused with a message; indexing pauses", async (_label, values) => {
    vector = values;
    const embedder = createEmbedder(server.url, false, fetch, "nomic-embed-text");
    await expect(embedder.embed(["text"], new AbortController().signal)).rejects.toMatchObject({
      message: expect.stringMatching(/^Ollama sent an embedding answer the index can't use \(a vector [^)]+\)\. Indexing is paused\.$/) as string,
    });
  });

  test("a normal vector passes", async () => {
    vector = [0.1, -0.2, 0.3];
    const embedder = createEmbedder(server.url, false, fetch, "nomic-embed-text");
    expect((await embedder.embed(["text"], new AbortController().signal))[0]).toHaveLength(3);
  });
});


test("control characters in a note's name never reach the terminal from CLI search", async () => {
  const fake = await FakeOllama.start();
  const vault = await makeTempVault({ "Evil\u001b[2J\u009b31mName.md": "# Head\u0007ing\nGPU text \u001b]0;title\u0007 here.\n" });
  try {
    expect((await cli(["index", "--vault", vault, "--quiet"], { OLLAMA_HOST: fake.url })).code).toBe(0);
    const run = await cli(["search", "GPU", "--vault", vault], { OLLAMA_HOST: fake.url });
    expect(run.code).toBe(0);
    expect(run.out).toContain("Evil\uFFFD");
    const controls = [...run.out].filter((ch) => ch !== "\n" && ((ch.codePointAt(0) ?? 0) < 0x20 || ((ch.codePointAt(0) ?? 0) >= 0x7f && (ch.codePointAt(0) ?? 0) <= 0x9f)));
    expect(controls).toEqual([]);
  } finally {
    await removeTempVault(vault);
    await fake.close();
  }
});

test("the copy of a plan kept outside the vault is readable by its owner only", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ai-stack-rescue-"));
  try {
    const sentence = await keepUnsavedNote(new NoteNotSaved("AI Stack Plans/Plan.md", "there is no permission to write there", "PRIVATE PLAN TEXT"), { out: () => undefined, env: { TMPDIR: dir } });
    const [file] = await fs.readdir(dir);
    expect(sentence).toBe(`A copy was saved outside the vault: ${path.join(dir, file)}`);
    expect((await fs.stat(path.join(dir, file))).mode & 0o777).toBe(0o600);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test("an index folder holding someone else's manifest.json is refused; that file is not moved", async () => {
  const fake = await FakeOllama.start();
  const vault = await makeTempVault({ "Note.md": "# N\nGPU text.\n", ".ai-stack-planner/index/manifest.json": '{"name":"someone-elses-app","version":"1.0.0"}' });
  try {
    const run = await cli(["index", "--vault", vault, "--quiet"], { OLLAMA_HOST: fake.url });
    expect(run.code).toBe(1);
    expect(run.err).toContain("already holds a manifest.json that is not an AI Stack Planner index. Nothing there was changed");
    expect(await fs.readdir(path.join(vault, ".ai-stack-planner/index"))).toEqual(["manifest.json"]);
    expect(await fs.readFile(path.join(vault, ".ai-stack-planner/index/manifest.json"), "utf8")).toBe('{"name":"someone-elses-app","version":"1.0.0"}');
    expect(fake.requestsTo("/api/embed")).toEqual([]);
  } finally {
    await removeTempVault(vault);
    await fake.close();
  }
});

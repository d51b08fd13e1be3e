/**
 * Red team, stalls: an Ollama stand-in that sends headers and then nothing, goes quiet mid-answer,
 * or sends one endless line. Every case ends with a message naming the host and the model (and
 * what to try), exit 1, and no plan note; nothing waits for real minutes (the limits are lowered
 * with --stall-timeout and the adapter's injectable limits).
 */
import type http from "node:http";
import { AttackServer } from "../harness/attack-server";
import { cli } from "../harness/robust-vault";
import { listFiles, makeTempVault, removeTempVault } from "../harness/temp-vault";
import { createEmbedder } from "../../src/adapters/ollama/ollama-embedder";
import { createLlm } from "../../src/adapters/ollama/llm-factory";

type ChatMode = "silence-after-one-chunk" | "headers-only" | "endless-line";
let mode: ChatMode = "headers-only";

const MODEL = { name: "llama3.2:3b", model: "llama3.2:3b", size: 2_000_000_000, details: { family: "llama", families: ["llama"], parameter_size: "3.2B", quantization_level: "Q4_K_M" } };
const chunk = (content: string) => `${JSON.stringify({ model: MODEL.name, created_at: new Date().toISOString(), message: { role: "assistant", content }, done: false })}\n`;

function json(res: http.ServerResponse, body: unknown): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function answer(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = req.url ?? "";
  if (path === "/api/tags") return json(res, { models: [MODEL] });
  if (path === "/api/ps") return json(res, { models: [] });
  if (path === "/api/version") return json(res, { version: "0.12.0" });
  if (path === "/api/show") return json(res, { model_info: { "general.architecture": "llama" }, details: MODEL.details, capabilities: ["completion"] });
  if (path === "/api/embed") return; // a hung embedder: never answers
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  res.flushHeaders();
  if (mode === "silence-after-one-chunk") res.write(chunk("## Compute\n\nUse "));
  if (mode === "endless-line") {
    const block = "a".repeat(1024 * 1024);
    for (let i = 0; i < 10; i++) res.write(block);
  }
}

let server: AttackServer;
let vault: string;
beforeAll(async () => {
  server = await AttackServer.start(answer);
});
afterAll(() => server.close());
beforeEach(async () => {
  vault = await makeTempVault({ "Hardware.md": "# PC\nRTX 4090.\n" });
});
afterEach(() => removeTempVault(vault));

const plan = () => cli(["plan", "--vault", vault, "--hardware", "RTX 4090", "--no-draft", "--quiet", "--stall-timeout", "0.3"], { OLLAMA_HOST: server.url });

test.each<[ChatMode, RegExp]>([
  ["headers-only", /^The answer from "llama3\.2:3b" at http:\/\/127\.0\.0\.1:\d+ stopped: nothing arrived for 300 ms\. Try again; if the model is just slow on this machine, pass a larger --stall-timeout SECONDS\./m],
  ["silence-after-one-chunk", /^The answer from "llama3\.2:3b" at http:\/\/127\.0\.0\.1:\d+ stopped: nothing arrived for 300 ms\./m],
  ["endless-line", /^"llama3\.2:3b" at http:\/\/127\.0\.0\.1:\d+ sent a line longer than 8 MB, which no normal answer has; reading stopped\./m],
])("plan against a stream that %s ends with a message, exit 1 and no plan note", async (which, message) => {
  mode = which;
  const run = await plan();
  expect(run.err).toMatch(message);
  expect(run.err).not.toMatch(/isn't reachable/);
  expect(run.code).toBe(1);
  expect((await listFiles(vault)).filter((f) => f.startsWith("AI Stack Plans/"))).toEqual([]);
});

test("--stall-timeout must be a sensible number of seconds", async () => {
  const run = await cli(["plan", "--vault", vault, "--stall-timeout", "soon"], { OLLAMA_HOST: server.url });
  expect(run.code).toBe(2);
  expect(run.err).toMatch(/^--stall-timeout must be a number of seconds from 0\.1 to 3600, not "soon"\./);
});

test("a hung /api/embed ends at the first-byte limit with a message naming the model, not 'unreachable'", async () => {
  const embedder = createEmbedder(server.url, false, fetch, "nomic-embed-text", { firstByteMs: 200 });
  const error = await embedder.embed(["note text"], new AbortController().signal).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error?.message).toBe(`"nomic-embed-text:latest" at ${server.url} sent nothing for 200 ms, not even the start of an answer. Check \`ollama ps\` and the Ollama log, then try again. Indexing is paused.`);
});

test("the user's stop still wins over the limits", async () => {
  mode = "headers-only";
  const { llm } = createLlm(server.url, false, fetch, { stallMs: 60_000 });
  const controller = new AbortController();
  const answerPromise = llm.chat({ model: MODEL.name, messages: [{ role: "user", content: "hi" }], contextTokens: 2048 }, () => undefined, controller.signal);
  // Stop once the request has reached the server (an event, not a fixed wait).
  const before = server.requests.length;
  while (server.requests.length === before) await new Promise((resolve) => setTimeout(resolve, 1));
  controller.abort();
  await expect(answerPromise).rejects.toMatchObject({ kind: "aborted" });
});

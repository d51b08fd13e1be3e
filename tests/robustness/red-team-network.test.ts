/**
 * Red team, network: a process answering on the Ollama port with a redirect must not receive a
 * forwarded request body elsewhere. The "elsewhere" here is another loopback port that logs every
 * byte; a real attacker would point at a remote host. Through the real CLI (index, search, plan)
 * and the plugin's connection check, the second port receives nothing and the message names both
 * addresses.
 */
import { FakeOllama } from "../harness/fake-ollama";
import { AttackServer, redirectTo } from "../harness/attack-server";
import { cli } from "../harness/robust-vault";
import { makeTempVault, removeTempVault } from "../harness/temp-vault";
import { createLlm } from "../../src/adapters/ollama/llm-factory";
import { createEmbedder } from "../../src/adapters/ollama/ollama-embedder";

const SECRET = "REDIRECT-SECRET-NOTE-TEXT";
let logger: FakeOllama;
let redirector: AttackServer;
let vault: string;

beforeAll(async () => {
  logger = await FakeOllama.start();
  redirector = await AttackServer.start(redirectTo(() => logger.url));
});
afterAll(async () => {
  await redirector.close();
  await logger.close();
});
beforeEach(async () => {
  logger.clearRequests();
  vault = await makeTempVault({ "Hardware.md": `# PC\n${SECRET} RTX 4090 with 24 GB.\n` });
});
afterEach(() => removeTempVault(vault));

function expectRefusedRedirect(err: string): void {
  expect(err).toContain(redirector.url);
  expect(err).toContain(logger.url);
  expect(err).toMatch(/redirect/i);
  expect(logger.requests).toHaveLength(0);
}

for (const status of [301, 302, 307, 308]) {
  test(`CLI index: a ${status} redirect from the Ollama port is refused, nothing reaches the other port`, async () => {
    const local = await AttackServer.start(redirectTo(() => logger.url, status));
    try {
      const run = await cli(["index", "--vault", vault, "--quiet"], { OLLAMA_HOST: local.url });
      expect(run.code).toBe(1);
      expect(run.err).toContain(local.url);
      expect(run.err).toContain(logger.url);
      expect(logger.requests).toHaveLength(0);
      expect(local.requests.length).toBeGreaterThan(0);
    } finally {
      await local.close();
    }
  });
}

test("CLI plan: the chat request is not replayed to the redirect target; no draft hides it", async () => {
  const run = await cli(["plan", "--vault", vault, "--hardware", `${SECRET} RTX 4090`, "--no-draft", "--quiet"], { OLLAMA_HOST: redirector.url });
  expect(run.code).toBe(1);
  expectRefusedRedirect(run.err);
});

test("CLI search: the query is not replayed to the redirect target", async () => {
  expect((await cli(["index", "--vault", vault, "--quiet"], { OLLAMA_HOST: logger.url })).code).toBe(0);
  logger.clearRequests();
  const run = await cli(["search", SECRET, "--vault", vault], { OLLAMA_HOST: redirector.url });
  expect(run.code).toBe(1);
  expectRefusedRedirect(run.err);
});

test("every LlmPort endpoint refuses a redirect (tags, version, ps, show, pull, chat) and the embedder's show and embed", async () => {
  const { llm } = createLlm(redirector.url, false, fetch);
  const signal = new AbortController().signal;
  const calls: [string, () => Promise<unknown>][] = [
    ["tags", () => llm.listModels(signal)],
    ["version", () => llm.version(signal)],
    ["ps", () => llm.loadedModels(signal)],
    ["show", () => llm.showModel?.("llama3.2:3b", signal) ?? Promise.reject(new Error("no show"))],
    ["pull", () => llm.pullModel?.("llama3.2:3b", () => undefined, signal) ?? Promise.reject(new Error("no pull"))],
    ["chat", () => llm.chat({ model: "llama3.2:3b", messages: [{ role: "user", content: SECRET }], contextTokens: 2048 }, () => undefined, signal)],
  ];
  const embedder = createEmbedder(redirector.url, false, fetch, "nomic-embed-text");
  calls.push(["embed", () => embedder.embed([SECRET], signal)], ["embed show", () => embedder.describe(signal)]);
  for (const [name, call] of calls) {
    const error = await call().then(
      () => new Error(`${name} succeeded`),
      (e: unknown) => e as Error,
    );
    expect({ name, message: error.message }).toEqual({ name, message: expect.stringContaining(logger.url) as string });
    expect(error.message).toContain(redirector.url);
  }
  expect(logger.requests).toHaveLength(0);
});

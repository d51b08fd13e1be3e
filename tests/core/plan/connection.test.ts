/** probeConnection through the real Ollama adapter against the fake server. */
import { probeConnection } from "../../../src/core/plan/connection";
import { createLlm } from "../../../src/adapters/ollama/llm-factory";
import { FakeOllama, unusedLoopbackPort } from "../../harness/fake-ollama";

let fake: FakeOllama;

beforeAll(async () => {
  fake = await FakeOllama.start({ version: "0.12.7" });
});
afterAll(() => fake.close());

test("reachable: version, installed chat models (no embedding models) and what is loaded", async () => {
  const { llm } = createLlm(fake.url, false, fetch);
  expect(await probeConnection(llm)).toMatchObject({ host: fake.url, reachable: true, version: "0.12.7", loaded: [], chatModels: [{ name: "llama3.2:3b", canChat: true }] });
  await fetch(`${fake.url}/api/chat`, { method: "POST", body: JSON.stringify({ model: "llama3.2:3b", messages: [{ role: "user", content: "hi" }], stream: false }) });
  expect((await probeConnection(llm)).loaded).toEqual(["llama3.2:3b"]);
});

test("unreachable: never throws, says so with the fix", async () => {
  const host = `http://127.0.0.1:${await unusedLoopbackPort()}`;
  const status = await probeConnection(createLlm(host, false, fetch).llm);
  expect(status).toEqual({ host, reachable: false, loaded: [], chatModels: [], error: `Ollama isn't reachable at ${host}. Start it with \`ollama serve\`.` });
});

test("a server error on one endpoint counts as not usable, with Ollama's message", async () => {
  fake.addFault({ path: "/api/ps", fault: { kind: "server-error", message: "boom" }, times: 1 });
  const status = await probeConnection(createLlm(fake.url, false, fetch).llm);
  expect(status).toMatchObject({ reachable: false, error: "Ollama reported an error: boom (HTTP 500)" });
});

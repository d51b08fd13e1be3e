/**
 * Red team, an answer that never ends: the fake Ollama keeps streaming parts (with text, or empty)
 * and never sends `done`, so the stall limit never fires. The answer-size limit ends it with a
 * message naming the host and the model and what to try, closes the request, and writes nothing
 * unless the user keeps stopped plans. The limit is lowered through the adapter's injectable
 * limits, so the test streams a few thousand characters, not a million.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { FolderVaultPort } from "../../src/adapters/node/folder-vault";
import { createLlm } from "../../src/adapters/ollama/llm-factory";
import { PartialPlanSaved, generatePlan, type PlanInput } from "../../src/core/plan/generate-plan";
import { userMessage } from "../../src/core/shared/errors";
import { FakeOllama } from "../harness/fake-ollama";
import { listFiles, makeTempVault, removeTempVault } from "../harness/temp-vault";

const input: PlanInput = { tier: "pro", language: "en", hardware: "RTX 4090/24GB", usage: "notes", model: "", contextTokens: 8192, plansFolder: "AI Stack Plans", keepPartial: false };
const LIMIT = 2000;

let fake: FakeOllama;
let vaultDir: string;

beforeAll(async () => {
  fake = await FakeOllama.start({ reply: "## Compute\n- Ollama with llama3.2:3b\n## Memory\n- Qdrant and a long list of things to add\n" });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearFaults();
  fake.clearRequests();
  vaultDir = await makeTempVault({ "Existing.md": "# keep me\n" });
});
afterEach(() => removeTempVault(vaultDir));

function deps() {
  let t = 0;
  return {
    llm: createLlm(fake.url, false, fetch, { maxAnswerChars: LIMIT }).llm,
    vault: new FolderVaultPort(vaultDir),
    now: () => new Date(2026, 10, 25, 10, 0),
    monotonicMs: () => (t += 1500),
  };
}

const MESSAGE = (host: string) =>
  `"llama3.2:3b" at ${host} kept answering past 2,000 characters without finishing, far longer than any plan; reading stopped. Try again, or try another model; if it happens again, check what is answering at ${host}. Nothing was saved.`;

test.each([
  ["parts with text", false],
  ["empty parts", true],
])("an answer of %s that never sends done ends with a message, closes the request and writes nothing", async (_name, empty) => {
  fake.addFault({ path: "/api/chat", fault: { kind: "endless-stream", afterChunks: 3, empty } });
  const error = await generatePlan(deps(), input, new AbortController().signal).catch((e: unknown) => e);
  expect(userMessage(error)).toBe(MESSAGE(fake.url));
  expect(userMessage(error, { surface: "cli" })).toBe(MESSAGE(fake.url));
  expect(await fake.waitForClientAbort("/api/chat")).toMatchObject({ path: "/api/chat", abortedByClient: true });
  expect(await listFiles(vaultDir)).toEqual(["Existing.md"]);
});

test("with Keep stopped plans, what arrived before the limit is saved, marked partial, and no more", async () => {
  fake.addFault({ path: "/api/chat", fault: { kind: "endless-stream", afterChunks: 3 } });
  const error = await generatePlan(deps(), { ...input, keepPartial: true }, new AbortController().signal).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PartialPlanSaved);
  const saved = (error as PartialPlanSaved).partialPath;
  expect((error as Error).message).toContain(`kept answering past 2,000 characters without finishing`);
  expect((error as Error).message).toContain(`The partial plan was saved to "${saved}".`);
  const note = await fs.readFile(path.join(vaultDir, saved), "utf8");
  expect(note).toContain("status: partial");
  expect(note).toContain("## Compute");
  const body = note.slice(note.indexOf("## Compute"));
  expect(body.length).toBeGreaterThan(LIMIT / 2);
  expect(body.length).toBeLessThan(LIMIT + 1000);
});

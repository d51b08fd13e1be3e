/**
 * streamPlan through an in-memory LlmPort (tests/harness/memory-ports.ts): the core's model
 * choice, prompt and stop handling without HTTP. generate-plan.test.ts runs the same calls
 * against the fake Ollama server and a temp folder.
 */
import { InterruptedPlan, streamPlan, type PlanInput } from "../../../src/core/plan/generate-plan";
import { ScriptedLlm } from "../../harness/memory-ports";

const input: PlanInput = {
  tier: "pro",
  language: "en",
  hardware: "PC, RTX 4090 24GB VRAM, 64GB RAM",
  usage: "finance, notes",
  model: "",
  contextTokens: 8192,
  plansFolder: "AI Stack Plans",
  keepPartial: false,
};
const REPLY = "## Compute\n- Ollama with qwen2.5:14b\n## Memory\n- A local vector index\n";

function deps(llm: ScriptedLlm) {
  let t = 0;
  return { llm, now: () => new Date(2026, 10, 25, 10, 0), monotonicMs: () => (t += 1500) };
}

test("picks the first chat model, sends the blueprint with the computed hardware facts, returns the answer", async () => {
  const llm = new ScriptedLlm({
    models: [
      { name: "nomic-embed-text:latest", canChat: false },
      { name: "qwen2.5:14b", family: "qwen2", parameterSize: "14.8B", quantization: "Q4_K_M", canChat: true },
    ],
    reply: REPLY,
  });
  const plan = await streamPlan(deps(llm), input, new AbortController().signal);
  expect(plan).toMatchObject({ tier: "pro", model: "qwen2.5:14b", partial: false, answer: REPLY });
  expect(llm.requests).toHaveLength(1);
  expect(llm.requests[0]).toMatchObject({ model: "qwen2.5:14b", contextTokens: 8192 });
  const prompt = llm.requests[0].messages.map((m) => m.content).join("\n");
  expect(prompt).toContain("PC, RTX 4090 24GB VRAM, 64GB RAM");
  expect(prompt).toContain("Hardware facts (computed)");
});

test("a stop mid-stream throws InterruptedPlan carrying exactly the words that arrived", async () => {
  const llm = new ScriptedLlm({ reply: REPLY });
  const controller = new AbortController();
  let chunks = 0;
  const error = await streamPlan(deps(llm), input, controller.signal, { onChunk: () => ++chunks === 3 && controller.abort() }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InterruptedPlan);
  const interrupted = error as InterruptedPlan;
  expect(interrupted.kind).toBe("aborted");
  expect(interrupted.partial).toMatchObject({ partial: true, answer: "## Compute\n- " });
});

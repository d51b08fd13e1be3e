import { buildWorkflow, type WorkflowInput } from "../../../../src/core/plan/workflow/build-workflow";
import { mainUseOf } from "../../../../src/core/plan/workflow/main-use";
import type { N8nNode, N8nWorkflow } from "../../../../src/core/plan/workflow/n8n-json";
import { workflowOllamaUrl } from "../../../../src/core/plan/workflow/runtime";
import { N8N_CHECKED_VERSION } from "../../../../src/core/plan/workflow/action-section";
import nodeList from "../../../fixtures/n8n-nodes.json";
import { prepareN8nSchemas, removeN8nSchemas, sdkValidate, structuralProblems } from "../../../harness/n8n-validation";

beforeAll(prepareN8nSchemas);
afterAll(removeN8nSchemas);

const KINDS = ["email", "notes", "finance", "code"] as const;
// Models the fit check recommends on a laptop, a gaming PC and a CPU-only box.
const MODELS = ["llama3.2:3b", "qwen2.5:14b", "qwen3:30b-a3b", "gemma3:4b"];
const HOSTS = ["http://127.0.0.1:11434", "localhost:11500", "http://192.168.1.20:11434"];

const cases: WorkflowInput[] = KINDS.flatMap((kind) =>
  (["en", "zh"] as const).flatMap((language) =>
    (["docker", "bare"] as const).flatMap((runtime) =>
      MODELS.map((model, i) => ({ kind, language, runtime, model, ollamaHost: HOSTS[i % HOSTS.length], ...(runtime === "bare" ? { vaultPath: "/home/me/Notes" } : {}) })),
    ),
  ),
);

function clone(workflow: N8nWorkflow): N8nWorkflow {
  return JSON.parse(JSON.stringify(workflow)) as N8nWorkflow;
}

function node(workflow: N8nWorkflow, name: string): N8nNode {
  const found = workflow.nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no node ${name}`);
  return found;
}

describe("every workflow the plugin can generate", () => {
  test.each(cases.map((c) => [`${c.kind} ${c.language} ${c.runtime} ${c.model} ${c.ollamaHost}`, c] as const))("%s is valid for n8n", (_label, input) => {
    const workflow = buildWorkflow(input);
    const result = sdkValidate(workflow);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => `${w.code}: ${w.message}`)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(structuralProblems(workflow)).toEqual([]);
    // Survives the trip through a file unchanged.
    expect(JSON.parse(JSON.stringify(workflow))).toEqual(workflow);
    const assignments = (node(workflow, "Settings").parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }).assignments;
    expect(assignments.find((a) => a.name === "model")?.value).toBe(input.model);
  });

  test("the n8n release the setup pins is the one whose node lists the fixtures hold", () => {
    const minor = (version: string) => version.split(".").slice(0, 2).join(".");
    expect(minor(N8N_CHECKED_VERSION)).toBe(minor(nodeList.readFrom["n8n-nodes-base"]));
  });

  test("the same input gives the same JSON", () => {
    expect(JSON.stringify(buildWorkflow(cases[0]))).toBe(JSON.stringify(buildWorkflow({ ...cases[0] })));
  });
});

describe("the checks catch what n8n would refuse", () => {
  const good = buildWorkflow({ kind: "notes", language: "en", runtime: "docker", model: "llama3.2:3b", ollamaHost: "http://127.0.0.1:11434" });

  test("a typeVersion n8n does not have", () => {
    const bad = clone(good);
    node(bad, "Read notes").typeVersion = 1.7;
    expect(structuralProblems(bad)).toContain("Read notes: n8n-nodes-base.readWriteFile has no typeVersion 1.7");
    expect(sdkValidate(bad).warnings.map((w) => w.code)).toContain("UNKNOWN_NODE_VERSION");
  });

  test("a node n8n 2.x disables by default", () => {
    const bad = clone(good);
    Object.assign(node(bad, "Every morning"), { type: "n8n-nodes-base.localFileTrigger", typeVersion: 1, parameters: {} });
    expect(structuralProblems(bad)).toContain("Every morning: n8n-nodes-base.localFileTrigger is disabled by default in n8n 2.x");
  });

  test("a connection to a node that is not there, and a node nothing reaches", () => {
    const bad = clone(good);
    bad.connections["Read notes"].main[0][0].node = "Read notez";
    const problems = structuralProblems(bad);
    expect(problems).toContain('connection to a missing node "Read notez"');
    expect(problems).toContain("Extract note text is not reached from the trigger");
  });

  test("a parameter or option the node does not have, and a wrong value", () => {
    const bad = clone(good);
    node(bad, "Write the digest note").parameters.options = { apend: true };
    node(bad, "Ask the local model").parameters.methd = "POST";
    node(bad, "Ask the local model").parameters.method = "SEND";
    expect(structuralProblems(bad)).toEqual(expect.arrayContaining(['Write the digest note: unknown "options.apend"', 'Ask the local model: unknown parameter "methd"']));
    expect(sdkValidate(bad).warnings.map((w) => w.code)).toContain("INVALID_PARAMETER");
  });

  test("an expression naming a missing node or setting", () => {
    const bad = clone(good);
    node(bad, "Digest note").parameters.jsCode = "const s = $('Settingz').first().json; return [{ json: { a: $('Settings').first().json.nope } }];";
    expect(structuralProblems(bad)).toEqual(expect.arrayContaining(['Digest note: refers to a missing node "Settingz"', 'Digest note: reads a setting "nope" that Settings does not set']));
  });

  test("no trigger", () => {
    const bad = clone(good);
    bad.nodes = bad.nodes.filter((n) => n.name !== "Every morning");
    delete bad.connections["Every morning"];
    expect(structuralProblems(bad)).toContain("0 triggers");
  });
});

describe("the Ollama URL n8n can reach", () => {
  test.each([
    ["http://127.0.0.1:11434", "docker", "http://host.docker.internal:11434"],
    ["http://127.0.0.1:11434", "bare", "http://127.0.0.1:11434"],
    ["localhost:11500", "docker", "http://host.docker.internal:11500"],
    ["http://[::1]:11434", "bare", "http://127.0.0.1:11434"],
    ["http://192.168.1.20:11434", "docker", "http://192.168.1.20:11434"],
    ["https://ollama.example.lan", "bare", "https://ollama.example.lan"],
    ["not a url ::", "docker", "http://host.docker.internal:11434"],
  ] as const)("%s (%s) → %s", (host, runtime, expected) => {
    expect(workflowOllamaUrl(host, runtime)).toBe(expected);
  });

  test("the workflow uses it, and never a LAN address the user did not configure", () => {
    for (const kind of KINDS) {
      const text = JSON.stringify(buildWorkflow({ kind, language: "en", runtime: "docker", model: "llama3.2:3b", ollamaHost: "http://127.0.0.1:11434" }));
      expect(text).toContain('"value":"http://host.docker.internal:11434"');
      expect(text).not.toMatch(/\b(?:192\.168|10\.\d+|172\.(?:1[6-9]|2\d|3[01]))\.\d+\.\d+/);
    }
  });
});

describe("the main use, from what the user wrote", () => {
  test.each([
    ["processing confidential company financial data, organising a personal knowledge base, automating email replies", "finance"],
    ["automating email replies, personal knowledge base", "email"],
    ["personal knowledge base", "notes"],
    ["code review for my side projects", "code"],
    ["处理公司机密财务数据、整理个人知识库、自动化邮件回复", "finance"],
    ["自动回复邮件和整理笔记", "email"],
    ["整理個人知識庫", "notes"],
    ["写代码", "code"],
    ["gaming", "notes"],
    ["", "notes"],
  ] as const)("%s → %s", (usage, kind) => {
    expect(mainUseOf(usage).kind).toBe(kind);
  });
});

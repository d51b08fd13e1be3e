/** Model-written plans get the workflow too: the model the plan recommends (fit-checked), beside the note. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { checkPlanFit } from "../../../../src/core/hardware/fit-check";
import { computeFitTable } from "../../../../src/core/hardware/fit-table";
import { parseHardwareText } from "../../../../src/core/hardware/parse-text";
import { writePlanFiles } from "../../../../src/core/plan/generate-plan";
import type { PlanRecord } from "../../../../src/core/plan/plan-note";
import type { N8nWorkflow } from "../../../../src/core/plan/workflow/n8n-json";
import { recommendedChatModel } from "../../../../src/core/plan/workflow/plan-workflow";
import { FolderVaultPort } from "../../../../src/adapters/node/folder-vault";
import { prepareN8nSchemas, removeN8nSchemas, sdkValidate, structuralProblems } from "../../../harness/n8n-validation";
import { listFiles, makeTempVault, removeTempVault } from "../../../harness/temp-vault";

const table = computeFitTable(parseHardwareText("Laptop, RTX 3060 12GB, 32GB RAM"));

function plan(answer: string, fields: Partial<PlanRecord> = {}): PlanRecord {
  return {
    tier: "pro",
    model: "llama3.2:3b",
    hardware: "Laptop, RTX 3060 12GB, 32GB RAM",
    usage: "自动回复邮件, notes",
    language: "zh",
    created: new Date(2026, 11, 2, 9, 30),
    generationSeconds: 1,
    promptTokens: 1,
    answerTokens: 1,
    tokensPerSecond: 10,
    answer,
    partial: false,
    fitTable: table,
    fitCheck: checkPlanFit(answer, table, "zh"),
    ...fields,
  };
}

describe("the chat model in the workflow", () => {
  test("the first model the plan recommends that runs here", () => {
    expect(recommendedChatModel(plan("用 nomic-embed-text 建索引，主模型用 qwen2.5:7b，推理用 deepseek-r1:8b。"))).toBe("qwen2.5:7b");
  });
  test("a recommended model that cannot run is replaced by the one the fit check suggests", () => {
    const tag = recommendedChatModel(plan("Run Llama 3.1 70B for everything."));
    expect(tag).not.toBe("llama3.1:70b");
    expect(table.rows.find((row) => row.tag === tag)?.fit.verdict).toBe("fits-vram");
  });
  test("a plan that names no model: the largest that runs well here; nothing known: the model that wrote it", () => {
    const tag = recommendedChatModel(plan("Use a local model."));
    expect(table.rows.find((row) => row.tag === tag)?.fit.verdict).toBe("fits-vram");
    expect(recommendedChatModel({ model: "writer:1b" })).toBe("writer:1b");
  });
});

describe("writePlanFiles", () => {
  let vault: string;
  beforeAll(prepareN8nSchemas);
  afterAll(removeN8nSchemas);
  beforeEach(async () => {
    vault = await makeTempVault({});
  });
  afterEach(() => removeTempVault(vault));

  test("writes the note and its workflow beside it; the note links and shows it; the file is valid for n8n", async () => {
    const written = await writePlanFiles(new FolderVaultPort(vault), "AI Stack Plans", plan("主模型用 qwen2.5:7b。"), { ollamaHost: "http://localhost:11500", runtime: "docker", vaultPath: vault, timeZone: "Asia/Shanghai" });
    expect(written.workflowPath).toBe(written.path.replace(/\.md$/, ".n8n.json"));
    expect(await listFiles(vault)).toEqual([written.path, written.workflowPath].sort());
    const note = await fs.readFile(path.join(vault, written.path), "utf8");
    const json = await fs.readFile(path.join(vault, written.workflowPath ?? ""), "utf8");
    const workflow = JSON.parse(json) as N8nWorkflow;
    expect(workflow.name).toBe("AI Stack Planner: 邮件摘要 (qwen2.5:7b)");
    expect(json).toContain('"value": "http://host.docker.internal:11500"');
    expect(sdkValidate(workflow).warnings).toEqual([]);
    expect(structuralProblems(workflow)).toEqual([]);
    // After the answer: the section with the link, the same JSON in a callout, and the safe setup.
    expect(note.indexOf("主模型用 qwen2.5:7b。")).toBeLessThan(note.indexOf("## n8n 工作流：自动回复邮件"));
    expect(note).toContain(`[[${written.workflowPath}|${path.basename(written.workflowPath ?? "")}]]`);
    expect(note).toContain(json.trimEnd().split("\n").map((line) => `> ${line}`).join("\n"));
    expect(note).toContain('      - "127.0.0.1:5678:5678"');
    expect(note).toContain(`      - "${vault}:/vault:ro"`);
    expect(note).toContain("      - GENERIC_TIMEZONE=Asia/Shanghai");
  });

  test("a partial plan is written alone", async () => {
    const written = await writePlanFiles(new FolderVaultPort(vault), "AI Stack Plans", plan("## 计算", { partial: true, fitCheck: undefined }));
    expect(written.workflowPath).toBeUndefined();
    expect(await listFiles(vault)).toEqual([written.path]);
  });

  test("a workflow file that can't be written leaves the note, which still holds the JSON", async () => {
    const port = new FolderVaultPort(vault);
    const create = port.createNote.bind(port);
    port.createNote = (p: string, content: string) => (p.endsWith(".n8n.json") ? Promise.reject(new Error("EACCES")) : create(p, content));
    const written = await writePlanFiles(port, "AI Stack Plans", plan("主模型用 qwen2.5:7b。"));
    expect(written.workflowPath).toBeUndefined();
    expect(await listFiles(vault)).toEqual([written.path]);
    expect(await fs.readFile(path.join(vault, written.path), "utf8")).toContain('> {\n>   "name": "AI Stack Planner: 邮件摘要 (qwen2.5:7b)",');
  });
});

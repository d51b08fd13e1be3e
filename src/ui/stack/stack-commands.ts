/**
 * The plugin's side of the action layer: "Check my stack" (the checks of core/plan/stack, the
 * Stack status section written into the plan note in place) and "Copy n8n workflow". Thin: the
 * logic is in the core; this file finds the plan note and wires the probes.
 */
import { Notice, TFile, type Plugin } from "obsidian";
import { checkStack, planFacts, workflowInNote, type IndexProbeResult, type StackProbes } from "../../core/plan/stack/check-stack";
import { checkN8nUrl } from "../../core/plan/stack/n8n-url";
import { renderStackStatus, upsertStackStatus } from "../../core/plan/stack/stack-status";
import type { PlanRecord } from "../../core/plan/plan-note";
import { planWorkflow, recommendedChatModel, WORKFLOW_FILE_EXTENSION } from "../../core/plan/workflow/plan-workflow";
import { pluginActionContext } from "../shared/action-context";
import { N8nClient } from "../../adapters/n8n/n8n-client";
import type { PluginContext } from "../shared/plugin-context";

/** Where the n8n API key is kept: this device's local storage, never data.json (which syncs). */
export const N8N_API_KEY_STORAGE = "ai-stack-planner-n8n-api-key";

/** The active note when it is a plan, else the newest plan note in the plans folder. */
export async function currentPlanFile(ctx: PluginContext): Promise<TFile | null> {
  const isPlan = async (file: TFile) => /^---\n[\s\S]*?^type: ai-stack-plan$/m.test(await ctx.app.vault.cachedRead(file));
  const active = ctx.app.workspace.getActiveFile();
  if (active && active.extension === "md" && (await isPlan(active))) return active;
  const folder = `${ctx.settings().plansFolder}/`;
  const plans = ctx.app.vault.getMarkdownFiles().filter((f) => f.path.startsWith(folder)).sort((a, b) => b.path.localeCompare(a.path));
  for (const file of plans) if (await isPlan(file)) return file;
  return null;
}

function indexProbe(ctx: PluginContext): IndexProbeResult {
  const status = ctx.index.status;
  if (!status || status.notes === 0) return { state: "none" };
  return { state: "ready", notes: status.notes, upToDate: status.state === "idle", pending: status.message ?? status.state };
}

/** Runs the checks for `file` and writes its Stack status section; returns how many passed. */
export async function checkPlanStack(ctx: PluginContext, file: TFile): Promise<{ passed: number; total: number }> {
  const settings = ctx.settings();
  const note = await ctx.app.vault.read(file);
  const n8n = checkN8nUrl(settings.n8nUrl);
  const apiKey = ctx.app.loadLocalStorage(N8N_API_KEY_STORAGE) as unknown;
  const client = "baseUrl" in n8n ? new N8nClient(n8n.baseUrl, ctx.fetch, typeof apiKey === "string" && apiKey !== "" ? apiKey : undefined) : null;
  const refusedN8n = "error" in n8n ? n8n.error : "";
  const probes: StackProbes = {
    // Probing sends no text: the host's warnings are for requests that carry notes.
    ollamaVersion: (signal) => ctx.llm(settings, "probe").version(signal),
    installedModels: (signal) => ctx.llm(settings, "probe").listModels(signal),
    vaultIndex: () => Promise.resolve(indexProbe(ctx)),
    n8nHealth: (signal) => (client ? client.health(signal) : Promise.resolve({ ok: false, reason: "down", detail: refusedN8n })),
    n8nWorkflowNames: (signal) => (client ? client.workflowNames(signal) : Promise.resolve(null)),
  };
  const findings = await checkStack({ note, ollamaHost: settings.ollamaHost, embeddingModel: settings.embeddingModel, n8nUrl: "baseUrl" in n8n ? n8n.baseUrl : settings.n8nUrl, surface: "plugin" }, probes);
  const section = renderStackStatus(findings, planFacts(note).language, new Date());
  // process() applies the change to the note as it is now: what the user typed meanwhile is kept.
  await ctx.app.vault.process(file, (text) => upsertStackStatus(text, section));
  return { passed: findings.filter((f) => f.ok).length, total: findings.length };
}

/** The plan's workflow JSON: the file beside the note, else the copy shown in the note. */
export async function planWorkflowJson(ctx: PluginContext, file: TFile): Promise<string | null> {
  const beside = ctx.app.vault.getAbstractFileByPath(file.path.replace(/\.md$/, WORKFLOW_FILE_EXTENSION));
  if (beside instanceof TFile) return ctx.app.vault.read(beside);
  const workflow = workflowInNote(await ctx.app.vault.read(file));
  return workflow ? `${JSON.stringify(workflow, null, 2)}\n` : null;
}

/** Runs "Check my stack" on the current plan with notices. */
export async function runCheckCommand(ctx: PluginContext): Promise<void> {
  const file = await currentPlanFile(ctx);
  if (!file) {
    new Notice("No plan note to check: open one, or generate a plan first.");
    return;
  }
  const { passed, total } = await checkPlanStack(ctx, file);
  new Notice(`Stack status of ${file.basename}: ${passed} of ${total} checks pass. The checklist is in the note.`);
}

/** Copies the current plan's n8n workflow, ready to paste onto the n8n canvas. */
export async function copyWorkflowCommand(ctx: PluginContext): Promise<void> {
  const file = await currentPlanFile(ctx);
  const json = file ? await planWorkflowJson(ctx, file) : null;
  if (!file || json === null) {
    new Notice("No n8n workflow to copy: open a plan note written by this plugin.");
    return;
  }
  await navigator.clipboard.writeText(json);
  new Notice(`Copied the n8n workflow of ${file.basename}: paste it onto the n8n canvas.`);
}

/** The panel's "Copy n8n workflow": the workflow of the plan shown, saved or not. */
export async function copyPlanWorkflow(ctx: PluginContext, plan: PlanRecord): Promise<void> {
  const planned = planWorkflow(plan, recommendedChatModel(plan), pluginActionContext(ctx.app, ctx.settings()));
  await navigator.clipboard.writeText(planned.json);
  new Notice("Copied the n8n workflow: paste it onto the n8n canvas.");
}

/** The panel's "Check my stack": the plan saved from the panel, else the open or newest plan note. */
export async function checkFromPanel(ctx: PluginContext, savedPath: string | null): Promise<void> {
  const saved = savedPath ? ctx.app.vault.getAbstractFileByPath(savedPath) : null;
  if (!(saved instanceof TFile)) return runCheckCommand(ctx);
  const { passed, total } = await checkPlanStack(ctx, saved);
  new Notice(`Stack status of ${saved.basename}: ${passed} of ${total} checks pass. The checklist is in the note.`);
}

/** Registers "Check my stack" and "Copy n8n workflow". */
export function registerStackCommands(plugin: Plugin, ctx: PluginContext): void {
  plugin.addCommand({ id: "check-my-stack", name: "Check my stack", callback: () => void runCheckCommand(ctx) });
  plugin.addCommand({ id: "copy-n8n-workflow", name: "Copy n8n workflow", callback: () => void copyWorkflowCommand(ctx) });
}

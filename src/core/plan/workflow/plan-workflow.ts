/**
 * A plan's workflow: which use, which model (the plan's fit-checked recommendation), and the note
 * section and file that carry it. Used by model-written plans and the offline draft alike.
 */
import type { FitCheck } from "../../hardware/fit-check";
import type { FitTable } from "../../hardware/fit-table";
import { catalogByTag } from "../../hardware/catalog";
import type { PromptLanguage } from "../../shared/language";
import { renderActionSection } from "./action-section";
import { buildWorkflow } from "./build-workflow";
import { mainUseOf, type WorkflowKind } from "./main-use";
import type { N8nWorkflow } from "./n8n-json";
import type { N8nRuntime } from "./runtime";

/** Where the workflow will run, as far as the plugin or the CLI knows it. */
export interface ActionContext {
  /** The user's Ollama host setting. */
  ollamaHost: string;
  runtime: N8nRuntime;
  /** The vault's path on disk (desktop, CLI). */
  vaultPath?: string;
  /** The user's time zone (IANA), for the schedules. */
  timeZone?: string;
}

/** What a plan knows without settings: n8n in the documented Docker setup, Ollama on its default port. */
export const DEFAULT_ACTION_CONTEXT: ActionContext = { ollamaHost: "http://127.0.0.1:11434", runtime: "docker" };

/** The extension of the workflow file written beside a plan note. */
export const WORKFLOW_FILE_EXTENSION = ".n8n.json";

/** A plan's workflow and where it came from. */
export interface PlanWorkflow {
  kind: WorkflowKind;
  mainUse: string;
  model: string;
  workflow: N8nWorkflow;
  /** The file's content: the workflow as n8n exports it. */
  json: string;
}

function runsWell(verdict: string): boolean {
  return verdict === "fits-vram" || verdict === "cpu-only";
}

/**
 * The chat model a model-written plan recommends and the fit check found runnable; else the model
 * it suggested instead of one that cannot run; else the largest that runs well in the fit table;
 * else the model that wrote the plan (installed, so it runs).
 */
export function recommendedChatModel(plan: { model: string; fitCheck?: FitCheck; fitTable?: FitTable }): string {
  const findings = (plan.fitCheck?.findings ?? []).filter((f) => !f.discouraged && catalogByTag(f.tag)?.kind !== "embedding");
  const runnable = findings.find((f) => runsWell(f.fit.verdict));
  if (runnable) return runnable.tag;
  const suggested = findings.find((f) => f.suggestion)?.suggestion;
  if (suggested) return suggested.tag;
  const fromTable = (plan.fitTable?.rows ?? []).filter((row) => row.kind === "chat" && runsWell(row.fit.verdict)).sort((a, b) => (b.fit.needGb ?? 0) - (a.fit.needGb ?? 0))[0];
  return fromTable?.tag ?? plan.model;
}

/** The workflow for a plan's main use with `model`. */
export function planWorkflow(request: { usage: string; language: PromptLanguage }, model: string, context: ActionContext): PlanWorkflow {
  const { kind, workflowUse: mainUse } = mainUseOf(request.usage);
  const workflow = buildWorkflow({ kind, language: request.language, model, ollamaHost: context.ollamaHost, runtime: context.runtime, ...(context.vaultPath ? { vaultPath: context.vaultPath } : {}) });
  return { kind, mainUse, model, workflow, json: `${JSON.stringify(workflow, null, 2)}\n` };
}

/** The note section for `planned`, linking the file at `workflowPath` when it was written. */
export function planActionSection(planned: PlanWorkflow, language: PromptLanguage, context: ActionContext, workflowPath: string | undefined, level = 2): string {
  return renderActionSection({
    language,
    kind: planned.kind,
    mainUse: planned.mainUse,
    workflow: planned.workflow,
    runtime: context.runtime,
    level,
    ...(workflowPath ? { workflowPath } : {}),
    ...(context.vaultPath ? { vaultPath: context.vaultPath } : {}),
    ...(context.timeZone ? { timeZone: context.timeZone } : {}),
  });
}

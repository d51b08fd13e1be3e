/**
 * `check --vault <dir> [--plan <note>]`: "Check my stack" for a folder vault. Checks the plan's
 * layers live, writes the "Stack status" section into the plan note (nothing else in it changes)
 * and prints it. Exit 0 when every box is ticked, 1 otherwise.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { checkStack, type IndexProbeResult, type StackProbes } from "../core/plan/stack/check-stack";
import { checkN8nUrl } from "../core/plan/stack/n8n-url";
import { renderStackStatus, upsertStackStatus } from "../core/plan/stack/stack-status";
import { planFacts } from "../core/plan/stack/check-stack";
import { userMessage } from "../core/shared/errors";
import type { PlannerSettings } from "../core/shared/settings";
import { N8nClient } from "../adapters/n8n/n8n-client";
import { createLlm } from "../adapters/ollama/llm-factory";
import { cliContext, hasIndex, openFolderIndex, type IndexCliIo } from "./index-commands";

/** What the check is told beyond settings. */
export interface CheckOptions {
  /** The plan note, vault-relative or absolute; absent: the newest plan in the plans folder. */
  plan?: string;
  n8nUrl?: string;
  n8nApiKey?: string;
  now?: () => Date;
}

/** The newest plan note (file names start with their date) in the plans folder, or null. */
async function newestPlan(vaultDir: string, folder: string): Promise<string | null> {
  const dir = path.join(vaultDir, folder);
  const names = (await fs.readdir(dir).catch((): string[] => [])).filter((name) => name.endsWith(".md")).sort().reverse();
  for (const name of names) {
    const text = await fs.readFile(path.join(dir, name), "utf8").catch(() => "");
    if (/^---\n[\s\S]*?^type: ai-stack-plan$/m.test(text)) return path.join(dir, name);
  }
  return null;
}

async function indexProbe(vaultDir: string, settings: PlannerSettings): Promise<IndexProbeResult> {
  if (!(await hasIndex(vaultDir, settings))) return { state: "none" };
  const indexer = openFolderIndex(vaultDir, settings);
  try {
    const p = await indexer.preview();
    const pending = p.rebuild ?? `${p.toWrite} notes to write, ${p.toRemove} to remove`;
    return { state: "ready", notes: p.notes, upToDate: p.upToDate, pending };
  } finally {
    await indexer.close();
  }
}

/** Runs the check; returns the exit code. */
export async function runCheck(vaultDir: string, settings: PlannerSettings, options: CheckOptions, io: IndexCliIo): Promise<number> {
  const notePath = options.plan ? path.resolve(vaultDir, options.plan) : await newestPlan(vaultDir, settings.plansFolder);
  if (!notePath) {
    io.err(`No plan note in ${path.join(vaultDir, settings.plansFolder)}. Write one first (npm run cli -- plan --vault "${vaultDir}"), or pass --plan <note>.\n`);
    return 1;
  }
  const note = await fs.readFile(notePath, "utf8").catch(() => null);
  if (note === null) {
    io.err(`Can't read the plan note ${notePath}.\n`);
    return 1;
  }
  const n8n = checkN8nUrl(options.n8nUrl ?? settings.n8nUrl);
  if ("error" in n8n) {
    io.err(`${n8n.error}\n`);
    return 1;
  }
  const context = cliContext(vaultDir);
  // The Ollama host goes through the same privacy guard as plans; a refused host is a failed check.
  let llm: ReturnType<typeof createLlm>["llm"] | null = null;
  let refused = "";
  try {
    llm = createLlm(settings.ollamaHost, settings.allowRemoteHost, fetch).llm;
  } catch (error) {
    refused = userMessage(error, context);
  }
  const client = new N8nClient(n8n.baseUrl, fetch, options.n8nApiKey);
  const probes: StackProbes = {
    ollamaVersion: (signal) => (llm ? llm.version(signal) : Promise.reject(new Error(refused))),
    installedModels: (signal) => (llm ? llm.listModels(signal) : Promise.reject(new Error(refused))),
    vaultIndex: () => indexProbe(vaultDir, settings),
    n8nHealth: (signal) => client.health(signal),
    n8nWorkflowNames: (signal) => client.workflowNames(signal),
  };
  const findings = await checkStack({ note, ollamaHost: llm?.hostLabel ?? settings.ollamaHost, embeddingModel: settings.embeddingModel, n8nUrl: n8n.baseUrl, surface: "cli", vaultDir }, probes, io.signal);
  const section = renderStackStatus(findings, planFacts(note).language, (options.now ?? (() => new Date()))());
  // Read again just before writing: an edit made while the checks ran is kept.
  const current = await fs.readFile(notePath, "utf8");
  await fs.writeFile(notePath, upsertStackStatus(current, section));
  io.out(`${section}\n`);
  io.err(`Updated the Stack status section of ${notePath}\n`);
  return findings.every((f) => f.ok) ? 0 : 1;
}

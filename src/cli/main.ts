/**
 * Headless runner over the same core as the plugin: plan notes for a plain folder vault.
 *   npm run cli -- plan --vault <dir> --tier pro --hardware "..." --usage "..."
 *   npm run cli -- prompt --tier basic --hardware "..."      (prints the prompt, sends nothing)
 *   npm run demo                                             (plan on examples/vault)
 *   npm run cli -- draft --vault <dir>                       (offline draft plan, no Ollama needed)
 * When Ollama isn't reachable (or has no chat model), `plan` and `demo` write the offline draft
 * instead and exit 0; `--no-draft` makes that an error (exit 1) again.
 *   npm run cli -- index --vault <dir>                        (build or update the vault index)
 *   npm run cli -- search "<query>" --vault <dir>             (closest notes from the index)
 *   npm run cli -- status --vault <dir>                       (what the index holds, what is pending)
 *   npm run cli -- check --vault <dir> [--plan <note>]        (Check my stack: writes the plan's Stack status)
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PlannerError, userMessage } from "../core/shared/errors";
import { generatePlan, PartialPlanSaved, planInputFromSettings } from "../core/plan/generate-plan";
import { readVaultFacts } from "../core/plan/vault-facts";
import { FolderNoteSource } from "./folder-note-source";
import { writeOfflineDraftFiles } from "../core/plan/offline-plan";
import type { ActionContext } from "../core/plan/workflow/plan-workflow";
import { hardwareFactsFor } from "../core/hardware/fit-check";
import { profileFor } from "../core/hardware/stored-profile";
import { buildPlanPrompt } from "../core/plan/prompts";
import { exclusionListProblem, migrateSettings, type PlannerSettings } from "../core/shared/settings";
import { resolveLanguage, type Tier } from "../core/shared/language";
import { checkOllamaHost } from "../core/shared/host-policy";
import { FolderVaultPort } from "../adapters/node/folder-vault";
import { createLlm, streamLimitsFrom } from "../adapters/ollama/llm-factory";
import { cliContext, openNotesForPlan, runIndex, runSearch, runStatus } from "./index-commands";
import { runCheck } from "./check-command";
import type { MessageContext } from "../core/shared/user-actions";
import { configDirOf, invalidSettingsMessage, readExcludedFiles, readVaultSettings } from "./vault-settings";
import { keepUnsavedNote } from "./unsaved-note";
import { NoteNotSaved } from "../core/plan/note-writer";

const USAGE = `Usage:
  ai-stack-planner plan --vault <dir> [--tier basic|pro] [--hardware "..."] [--usage "..."]
                        [--model <name>] [--lang en|zh] [--host <url>] [--allow-remote] [--keep-partial] [--quiet]
                        [--no-draft]
  ai-stack-planner draft --vault <dir> [--tier basic|pro] [--hardware "..."] [--usage "..."] [--lang en|zh]
  ai-stack-planner prompt [--tier basic|pro] [--hardware "..."] [--usage "..."] [--lang en|zh]
  ai-stack-planner demo
  ai-stack-planner index --vault <dir> [--rebuild] [--embed-model <name>] [--host <url>] [--allow-remote] [--quiet]
  ai-stack-planner search "<query>" --vault <dir> [--limit <n>] [--embed-model <name>] [--host <url>] [--allow-remote]
  ai-stack-planner status --vault <dir>
  ai-stack-planner check --vault <dir> [--plan <note>] [--n8n-url <url>] [--n8n-api-key <key>]

Every command with --vault also takes --config-dir <folder> (default .obsidian); plan, index and
search take --stall-timeout SECONDS (default 60, or the plugin's Stall limit): how long an answer
may go quiet once it started before it is given up with a message.

Settings come from the plugin's own data.json in the vault's config folder (.obsidian, or
--config-dir) when present, then OLLAMA_HOST, then the flags. A host that is not this computer
needs --allow-remote on every run (the plugin's own opt-in stays on its device). A data.json that is there but can't be read stops plan, draft, index
and search (your exclusions would be unknown); status, prompt and check go on with a warning. When Ollama isn't reachable, plan and demo write an offline draft
plan (built from your hardware and uses, without a model) and exit 0, unless --no-draft is given.`;

const DEMO_VAULT = path.resolve(__dirname, "../../examples/vault");

/** Where the CLI writes text; injectable so tests can capture it. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
}

class UsageError extends Error {}

const OPTIONS = {
  vault: { type: "string" },
  tier: { type: "string" },
  hardware: { type: "string" },
  usage: { type: "string" },
  model: { type: "string" },
  lang: { type: "string" },
  host: { type: "string" },
  "allow-remote": { type: "boolean" },
  "keep-partial": { type: "boolean" },
  quiet: { type: "boolean" },
  "no-draft": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  // Vault index commands.
  rebuild: { type: "boolean" },
  limit: { type: "string" },
  "embed-model": { type: "string" },
  "config-dir": { type: "string" },
  "stall-timeout": { type: "string" },
  // Check my stack.
  plan: { type: "string" },
  "n8n-url": { type: "string" },
  "n8n-api-key": { type: "string" },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function tierOf(value: string | undefined, fallback: Tier): Tier {
  if (value === undefined) return fallback;
  if (value === "basic" || value === "pro") return value;
  throw new UsageError(`--tier must be basic or pro, not "${value}".`);
}

function langOf(value: string | undefined): "en" | "zh" | undefined {
  if (value === undefined) return undefined;
  if (value === "en" || value === "zh") return value;
  throw new UsageError(`--lang must be en or zh, not "${value}".`);
}

/** A failure whose message is one complete line for the user (exit 1, no stack trace). */
class CliFailure extends Error {}

/**
 * What to do when the vault's plugin settings file is present but unusable: commands that send notes
 * or write into the vault refuse; read-only ones proceed on defaults with a warning.
 */
type InvalidSettingsPolicy = "refuse" | "warn";

/** CLI settings: the plugin's, plus Obsidian's own "Excluded files" from the same config folder. */
export type CliSettings = PlannerSettings & { obsidianExcludedFiles: string[] };

async function settingsFor(vaultDir: string | undefined, flags: Flags, io: CliIo, policy: InvalidSettingsPolicy = "refuse"): Promise<CliSettings> {
  if (vaultDir !== undefined) {
    try {
      configDirOf(vaultDir, flags["config-dir"]);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const stored = vaultDir ? await readVaultSettings(vaultDir, flags["config-dir"]) : { state: "missing" as const };
  if (stored.state === "invalid") {
    if (policy === "refuse") throw new CliFailure(invalidSettingsMessage(stored, true));
    io.err(`${invalidSettingsMessage(stored, false)}\n`);
  }
  const problem = stored.state === "ok" ? exclusionListProblem(stored.data) : null;
  if (problem !== null && stored.state === "ok") {
    const what = `${problem} Fix it in the plugin settings or in "${stored.file}".`;
    if (policy === "refuse") throw new CliFailure(`${what} Nothing was sent: with that list, notes you meant to keep private could be sent.`);
    io.err(`Warning: ${what}\n`);
  }
  let obsidianExcludedFiles: string[] = [];
  if (vaultDir !== undefined) {
    try {
      obsidianExcludedFiles = await readExcludedFiles(vaultDir, flags["config-dir"]);
    } catch (error) {
      if (policy === "refuse") throw new CliFailure((error as Error).message);
      io.err(`Warning: ${(error as Error).message}\n`);
    }
  }
  const base = migrateSettings(stored.state === "ok" ? stored.data : undefined);
  const env = io.env;
  const settings = migrateSettings({
    ...base,
    ollamaHost: flags.host ?? env.OLLAMA_HOST ?? base.ollamaHost,
    // Never from a file: a vault handed over could carry an opt-in. The flag is needed on every run.
    allowRemoteHost: flags["allow-remote"] ?? false,
    chatModel: flags.model ?? base.chatModel,
    hardware: flags.hardware ?? base.hardware,
    usage: flags.usage ?? base.usage,
    language: langOf(flags.lang) ?? base.language,
    defaultTier: tierOf(flags.tier, base.defaultTier),
    keepPartialPlans: flags["keep-partial"] ?? base.keepPartialPlans,
    // A stored profile describes the stored hardware text; --hardware describes another machine.
    hardwareProfile: flags.hardware === undefined ? base.hardwareProfile : null,
    embeddingModel: flags["embed-model"] ?? base.embeddingModel,
  });
  // Not clamped like the stored setting: a flag given on purpose is taken as given.
  const stall = stallTimeoutOf(flags["stall-timeout"]);
  return { ...settings, ...(stall === undefined ? {} : { stallTimeoutSeconds: stall }), obsidianExcludedFiles };
}

function stallTimeoutOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new UsageError(`--stall-timeout must be a number of seconds from 0.1 to 3600, not "${value}".`);
  return seconds;
}

/**
 * Before anything else on every command that sends notes: a refused host stops it, and an allowed
 * remote one is announced on stderr.
 */
function warnAboutHost(settings: PlannerSettings, io: CliIo, context: MessageContext): void {
  const check = checkOllamaHost(settings.ollamaHost, settings.allowRemoteHost, context);
  if (check.error !== undefined) throw new CliFailure(check.error);
  for (const warning of check.warnings) io.err(`Warning: ${warning}\n`);
}

function uiLanguage(env: CliIo["env"]): string {
  return env.LC_ALL ?? env.LANG ?? "en";
}

async function plan(vaultDir: string, flags: Flags, io: CliIo): Promise<number> {
  const stat = await fs.stat(vaultDir).catch(() => null);
  if (!stat?.isDirectory()) throw new UsageError(`The vault folder "${vaultDir}" doesn't exist.`);
  const settings = await settingsFor(vaultDir, flags, io);
  warnAboutHost(settings, io, cliContext(vaultDir));
  const { llm } = createLlm(settings.ollamaHost, settings.allowRemoteHost, fetch, streamLimitsFrom(settings));
  const controller = new AbortController();
  io.signal?.addEventListener("abort", () => controller.abort(), { once: true });
  const vault = new FolderVaultPort(vaultDir);
  // The vault index, when one was built here (CLI `index` or the plugin), grounds the plan in the notes.
  const notes = await openNotesForPlan(vaultDir, settings);
  const outcome = await generatePlanOrDraft(vaultDir, settings, flags, io, () => generatePlan(
    { llm, vault, now: () => new Date(), monotonicMs: () => performance.now(), notes: notes?.retriever },
    { ...planInputFromSettings(settings, { tier: settings.defaultTier, hardware: settings.hardware, usage: settings.usage }, uiLanguage(io.env)), messageContext: cliContext(vaultDir), action: actionContext(vaultDir, settings) },
    controller.signal,
    {
      onStart: (model) => io.err(`Generating a ${settings.defaultTier} stack plan with ${model} at ${llm.hostLabel}…\n`),
      onChunk: (chunk) => {
        if (!flags.quiet) io.out(chunk);
      },
    },
  )).finally(() => notes?.close());
  if (outcome === null) return 0;
  if (!flags.quiet) io.out("\n");
  if (outcome.plan.notesNote) io.err(`${outcome.plan.notesNote}\n`);
  io.err(`Wrote ${path.join(vaultDir, outcome.path)}${workflowLine(vaultDir, outcome.workflowPath)}\n`);
  return 0;
}

/** n8n in the documented Docker setup, with the vault's real path and this machine's time zone. */
function actionContext(vaultDir: string, settings: PlannerSettings): ActionContext {
  return { ollamaHost: settings.ollamaHost, runtime: "docker", vaultPath: vaultDir, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

function workflowLine(vaultDir: string, workflowPath: string | undefined): string {
  return workflowPath ? ` (n8n workflow: ${path.join(vaultDir, workflowPath)})` : "";
}

/** Ollama absent (or without a chat model): the offline draft, announced in one line. */
async function generatePlanOrDraft<T>(vaultDir: string, settings: PlannerSettings, flags: Flags, io: CliIo, generate: () => Promise<T>): Promise<T | null> {
  try {
    return await generate();
  } catch (error) {
    const offline = error instanceof PlannerError && (error.kind === "unreachable" || error.kind === "no-models");
    if (!offline || flags["no-draft"]) throw error;
    const reason = userMessage(error, cliContext(vaultDir));
    const draftPath = await writeDraft(vaultDir, settings, io, reason);
    io.err(`${reason} Wrote an offline draft plan instead: ${draftPath}\n`);
    return null;
  }
}

/** Writes the offline draft and its workflow; returns the line part naming both files. */
async function writeDraft(vaultDir: string, settings: PlannerSettings, io: CliIo, reason?: string): Promise<string> {
  const language = resolveLanguage(settings.language, uiLanguage(io.env));
  const written = await writeOfflineDraftFiles(new FolderVaultPort(vaultDir), settings.plansFolder, {
    tier: settings.defaultTier,
    language,
    hardware: settings.hardware,
    usage: settings.usage,
    profile: profileFor(settings, settings.hardware, language),
    created: new Date(),
    ...(reason === undefined ? {} : { reason }),
    // What the vault holds decides the memory layer; earlier plans are not part of it.
    vault: await readVaultFacts(new FolderNoteSource(vaultDir), (note) => note.startsWith(`${settings.plansFolder}/`)),
    action: actionContext(vaultDir, settings),
  });
  return `${path.join(vaultDir, written.path)}${workflowLine(vaultDir, written.workflowPath)}`;
}

/** `index`, `search` and `status` over a folder vault (see ./index-commands.ts). */
async function indexCommand(command: "index" | "search" | "status", args: string[], flags: Flags, io: CliIo): Promise<number> {
  if (!flags.vault) throw new UsageError(`${command} needs --vault <dir>.`);
  const vaultDir = path.resolve(flags.vault);
  const stat = await fs.stat(vaultDir).catch(() => null);
  if (!stat?.isDirectory()) throw new UsageError(`The vault folder "${vaultDir}" doesn't exist.`);
  const settings = await settingsFor(vaultDir, flags, io, command === "status" ? "warn" : "refuse");
  if (command !== "status") warnAboutHost(settings, io, cliContext(vaultDir));
  if (command === "index") return runIndex(vaultDir, settings, { rebuild: flags.rebuild ?? false, quiet: flags.quiet ?? false }, io);
  if (command === "status") return runStatus(vaultDir, settings, io);
  const query = args.join(" ").trim();
  if (query === "") throw new UsageError('search needs a query, e.g. search "which GPU do I have" --vault <dir>.');
  const limit = flags.limit === undefined ? 8 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError(`--limit must be a whole number from 1 to 100, not "${flags.limit}".`);
  return runSearch(vaultDir, settings, query, limit, io);
}

/** Runs one CLI invocation; returns the process exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // Messages name the CLI's flags and commands for the vault given, not the plugin's settings.
  let context: MessageContext = { surface: "cli" };
  try {
    const { values: flags, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (flags.vault !== undefined) context = cliContext(path.resolve(flags.vault));
    const command = positionals[0];
    if (flags.help || command === undefined || command === "help") {
      io.out(`${USAGE}\n`);
      return command === undefined && !flags.help ? 2 : 0;
    }
    switch (command) {
      case "plan":
        if (!flags.vault) throw new UsageError("plan needs --vault <dir>.");
        return await plan(path.resolve(flags.vault), flags, io);
      case "demo":
        return await plan(DEMO_VAULT, { ...flags, tier: flags.tier ?? "pro" }, io);
      case "draft": {
        if (!flags.vault) throw new UsageError("draft needs --vault <dir>.");
        const vaultDir = path.resolve(flags.vault);
        const stat = await fs.stat(vaultDir).catch(() => null);
        if (!stat?.isDirectory()) throw new UsageError(`The vault folder "${vaultDir}" doesn't exist.`);
        const draftPath = await writeDraft(vaultDir, await settingsFor(vaultDir, flags, io), io);
        io.err(`Wrote an offline draft plan: ${draftPath}\n`);
        return 0;
      }
      case "prompt": {
        const settings = await settingsFor(flags.vault === undefined ? undefined : path.resolve(flags.vault), flags, io, "warn");
        const language = resolveLanguage(settings.language, uiLanguage(io.env));
        // The computed hardware facts as a plan would send them (installed models aside: nothing is contacted).
        const facts = hardwareFactsFor({ hardware: settings.hardware, language, profile: profileFor(settings, settings.hardware, language) }, []);
        io.out(`${buildPlanPrompt({ tier: settings.defaultTier, language, hardware: settings.hardware, usage: settings.usage }, facts ? [facts.part] : [])}\n`);
        return 0;
      }
      case "check": {
        if (!flags.vault) throw new UsageError("check needs --vault <dir>.");
        const vaultDir = path.resolve(flags.vault);
        const stat = await fs.stat(vaultDir).catch(() => null);
        if (!stat?.isDirectory()) throw new UsageError(`The vault folder "${vaultDir}" doesn't exist.`);
        const settings = await settingsFor(vaultDir, flags, io, "warn");
        // The API key never comes from data.json (synced with the vault): a flag or the environment only.
        const apiKey = flags["n8n-api-key"] ?? io.env.N8N_API_KEY;
        return await runCheck(vaultDir, settings, { ...(flags.plan ? { plan: flags.plan } : {}), ...(flags["n8n-url"] ? { n8nUrl: flags["n8n-url"] } : {}), ...(apiKey ? { n8nApiKey: apiKey } : {}) }, io);
      }
      case "index":
      case "search":
      case "status":
        return await indexCommand(command, positionals.slice(1), flags, io);
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    const parseError = typeof error === "object" && error !== null && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
    if (error instanceof UsageError || parseError) {
      io.err(`${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof NoteNotSaved) {
      // The answer was generated: keep it somewhere and say where, on the same line.
      io.err(`${userMessage(error, context).replace(/\.$/, "")}. ${await keepUnsavedNote(error, io)}\n`);
      return 1;
    }
    if (error instanceof CliFailure) {
      io.err(`${error.message}\n`);
      return 1;
    }
    io.err(`${userMessage(error, context)}\n`);
    if (!(error instanceof PlannerError) && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    if (error instanceof PartialPlanSaved || (error instanceof PlannerError && error.kind === "aborted")) return 130;
    return 1;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  void runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    signal: controller.signal,
  }).then((code) => {
    process.exitCode = code;
  });
}

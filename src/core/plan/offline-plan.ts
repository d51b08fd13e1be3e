/**
 * The offline draft plan: what the plugin can say without any language model, from the hardware
 * profile, the fit calculator, the model catalog and the user's stated uses. Deterministic (same
 * input, same note), with the layers the Pro blueprint asks for, and clearly labelled as a draft
 * that says how to get the full plan.
 *
 * - `chooseDraftStack(table, usage, lang)`: the models and workflow the draft recommends.
 * - `renderOfflineDraft(input)`: the note text.
 * - `writeOfflineDraft(vault, folder, input)`: writes it under a fresh name and returns the path.
 */
import { sameModel } from "../shared/model-name";
import { planNoteBaseName } from "./file-naming";
import { renderFrontmatter } from "../shared/frontmatter";
import { profileForRequest } from "../hardware/fit-check";
import { computeFitTable, hasHardwareFacts, renderFitTable, type FitRow, type FitTable } from "../hardware/fit-table";
import { describeProfile, type HardwareProfile } from "../hardware/profile";
import { formatGb } from "../hardware/units";
import { writeNewNoteWith } from "./note-writer";
import { isoLocal, tierLabel } from "./plan-note";
import type { InstalledModel, VaultPort } from "../shared/ports";
import type { PromptLanguage, Tier } from "../shared/language";
import { draftBottlenecks, draftDifficulty, memoryLayer, type DraftFacts } from "./draft-advice";
import { WORDS } from "./offline-words";
import type { VaultFacts } from "./vault-facts";
import { mainUseOf, type WorkflowKind } from "./workflow/main-use";
import { DEFAULT_ACTION_CONTEXT, planActionSection, planWorkflow, WORKFLOW_FILE_EXTENSION, type ActionContext } from "./workflow/plan-workflow";

export type { WorkflowKind } from "./workflow/main-use";

export interface OfflineDraftInput {
  tier: Tier;
  language: PromptLanguage;
  hardware: string;
  usage: string;
  profile?: HardwareProfile;
  /** Installed models, when Ollama answered but could not plan (no chat model). */
  installed?: readonly InstalledModel[];
  created: Date;
  /** Why there is no full plan, as the user was told ("Ollama isn't reachable at …"). */
  reason?: string;
  /** What the vault holds, when it was read: decides the memory layer. */
  vault?: VaultFacts;
  /** Where n8n will run, for the action layer's workflow; the documented Docker setup when absent. */
  action?: ActionContext;
}

export interface DraftStack {
  /** The general model to run day to day; undefined when nothing is known to fit. */
  main?: FitRow;
  /** A smaller, faster model for quick tasks. */
  light?: FitRow;
  reasoning?: FitRow;
  embedding?: FitRow;
  /** The smallest popular models that do not run, to say what to avoid. */
  tooBig: FitRow[];
  workflow: WorkflowKind;
  /** The use the workflow is designed for, as the user wrote it. */
  mainUse: string;
  /** The notes are (also) in Chinese: the embedding model must read it. */
  multilingual: boolean;
}

/** Memory a model must leave free on its pool: 10%, for a longer chat or a second small model. */
const HEADROOM_SHARE = 0.1;

function runsWell(row: FitRow): boolean {
  return row.fit.verdict === "fits-vram" || row.fit.verdict === "cpu-only";
}

function released(row: FitRow): string {
  return "released" in row.facts && typeof row.facts.released === "string" ? row.facts.released : "";
}

function useOf(row: FitRow): string {
  return "use" in row.facts && typeof row.facts.use === "string" ? row.facts.use : row.kind === "embedding" ? "embedding" : "general";
}

/**
 * Among models that run well and leave headroom, the newest of the largest: anything within 75%
 * of the largest need counts as large, so a newer 30B beats an older 32B that barely fits.
 */
function pick(rows: readonly FitRow[], use: string, maxNeedGb = Number.POSITIVE_INFINITY): FitRow | undefined {
  const candidates = rows.filter((row) => runsWell(row) && useOf(row) === use && (row.fit.needGb ?? 0) <= maxNeedGb);
  const roomy = candidates.filter((row) => row.fit.headroomGb !== null && row.fit.needGb !== null && row.fit.headroomGb >= HEADROOM_SHARE * (row.fit.needGb + row.fit.headroomGb));
  const pool = roomy.length > 0 ? roomy : candidates;
  const largest = Math.max(0, ...pool.map((row) => row.fit.needGb ?? 0));
  return pool
    .filter((row) => (row.fit.needGb ?? 0) >= 0.75 * largest)
    .sort((a, b) => released(b).localeCompare(released(a)) || (b.fit.needGb ?? 0) - (a.fit.needGb ?? 0) || a.tag.localeCompare(b.tag))[0];
}

/** The models and the workflow the offline draft recommends for `table`'s machine. */
export function chooseDraftStack(table: FitTable, usage: string, lang: PromptLanguage, vault?: VaultFacts): DraftStack {
  const rows = table.rows;
  const main = pick(rows, "general");
  const light = main?.fit.needGb ? pick(rows.filter((row) => row.tag !== main.tag), "general", main.fit.needGb * 0.5) : undefined;
  const reasoning = pick(rows, "reasoning");
  // bge-m3 reads Chinese (and 100 other languages) well; nomic-embed-text is smaller and English-first.
  const multilingual = lang === "zh" || /[\u3400-\u9fff]/.test(usage) || (vault !== undefined && vault.cjkNotes >= 0.2 * vault.notes && vault.cjkNotes > 0);
  const embeddings = rows.filter((row) => row.kind === "embedding" && runsWell(row));
  const preferred = multilingual ? ["bge-m3", "nomic-embed-text"] : ["nomic-embed-text", "bge-m3"];
  const embedding = preferred.map((tag) => embeddings.find((row) => sameModel(row.tag, tag))).find(Boolean) ?? embeddings[0];
  const tooBig = rows
    .filter((row) => row.kind === "chat" && row.fit.verdict === "does-not-run" && useOf(row) === "general")
    .sort((a, b) => (a.fit.needGb ?? 0) - (b.fit.needGb ?? 0))
    .slice(0, 3);
  const { kind, mainUse } = mainUseOf(usage);
  return { main, light, reasoning, embedding, tooBig, workflow: kind, mainUse: mainUse || WORDS[lang].generalUse, multilingual };
}

// ---------------------------------------------------------------------------------------------
// Text

function bullet(lines: readonly string[]): string {
  return lines.map((line) => `- ${line}`).join("\n");
}

function callout(kind: string, title: string, body: readonly string[]): string {
  return [`> [!${kind}] ${title}`, ...body.map((line) => `> ${line}`)].join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The draft's workflow: its main use, run by `chatTag`, where `input.action` says n8n runs. */
function draftWorkflow(input: OfflineDraftInput, chatTag: string) {
  return planWorkflow({ usage: input.usage, language: input.language }, chatTag, input.action ?? DEFAULT_ACTION_CONTEXT);
}

/** The chat model the draft recommends (what its workflow runs). */
function draftChatModel(input: OfflineDraftInput): string {
  const profile = profileForRequest(input);
  const table = computeFitTable(profile, { installed: input.installed ?? [], lang: input.language });
  return (hasHardwareFacts(profile) ? chooseDraftStack(table, input.usage, input.language, input.vault).main?.tag : undefined) ?? "llama3.2:3b";
}

/**
 * The offline draft as a note: frontmatter, the draft label, the three layers (the action layer with
 * its n8n workflow, linked at `workflowPath` when written beside the note), difficulty, bottlenecks, fit table.
 */
export function renderOfflineDraft(input: OfflineDraftInput, workflowPath?: string): string {
  const lang = input.language;
  const w = WORDS[lang];
  const profile = profileForRequest(input);
  const known = hasHardwareFacts(profile);
  const table = computeFitTable(profile, { installed: input.installed ?? [], lang });
  const stack = chooseDraftStack(table, input.usage, lang, input.vault);
  const main = known ? stack.main : undefined;
  const embedding = known ? stack.embedding : undefined;
  const chatTag = main?.tag ?? "llama3.2:3b";

  const frontmatter = renderFrontmatter([
    ["type", "ai-stack-plan"],
    ["tier", input.tier],
    ["model", null],
    ["hardware", input.hardware.trim()],
    ["usage", input.usage.trim()],
    ["language", lang],
    ["created", isoLocal(input.created)],
    ["status", "offline-draft"],
    ...(known ? [["fit_check", "ok"] as const] : []),
  ]);

  const label = callout("important", w.draftTitle, [oneLine(w.draftBody(input.reason)), "", w.howToFull(chatTag)]);

  const hardware = [`## ${w.hardware}`, "", `- ${describeProfile(profile, lang)}`];
  if (!known) hardware.push(`- ${w.noFacts}`);
  if (profile.warnings.length > 0) hardware.push("", callout("warning", w.doubts, profile.warnings.map((warning) => `- ${warning}`)));

  const compute = [w.runtime, main ? w.mainModel(`\`${main.tag}\``, main.fit.reason) : w.noModel];
  if (known && stack.light) compute.push(w.lightModel(`\`${stack.light.tag}\``, formatGb(stack.light.fit.needGb ?? 0)));
  if (known && stack.reasoning && stack.reasoning.tag !== main?.tag) compute.push(w.reasoningModel(`\`${stack.reasoning.tag}\``, formatGb(stack.reasoning.fit.needGb ?? 0)));
  if (known && stack.tooBig.length > 0) compute.push(w.avoid(stack.tooBig.map((row) => w.sized(`\`${row.tag}\``, formatGb(row.fit.needGb ?? 0))).join(w.listSep)));

  const facts: DraftFacts = { profile, table, multilingual: stack.multilingual, ...(main ? { main } : {}), ...(embedding ? { embedding } : {}), ...(input.vault ? { vault: input.vault } : {}) };
  const memory = memoryLayer(facts, lang);

  // The action layer: the workflow for the main use with the model recommended above.
  const context = input.action ?? DEFAULT_ACTION_CONTEXT;
  const action = [w.mainUse(oneLine(stack.mainUse)), "", w.n8n, "", planActionSection(draftWorkflow(input, chatTag), lang, context, workflowPath, 3)];

  const difficulty = known ? draftDifficulty(profile, main, lang) : w.difficultyUnknown;
  const bottlenecks = known ? draftBottlenecks(facts, lang) : [];

  const sections = [
    `# ${w.title(tierLabel(input.tier, lang))}`,
    label,
    hardware.join("\n"),
    `## ${w.compute}\n\n${bullet(compute)}`,
    `## ${w.memory}\n\n${bullet(memory)}`,
    `## ${w.action}\n\n${action.join("\n")}`,
    `## ${w.difficulty}\n\n${difficulty}`,
    ...(bottlenecks.length > 0 ? [`## ${w.bottlenecks}\n\n${bullet(bottlenecks)}`] : []),
    ...(known ? [renderFitTable(table, lang)] : []),
  ];
  return `${frontmatter}\n${sections.join("\n\n")}\n`;
}

/** Writes the offline draft under a fresh, unique name in `folder` and returns its path. */
export async function writeOfflineDraft(vault: VaultPort, folder: string, input: OfflineDraftInput): Promise<string> {
  return (await writeOfflineDraftFiles(vault, folder, input)).path;
}

/** Writes the draft and its n8n workflow file beside it (`<note>.n8n.json`); returns both paths. */
export async function writeOfflineDraftFiles(vault: VaultPort, folder: string, input: OfflineDraftInput): Promise<{ path: string; workflowPath?: string }> {
  const planned = draftWorkflow(input, draftChatModel(input));
  const written = await writeNewNoteWith(vault, folder, planNoteBaseName("Offline draft", input.hardware, input.created), (besidePath) => renderOfflineDraft(input, besidePath), undefined, { extension: WORKFLOW_FILE_EXTENSION, content: planned.json });
  return { path: written.path, ...(written.besidePath ? { workflowPath: written.besidePath } : {}) };
}

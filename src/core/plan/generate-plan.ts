/** The blueprint use case: prompt → streamed answer from the model → a new plan note in the vault. */
import type { MessageContext } from "../shared/user-actions";
import { PlannerError, plannerErrors } from "../shared/errors";
import { sameModel } from "../shared/model-name";
import { checkPlanFit, hardwareFactsWithShow } from "../hardware/fit-check";
import type { HardwareProfile } from "../hardware/profile";
import { profileFor } from "../hardware/stored-profile";
import { planNoteBaseName } from "./file-naming";
import { writeNewNoteWith } from "./note-writer";
import { renderPlanNote, tierLabel, type PlanRecord } from "./plan-note";
import type { InstalledModel, LlmPort, VaultPort } from "../shared/ports";
import { buildPlanPrompt, type PromptPart } from "./prompts";
import { planContext, type NotesRetriever, type PlanContext } from "../index/plan-context";
import type { PlannerSettings } from "../shared/settings";
import { resolveLanguage, type PromptLanguage, type Tier } from "../shared/language";
import { splitThinking, ThinkingStream } from "../shared/thinking";
import { DEFAULT_ACTION_CONTEXT, planActionSection, planWorkflow, recommendedChatModel, WORKFLOW_FILE_EXTENSION, type ActionContext } from "./workflow/plan-workflow";

/** What the model is asked: the blueprint's inputs plus the model and context size. */
export interface PlanRequestInput {
  tier: Tier;
  language: PromptLanguage;
  hardware: string;
  usage: string;
  /** Configured chat model; empty picks the first installed chat model. */
  model: string;
  contextTokens: number;
  /** Delimited sections added after the blueprint (vault context, hardware facts). */
  extraParts?: PromptPart[];
  /** The structured hardware profile; without it the `hardware` text is parsed. */
  profile?: HardwareProfile;
  /** Where the user reads the messages (the plugin when absent): the CLI names flags, not commands. */
  messageContext?: MessageContext;
  /** Keep a reasoning model's thinking in the note, in a collapsed callout (it is never checked). */
  keepThinking?: boolean;
}

/** The request for `tier`/`hardware`/`usage` with everything else taken from settings. */
export function planInputFromSettings(settings: PlannerSettings, request: { tier: Tier; hardware: string; usage: string }, uiLanguage: string): PlanInput {
  const language = resolveLanguage(settings.language, uiLanguage);
  return {
    tier: request.tier,
    language,
    hardware: request.hardware,
    usage: request.usage,
    model: settings.chatModel,
    contextTokens: settings.contextTokens,
    plansFolder: settings.plansFolder,
    keepPartial: settings.keepPartialPlans,
    keepThinking: settings.keepThinking,
    action: { ...DEFAULT_ACTION_CONTEXT, ollamaHost: settings.ollamaHost },
    profile: profileFor(settings, request.hardware, language),
  };
}

/** A request plus where its note goes. */
export interface PlanInput extends PlanRequestInput {
  plansFolder: string;
  /** Keep a stopped or cut answer as a note marked partial instead of discarding it. */
  keepPartial: boolean;
  /** Where n8n runs, for the workflow written beside the note; the documented Docker setup when absent. */
  action?: ActionContext;
}

export interface PlanDeps {
  llm: LlmPort;
  vault: VaultPort;
  now: () => Date;
  /** Monotonic milliseconds, for the generation time. */
  monotonicMs: () => number;
  /** The vault index, to add the "From my notes" part; absent or null: plans without notes. */
  notes?: NotesRetriever | null;
}

export interface PlanProgress {
  /** Called once the model is known and the request is sent. */
  onStart?: (model: string) => void;
  /** Called for every streamed piece; `received` is the answer so far. */
  onChunk?: (chunk: string, received: string) => void;
  /** Called once the user's notes were looked up (vault index), before the request is sent. */
  onContext?: (context: PlanContext) => void;
  /** Called while a reasoning model thinks, before its answer starts; `thinking` is all so far. */
  onThinking?: (chunk: string, thinking: string) => void;
}

export interface PlanOutcome {
  /** Vault path of the written note. */
  path: string;
  /** Vault path of the n8n workflow file written beside it. */
  workflowPath?: string;
  plan: PlanRecord;
}

// Families whose Ollama models have the thinking capability; others may still write raw <think> tags.
const THINKING_FAMILIES = /^(?:qwen3|deepseek-r1|qwq|magistral|gpt-oss|phi4-reasoning|cogito|deepscaler|openthinker|exaone-deep|smallthinker|r1-1776)(?::|$)/i;

/** Whether to ask `model` to send its thinking apart (a model without the capability would refuse). */
export function thinksApart(model: string): boolean {
  return THINKING_FAMILIES.test(model.trim());
}

/** The model to use: the configured one if installed, else the first installed chat model. */
export function chooseModel(configured: string, installed: readonly InstalledModel[]): string {
  const wanted = configured.trim();
  if (wanted !== "") {
    const match = installed.find((m) => sameModel(m.name, wanted));
    if (!match) throw plannerErrors.modelMissing(wanted);
    return match.name;
  }
  const first = installed.find((m) => m.canChat);
  if (!first) throw plannerErrors.noModels();
  return first.name;
}

/** Thrown when a stream stops early (Stop pressed, connection cut); carries what had arrived. */
export class InterruptedPlan extends PlannerError {
  constructor(
    readonly cause: PlannerError,
    /** The answer so far as a partial plan, or null when nothing had arrived. */
    readonly partial: PlanRecord | null,
  ) {
    super(cause.kind, cause.message);
  }
}

/**
 * Streams a plan from the model without writing anything: the sidebar shows it first and saves on
 * request. Throws `InterruptedPlan` when stopped or cut, other PlannerErrors otherwise.
 */
export async function streamPlan(deps: Omit<PlanDeps, "vault">, input: PlanRequestInput, signal: AbortSignal, progress: PlanProgress = {}): Promise<PlanRecord> {
  const installed = await deps.llm.listModels(signal);
  const model = chooseModel(input.model, installed);
  if (signal.aborted) throw new InterruptedPlan(plannerErrors.aborted(), null);

  const blueprintRequest = { tier: input.tier, language: input.language, hardware: input.hardware, usage: input.usage };
  // Computed hardware facts go right after the blueprint, so the model reasons from them.
  const hardware = await hardwareFactsWithShow(deps.llm, input, installed, signal);
  let extraParts = [...(hardware ? [hardware.part] : []), ...(input.extraParts ?? [])];
  // Vault memory: the notes closest to the hardware and uses, fitted into what num_ctx leaves.
  const grounding = deps.notes
    ? await planContext(deps.notes, { hardware: input.hardware, usage: input.usage, language: input.language, contextTokens: input.contextTokens, prompt: buildPlanPrompt(blueprintRequest, extraParts), ...(input.messageContext ? { messageContext: input.messageContext } : {}) }, signal)
    : null;
  if (grounding?.part) extraParts = [...extraParts, grounding.part];
  if (grounding) progress.onContext?.(grounding);
  if (signal.aborted) throw new InterruptedPlan(plannerErrors.aborted(), null);
  const prompt = buildPlanPrompt(blueprintRequest, extraParts);
  const created = deps.now();
  const started = deps.monotonicMs();
  let received = "";
  let thought = "";
  const thinkingTags = new ThinkingStream();
  const onThinking = (chunk: string) => {
    if (chunk === "") return;
    thought += chunk;
    progress.onThinking?.(chunk, thought);
  };
  const onAnswer = (chunk: string) => {
    if (chunk === "") return;
    received += chunk;
    progress.onChunk?.(chunk, received);
  };
  progress.onStart?.(model);

  const record = (fields: Pick<PlanRecord, "answer" | "partial" | "promptTokens" | "answerTokens" | "tokensPerSecond" | "doneReason">): PlanRecord => ({
    tier: input.tier,
    model,
    hardware: input.hardware.trim(),
    usage: input.usage.trim(),
    language: input.language,
    created,
    generationSeconds: (deps.monotonicMs() - started) / 1000,
    ...(grounding ? { sources: grounding.sources, notesNote: grounding.note ?? grounding.usage ?? null } : {}),
    ...fields,
    ...(input.keepThinking && thought.trim() !== "" ? { thinking: thought.trim() } : {}),
    // A partial note keeps only what arrived: an unfinished answer is not checked.
    ...(hardware && !fields.partial ? { fitTable: hardware.table, fitCheck: checkPlanFit(fields.answer, hardware.table, input.language) } : {}),
  });

  try {
    // Reasoning models send their thinking apart (`think`); older servers put it in `<think>` tags.
    const result = await deps.llm.chat(
      { model, messages: [{ role: "user", content: prompt }], contextTokens: input.contextTokens, ...(thinksApart(model) ? { think: true } : {}) },
      (chunk) => {
        const part = thinkingTags.push(chunk);
        onThinking(part.thinking);
        onAnswer(part.answer);
      },
      signal,
      onThinking,
    );
    const rest = thinkingTags.flush();
    onThinking(rest.thinking);
    onAnswer(rest.answer);
    const answer = splitThinking(result.text).answer;
    if (answer.trim() === "") throw plannerErrors.streamCut("the model returned an empty answer");
    const tokensPerSecond =
      result.answerTokens !== null && result.evalDurationNs ? result.answerTokens / (result.evalDurationNs / 1e9) : null;
    return record({
      answer,
      partial: false,
      promptTokens: result.promptTokens,
      answerTokens: result.answerTokens,
      tokensPerSecond,
      doneReason: result.doneReason,
    });
  } catch (error) {
    if (!(error instanceof PlannerError) || (error.kind !== "aborted" && error.kind !== "stream-cut")) throw error;
    const partial = received.trim() === "" ? null : record({ answer: received, partial: true, promptTokens: null, answerTokens: null, tokensPerSecond: null });
    throw new InterruptedPlan(error, partial);
  }
}

/**
 * Generates a plan and writes it as a new note. A stopped or cut generation writes nothing unless
 * `keepPartial` is set, in which case the partial answer is saved and the error is still thrown
 * with `partialPath` set, so the caller can tell the user both things.
 */
export async function generatePlan(deps: PlanDeps, input: PlanInput, signal: AbortSignal, progress: PlanProgress = {}): Promise<PlanOutcome> {
  let plan: PlanRecord;
  try {
    plan = await streamPlan(deps, input, signal, progress);
  } catch (error) {
    if (error instanceof InterruptedPlan) {
      if (input.keepPartial && error.partial) throw new PartialPlanSaved(error.cause, await writePlanNote(deps.vault, input.plansFolder, error.partial, input.action));
      throw nothingSaved(error.cause);
    }
    if (error instanceof PlannerError && error.kind === "aborted") throw nothingSaved(error);
    throw error;
  }
  return { ...(await writePlanFiles(deps.vault, input.plansFolder, plan, input.action)), plan };
}

function nothingSaved(error: PlannerError): PlannerError {
  // Keeps the wording for where the user is (a CLI flag rather than a plugin setting).
  const wording = error.wording;
  return new PlannerError(error.kind, `${error.message} Nothing was saved.`, wording && ((context) => `${wording(context)} Nothing was saved.`));
}

/** Thrown after a stopped or cut generation was saved as a partial note. */
export class PartialPlanSaved extends PlannerError {
  constructor(
    readonly cause: PlannerError,
    readonly partialPath: string,
  ) {
    super(cause.kind, `${cause.message} The partial plan was saved to "${partialPath}".`);
  }
}

/** Writes `plan` (and its n8n workflow beside it) under a fresh, unique name in `folder` and returns the note's path. */
export async function writePlanNote(vault: VaultPort, folder: string, plan: PlanRecord, action: ActionContext = DEFAULT_ACTION_CONTEXT): Promise<string> {
  return (await writePlanFiles(vault, folder, plan, action)).path;
}

/**
 * Writes the plan note and `<note>.n8n.json`, the workflow for the plan's main use with the model
 * it recommends (fit-checked); the note links the file and shows the workflow and its setup.
 * A partial plan is written alone.
 */
export async function writePlanFiles(vault: VaultPort, folder: string, plan: PlanRecord, action: ActionContext = DEFAULT_ACTION_CONTEXT): Promise<{ path: string; workflowPath?: string }> {
  const label = tierLabel(plan.tier, "en");
  // A stopped plan keeps only what arrived: it gets no workflow until it is generated in full.
  if (plan.partial) return writeNewNoteWith(vault, folder, planNoteBaseName(label, plan.hardware, plan.created), renderPlanNote(plan), planNoteBaseName(label, "", plan.created));
  const planned = planWorkflow(plan, recommendedChatModel(plan), action);
  const render = (workflowPath: string | undefined) => renderPlanNote(plan, planActionSection(planned, plan.language, action, workflowPath));
  // The short name (no hardware text) is the fallback when the full one can't be written.
  const written = await writeNewNoteWith(vault, folder, planNoteBaseName(label, plan.hardware, plan.created), render, planNoteBaseName(label, "", plan.created), { extension: WORKFLOW_FILE_EXTENSION, content: planned.json });
  return { path: written.path, ...(written.besidePath ? { workflowPath: written.besidePath } : {}) };
}

/** The blueprint use case: prompt → streamed answer from the model → a new plan note in the vault. */
import { PlannerError, plannerErrors } from "./errors";
import { planNoteBaseName, uniqueNotePath } from "./file-naming";
import { renderPlanNote, tierLabel, type PlanRecord } from "./plan-note";
import type { InstalledModel, LlmPort, VaultPort } from "./ports";
import { buildPlanPrompt, type PromptPart } from "./prompts";
import type { PromptLanguage, Tier } from "./settings";

export interface PlanInput {
  tier: Tier;
  language: PromptLanguage;
  hardware: string;
  usage: string;
  /** Configured chat model; empty picks the first installed chat model. */
  model: string;
  contextTokens: number;
  plansFolder: string;
  /** Keep a stopped or cut answer as a note marked partial instead of discarding it. */
  keepPartial: boolean;
  /** Delimited sections added after the blueprint (vault context, hardware facts). */
  extraParts?: PromptPart[];
}

export interface PlanDeps {
  llm: LlmPort;
  vault: VaultPort;
  now: () => Date;
  /** Monotonic milliseconds, for the generation time. */
  monotonicMs: () => number;
}

export interface PlanProgress {
  /** Called once the model is known and the request is sent. */
  onStart?: (model: string) => void;
  /** Called for every streamed piece; `received` is the answer so far. */
  onChunk?: (chunk: string, received: string) => void;
}

export interface PlanOutcome {
  /** Vault path of the written note. */
  path: string;
  plan: PlanRecord;
}

function sameModel(a: string, b: string): boolean {
  const norm = (name: string) => (name.includes(":") ? name : `${name}:latest`).toLowerCase();
  return norm(a) === norm(b);
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

/**
 * Generates a plan and writes it as a new note. A stopped or cut generation writes nothing unless
 * `keepPartial` is set, in which case the partial answer is saved and the error is still thrown
 * with `partialPath` set, so the caller can tell the user both things.
 */
export async function generatePlan(deps: PlanDeps, input: PlanInput, signal: AbortSignal, progress: PlanProgress = {}): Promise<PlanOutcome> {
  const installed = await deps.llm.listModels(signal).catch((error: unknown) => {
    throw error instanceof PlannerError && error.kind === "aborted" ? nothingSaved(error) : error;
  });
  const model = chooseModel(input.model, installed);
  if (signal.aborted) throw nothingSaved(plannerErrors.aborted());

  const prompt = buildPlanPrompt(
    { tier: input.tier, language: input.language, hardware: input.hardware, usage: input.usage },
    input.extraParts,
  );
  const created = deps.now();
  const started = deps.monotonicMs();
  let received = "";
  progress.onStart?.(model);

  const record = (fields: Pick<PlanRecord, "answer" | "partial" | "promptTokens" | "answerTokens" | "tokensPerSecond" | "doneReason">): PlanRecord => ({
    tier: input.tier,
    model,
    hardware: input.hardware.trim(),
    usage: input.usage.trim(),
    language: input.language,
    created,
    generationSeconds: (deps.monotonicMs() - started) / 1000,
    ...fields,
  });

  let plan: PlanRecord;
  try {
    const result = await deps.llm.chat(
      { model, messages: [{ role: "user", content: prompt }], contextTokens: input.contextTokens },
      (chunk) => {
        received += chunk;
        progress.onChunk?.(chunk, received);
      },
      signal,
    );
    const tokensPerSecond =
      result.answerTokens !== null && result.evalDurationNs ? result.answerTokens / (result.evalDurationNs / 1e9) : null;
    plan = record({
      answer: result.text,
      partial: false,
      promptTokens: result.promptTokens,
      answerTokens: result.answerTokens,
      tokensPerSecond,
      doneReason: result.doneReason,
    });
    if (plan.answer.trim() === "") throw plannerErrors.streamCut("the model returned an empty answer");
  } catch (error) {
    if (!(error instanceof PlannerError) || (error.kind !== "aborted" && error.kind !== "stream-cut")) throw error;
    if (input.keepPartial && received.trim() !== "") {
      const partial = record({ answer: received, partial: true, promptTokens: null, answerTokens: null, tokensPerSecond: null });
      throw new PartialPlanSaved(error, await writePlanNote(deps.vault, input.plansFolder, partial));
    }
    throw nothingSaved(error);
  }
  return { path: await writePlanNote(deps.vault, input.plansFolder, plan), plan };
}

function nothingSaved(error: PlannerError): PlannerError {
  return new PlannerError(error.kind, `${error.message} Nothing was saved.`);
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

/** Writes `plan` under a fresh, unique name in `folder` and returns its path. */
export async function writePlanNote(vault: VaultPort, folder: string, plan: PlanRecord): Promise<string> {
  const base = planNoteBaseName(tierLabel(plan.tier, "en"), plan.hardware, plan.created);
  const path = await uniqueNotePath(folder, base, (p) => vault.exists(p));
  try {
    await vault.ensureFolder(folder);
    await vault.createNote(path, renderPlanNote(plan));
  } catch (error) {
    throw plannerErrors.writeFailed(path, error instanceof Error ? error.message : String(error));
  }
  return path;
}

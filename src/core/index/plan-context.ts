/**
 * Grounds a plan in the user's notes (pure): retrieves the chunks closest to the hardware and uses,
 * fits them into the chat model's context budget and returns the delimited "From my notes" part
 * and its sources. Any failure (no index, Ollama unable to embed) leaves the plan without the part
 * and says why, so generation always works.
 */
import { estimateTokens } from "../shared/tokens";
import { userMessage } from "../shared/errors";
import { actionText, IN_PLUGIN, sentence, type MessageContext } from "../shared/user-actions";
import type { PromptLanguage } from "../shared/language";
import { buildVaultContext, defaultAnswerTokens, type ContextSource, type RetrievedChunk } from "./retrieval";

/** The part of the vault index that plan generation uses. */
export interface NotesRetriever {
  /** The chunks closest to `query`, best first; an empty list when the index is empty. */
  retrieve(query: string, k: number, signal: AbortSignal): Promise<RetrievedChunk[]>;
  /** Chunks in the index; 0 means nothing is indexed yet. */
  size?(): number | Promise<number>;
}

export interface PlanContextRequest {
  hardware: string;
  usage: string;
  language: PromptLanguage;
  /** The chat model's context window (num_ctx). */
  contextTokens: number;
  /** The prompt without the notes part (blueprint and any other parts). */
  prompt: string;
  /** Where the user reads the note (the plugin when absent), for the action it suggests. */
  messageContext?: MessageContext;
}

export interface PlanContext {
  /** The "From my notes" prompt part, or null. */
  part: ReturnType<typeof buildVaultContext>["part"];
  sources: ContextSource[];
  /** The excerpts that made it into the part, in prompt order (for a sources list in the UI). */
  used: RetrievedChunk[];
  /** Why no notes were used, for the plan note and a notice; null when notes were used. */
  note: string | null;
}

/** Candidates fetched from the index before the budget picks among them. */
const CANDIDATES = 24;

const NOTES: Record<PromptLanguage, { empty: (indexVault: string) => string; none: string; failed: (reason: string) => string; noRoom: string }> = {
  en: {
    empty: (indexVault) => `Your notes were not used: the vault index is empty. ${sentence(indexVault)} to ground plans in your notes.`,
    none: "Your notes were not used: no indexed note matched this hardware and these uses.",
    failed: (reason) => `Your notes were not used: ${reason}`,
    noRoom: "Your notes were not used: the context size leaves no room for them. Raise the context size in settings.",
  },
  zh: {
    empty: (indexVault) => `未使用你的笔记：库索引为空。${indexVault}后，方案即可参考你的笔记。`,
    none: "未使用你的笔记：索引中没有与该硬件和用途相关的笔记。",
    failed: (reason) => `未使用你的笔记：${reason}`,
    noRoom: "未使用你的笔记：上下文长度不足以容纳笔记。请在设置中调大上下文长度。",
  },
};

/** The retrieval query: what the plan is about. */
export function contextQuery(hardware: string, usage: string): string {
  const text = [hardware, usage].map((s) => s.replace(/\s+/g, " ").trim()).filter((s) => s !== "").join("\n");
  return text === "" ? "my computer hardware, GPU, memory, and what I use AI for" : text;
}

/** Retrieves and fits the notes part for a plan; never throws (except when `signal` aborts). */
export async function planContext(retriever: NotesRetriever, request: PlanContextRequest, signal: AbortSignal): Promise<PlanContext> {
  const notes = NOTES[request.language];
  const where = request.messageContext ?? IN_PLUGIN;
  let chunks: RetrievedChunk[];
  try {
    if ((await retriever.size?.()) === 0) return { part: null, sources: [], used: [], note: notes.empty(actionText("index-vault", where, request.language)) };
    chunks = await retriever.retrieve(contextQuery(request.hardware, request.usage), CANDIDATES, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    return { part: null, sources: [], used: [], note: notes.failed(userMessage(error, { ...where, activity: "plan" })) };
  }
  if (chunks.length === 0) return { part: null, sources: [], used: [], note: notes.none };
  const budget = { contextTokens: request.contextTokens, promptTokens: estimateTokens(request.prompt), answerTokens: defaultAnswerTokens(request.contextTokens) };
  const context = buildVaultContext(chunks, budget, { language: request.language });
  if (!context.part) return { part: null, sources: [], used: [], note: notes.noRoom };
  return { part: context.part, sources: context.sources, used: context.used, note: null };
}

/** The note shown when there is no index at all (indexing off, or not opened). */
export function noIndexNote(language: PromptLanguage, context: MessageContext = IN_PLUGIN): string {
  return NOTES[language].empty(actionText("index-vault", context, language));
}

/**
 * "Ask my vault": the chat messages for a question answered from retrieved notes, with
 * `[[note#heading]]` citations the panel renders as links (pure).
 */
import type { ChatMessage } from "../shared/ports";
import { assemblePrompt } from "./prompts";
import { buildVaultContext, type RetrievedChunk, type VaultContext } from "../index/retrieval";
import type { PromptLanguage } from "../shared/language";

const SYSTEM: Record<PromptLanguage, { withNotes: string; withoutNotes: string }> = {
  en: {
    withNotes:
      "Answer the question from the user's notes below. Cite every statement taken from a note with its link exactly as given, e.g. [[Folder/Note#Heading]]. If the notes do not contain the answer, say so plainly. Answer in Markdown.",
    withoutNotes:
      "No notes from the user's vault are available for this question. Say that the answer is not based on their notes, then answer briefly in Markdown.",
  },
  zh: {
    withNotes:
      "请根据下面用户笔记中的内容回答问题。凡是来自笔记的内容，都要按给出的原样附上链接引用，例如 [[文件夹/笔记#标题]]。如果笔记中没有答案，请直接说明。用 Markdown 回答。",
    withoutNotes: "这个问题没有可用的用户笔记。请先说明回答并非基于用户的笔记，然后用 Markdown 简要回答。",
  },
};

export interface AskPrompt {
  messages: ChatMessage[];
  context: VaultContext;
}

/** The messages for `question` with as much of `chunks` as fits `contextTokens`. */
export function buildAskPrompt(question: string, chunks: readonly RetrievedChunk[], language: PromptLanguage, contextTokens: number): AskPrompt {
  const context = buildVaultContext(chunks, { contextTokens, promptTokens: 400, answerTokens: Math.floor(contextTokens / 4) }, { language });
  const system = context.part ? SYSTEM[language].withNotes : SYSTEM[language].withoutNotes;
  const user = assemblePrompt([...(context.part ? [context.part] : []), { name: "question", body: question }]);
  return { messages: [{ role: "system", content: system }, { role: "user", content: user }], context };
}

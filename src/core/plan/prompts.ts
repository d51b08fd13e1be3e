/**
 * The two blueprint prompts, word for word from shared/blueprint-prompts.md, and the assembly of a
 * full prompt from named parts. Later features (vault context, hardware facts) add parts after the
 * blueprint in delimited blocks; they never rewrite the blueprint's wording.
 */
import type { PromptLanguage, Tier } from "../shared/language";

const HARDWARE = "{{hardware}}";
const USAGE = "{{usage}}";

/** Canonical blueprint texts with `{{hardware}}` / `{{usage}}` where the article has placeholders. */
export const BLUEPRINTS: Readonly<Record<Tier, Record<PromptLanguage, string>>> = {
  basic: {
    zh: [
      "**角色：** 你是一位精通本地部署的 AI 架构师。",
      `**任务：** 我有一台 ${HARDWARE}，请推荐最简单的方法在本地运行开源大语言模型，并列出所需的软件（如 Ollama）和推荐的模型。`,
    ].join("\n"),
    en: [
      "**Role:** You are an AI architect who is expert in local deployment.",
      `**Task:** I have a ${HARDWARE}. Recommend the simplest way to run open-source large language models locally, and list the software needed (such as Ollama) and the recommended models.`,
    ].join("\n"),
  },
  pro: {
    zh: [
      "**角色 (Role)：** 你是一位资深的 AI 系统架构师和数据隐私专家。",
      "",
      "**背景 (Context)：**",
      "",
      "- 当前痛点：我过度依赖云端 AI，担心数据泄露，且每月订阅费高昂。",
      "- 核心诉求：我希望构建一个“个人 AI 基础设施”，实现数据的 100% 本地化处理。",
      `- 我的设备：${HARDWARE}`,
      `- 主要用途：${USAGE}`,
      "",
      "**任务 (Task)：**",
      "",
      "请为我设计一套完整的个人 AI 技术栈方案，必须包含以下层面：",
      "",
      "1. **计算层 (Compute)：** 推荐适合我硬件的本地 LLM 运行工具和具体开源模型版本。",
      "2. **记忆层 (Memory)：** 如何构建本地向量数据库 (Vector DB) 来管理我的个人知识库。",
      "3. **行动层 (Action)：** 推荐开源的自动化工具（如 n8n），并设计一个符合我主要用途的自动化工作流示例。",
      "",
      "**约束条件 (Constraints)：**",
      "",
      "- 所有推荐的工具必须是开源或支持完全本地化部署的（Self-hosted）。",
      "- 输出格式请使用清晰的 Markdown 列表和逻辑分层。",
      "- 请评估该方案的实施难度和潜在的性能瓶颈。",
      "",
      "**注意 (Warning)：**",
      "",
      "- 推荐模型时必须严格基于我提供的硬件配置计算 VRAM 占用率，避免推荐无法运行的超大模型。",
    ].join("\n"),
    en: [
      "**Role:** You are a senior AI systems architect and data-privacy expert.",
      "",
      "**Context:**",
      "",
      "- Current pain: I rely too much on cloud AI, worry about data leaks, and pay high monthly subscriptions.",
      '- Core need: I want to build a "personal AI infrastructure" that processes 100% of my data locally.',
      `- My hardware: ${HARDWARE}`,
      `- Main uses: ${USAGE}`,
      "",
      "**Task:**",
      "",
      "Design a complete personal AI stack for me. It must cover these layers:",
      "",
      "1. **Compute:** the local LLM runtime that suits my hardware, and specific open-source model versions.",
      "2. **Memory:** how to build a local vector database (Vector DB) to manage my personal knowledge base.",
      "3. **Action:** open-source automation tools (such as n8n), with an example automated workflow designed for my main use.",
      "",
      "**Constraints:**",
      "",
      "- Every recommended tool must be open source or fully self-hostable.",
      "- Format the output as clear Markdown lists with logical layers.",
      "- Assess the plan's implementation difficulty and its likely performance bottlenecks.",
      "",
      "**Warning:**",
      "",
      "- When recommending models, compute VRAM use strictly from the hardware I gave, and never recommend an oversized model that cannot run.",
    ].join("\n"),
  },
};

/** Words used when the user left a placeholder empty, so the prompt never says "I have a ." */
const UNSPECIFIED: Record<PromptLanguage, { hardware: string; usage: string }> = {
  en: { hardware: "computer (hardware not specified)", usage: "not specified" },
  zh: { hardware: "电脑（未提供硬件配置）", usage: "未说明" },
};

/** One named section of a prompt; `title` is shown as a delimited heading, the blueprint has none. */
export interface PromptPart {
  name: string;
  title?: string;
  body: string;
}

export interface BlueprintRequest {
  tier: Tier;
  language: PromptLanguage;
  hardware: string;
  usage: string;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The blueprint prompt with its placeholders filled from the user's hardware and uses. */
export function blueprintPart(request: BlueprintRequest): PromptPart {
  const fallback = UNSPECIFIED[request.language];
  const hardware = oneLine(request.hardware) || fallback.hardware;
  const usage = oneLine(request.usage) || fallback.usage;
  const body = BLUEPRINTS[request.tier][request.language].split(HARDWARE).join(hardware).split(USAGE).join(usage);
  return { name: "blueprint", body };
}

/**
 * Joins parts into the text sent to the model. Titled parts are fenced by `=====` marker lines so
 * context pasted from notes can never pass for the user's instructions.
 */
export function assemblePrompt(parts: readonly PromptPart[]): string {
  return parts
    .filter((part) => part.body.trim() !== "")
    .map((part) =>
      part.title === undefined
        ? part.body.trim()
        : [`===== ${part.title} =====`, part.body.trim(), `===== End of ${part.title} =====`].join("\n"),
    )
    .join("\n\n");
}

/** The whole prompt for a blueprint request plus any extra delimited sections. */
export function buildPlanPrompt(request: BlueprintRequest, extraParts: readonly PromptPart[] = []): string {
  return assemblePrompt([blueprintPart(request), ...extraParts]);
}

/** Renders a generated stack plan as a Markdown note with YAML frontmatter. */
import { renderFitCheck, type FitCheck } from "../hardware/fit-check";
import { renderFrontmatter } from "../shared/frontmatter";
import { renderFitTable, type FitTable } from "../hardware/fit-table";
import type { PromptLanguage, Tier } from "../shared/language";
import { renderSourcesSection, sourcesFrontmatter, type ContextSource } from "../index/retrieval";
import { inertMarkdown } from "../shared/markdown-safety";

/** Everything known about one finished (or stopped) generation. */
export interface PlanRecord {
  tier: Tier;
  model: string;
  hardware: string;
  usage: string;
  language: PromptLanguage;
  created: Date;
  generationSeconds: number;
  promptTokens: number | null;
  answerTokens: number | null;
  /** Tokens per second of the answer, from Ollama's eval_count / eval_duration. */
  tokensPerSecond: number | null;
  answer: string;
  /** True when the user stopped the stream or it was cut: the answer is incomplete. */
  partial: boolean;
  doneReason?: string;
  /** What fits the user's hardware, computed before the prompt was sent. */
  fitTable?: FitTable;
  /** The answer's recommended models checked against the hardware. */
  fitCheck?: FitCheck;
  /** A reasoning model's thinking, kept only when the setting says so. */
  thinking?: string;
  /** Notes cited in the prompt's "From my notes" part (vault index); absent when not looked up. */
  sources?: ContextSource[];
  /** Why the user's notes were not used, when they were looked up but not used. */
  notesNote?: string | null;
}

const TIER_LABEL: Record<PromptLanguage, Record<Tier, string>> = {
  en: { basic: "Basic", pro: "Pro" },
  zh: { basic: "基础版", pro: "专家版" },
};

const HEADINGS: Record<PromptLanguage, { title: string; request: string; hardware: string; usage: string; model: string; speed: string; partial: string; truncated: string; thinking: string }> = {
  en: {
    thinking: "The model's thinking",
    title: "AI stack plan",
    request: "Request",
    hardware: "Hardware",
    usage: "Main uses",
    model: "Written by",
    speed: "Speed on this machine",
    partial: "This plan is incomplete: the generation was stopped before the model finished.",
    truncated: "The model hit its length limit, so the end of this plan may be missing. Raise the context size in settings and regenerate.",
  },
  zh: {
    thinking: "模型的思考过程",
    title: "AI 技术栈方案",
    request: "需求",
    hardware: "硬件",
    usage: "主要用途",
    model: "生成模型",
    speed: "本机生成速度",
    partial: "此方案不完整：生成在模型完成之前被停止。",
    truncated: "模型达到了长度上限，方案末尾可能缺失。请在设置中调大上下文长度后重新生成。",
  },
};

/** The tier's display label in the plan's language ("Pro", "专家版"). */
export function tierLabel(tier: Tier, language: PromptLanguage): string {
  return TIER_LABEL[language][tier];
}

function round(value: number | null, digits: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Local ISO-like timestamp with offset, e.g. 2026-11-25T14:30:05+01:00. */
export function isoLocal(date: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

function quoteBlock(text: string): string {
  return text.split("\n").map((line) => `> ${line}`).join("\n");
}

/**
 * The full note text: frontmatter, a title, the request, then the model's answer made inert (no
 * remote image, HTML or script link); `actionSection` (the n8n workflow for the main use, our own
 * text) follows the answer.
 */
export function renderPlanNote(plan: PlanRecord, actionSection?: string): string {
  const h = HEADINGS[plan.language];
  const frontmatter = renderFrontmatter([
    ["type", "ai-stack-plan"],
    ["tier", plan.tier],
    ["model", plan.model],
    ["hardware", plan.hardware],
    ["usage", plan.usage],
    ["language", plan.language],
    ["created", isoLocal(plan.created)],
    ["generation_seconds", round(plan.generationSeconds, 1)],
    ["prompt_tokens", plan.promptTokens],
    ["answer_tokens", plan.answerTokens],
    ["tokens_per_second", round(plan.tokensPerSecond, 1)],
    ["status", plan.partial ? "partial" : "complete"],
    ...(plan.fitCheck ? [["fit_check", plan.fitCheck.status] as const] : []),
    ...(plan.sources && plan.sources.length > 0 ? [["sources", sourcesFrontmatter(plan.sources)] as const] : []),
  ]);
  const notices: string[] = [];
  if (plan.partial) notices.push(`> [!warning]\n> ${h.partial}`);
  else if (plan.doneReason === "length") notices.push(`> [!warning]\n> ${h.truncated}`);
  const request = [
    `> [!info] ${h.request}`,
    quoteBlock(`**${h.hardware}:** ${plan.hardware.trim() || "—"}`),
    quoteBlock(`**${h.usage}:** ${plan.usage.trim() || "—"}`),
    quoteBlock(`**${h.model}:** ${plan.model}`),
    ...(plan.tokensPerSecond !== null && Number.isFinite(plan.tokensPerSecond) ? [quoteBlock(`**${h.speed}:** ${round(plan.tokensPerSecond, 1)} tokens/s`)] : []),
  ].join("\n");
  // Why the user's notes were not used comes first: the warnings about the answer sit right above it.
  if (plan.notesNote) notices.unshift(`> [!note]\n> ${plan.notesNote}`);
  const hardwareCheck = plan.fitCheck ? [renderFitCheck(plan.fitCheck, plan.language)] : [];
  const fitTable = plan.fitTable ? [renderFitTable(plan.fitTable, plan.language)] : [];
  const sources = plan.sources && plan.sources.length > 0 ? [renderSourcesSection(plan.sources, plan.language).trimEnd()] : [];
  // Thinking stays folded away under the answer: it is how the model got there, not the plan.
  const thinking = plan.thinking ? [`> [!abstract]- ${h.thinking}\n${quoteBlock(inertMarkdown(plan.thinking.trim()))}`] : [];
  const body = [`# ${h.title} (${tierLabel(plan.tier, plan.language)})`, request, ...notices, ...hardwareCheck, inertMarkdown(plan.answer.trim()), ...thinking, ...(actionSection ? [actionSection] : []), ...fitTable, ...sources].join("\n\n");
  return `${frontmatter}\n${body}\n`;
}

/** The plugin's settings, their defaults and the pure migration from whatever was stored. */
import { sanitizeStoredProfile, type StoredHardwareProfile } from "./hardware/stored-profile";

export const SETTINGS_VERSION = 1;

/** Which blueprint prompt to use. */
export type Tier = "basic" | "pro";
/** Prompt language; `auto` follows Obsidian's UI language. */
export type LanguageSetting = "auto" | "en" | "zh";
export type PromptLanguage = "en" | "zh";

export interface PlannerSettings {
  version: number;
  /** Base URL of the Ollama server. */
  ollamaHost: string;
  /** The user's explicit opt-in to send notes to a host that is not this machine. */
  allowRemoteHost: boolean;
  /** Chat model; empty means "the first installed chat model". */
  chatModel: string;
  /** Context window sent as `options.num_ctx` (Ollama's default is small and truncates silently). */
  contextTokens: number;
  hardware: string;
  usage: string;
  language: LanguageSetting;
  defaultTier: Tier;
  plansFolder: string;
  /** When a generation is stopped or cut, keep what arrived as a note marked partial. */
  keepPartialPlans: boolean;
  openPlanAfterWrite: boolean;
  // --- ai-stack code block (issue 5) ---
  /** Where the code block's Generate button puts the plan: a new linked plan note, or below the block. */
  codeBlockOutput: CodeBlockOutput;
  // --- end ai-stack code block ---
  // Hardware-aware planning (issue 4).
  /** Detected or hand-edited hardware profile; null reads the profile from `hardware`. */
  hardwareProfile: StoredHardwareProfile | null;
}

/** Where an `ai-stack` code block's plan goes. */
export type CodeBlockOutput = "note" | "below";

export const DEFAULT_SETTINGS: Readonly<PlannerSettings> = Object.freeze({
  version: SETTINGS_VERSION,
  ollamaHost: "http://127.0.0.1:11434",
  allowRemoteHost: false,
  chatModel: "",
  contextTokens: 8192,
  hardware: "",
  usage: "",
  language: "auto",
  defaultTier: "pro",
  plansFolder: "AI Stack Plans",
  keepPartialPlans: false,
  openPlanAfterWrite: true,
  // --- ai-stack code block (issue 5) ---
  codeBlockOutput: "note",
  // --- end ai-stack code block ---
  // Hardware-aware planning (issue 4).
  hardwareProfile: null,
});

const MIN_CONTEXT = 2048;
const MAX_CONTEXT = 262144;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === "boolean" ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function contextSize(value: unknown): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return DEFAULT_SETTINGS.contextTokens;
  return Math.min(MAX_CONTEXT, Math.max(MIN_CONTEXT, Math.round(n)));
}

function folder(value: unknown): string {
  const cleaned = str(value, DEFAULT_SETTINGS.plansFolder).trim().replace(/^\/+|\/+$/g, "");
  return cleaned === "" ? DEFAULT_SETTINGS.plansFolder : cleaned;
}

/**
 * Turns anything read from `data.json` (nothing, an older schema, hand-edited junk) into valid
 * current settings. Pure: it never throws and never mutates its input.
 */
export function migrateSettings(raw: unknown): PlannerSettings {
  const input: Record<string, unknown> = isRecord(raw) ? { ...raw } : {};

  // Schema 0 (unversioned prototype) used `host`, `model` and `tier` names.
  if (typeof input.version !== "number") {
    if (input.ollamaHost === undefined && typeof input.host === "string") input.ollamaHost = input.host;
    if (input.chatModel === undefined && typeof input.model === "string") input.chatModel = input.model;
    if (input.defaultTier === undefined && typeof input.tier === "string") input.defaultTier = input.tier.toLowerCase();
  }

  return {
    version: SETTINGS_VERSION,
    ollamaHost: str(input.ollamaHost, DEFAULT_SETTINGS.ollamaHost).trim() || DEFAULT_SETTINGS.ollamaHost,
    allowRemoteHost: bool(input.allowRemoteHost, DEFAULT_SETTINGS.allowRemoteHost),
    chatModel: str(input.chatModel, DEFAULT_SETTINGS.chatModel).trim(),
    contextTokens: contextSize(input.contextTokens),
    hardware: str(input.hardware, DEFAULT_SETTINGS.hardware),
    usage: str(input.usage, DEFAULT_SETTINGS.usage),
    language: oneOf(input.language, ["auto", "en", "zh"] as const, DEFAULT_SETTINGS.language),
    defaultTier: oneOf(input.defaultTier, ["basic", "pro"] as const, DEFAULT_SETTINGS.defaultTier),
    plansFolder: folder(input.plansFolder),
    keepPartialPlans: bool(input.keepPartialPlans, DEFAULT_SETTINGS.keepPartialPlans),
    openPlanAfterWrite: bool(input.openPlanAfterWrite, DEFAULT_SETTINGS.openPlanAfterWrite),
    // --- ai-stack code block (issue 5) ---
    codeBlockOutput: oneOf(input.codeBlockOutput, ["note", "below"] as const, DEFAULT_SETTINGS.codeBlockOutput),
    // --- end ai-stack code block ---
    // Hardware-aware planning (issue 4).
    hardwareProfile: sanitizeStoredProfile(input.hardwareProfile),
  };
}

/** Picks the prompt language: an explicit setting wins, else Obsidian's UI language, else English. */
export function resolveLanguage(setting: LanguageSetting, uiLanguage: string | undefined): PromptLanguage {
  if (setting !== "auto") return setting;
  return uiLanguage?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

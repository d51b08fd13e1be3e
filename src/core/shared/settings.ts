/** The plugin's settings, their defaults and the pure migration from whatever was stored. */
import type { LanguageSetting, Tier } from "./language";
import { sanitizeStoredProfile, type StoredHardwareProfile } from "../hardware/stored-profile";

export const SETTINGS_VERSION = 1;


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
  /** Seconds without a byte, once an answer started, before it is given up with a message. */
  stallTimeoutSeconds: number;
  hardware: string;
  usage: string;
  language: LanguageSetting;
  defaultTier: Tier;
  plansFolder: string;
  /** When a generation is stopped or cut, keep what arrived as a note marked partial. */
  keepPartialPlans: boolean;
  /** Keep a reasoning model's thinking in the plan note, folded in a callout. */
  keepThinking: boolean;
  openPlanAfterWrite: boolean;
  // --- ai-stack code block (issue 5) ---
  /** Where the code block's Generate button puts the plan: a new linked plan note, or below the block. */
  codeBlockOutput: CodeBlockOutput;
  // --- end ai-stack code block ---
  // Hardware-aware planning (issue 4).
  /** Detected or hand-edited hardware profile; null reads the profile from `hardware`. */
  hardwareProfile: StoredHardwareProfile | null;
  // --- Vault index (issue 3): where the index lives, which model embeds, what is never indexed.
  /** Keep a vector index of the vault and follow vault changes. */
  indexEnabled: boolean;
  /** Vault folder of the index files (hidden by default, so Obsidian does not list them). */
  indexFolder: string;
  /** Ollama embedding model (`/api/embed`). */
  embeddingModel: string;
  /** Folders whose notes are never indexed nor sent to Ollama. */
  indexExcludedFolders: string[];
  /** Tags (without `#`) whose notes are never indexed nor sent to Ollama. */
  indexExcludedTags: string[];
  /** Frontmatter key that opts a note out: `<key>: exclude`. */
  indexExcludeKey: string;
  /** Leave the plans folder out of the index (plans would otherwise echo into the next plan). */
  indexExcludePlansFolder: boolean;
  /** Also leave out what Obsidian's "Excluded files" setting lists. */
  indexHonourExcludedFiles: boolean;
  /** Add the most relevant excerpts of the user's notes to blueprint prompts. */
  useNotesInPlans: boolean;
  // --- End of vault index settings.
  // --- Action layer (issue 13): where "Check my stack" finds n8n (this computer only; the API key is not stored here).
  n8nUrl: string;
}

/** Where an `ai-stack` code block's plan goes. */
export type CodeBlockOutput = "note" | "below";

export const DEFAULT_SETTINGS: Readonly<PlannerSettings> = Object.freeze({
  version: SETTINGS_VERSION,
  ollamaHost: "http://127.0.0.1:11434",
  allowRemoteHost: false,
  chatModel: "",
  contextTokens: 8192,
  stallTimeoutSeconds: 60,
  hardware: "",
  usage: "",
  language: "auto",
  defaultTier: "pro",
  plansFolder: "AI Stack Plans",
  keepPartialPlans: false,
  keepThinking: false,
  openPlanAfterWrite: true,
  // --- ai-stack code block (issue 5) ---
  codeBlockOutput: "note",
  // --- end ai-stack code block ---
  // Hardware-aware planning (issue 4).
  hardwareProfile: null,
  // --- Vault index (issue 3)
  indexEnabled: true,
  indexFolder: ".ai-stack-planner/index",
  embeddingModel: "nomic-embed-text",
  indexExcludedFolders: [],
  indexExcludedTags: ["private"],
  indexExcludeKey: "ai-stack-planner",
  indexExcludePlansFolder: true,
  indexHonourExcludedFiles: true,
  useNotesInPlans: true,
  // --- End of vault index settings.
  n8nUrl: "http://127.0.0.1:5678",
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

/** Seconds from 5 to 3,600; anything else gives the default minute. */
function stallSeconds(value: unknown): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return DEFAULT_SETTINGS.stallTimeoutSeconds;
  return Math.min(3600, Math.max(5, Math.round(n)));
}

function contextSize(value: unknown): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return DEFAULT_SETTINGS.contextTokens;
  return Math.min(MAX_CONTEXT, Math.max(MIN_CONTEXT, Math.round(n)));
}

/**
 * A folder inside the vault: backslashes become slashes; empty, `.` and `..` parts are dropped
 * (so it can never leave the vault); nothing left gives `fallback`.
 */
function vaultFolder(value: unknown, fallback: string): string {
  const parts = str(value, fallback).replace(/\\/g, "/").split("/").map((p) => p.trim()).filter((p) => p !== "" && p !== "." && p !== "..");
  return parts.length > 0 ? parts.join("/") : fallback;
}

// --- Vault index (issue 3): helpers for its settings.
/** A list of strings from a stored array or a comma/newline-separated text (as typed in settings). */
function textList(value: unknown, fallback: readonly string[]): string[] {
  const items = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? value.split(/[,\n]/) : [...fallback];
  return [...new Set(items.map((v) => v.trim()).filter((v) => v !== ""))];
}

/**
 * Why a stored exclusion list (folders or tags) can't be trusted, or null. A list holding a number,
 * an object or an entry that is empty once `#`, `./` and spaces are gone would otherwise be read
 * as fewer rules, possibly none: exclusion would silently switch off. Callers stop instead.
 */
export function exclusionListProblem(raw: unknown): string | null {
  if (!isRecord(raw)) return null;
  const lists: [string, string, RegExp][] = [
    ["indexExcludedFolders", "excluded folders", /^[\s./\\]*$/],
    ["indexExcludedTags", "excluded tags", /^[\s#]*$/],
  ];
  for (const [key, label, empty] of lists) {
    const value = raw[key];
    if (value === undefined || typeof value === "string") continue;
    if (!Array.isArray(value)) return `The ${label} setting isn't a list (it holds ${JSON.stringify(value)}).`;
    const bad: unknown = (value as unknown[]).find((item) => typeof item !== "string" || empty.test(item));
    if (bad !== undefined) return `The ${label} setting holds ${JSON.stringify(bad)}, which is not a usable ${label === "excluded tags" ? "tag" : "folder"}.`;
  }
  return null;
}

// --- End of vault index helpers.

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
    stallTimeoutSeconds: stallSeconds(input.stallTimeoutSeconds),
    hardware: str(input.hardware, DEFAULT_SETTINGS.hardware),
    usage: str(input.usage, DEFAULT_SETTINGS.usage),
    language: oneOf(input.language, ["auto", "en", "zh"] as const, DEFAULT_SETTINGS.language),
    defaultTier: oneOf(input.defaultTier, ["basic", "pro"] as const, DEFAULT_SETTINGS.defaultTier),
    plansFolder: vaultFolder(input.plansFolder, DEFAULT_SETTINGS.plansFolder),
    keepPartialPlans: bool(input.keepPartialPlans, DEFAULT_SETTINGS.keepPartialPlans),
    keepThinking: bool(input.keepThinking, DEFAULT_SETTINGS.keepThinking),
    openPlanAfterWrite: bool(input.openPlanAfterWrite, DEFAULT_SETTINGS.openPlanAfterWrite),
    // --- ai-stack code block (issue 5) ---
    codeBlockOutput: oneOf(input.codeBlockOutput, ["note", "below"] as const, DEFAULT_SETTINGS.codeBlockOutput),
    // --- end ai-stack code block ---
    // Hardware-aware planning (issue 4).
    hardwareProfile: sanitizeStoredProfile(input.hardwareProfile),
    // --- Vault index (issue 3)
    indexEnabled: bool(input.indexEnabled, DEFAULT_SETTINGS.indexEnabled),
    indexFolder: vaultFolder(input.indexFolder, DEFAULT_SETTINGS.indexFolder),
    embeddingModel: str(input.embeddingModel, DEFAULT_SETTINGS.embeddingModel).trim() || DEFAULT_SETTINGS.embeddingModel,
    indexExcludedFolders: textList(input.indexExcludedFolders, DEFAULT_SETTINGS.indexExcludedFolders).map((f) => f.replace(/\\/g, "/").replace(/^\/+|\/+$/g, "")).filter((f) => f !== ""),
    indexExcludedTags: textList(input.indexExcludedTags, DEFAULT_SETTINGS.indexExcludedTags).map((t) => t.replace(/^#+/, "")).filter((t) => t !== ""),
    indexExcludeKey: str(input.indexExcludeKey, DEFAULT_SETTINGS.indexExcludeKey).trim() || DEFAULT_SETTINGS.indexExcludeKey,
    indexExcludePlansFolder: bool(input.indexExcludePlansFolder, DEFAULT_SETTINGS.indexExcludePlansFolder),
    indexHonourExcludedFiles: bool(input.indexHonourExcludedFiles, DEFAULT_SETTINGS.indexHonourExcludedFiles),
    useNotesInPlans: bool(input.useNotesInPlans, DEFAULT_SETTINGS.useNotesInPlans),
    // --- End of vault index settings.
    n8nUrl: str(input.n8nUrl, DEFAULT_SETTINGS.n8nUrl).trim() || DEFAULT_SETTINGS.n8nUrl,
  };
}

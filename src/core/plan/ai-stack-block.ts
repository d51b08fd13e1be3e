/**
 * The `ai-stack` fenced code block a user writes in a note:
 *
 *     ```ai-stack
 *     tier: pro
 *     hardware: M3 MacBook Pro 16GB
 *     usage: personal knowledge base, email drafts
 *     ```
 *
 * parsed (pure) into a plan request; anything left out comes from the settings at generation time.
 */
import type { PromptLanguage, Tier } from "../shared/language";

/**
 * A YAML parser that throws on bad input. The plugin passes Obsidian's own `parseYaml` (bundling
 * the `yaml` package would add ~97 KB to main.js); tests pass the `yaml` package's `parse`.
 */
export type ParseYaml = (text: string) => unknown;

/** What the block asks for; absent fields fall back to the settings. */
export interface AiStackBlockParams {
  tier?: Tier;
  hardware?: string;
  usage?: string;
  language?: PromptLanguage;
  model?: string;
}

/** A problem that stops the block from being used, with the line inside the block (1-based). */
export type AiStackBlockError =
  | { kind: "yaml"; line?: number; detail: string }
  | { kind: "not-mapping" }
  | { kind: "bad-tier"; value: string }
  | { kind: "bad-language"; value: string }
  | { kind: "not-text"; key: string };

/** A problem that does not stop it. */
export type AiStackBlockWarning = { kind: "unknown-key"; key: string };

export type AiStackBlockParse =
  | { ok: true; params: AiStackBlockParams; warnings: AiStackBlockWarning[] }
  | { ok: false; errors: AiStackBlockError[]; warnings: AiStackBlockWarning[] };

export const AI_STACK_BLOCK_LANGUAGE = "ai-stack";

const KNOWN_KEYS = ["tier", "hardware", "usage", "language", "model"] as const;
/** Other spellings people write, mapped to the keys. */
const ALIASES: Record<string, (typeof KNOWN_KEYS)[number]> = { uses: "usage", "main uses": "usage", use: "usage", lang: "language", "硬件": "hardware", "用途": "usage", "版本": "tier" };
const TIERS: Record<string, Tier> = { basic: "basic", pro: "pro", "基础版": "basic", "专家版": "pro" };
const LANGUAGES: Record<string, PromptLanguage> = { en: "en", english: "en", zh: "zh", chinese: "zh", "中文": "zh" };

/** A scalar or a list of scalars as one line of text; null for anything else. */
function asText(value: unknown): string | null {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) return value.map((v) => String(v).trim()).join(", ");
  return null;
}

/** The 1-based line of `offset`; an error at the very end belongs to the last written line. */
function lineAt(source: string, offset: number): number {
  const at = Math.min(offset, source.trimEnd().length);
  return source.slice(0, at).split("\n").length;
}

interface YamlErrorShape {
  message?: unknown;
  /** `yaml` package: [start, end] offsets and line/col positions. */
  pos?: unknown;
  linePos?: { line?: unknown }[];
  /** js-yaml: 0-based mark. */
  mark?: { line?: unknown };
}

/** The first line of a parser's message and the 1-based line it points at, whatever the parser. */
export function describeYamlError(error: unknown, source: string): { line?: number; detail: string } {
  const e = (typeof error === "object" && error !== null ? error : {}) as YamlErrorShape;
  const message = typeof e.message === "string" ? e.message : String(error);
  const detail = message.split("\n")[0].replace(/\s*\(\d+:\d+\)\s*$/, "").replace(/ at line \d+, column \d+:?$/, "").trim();
  let line: number | undefined;
  const fromLinePos = e.linePos?.[0]?.line;
  if (Array.isArray(e.pos) && typeof e.pos[0] === "number") line = lineAt(source, e.pos[0]);
  else if (typeof fromLinePos === "number") line = fromLinePos;
  else if (typeof e.mark?.line === "number") line = e.mark.line + 1;
  else {
    const m = /line (\d+)/.exec(message);
    if (m) line = Number(m[1]);
  }
  return { line, detail: detail || message };
}

/** Parses the block's text with `parseYaml`. Never throws. */
export function parseAiStackBlock(source: string, parseYaml: ParseYaml): AiStackBlockParse {
  const warnings: AiStackBlockWarning[] = [];
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    return { ok: false, warnings, errors: [{ kind: "yaml", ...describeYamlError(error, source) }] };
  }
  if (data === null || data === undefined) return { ok: true, params: {}, warnings };
  if (typeof data !== "object" || Array.isArray(data)) return { ok: false, errors: [{ kind: "not-mapping" }], warnings };

  const errors: AiStackBlockError[] = [];
  const params: AiStackBlockParams = {};
  for (const [rawKey, value] of Object.entries(data as Record<string, unknown>)) {
    const lower = rawKey.trim().toLowerCase();
    const key = (KNOWN_KEYS as readonly string[]).includes(lower) ? (lower as (typeof KNOWN_KEYS)[number]) : ALIASES[lower];
    if (!key) {
      warnings.push({ kind: "unknown-key", key: rawKey });
      continue;
    }
    if (value === null || value === undefined) continue;
    const text = asText(value);
    if (text === null) {
      errors.push({ kind: "not-text", key: rawKey });
      continue;
    }
    if (key === "tier") {
      const tier = TIERS[text.toLowerCase()];
      if (tier) params.tier = tier;
      else errors.push({ kind: "bad-tier", value: text });
    } else if (key === "language") {
      const language = LANGUAGES[text.toLowerCase()];
      if (language) params.language = language;
      else errors.push({ kind: "bad-language", value: text });
    } else if (text !== "") {
      params[key] = text;
    }
  }
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, params, warnings };
}

/** Where the block sits in its note, as Obsidian's section info gives it (0-based fence lines). */
export interface BlockLocation {
  lineStart: number;
  lineEnd: number;
}

function blockBody(lines: readonly string[], start: number, end: number): string {
  return lines.slice(start + 1, end).join("\n");
}

/**
 * `note` with `text` inserted after the block's closing fence, or null when the block is no longer
 * where it was (or its content changed) and cannot be found unambiguously: then nothing is written.
 */
export function insertAfterBlock(note: string, location: BlockLocation | null, source: string, text: string): string | null {
  const lines = note.split("\n");
  const wanted = source.replace(/\n$/, "");
  const isBlockAt = (start: number, end: number) =>
    /^\s*(`{3,}|~{3,})\s*ai-stack\b/.test(lines[start] ?? "") && /^\s*(`{3,}|~{3,})\s*$/.test(lines[end] ?? "") && blockBody(lines, start, end) === wanted;
  let end: number | null = null;
  if (location && isBlockAt(location.lineStart, location.lineEnd)) {
    end = location.lineEnd;
  } else {
    const found: number[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*(`{3,}|~{3,})\s*ai-stack\b/.test(lines[i])) continue;
      let j = i + 1;
      while (j < lines.length && !/^\s*(`{3,}|~{3,})\s*$/.test(lines[j])) j++;
      if (j < lines.length && isBlockAt(i, j)) found.push(j);
      i = j;
    }
    if (found.length === 1) end = found[0];
  }
  if (end === null) return null;
  const before = lines.slice(0, end + 1).join("\n");
  const after = lines.slice(end + 1).join("\n");
  return `${before}\n\n${text.trim()}\n${after.startsWith("\n") || after === "" ? "" : "\n"}${after}`;
}

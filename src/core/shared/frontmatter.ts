import { hasControlChars } from "./text";

/**
 * The one small YAML frontmatter reader and writer: flat records of scalars and lists (nested maps
 * are skipped on reading). Plan notes are written with it; the index reads notes with it.
 */

export type FrontmatterValue = string | number | boolean | null | readonly string[];

// Plain scalars that YAML would read back as something other than the same string.
const NEEDS_QUOTES = /^$|^[\s\-?:,[\]{}#&*!|>'"%@`~]|[:#]\s|\s$|^(true|false|yes|no|on|off|null|~)$|^[-+]?(\d|\.\d)/i;

/** A YAML scalar for `text`: plain when unambiguous, else double-quoted (JSON escapes are valid YAML). */
export function yamlString(text: string): string {
  return NEEDS_QUOTES.test(text) || hasControlChars(text) ? JSON.stringify(text) : text;
}

function yamlValue(value: Exclude<FrontmatterValue, readonly string[]>): string {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  return yamlString(value);
}

/** `---\nkey: value\n...---\n`, keys in the given order; lists as block sequences. */
export function renderFrontmatter(fields: ReadonlyArray<readonly [string, FrontmatterValue]>): string {
  const lines = ["---"];
  for (const [key, value] of fields) {
    if (Array.isArray(value)) {
      const items = value as readonly string[];
      if (items.length === 0) lines.push(`${key}: []`);
      else lines.push(`${key}:`, ...items.map((item) => `  - ${yamlString(item)}`));
    } else {
      lines.push(`${key}: ${yamlValue(value as Exclude<FrontmatterValue, readonly string[]>)}`);
    }
  }
  lines.push("---", "");
  return lines.join("\n");
}

// ------------------------------------------------------------------ reading

export type FrontmatterScalar = string | number | boolean | null;
export type FrontmatterData = Record<string, FrontmatterScalar | FrontmatterScalar[]>;

function unquote(raw: string): FrontmatterScalar {
  const value = raw.trim();
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) return value.slice(1, -1).replace(/''/g, "'");
  if (value === "" || value === "~" || /^null$/i.test(value)) return null;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

/** Drops a trailing ` # comment` that is not inside quotes. */
function stripComment(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith("'")) return trimmed;
  const at = trimmed.search(/\s#/);
  return at >= 0 ? trimmed.slice(0, at).trim() : trimmed;
}

function splitInlineList(inner: string): FrontmatterScalar[] {
  const items: string[] = [];
  let current = "";
  let quote = "";
  for (const ch of inner) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === ",") {
      items.push(current);
      current = "";
    } else current += ch;
  }
  items.push(current);
  return items.map((s) => s.trim()).filter((s) => s !== "").map(unquote);
}

function parseValue(raw: string): FrontmatterScalar | FrontmatterScalar[] {
  const value = stripComment(raw);
  if (value.startsWith("[") && value.endsWith("]")) return splitInlineList(value.slice(1, -1));
  return unquote(value);
}

/**
 * The frontmatter block at the top of `lines`, if any: `---` on the first line and a closing `---`
 * (or `...`). Returns the parsed data and the index of the first body line. Nested maps are
 * skipped; an unclosed block is not frontmatter (as in Obsidian).
 */
export function parseFrontmatter(lines: readonly string[]): { data: FrontmatterData; bodyStart: number } {
  if (lines.length === 0 || lines[0].trimEnd() !== "---") return { data: {}, bodyStart: 0 };
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    if (line === "---" || line === "...") {
      end = i;
      break;
    }
  }
  if (end < 0) return { data: {}, bodyStart: 0 };
  const data: FrontmatterData = {};
  let listKey: string | null = null;
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const item = /^\s*-(?:\s+(.*))?$/.exec(line);
    if (item && listKey !== null) {
      const current = data[listKey];
      const list = Array.isArray(current) ? current : [];
      if (item[1] !== undefined && item[1].trim() !== "") list.push(unquote(stripComment(item[1])));
      data[listKey] = list;
      continue;
    }
    // Indented lines belong to nested maps, which the index does not need.
    if (/^\s/.test(line)) continue;
    listKey = null;
    const pair = /^([^:]+?)\s*:(?:\s+(.*))?$/.exec(line);
    if (!pair) continue;
    const key = pair[1].trim();
    const rest = (pair[2] ?? "").trim();
    if (rest === "") {
      data[key] = null;
      listKey = key;
    } else data[key] = parseValue(rest);
  }
  return { data, bodyStart: end + 1 };
}

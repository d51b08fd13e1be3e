import { hasControlChars } from "./text";

/**
 * The small YAML frontmatter writer for plan notes: flat records of scalars and lists. Notes are
 * read with a real YAML parser instead (core/index/note-properties.ts): a subset reader misread
 * valid frontmatter and sent private notes.
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

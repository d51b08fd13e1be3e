/**
 * A note's properties (YAML frontmatter) and tags, read so that exclusions fail closed (pure).
 * The YAML parser is injected (the `yaml` package in the CLI and tests, Obsidian's `parseYaml` in
 * the plugin), so both read the same corpus the same way. Anything the reader cannot be sure of
 * (a parse error, a document that is not a map, tags that are not words) marks the note
 * unreadable, and an unreadable note is treated as excluded: guessing would mean sending it.
 */

export type FrontmatterScalar = string | number | boolean | null;
export type FrontmatterData = Record<string, FrontmatterScalar | FrontmatterScalar[]>;

/** Parses YAML text into a value; throws on invalid YAML. */
export type YamlParse = (text: string) => unknown;

/** The reader used when none is injected: any frontmatter is then unreadable (fail closed). */
export const NO_YAML_PARSER: YamlParse = () => {
  throw new Error("no YAML parser was given");
};

export interface FrontmatterRead {
  data: FrontmatterData;
  /** Index of the first body line. */
  bodyStart: number;
  /** Why the properties could not be read with certainty, or null. */
  unreadable: string | null;
}

/** Keys whose values decide exclusion: a value of an unexpected shape there makes the note unreadable. */
const DECIDING_KEYS = new Set(["tags", "tag", "private"]);

function scalar(value: unknown): FrontmatterScalar | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return undefined;
}

/** Strips a UTF-8 byte order mark, which editors on Windows put before the opening `---`. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The frontmatter block at the top of `lines`: `---` on the first line and a closing `---` (or
 * `...`), as Obsidian reads it. An unclosed block is not frontmatter. `flagKey` is the user's
 * opt-out key, which also decides exclusion.
 */
export function readFrontmatter(lines: readonly string[], parseYaml: YamlParse, flagKey = "ai-stack-planner"): FrontmatterRead {
  const first = lines.length > 0 ? stripBom(lines[0]).trimEnd() : "";
  if (first !== "---") return { data: {}, bodyStart: 0, unreadable: null };
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    if (line === "---" || line === "...") {
      end = i;
      break;
    }
  }
  if (end < 0) return { data: {}, bodyStart: 0, unreadable: null };
  const text = lines.slice(1, end).join("\n");
  // A null prototype: keys such as "__proto__" or "constructor" are plain data here.
  const data = Object.create(null) as FrontmatterData;
  if (text.trim() === "") return { data, bodyStart: end + 1, unreadable: null };
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch {
    return { data, bodyStart: end + 1, unreadable: "its properties are not valid YAML" };
  }
  if (parsed === null || parsed === undefined) return { data, bodyStart: end + 1, unreadable: null };
  if (typeof parsed !== "object" || Array.isArray(parsed)) return { data, bodyStart: end + 1, unreadable: "its properties are not a list of names and values" };
  const deciding = new Set([...DECIDING_KEYS, flagKey.trim().toLowerCase()]);
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const single = scalar(value);
    if (single !== undefined) {
      data[key] = single;
      continue;
    }
    const items: (FrontmatterScalar | undefined)[] | null = Array.isArray(value) ? (value as unknown[]).map(scalar) : null;
    if (items !== null && items.every((item): item is FrontmatterScalar => item !== undefined)) {
      data[key] = items;
      continue;
    }
    // A nested map elsewhere is fine (the index does not need it); where exclusion is decided it is not.
    if (deciding.has(key.trim().toLowerCase())) return { data, bodyStart: end + 1, unreadable: `its "${key}" property has an unexpected shape` };
  }
  return { data, bodyStart: end + 1, unreadable: null };
}

/** Lower-case tag without `#`; empty when not a valid tag (all digits is not a tag, as in Obsidian). */
export function normaliseTag(raw: string): string {
  const tag = raw.normalize("NFC").trim().replace(/^#+/, "").toLowerCase();
  return /^[\p{L}\p{M}\p{N}_\-/]+$/u.test(tag) && !/^\d+$/.test(tag) ? tag : "";
}

/** Tags from the `tags`/`tag` properties, whatever their case, as lists or comma/space-separated text. */
export function frontmatterTags(data: FrontmatterData): string[] {
  const out: string[] = [];
  for (const key of Object.keys(data)) {
    if (!["tags", "tag"].includes(key.trim().toLowerCase())) continue;
    const value = data[key];
    const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    for (const v of values) {
      if (typeof v !== "string") continue;
      for (const part of v.split(/[,\s]+/)) {
        const tag = normaliseTag(part);
        if (tag) out.push(tag);
      }
    }
  }
  return out;
}

/**
 * `#tag` anywhere but in inline code: after markup (`**#x**`, `_#x_`, `|#x|`, `]#x`, `%%#x`) too.
 * Only a letter, digit, `-`, `/`, `&` or `#` right before it (C#, a URL path, `&#35;`) makes it
 * not a tag. Over-matching only excludes more, which is the safe side.
 */
const INLINE_TAG = /(^|[^\p{L}\p{M}\p{N}\-/&#])#([\p{L}\p{M}\p{N}_\-/]+)/gu;

/** Adds the inline tags of one body line (outside inline code) to `into`. */
export function inlineTags(line: string, into: Set<string>): void {
  if (!line.includes("#")) return;
  const withoutCode = line.includes("`") ? line.replace(/(`+)[^`][\s\S]*?\1/g, " ") : line;
  for (const match of withoutCode.matchAll(INLINE_TAG)) {
    // `_#private_` may be italics around the tag or the tag "private_": count both readings.
    for (const reading of [match[2], match[2].replace(/[_\-/]+$/, "")]) {
      const tag = normaliseTag(reading);
      if (tag) into.add(tag);
    }
  }
}

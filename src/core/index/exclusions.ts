/**
 * What the vault index must never read into Ollama (pure). A note is excluded when:
 * - it is not a Markdown file, or any part of its path starts with "." (`.obsidian`, `.trash`, the
 *   index folder itself);
 * - it is inside an excluded folder, or inside the plans folder (on by default: plans are the
 *   plugin's own output and would otherwise echo back into the next plan);
 * - it carries an excluded tag (default `#private`), in the frontmatter or inline; nested tags count
 *   (`#private/health` is excluded by `private`);
 * - its frontmatter says `ai-stack-planner: exclude` (the key is configurable; also `false`, `no`,
 *   `off`, `never`), or
 *   `private: true` (property names in any case);
 * - its properties could not be read with certainty (fail closed: a guess could send it), or
 * - it matches Obsidian's own "Excluded files" (`userIgnoreFilters`: path prefixes and `/regex/`).
 * Path rules need no content; tag and frontmatter rules need the note's metadata, which is read
 * locally and never sent anywhere.
 */
import type { NoteMetadata } from "./chunking";

export interface ExclusionRules {
  /** Vault folders whose notes are never indexed. */
  folders: readonly string[];
  /** Tags (with or without `#`) whose notes are never indexed. */
  tags: readonly string[];
  /** The plans folder; excluded when `excludePlansFolder` is true. */
  plansFolder?: string;
  excludePlansFolder: boolean;
  /** The frontmatter key that opts a note out (default `ai-stack-planner`). */
  frontmatterKey?: string;
  /** Obsidian's "Excluded files" entries: path prefixes, or `/regex/` tested on the path. */
  ignoreFilters?: readonly string[];
}

export const DEFAULT_EXCLUSION_RULES: Readonly<ExclusionRules> = Object.freeze({
  folders: [],
  tags: ["private"],
  plansFolder: "AI Stack Plans",
  excludePlansFolder: true,
});

/** The frontmatter key that opts a note out: `ai-stack-planner: exclude`. */
export const EXCLUDE_KEY = "ai-stack-planner";
const EXCLUDE_VALUES = new Set(["exclude", "excluded", "false", "no", "off", "never", "private"]);

export type ExclusionReason = "not-markdown" | "hidden" | "folder" | "plans-folder" | "tag" | "frontmatter" | "unreadable" | "obsidian-excluded";

export interface Exclusion {
  reason: ExclusionReason;
  /** Human-readable detail, e.g. the folder or tag that matched. */
  detail: string;
}

// NFC on both sides: a folder typed "Café" must also match the decomposed name macOS or a sync tool wrote.
// "./Private", "/Private/", "Private//Sub" and "private" are the same folder.
function normaliseFolder(folder: string): string {
  return folder
    .normalize("NFC")
    .trim()
    .replace(/\\/g, "/")
    .split("/")
    .map((part) => part.trim())
    .filter((part) => part !== "" && part !== ".")
    .join("/")
    .toLowerCase();
}

/** True when `path` matches one of Obsidian's "Excluded files" entries (a `/regex/` or a path prefix). */
function ignoredByObsidian(path: string, filters: readonly string[]): string | undefined {
  return filters.find((filter) => {
    const regex = /^\/(.+)\/([a-z]*)$/s.exec(filter.trim());
    if (regex) {
      try {
        return new RegExp(regex[1], regex[2]).test(path);
      } catch {
        // An entry that is not a valid regex cannot be honoured precisely: exclude rather than send.
        return true;
      }
    }
    const prefix = normaliseFolder(filter);
    return prefix !== "" && path.normalize("NFC").toLowerCase().startsWith(prefix);
  });
}

function inFolder(path: string, folder: string): boolean {
  const f = normaliseFolder(folder);
  if (f === "") return false;
  const p = path.normalize("NFC").toLowerCase();
  return p === f || p.startsWith(`${f}/`);
}

function normaliseTagRule(tag: string): string {
  return tag.normalize("NFC").trim().replace(/^#+/, "").toLowerCase();
}

/** Why `path` is excluded without looking at its content, or null. Folder matches ignore case. */
export function excludedByPath(path: string, rules: ExclusionRules): Exclusion | null {
  if (!/\.md$/i.test(path)) return { reason: "not-markdown", detail: path };
  const hidden = path.split("/").find((part) => part.startsWith("."));
  if (hidden !== undefined) return { reason: "hidden", detail: hidden };
  if (rules.excludePlansFolder && rules.plansFolder && inFolder(path, rules.plansFolder)) return { reason: "plans-folder", detail: rules.plansFolder };
  const folder = rules.folders.find((f) => inFolder(path, f));
  if (folder !== undefined) return { reason: "folder", detail: folder };
  const ignored = ignoredByObsidian(path, rules.ignoreFilters ?? []);
  if (ignored !== undefined) return { reason: "obsidian-excluded", detail: ignored };
  return null;
}

function flagValue(value: unknown): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  return typeof value === "string" ? value.trim().toLowerCase() : "";
}

/** Why a note with this metadata is excluded by its tags or frontmatter flag, or null. */
export function excludedByMetadata(metadata: NoteMetadata, rules: ExclusionRules): Exclusion | null {
  if (metadata.unreadable) return { reason: "unreadable", detail: metadata.unreadable };
  const fm = metadata.frontmatter;
  const wanted = (rules.frontmatterKey ?? EXCLUDE_KEY).trim().toLowerCase() || EXCLUDE_KEY;
  const flagKey = Object.keys(fm).find((k) => k.trim().toLowerCase() === wanted);
  if (flagKey !== undefined && EXCLUDE_VALUES.has(flagValue(fm[flagKey]))) return { reason: "frontmatter", detail: `${flagKey}: ${String(fm[flagKey])}` };
  const privateKey = Object.keys(fm).find((k) => k.trim().toLowerCase() === "private");
  if (privateKey !== undefined && ["true", "yes"].includes(flagValue(fm[privateKey]))) return { reason: "frontmatter", detail: `${privateKey}: true` };
  for (const rule of rules.tags.map(normaliseTagRule).filter((t) => t !== "")) {
    const hit = metadata.tags.find((tag) => {
      const t = tag.normalize("NFC");
      return t === rule || t.startsWith(`${rule}/`);
    });
    if (hit !== undefined) return { reason: "tag", detail: `#${hit}` };
  }
  return null;
}

/** The full predicate: path rules first, then (when metadata is known) tags and frontmatter. */
export function excludedNote(path: string, metadata: NoteMetadata | undefined, rules: ExclusionRules): Exclusion | null {
  return excludedByPath(path, rules) ?? (metadata ? excludedByMetadata(metadata, rules) : null);
}

/** A stable text of the rules, so a change can be detected (and newly excluded notes removed). */
export function exclusionSignature(rules: ExclusionRules): string {
  const folders = rules.folders.map(normaliseFolder).filter((f) => f !== "").sort();
  const tags = rules.tags.map(normaliseTagRule).filter((t) => t !== "").sort();
  const plans = rules.excludePlansFolder && rules.plansFolder ? normaliseFolder(rules.plansFolder) : "";
  const flag = (rules.frontmatterKey ?? EXCLUDE_KEY).trim().toLowerCase() || EXCLUDE_KEY;
  const ignored = [...(rules.ignoreFilters ?? [])].map((f) => f.trim()).sort();
  return JSON.stringify(ignored.length > 0 ? { folders, tags, plans, flag, ignored } : { folders, tags, plans, flag });
}

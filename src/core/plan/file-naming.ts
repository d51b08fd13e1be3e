/** Safe, unique note paths for generated plans, whatever characters the user's hardware contains. */

import { replaceControlChars } from "../shared/text";

// Characters Obsidian or one of the desktop file systems refuse in a file name, plus link syntax.
const FORBIDDEN = /[\\/:*?"<>|#^[\]]/g;
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_NAME_LENGTH = 100;
/**
 * File systems limit a name to 255 bytes (ext4, APFS in UTF-8), not characters: 60 emoji are 240
 * bytes. 200 leaves room for a " 9999" suffix and ".md".
 */
const MAX_NAME_BYTES = 200;

const utf8 = new TextEncoder();
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

function byteLength(text: string): number {
  return utf8.encode(text).length;
}

/** The longest start of `text` of whole graphemes (never half an emoji or a lone accent) within both limits. */
function cutToFit(text: string, maxLength: number, maxBytes: number): string {
  let cut = "";
  let length = 0;
  let bytes = 0;
  for (const { segment } of graphemes.segment(text)) {
    const segmentLength = Array.from(segment).length;
    const segmentBytes = byteLength(segment);
    if (length + segmentLength > maxLength || bytes + segmentBytes > maxBytes) break;
    cut += segment;
    length += segmentLength;
    bytes += segmentBytes;
  }
  return cut;
}

/**
 * A file-name-safe version of `text` (no path separators or link syntax, trimmed), at most
 * `maxLength` characters and `maxBytes` UTF-8 bytes.
 */
export function sanitizeFileName(text: string, maxLength = MAX_NAME_LENGTH, maxBytes = MAX_NAME_BYTES): string {
  let name = replaceControlChars(text.normalize("NFC"), " ").replace(FORBIDDEN, " ").replace(/\s+/g, " ").trim();
  name = name.replace(/^\.+/, "").replace(/[. ]+$/, "");
  const cut = cutToFit(name, maxLength, maxBytes);
  if (cut !== name) {
    // Prefer ending at a word or list boundary over a half word ("Ubuntu 24.0").
    const boundary = Math.max(cut.lastIndexOf(" "), cut.lastIndexOf(","));
    name = (boundary > cut.length / 2 ? cut.slice(0, boundary) : cut).replace(/[\s,;.-]+$/, "");
  }
  if (RESERVED_WINDOWS.test(name)) name = `${name}_`;
  return name;
}

/** Joins folder and file parts with single slashes and no leading/trailing slash. */
export function joinVaultPath(...parts: string[]): string {
  return parts
    .flatMap((part) => part.split("/"))
    .map((segment) => segment.trim())
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** `2026-11-25 1430`, in local time: sortable and readable in the file explorer. */
export function timestampForFileName(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}${pad(date.getMinutes())}`;
}

/** The base name (no folder, no extension) of a plan note. */
export function planNoteBaseName(tierLabel: string, hardware: string, created: Date): string {
  const hw = sanitizeFileName(hardware, 60, 150);
  return sanitizeFileName([timestampForFileName(created), `${tierLabel} plan`, hw].filter(Boolean).join(" - "));
}

/**
 * The first of `folder/base.md`, `folder/base 2.md`, ... that `exists` says is free.
 * Existing notes are never overwritten; comparison is case-insensitive like macOS and Windows.
 */
export async function uniqueNotePath(folder: string, base: string, exists: (path: string) => Promise<boolean>): Promise<string> {
  const safeBase = sanitizeFileName(base) || "Untitled plan";
  for (let n = 1; n < 10000; n++) {
    const candidate = joinVaultPath(folder, `${n === 1 ? safeBase : `${safeBase} ${n}`}.md`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`Could not find a free note name for "${safeBase}" in ${folder}.`);
}

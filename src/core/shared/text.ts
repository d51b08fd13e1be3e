/** Small text helpers shared by the core. */

// C1 too (0x80–0x9f): 0x9b alone starts a terminal escape sequence on many terminals.
function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) || codePoint === 0x2028 || codePoint === 0x2029;
}

/** True when `text` holds a C0 or C1 control character, DEL or a Unicode line/paragraph separator. */
export function hasControlChars(text: string): boolean {
  for (const ch of text) if (isControl(ch.codePointAt(0) ?? 0)) return true;
  return false;
}

/** `text` with every control character replaced by `replacement`. */
export function replaceControlChars(text: string, replacement: string): string {
  let out = "";
  for (const ch of text) out += isControl(ch.codePointAt(0) ?? 0) ? replacement : ch;
  return out;
}

/** `text` safe for one terminal line or one Markdown list item: control characters shown as U+FFFD. */
export function visibleText(text: string): string {
  return replaceControlChars(text, "\uFFFD");
}

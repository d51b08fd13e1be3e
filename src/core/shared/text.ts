/** Small text helpers shared by the core. */

function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || codePoint === 0x7f || codePoint === 0x2028 || codePoint === 0x2029;
}

/** True when `text` holds a C0 control character, DEL or a Unicode line/paragraph separator. */
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

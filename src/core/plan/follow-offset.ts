/**
 * Keeps an insertion point in place while someone else edits the text around it. Only the text
 * before and after an edit is known (the Editor API reports no change ranges), so the edit is
 * found as the region between the longest common prefix and suffix (pure).
 */

export interface TextEdit {
  /** Where the edit starts (same in both texts). */
  from: number;
  /** Where the replaced region ends in the old text. */
  oldTo: number;
  /** Where the inserted region ends in the new text. */
  newTo: number;
}

/**
 * The single edit that turns `before` into `after`. When repeated characters make it ambiguous,
 * `preferEarly` places it as early as possible (the user typed before the point), else as late.
 */
export function findEdit(before: string, after: string, preferEarly: boolean): TextEdit | null {
  if (before === after) return null;
  const min = Math.min(before.length, after.length);
  const prefixLen = () => {
    let p = 0;
    while (p < min && before.charCodeAt(p) === after.charCodeAt(p)) p++;
    return p;
  };
  const suffixLen = (limit: number) => {
    let s = 0;
    while (s < limit && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
    return s;
  };
  let p: number;
  let s: number;
  if (preferEarly) {
    s = suffixLen(min);
    p = 0;
    while (p < min - s && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  } else {
    p = prefixLen();
    s = suffixLen(min - p);
  }
  return { from: p, oldTo: before.length - s, newTo: after.length - s };
}

/**
 * Where `offset` (a point in `before`) is in `after`. A point inside a replaced region moves to
 * the region's start; a point exactly at an insertion stays before the inserted text.
 */
export function followOffset(before: string, after: string, offset: number, preferEarly: boolean): number {
  const edit = findEdit(before, after, preferEarly);
  if (!edit) return offset;
  if (offset <= edit.from) return offset;
  if (offset >= edit.oldTo) return offset + (edit.newTo - edit.oldTo);
  return edit.from;
}

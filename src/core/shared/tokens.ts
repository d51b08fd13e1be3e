/** The one token estimate (no tokenizer): what chunking sizes chunks by and retrieval fits prompts with. */

/** CJK ideographs, kana, Hangul, CJK punctuation and full-width forms: about one token each. */
function isCjk(code: number): boolean {
  return (
    (code >= 0x3000 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef)
  );
}

/** Surrogate pairs of the supplementary ideograph planes (U+20000–U+3FFFF). */
function isCjkHighSurrogate(code: number): boolean {
  return code >= 0xd840 && code <= 0xd8bf;
}

/** Cost of one UTF-16 unit in tokens: 1 for CJK, 1/4 for everything else. */
export function unitCost(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (isCjk(code) || isCjkHighSurrogate(code)) return 1;
  if (code >= 0xdc00 && code <= 0xdfff && i > 0 && isCjkHighSurrogate(text.charCodeAt(i - 1))) return 0;
  return 0.25;
}

/** Estimated tokens: about one per CJK character and one per four other characters. */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isCjk(code) || isCjkHighSurrogate(code)) cjk++;
    else if (code >= 0xdc00 && code <= 0xdfff && i > 0 && isCjkHighSurrogate(text.charCodeAt(i - 1))) continue;
    else other++;
  }
  return cjk + Math.ceil(other / 4);
}

/**
 * Model output is untrusted: before it is rendered as Markdown, raw HTML outside code is escaped,
 * so `<script>` or `<img onerror=…>` show as text instead of becoming elements.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function escapeInline(line: string): string {
  // Inline code spans keep their text: Markdown already shows their content literally.
  return line
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&(?![a-zA-Z]+;|#\d+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("");
}

/** `markdown` with HTML tags outside fenced and inline code turned into visible text. */
export function escapeHtmlOutsideCode(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split("\n")
    .map((line) => {
      const marker = FENCE.exec(line)?.[1];
      if (fence !== null) {
        if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
        return line;
      }
      if (marker !== undefined) {
        fence = marker;
        return line;
      }
      // A blockquote marker ">" at the start of a line is Markdown, not HTML: keep it.
      const quote = /^(\s*(?:>\s?)+)/.exec(line)?.[1] ?? "";
      return quote + escapeInline(line.slice(quote.length));
    })
    .join("\n");
}

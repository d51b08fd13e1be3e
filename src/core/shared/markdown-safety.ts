/**
 * Model output is untrusted (a note can carry a prompt injection). Before it is written into a
 * note or rendered, everything that would load or run something when the note is viewed is made
 * inert, with the URL left visible:
 * - raw HTML outside code (`<script>`, `<iframe>`, `<img onerror=…>`, autolinks) is escaped;
 * - images (`![x](https://host/?q=…)`, `![x][ref]`) are shown as text, not loaded;
 * - links whose scheme is not http, https or mailto (`javascript:`, `data:`, `file:`) are text;
 * - reference definitions with such a scheme are text.
 * Vault embeds (`![[note]]`) stay: they load nothing from the network. Code (fenced, indented by a
 * fence of any length or info string, or inline) is left alone: Markdown shows it literally.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SAFE_SCHEME = /^(https?|mailto):/i;

/** Escapes `&`, `<`, `>` so no element or autolink can form. */
function escapeHtml(text: string): string {
  return text.replace(/&(?![a-zA-Z]+;|#\d+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The scheme-checked, image-free form of plain (non-code) Markdown text. */
function inertText(text: string): string {
  let out = escapeHtml(text);
  // Images: "![" that does not start a vault embed "![[" loses its meaning (the "[" is escaped).
  out = out.replace(/!\[(?!\[)/g, "!\\[");
  // Links with an unsafe scheme: the opening bracket is escaped, so the whole thing is text.
  out = out.replace(/(^|[^\\])\[([^\]\n]*)\]\(\s*(?:&lt;)?\s*([a-z][a-z0-9+.-]*):/gi, (match: string, pre: string, label: string, scheme: string) =>
    SAFE_SCHEME.test(`${scheme}:`) ? match : `${pre}\\[${label}](${scheme}:`,
  );
  return out;
}

/** One line outside fences: inline code spans kept, the rest made inert. */
function inertLine(line: string): string {
  // A reference definition ("[x]: javascript:…" or one an image could use) is shown as text.
  const definition = /^( {0,3})\[([^\]]+)\]:\s*(\S+)/.exec(line);
  if (definition && !SAFE_SCHEME.test(definition[3])) return `${definition[1]}\\[${escapeHtml(line.slice(definition[1].length + 1))}`;
  // A blockquote marker ">" at the start of a line is Markdown, not HTML: keep it.
  const quote = /^(\s*(?:>\s?)+)/.exec(line)?.[1] ?? "";
  const rest = line.slice(quote.length);
  // Balanced code spans only (same run of backticks on both sides); an unbalanced backtick is text.
  const parts: string[] = [];
  let last = 0;
  for (const match of rest.matchAll(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g)) {
    parts.push(inertText(rest.slice(last, match.index)), match[0]);
    last = match.index + match[0].length;
  }
  parts.push(inertText(rest.slice(last)));
  return quote + parts.join("");
}

/**
 * Makes model output inert as it streams, carrying the fence state across calls: `push` returns
 * the safe text so far, `end` the rest. A line is emitted as soon as it is known to be plain: its
 * start up to the first character that could begin markup (`<`, `!`, `[`, a backtick, ...) goes
 * out at once, the rest of that line when it is complete. So words still appear as they arrive.
 */
export class InertMarkdownStream {
  private fence: string | null = null;
  private partial = "";
  /** How much of `partial` (the open line) was already emitted unchanged. */
  private emitted = 0;

  /** Safe text for what was received so far. */
  push(chunk: string): string {
    let out = "";
    let text = this.partial + chunk;
    let cut = text.indexOf("\n");
    while (cut >= 0) {
      out += `${this.finishLine(text.slice(0, cut))}\n`;
      text = text.slice(cut + 1);
      cut = text.indexOf("\n");
    }
    this.partial = text;
    // The plain start of the open line: nothing in it can change meaning with what follows.
    const markup = text.search(/[<>&![\]`~\\]/);
    const plain = markup < 0 ? text.length : markup;
    if (plain > this.emitted && /\S/.test(text.slice(0, plain))) {
      out += text.slice(this.emitted, plain);
      this.emitted = plain;
    }
    return out;
  }

  /** Safe text for what is left (the last line, without a newline). */
  end(): string {
    const rest = this.partial;
    this.partial = "";
    return rest === "" ? "" : this.finishLine(rest);
  }

  /** The complete line made inert, minus the plain start already emitted. */
  private finishLine(line: string): string {
    const safe = this.line(line);
    const skip = this.emitted;
    this.emitted = 0;
    return safe.slice(skip);
  }

  private line(line: string): string {
    const marker = FENCE.exec(line)?.[1];
    if (this.fence !== null) {
      if (marker !== undefined && marker[0] === this.fence[0] && marker.length >= this.fence.length && line.trim() === marker) this.fence = null;
      return line;
    }
    if (marker !== undefined) {
      // A backtick fence whose info string holds a backtick is not a fence (CommonMark): plain text.
      if (!(marker[0] === "`" && line.slice(line.indexOf(marker) + marker.length).includes("`"))) {
        this.fence = marker;
        return line;
      }
    }
    return inertLine(line);
  }
}

/** `markdown` with HTML, images and unsafe links outside code made inert (see the file comment). */
export function inertMarkdown(markdown: string): string {
  const stream = new InertMarkdownStream();
  return stream.push(markdown) + stream.end();
}

/**
 * A stand-in for Obsidian's MarkdownRenderer (the mock's is a no-op), deliberately unsafe the way a
 * plain Markdown renderer is: raw HTML in the input becomes real elements. So a test that finds no
 * <script> or <img onerror> in the output proves the plugin escaped the model's text itself.
 * It covers what plans and answers use: headings, lists, paragraphs, fences, **bold**, `code`,
 * [[wiki#links]] (as Obsidian's `a.internal-link`) and tables rendered as plain paragraphs.
 */

function inline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return `<code>${part.slice(1, -1).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</code>`;
      return part
        .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
        .replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_m, target: string, alias?: string) => {
          const label = alias ?? target.replace("#", " > ");
          return `<a class="internal-link" data-href="${target}" href="${target}">${label}</a>`;
        });
    })
    .join("");
}

/** Markdown → HTML text, raw HTML passed through untouched. */
export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split("\n");
  let list: string[] | null = null;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(" "))}</p>`);
    paragraph = [];
    if (list) out.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join("")}</ul>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith(fence[1]); i++) body.push(lines[i]);
      out.push(`<pre><code>${body.join("\n").replace(/&/g, "&amp;").replace(/</g, "&lt;")}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      out.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
    } else if (item) {
      if (paragraph.length) flush();
      (list ??= []).push(item[1]);
    } else if (line.trim() === "") {
      flush();
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return out.join("\n");
}

/** Renders like `MarkdownRenderer.render(app, markdown, el, …)` would, into `el`. */
export function renderMarkdownInto(markdown: string, el: HTMLElement): void {
  const doc = new DOMParser().parseFromString(`<body>${markdownToHtml(markdown)}</body>`, "text/html");
  el.append(...Array.from(doc.body.childNodes).map((node) => el.ownerDocument.importNode(node, true)));
}

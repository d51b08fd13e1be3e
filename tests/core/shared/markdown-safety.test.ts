import { inertMarkdown as escapeHtmlOutsideCode } from "../../../src/core/shared/markdown-safety";

describe("escapeHtmlOutsideCode", () => {
  test.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ['<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;'],
    ["a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"],
    ["&nbsp; stays &#169;", "&nbsp; stays &#169;"],
    ["> [!warning] quoted <b>", "> [!warning] quoted &lt;b&gt;"],
    ["> > nested <i>x</i>", "> > nested &lt;i&gt;x&lt;/i&gt;"],
    ["use `<div>` here <div>", "use `<div>` here &lt;div&gt;"],
    ["## Compute\n- **Ollama** [[note]]", "## Compute\n- **Ollama** [[note]]"],
  ])("%j → %j", (input, expected) => {
    expect(escapeHtmlOutsideCode(input)).toBe(expected);
  });

  test("fenced code is left exactly as written, even with HTML inside", () => {
    const md = "Before <b>\n```html\n<script>x()</script>\n```\nAfter <i>\n~~~\n<p>\n~~~";
    expect(escapeHtmlOutsideCode(md)).toBe("Before &lt;b&gt;\n```html\n<script>x()</script>\n```\nAfter &lt;i&gt;\n~~~\n<p>\n~~~");
  });

  test("an unclosed fence protects the rest (as Markdown renders it as code)", () => {
    expect(escapeHtmlOutsideCode("```\n<script>")).toBe("```\n<script>");
  });

  test("rendered by a browser, escaped output creates no elements", () => {
    // What a naive HTML renderer would build from the escaped text: parsed, never attached.
    const doc = new DOMParser().parseFromString(escapeHtmlOutsideCode('<script>alert(1)</script><img src=x onerror="alert(1)">'), "text/html");
    expect(doc.querySelectorAll("script, img")).toHaveLength(0);
    expect(doc.body.textContent).toBe('<script>alert(1)</script><img src=x onerror="alert(1)">');
  });
});

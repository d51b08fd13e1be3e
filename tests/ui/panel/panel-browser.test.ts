/**
 * The real browser check: the sidebar panel's DOM (built by the plugin through the Obsidian mock,
 * after a real generation against the fake Ollama) and two ai-stack cards, rendered with
 * styles.css over Obsidian-like theme variables in headless Chromium, light and dark. Fails on
 * controls that overflow the panel, are clipped, invisible or unreadable. One browser launch.
 * Run by `npm run test:browser` (jest.browser.config.cjs), not by `npm test`. `npm run screenshots`
 * also writes the PNGs under docs/screenshots/ for the README.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { clearImmediate, setImmediate } from "node:timers";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { FakeOllama } from "../../harness/fake-ollama";
import { REPO_ROOT, waitFor } from "../../harness/plugin-harness";
import { startPanelHarness, type PanelHarness } from "../../harness/panel-harness";
import { useObsidianDom, LUCIDE } from "../../harness/browser/obsidian-dom";
import { VAULT_INDEX_TIMING } from "../../../src/ui/index/vault-index";

const CHROMIUM = "/usr/bin/chromium";
const NO_CHROMIUM = `${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium); .ci/run does. npm test does not need it.`;
const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? path.join(REPO_ROOT, "docs", "screenshots") : path.join(os.tmpdir(), "ai-stack-planner-screenshots");
const PANEL_WIDTH = 360;
const NARROW_WIDTH = 280;

const PLAN = [
  "## Compute",
  "",
  "- **Runtime:** Ollama, with `qwen2.5:14b` (Q4_K_M, about 9 GB of your 24 GB VRAM).",
  "- **Fallback:** `llama3.2:3b` for quick drafts.",
  "",
  "## Memory",
  "",
  "- A local vector index of your vault, embedded with `nomic-embed-text`.",
  "",
  "## Action",
  "",
  "- n8n, self-hosted: new email → summarise → draft a reply into your inbox note.",
  "",
  "## Difficulty and bottlenecks",
  "",
  "- **Difficulty:** 2/5, an afternoon. **Bottleneck:** 24 GB VRAM caps you at ~32B models at Q4.",
].join("\n");

/** The vault the pictures show: notes the index holds and the plan cites. */
const NOTES = {
  "My PC.md": "# My PC\nDesktop with an RTX 4090 (24 GB VRAM), a Ryzen 9 7950X and 64 GB of DDR5 RAM.\n\n## Storage\n2 TB NVMe for models.\n",
  "Email.md": "# Email replies\nMost days I answer 30 to 40 emails; drafts should stay on my machine.\n",
  "Knowledge base.md": "# Knowledge base\nNotes on tax, health and projects. #private stays out.\n",
  "Automations.md": "# Automations\nIdea: an n8n flow that drafts replies to new email into my inbox note.\n",
};

// jsdom (which builds the panel) hides Node's setImmediate; Playwright's client needs it.
Object.assign(globalThis, { setImmediate, clearImmediate });

let fake: FakeOllama;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(NO_CHROMIUM);
  fake = await FakeOllama.start();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await browser.newPage({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  // Nothing may be fetched: the page is self-contained.
  await page.route("**/*", (route) => route.abort());
});

const timing = { ...VAULT_INDEX_TIMING };
beforeAll(() => {
  VAULT_INDEX_TIMING.eventDebounceMs = 30;
  VAULT_INDEX_TIMING.settingsDelayMs = 30;
});

afterAll(async () => {
  Object.assign(VAULT_INDEX_TIMING, timing);
  await browser?.close();
  await fake?.close();
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** The panel after a real generation and an "Ask my vault" answer, as HTML. */
async function panelHtml(): Promise<{ panel: string; cards: string }> {
  useObsidianDom();
  fake.setReply((req) => (req.messages?.[0]?.role === "system" ? "Your notes mention an **RTX 4090** with 24 GB VRAM." : PLAN));
  const h: PanelHarness = await startPanelHarness({
    settings: { ollamaHost: fake.url, hardware: "PC, RTX 4090 24GB VRAM, 64GB RAM", usage: "Personal knowledge base, email replies", language: "en" },
    files: NOTES,
  });
  const view = await h.openPanel();
  // An indexed vault, so the plan cites notes (its sources) and the index section shows counts.
  h.app.workspace.setLayoutReady__();
  await waitFor(() => /^\d+ notes? indexed\.$/.test(view.contentEl.querySelector(".ai-stack-planner-index-status")?.textContent ?? ""), "the vault index");
  view.contentEl.querySelector<HTMLButtonElement>("button.ai-stack-planner-generate")?.click();
  await waitFor(() => view.contentEl.querySelector(".ai-stack-planner-save") !== null, "the plan");
  if (view.contentEl.querySelectorAll(".ai-stack-planner-form ~ .ai-stack-planner-sources a.internal-link").length === 0) throw new Error("the plan cites no notes");
  const question = view.contentEl.querySelector<HTMLTextAreaElement>("textarea.ai-stack-planner-question");
  if (!question) throw new Error("no question box");
  question.value = "Which GPU do I have?";
  view.contentEl.querySelector<HTMLButtonElement>("button.ai-stack-planner-ask-button")?.click();
  await waitFor(() => /Answered by/.test(view.contentEl.querySelector(".ai-stack-planner-ask .ai-stack-planner-run-status")?.textContent ?? ""), "the answer");

  const processor = h.mock.markdownCodeBlockProcessors__.get("ai-stack");
  if (!processor) throw new Error("no ai-stack processor");
  const cards = createDiv({ cls: "markdown-preview-view markdown-rendered" });
  for (const source of ["tier: pro\nhardware: M3 MacBook Pro 16GB\nusage: personal knowledge base, email drafts", "tier: pro\nhardware: [M3 MacBook Pro\nusage: wiki"]) {
    const el = cards.createDiv({ cls: "block-language-ai-stack" });
    const ctx = { docId: "d", sourcePath: "Note.md", frontmatter: null, addChild: (c: { load(): void }) => c.load(), getSectionInfo: () => null };
    await processor(source, el, ctx);
  }
  const panel = view.containerEl;
  panel.addClass("workspace-leaf-content");
  // outerHTML drops what the user sees in form fields: write it into the markup.
  for (const area of Array.from(panel.querySelectorAll("textarea"))) area.textContent = area.value;
  // The fit table, opened as a user would, so it is checked and pictured too.
  panel.querySelector(".ai-stack-planner-fit details")?.setAttribute("open", "");
  for (const select of Array.from(panel.querySelectorAll("select"))) for (const option of Array.from(select.options)) option.toggleAttribute("selected", option.selected);
  // The fake listens on a random port; the README pictures show Ollama's default address instead.
  const shownHost = (html: string) => html.split(fake.url).join("http://127.0.0.1:11434");
  return { panel: shownHost(panel.outerHTML), cards: cards.outerHTML };
}

const icon = (id: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="svg-icon">${LUCIDE[id] ?? ""}</svg>`;

/** The panel as a user sees it: an Obsidian window with the ribbon, a note open in a tab, the panel in the right sidebar. */
function windowHtml(theme: "light" | "dark", panel: string): string {
  const css = ["obsidian-theme.css", "obsidian-frame.css"].map((f) => readFileSync(path.join(REPO_ROOT, "tests", "harness", "browser", f), "utf8")).join("\n") + readFileSync(path.join(REPO_ROOT, "styles.css"), "utf8");
  const ribbon = ["folder", "search", "calendar", "layers"].map((id) => `<div class="clickable-icon side-dock-ribbon-action${id === "layers" ? " is-active" : ""}">${icon(id)}</div>`).join("");
  const note = `<div class="inline-title">My PC</div><div class="markdown-rendered"><p>Desktop with an RTX 4090 (24 GB VRAM), a Ryzen 9 7950X and 64 GB of DDR5 RAM.</p><h2>Storage</h2><p>2 TB NVMe for models.</p><h2>What I want from it</h2><ul><li>Answer email without sending it to a cloud model.</li><li>Search my notes by meaning, not only by words.</li></ul></div>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head>
<body class="theme-${theme}"><div class="app-container">
  <div class="workspace-ribbon">${ribbon}</div>
  <div class="workspace-split mod-root">
    <div class="workspace-tab-header-container"><div class="workspace-tab-header is-active">${icon("file-text")}<span>My PC</span></div><div class="workspace-tab-header">${icon("file-text")}<span>Email</span></div></div>
    <div class="view-content markdown-reading-view">${note}</div>
  </div>
  <div class="workspace-split mod-right-split">
    <div class="workspace-tab-header-container"><div class="workspace-tab-header is-active" aria-label="Stack planner">${icon("layers")}</div><div class="workspace-tab-header">${icon("search")}</div></div>
    ${panel}
  </div>
</div></body></html>`;
}

function pageHtml(theme: "light" | "dark", width: number, panel: string, cards: string, extraCss = ""): string {
  const css = readFileSync(path.join(REPO_ROOT, "tests", "harness", "browser", "obsidian-theme.css"), "utf8") + readFileSync(path.join(REPO_ROOT, "styles.css"), "utf8");
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}\n.workspace-leaf-content { width: ${width}px; }\n${extraCss}</style></head>
<body class="theme-${theme}">${panel}${cards}</body></html>`;
}

interface Problem {
  what: string;
  control: string;
}

/** Runs in the page: every problem with the controls inside `selector`. */
function findProblems(selector: string): Problem[] {
  const root = document.querySelector(selector);
  if (!(root instanceof HTMLElement)) return [{ what: "missing", control: selector }];
  const problems: Problem[] = [];
  const rootRect = root.getBoundingClientRect();
  const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
  const parse = (color: string): [number, number, number, number] => {
    const m = /rgba?\(([^)]+)\)/.exec(color);
    if (!m) return [0, 0, 0, 0];
    const [r, g, b, a = "1"] = m[1].split(/[,\s/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const luminance = ([r, g, b]: number[]) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el: Element | null): number[] => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  if (root.scrollWidth > root.clientWidth + 1) problems.push({ what: `panel scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`, control: describe(root) });
  for (const el of Array.from(root.querySelectorAll("button, select, textarea, input, a, summary, progress"))) {
    if (el.closest(".ai-stack-planner-hidden") || (el.closest("details:not([open])") && el.tagName !== "SUMMARY")) continue;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (el.getClientRects().length === 0 || rect.width < 4 || rect.height < 4 || style.visibility === "hidden" || Number(style.opacity) < 0.3) {
      problems.push({ what: "invisible", control: describe(el) });
      continue;
    }
    if (rect.left < rootRect.left - 0.5 || rect.right > rootRect.right + 0.5) problems.push({ what: `sticks out of the panel (${Math.round(rect.left)}–${Math.round(rect.right)} vs ${Math.round(rootRect.left)}–${Math.round(rootRect.right)})`, control: describe(el) });
    if ((el.tagName === "BUTTON" || el.tagName === "SELECT") && el.scrollWidth > el.clientWidth + 1) problems.push({ what: `text clipped (${el.scrollWidth} > ${el.clientWidth})`, control: describe(el) });
    const select = el.tagName === "SELECT" ? (el as HTMLSelectElement) : null;
    if (select && select.selectedIndex >= 0) {
      // A select never scrolls: measure the shown option's text against the room it has.
      // (This runs in Chromium, not Obsidian: plain DOM APIs only.)
      const context = new OffscreenCanvas(1, 1).getContext("2d");
      if (context) {
        context.font = style.font;
        const text = context.measureText(select.options[select.selectedIndex].text).width;
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (text > room + 1) problems.push({ what: `selected option clipped (${Math.round(text)} > ${Math.round(room)})`, control: describe(el) });
      }
    }
    if (el.tagName === "BUTTON" && (el as HTMLButtonElement).disabled) continue;
    if ((el.textContent ?? "").trim() !== "" && el.tagName !== "PROGRESS") {
      const fg = luminance(parse(style.color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 3) problems.push({ what: `unreadable (contrast ${ratio.toFixed(2)})`, control: describe(el) });
    }
  }
  return problems;
}

describe("the panel in a real browser", () => {
  let html: { panel: string; cards: string };

  beforeAll(async () => {
    // Without a browser every test here fails with the one message that says what to install.
    if (!existsSync(CHROMIUM)) throw new Error(NO_CHROMIUM);
    html = await panelHtml();
    mkdirSync(SHOTS, { recursive: true });
  });

  test.each(["light", "dark"] as const)("%s theme: no overflowing, clipped, invisible or unreadable controls; screenshots saved", async (theme) => {
    await page.setContent(pageHtml(theme, PANEL_WIDTH, html.panel, html.cards));
    expect(await page.evaluate(findProblems, ".workspace-leaf-content")).toEqual([]);
    expect(await page.evaluate(findProblems, ".markdown-preview-view")).toEqual([]);
    await page.locator(".workspace-leaf-content").screenshot({ path: path.join(SHOTS, `panel-${theme}.png`) });
    await page.locator(".markdown-preview-view").screenshot({ path: path.join(SHOTS, `ai-stack-block-${theme}.png`) });
    // The controls the user needs are really there, with their icons drawn.
    expect(await page.locator(".workspace-leaf-content button:has(svg)").count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator(".ai-stack-planner-answer h2").first().textContent()).toBe("Compute");
  });

  test.each(["light", "dark"] as const)("%s theme, in an Obsidian window: the panel beside a note, every control fits", async (theme) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    try {
      await page.setContent(windowHtml(theme, html.panel));
      expect(await page.evaluate(findProblems, ".workspace-leaf-content")).toEqual([]);
      // The plan's four sections, its sources, the fit table's column headers and a filled Stop icon.
      expect(await page.locator(".ai-stack-planner-answer h2").allTextContents()).toEqual(["Compute", "Memory", "Action", "Difficulty and bottlenecks"]);
      expect(await page.locator(".ai-stack-planner-form ~ .ai-stack-planner-sources a.internal-link").count()).toBeGreaterThan(0);
      expect(await page.locator(".ai-stack-planner-fit-table th").allTextContents()).toEqual(["Quantization", "Memory needed", "On this hardware"]);
      expect(await page.locator(".ai-stack-planner-stop .svg-icon").evaluate((svg) => getComputedStyle(svg).fill)).not.toBe("none");
      await page.locator(".app-container").screenshot({ path: path.join(SHOTS, `obsidian-window-${theme}.png`) });
    } finally {
      await page.setViewportSize({ width: 1000, height: 800 });
    }
  });

  test("a narrow sidebar still fits every control", async () => {
    await page.setContent(pageHtml("light", NARROW_WIDTH, html.panel, html.cards));
    expect(await page.evaluate(findProblems, ".workspace-leaf-content")).toEqual([]);
  });

  test("the check itself catches an overflowing button and unreadable text", async () => {
    const broken = ".ai-stack-planner-copy { min-width: 600px; } .ai-stack-planner-save { color: var(--interactive-normal) !important; } .ai-stack-planner-regenerate { visibility: hidden; }";
    await page.setContent(pageHtml("light", PANEL_WIDTH, html.panel, html.cards, broken));
    const problems = await page.evaluate(findProblems, ".workspace-leaf-content");
    const about = (cls: string) => problems.filter((p) => p.control.includes(cls)).map((p) => p.what.split(" (")[0]);
    expect(about("ai-stack-planner-copy")).toContain("sticks out of the panel");
    expect(about("ai-stack-planner-save")).toContain("unreadable");
    expect(about("ai-stack-planner-regenerate")).toEqual(["invisible"]);
    expect(problems.some((p) => p.what.startsWith("panel scrolls sideways"))).toBe(true);
  });
});

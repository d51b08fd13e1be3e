/**
 * Bad and odd notes through the real CLI (`index`, `status`, `search`, `plan`) on a real temp
 * folder with the fake Ollama: huge, empty, frontmatter-only, binary, one giant line, CJK-only,
 * names with spaces, emoji, `#`, `%`, `[]`, NFC vs NFD twins, very deep folders. Whatever the
 * input, the commands succeed, every embedded text stays bounded, a second run has nothing to do,
 * and no note changes by a single byte.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { FakeOllama } from "../harness/fake-ollama";
import { cli, noteHashes, userNoteHashes } from "../harness/robust-vault";
import { listFiles, makeTempVault, removeTempVault } from "../harness/temp-vault";
import { embeddedTexts } from "../harness/vault-index";

const DEEP = Array.from({ length: 60 }, (_, i) => `level ${String(i).padStart(2, "0")}`).join("/");
const NFC = "Caf\u00e9 menu.md";
const NFD = "Cafe\u0301 menu.md";

/** Deterministic binary junk: every byte value, NULs and invalid UTF-8 included. */
function junk(size: number): Buffer {
  const buf = Buffer.alloc(size);
  let x = 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    buf[i] = x >>> 24;
  }
  return buf;
}

function tenMegabyteNote(): string {
  const paragraph = "The homelab runs a quantised model on the GPU and keeps embeddings in a local vector store. ";
  const lines: string[] = ["# Log dump"];
  let size = 0;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const line = `${i}: ${paragraph.repeat(3)}`;
    lines.push(line);
    size += line.length + 1;
    if (i % 500 === 0) lines.push(`\n## Section ${i}\n`);
  }
  return lines.join("\n");
}

const ODD_NOTES: Record<string, string | Buffer> = {
  "Hardware.md": "# PC\nDesktop with an RTX 4090 and 24 GB of VRAM.\n",
  "Empty.md": "",
  "Frontmatter only.md": "---\ntitle: Nothing else\ntags: [homelab]\n---\n",
  "Broken frontmatter.md": "---\ntitle: [unclosed\n: : :\n",
  "Binary junk.md": junk(64 * 1024),
  "One line.md": `${"word ".repeat(40_000)}END\n`,
  "No spaces.md": `${"x".repeat(200_000)}\n`,
  "中文笔记.md": "# 硬件\n我的电脑有一块显卡，二十四GB显存，六十四GB内存。\n\n# 用途\n个人知识库，邮件草稿，自动化工作流。\n".repeat(50),
  "日本語.md": "すべての文章は日本語で書かれています。".repeat(400),
  "My note with spaces.md": "# Spaces\nA note whose name has spaces.\n",
  "🚀 Rocket ideas 🧠.md": "# Emoji\nLaunch plans with emoji 🚀🚀 in the text too.\n",
  "C# notes.md": "# Hash\nNotes about C#.\n",
  "100% done.md": "# Percent\nDone 100%.\n",
  "[Draft] ideas.md": "# Brackets\nA draft in brackets.\n",
  [NFC]: "# NFC\nThe composed name.\n",
  [NFD]: "# NFD\nThe decomposed name.\n",
  [`${DEEP}/Deep note.md`]: "# Deep\nSixty folders down.\n",
};

let fake: FakeOllama;
let vault: string;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await FakeOllama.start();
  env = { OLLAMA_HOST: fake.url };
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.clearRequests();
  fake.clearFaults();
  vault = await makeTempVault();
  for (const [rel, content] of Object.entries(ODD_NOTES)) {
    const abs = path.join(vault, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
});
afterEach(() => removeTempVault(vault));

test("odd notes (no giant): index succeeds, texts stay bounded, re-run and status have nothing to do, notes untouched", async () => {
  const before = await noteHashes(vault);
  // Both spellings of the café note really exist as two files on this disk.
  expect(Object.keys(before).filter((k) => k.normalize("NFC") === NFC)).toHaveLength(2);

  const first = await cli(["index", "--vault", vault, "--quiet"], env);
  expect(first.err).toBe("");
  expect(first.code).toBe(0);
  expect(first.out).toMatch(/^Index: \d+ notes, [\d,]+ chunks \(nomic-embed-text:latest\) in /);

  const texts = embeddedTexts(fake.requests);
  // A 200 KB line, with or without spaces, is cut into chunks the embedding model can take.
  for (const text of texts) expect(text.length).toBeLessThanOrEqual(4000);
  expect(texts.some((t) => t.includes("显卡"))).toBe(true);
  expect(texts.some((t) => t.includes("Sixty folders down"))).toBe(true);
  expect(texts.some((t) => t.includes("The composed name"))).toBe(true);
  expect(texts.some((t) => t.includes("The decomposed name"))).toBe(true);

  fake.clearRequests();
  const again = await cli(["index", "--vault", vault, "--quiet"], env);
  expect(again.code).toBe(0);
  expect(again.out).toContain("0 chunks embedded, 0 renamed, 0 removed");
  expect(fake.requestsTo("/api/embed")).toHaveLength(0);

  const status = await cli(["status", "--vault", vault], {});
  expect(status.code).toBe(0);
  expect(status.out).toContain("Up to date.");

  expect(await noteHashes(vault)).toEqual(before);
});

test("search cites notes with odd names and finds the CJK note", async () => {
  expect((await cli(["index", "--vault", vault, "--quiet"], env)).code).toBe(0);
  const cjk = await cli(["search", "显卡", "--vault", vault, "--limit", "100"], env);
  expect(cjk.code).toBe(0);
  expect(cjk.out).toContain("[[中文笔记#");
  const emoji = await cli(["search", "Launch plans with emoji", "--vault", vault, "--limit", "100"], env);
  expect(emoji.code).toBe(0);
  expect(emoji.out).toContain("[[🚀 Rocket ideas 🧠#Emoji]]");
  const deep = await cli(["search", "Sixty folders down", "--vault", vault, "--limit", "3"], env);
  expect(deep.code).toBe(0);
  expect(deep.out).toContain(`1. [[${DEEP}/Deep note#Deep]]`);
});

test("a plan over the odd vault is written, cites only real notes, and changes no note", async () => {
  expect((await cli(["index", "--vault", vault, "--quiet"], env)).code).toBe(0);
  const before = await userNoteHashes(vault);
  const run = await cli(["plan", "--vault", vault, "--tier", "basic", "--hardware", "RTX 4090 24 GB VRAM", "--usage", "显卡 emoji 🚀 C# 100% [draft]", "--quiet"], env);
  expect(run.code).toBe(0);
  expect(run.err).toMatch(/\nWrote .*AI Stack Plans\/.*\.md \(n8n workflow: .*\.n8n\.json\)\n$/);
  expect(await userNoteHashes(vault)).toEqual(before);
  const plans = (await listFiles(vault)).filter((f) => f.startsWith("AI Stack Plans/"));
  expect(plans.map((f) => f.replace(/^.*?(\.md|\.n8n\.json)$/, "plan$1")).sort()).toEqual(["plan.md", "plan.n8n.json"]);
  const chat = fake.requestsTo("/api/chat").at(-1)?.rawBody ?? "";
  // Binary junk is never sent as a note excerpt: no NUL or replacement characters in the prompt.
  expect(chat).not.toMatch(/\\u0000/);
});

test("a 10 MB note is indexed (capped), never rewritten, and the next run is a no-op", async () => {
  await fs.writeFile(path.join(vault, "Giant log.md"), tenMegabyteNote());
  const before = await noteHashes(vault);
  const started = Date.now();
  const run = await cli(["index", "--vault", vault, "--quiet"], env);
  const seconds = (Date.now() - started) / 1000;
  expect(run.code).toBe(0);
  expect(seconds).toBeLessThan(40);
  for (const text of embeddedTexts(fake.requests)) expect(text.length).toBeLessThanOrEqual(4000);
  fake.clearRequests();
  const again = await cli(["index", "--vault", vault, "--quiet"], env);
  expect(again.code).toBe(0);
  expect(fake.requestsTo("/api/embed")).toHaveLength(0);
  expect(await noteHashes(vault)).toEqual(before);
}, 60_000);

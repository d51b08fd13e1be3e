/** "Check my stack" from the CLI against the fake Ollama and a fake n8n on 127.0.0.1. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { runCli, type CliIo } from "../../src/cli/main";
import { defaultModels, unusedLoopbackPort, type FakeModel } from "../harness/fake-ollama";
import { FakeN8n } from "../harness/fake-n8n";
import { useFakeOllama } from "../harness/use-fake-ollama";
import { listFiles, makeTempVault, removeTempVault } from "../harness/temp-vault";

const ollama = useFakeOllama("## Compute\n- Ollama\n");
let n8n: FakeN8n;
let vault: string;

beforeAll(async () => {
  n8n = await FakeN8n.start();
});
afterAll(() => n8n.close());
beforeEach(async () => {
  n8n.mode = "healthy";
  n8n.workflows = [];
  n8n.requests.length = 0;
  ollama.setModels(defaultModels());
  vault = await makeTempVault({ "Ideas.md": "# Ideas\nA local AI stack.\n" });
});
afterEach(() => removeTempVault(vault));

function io(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  return { io: value, out: () => out.join(""), err: () => err.join("") };
}

const GEMMA: FakeModel = { name: "gemma3:12b", family: "gemma3", parameterSize: "12.2B", quantization: "Q4_K_M", sizeBytes: 8_100_000_000 };

/** An offline draft for a 16 GB MacBook whose main use is email: the plan under check. */
async function writeDraft(): Promise<string> {
  const run = io({ OLLAMA_HOST: ollama.url });
  expect(await runCli(["draft", "--vault", vault, "--hardware", "M3 MacBook Pro 16GB", "--usage", "email replies", "--lang", "en"], run.io)).toBe(0);
  return (await listFiles(vault)).find((f) => f.startsWith("AI Stack Plans/") && f.endsWith(".md")) ?? "";
}

async function check(extra: string[], env: Record<string, string | undefined> = {}) {
  const run = io({ OLLAMA_HOST: ollama.url, ...env });
  const code = await runCli(["check", "--vault", vault, ...extra], run.io);
  return { code, out: run.out(), err: run.err() };
}

const MODELS = [...defaultModels(), GEMMA, { ...GEMMA, name: "qwen3:4b", family: "qwen3", parameterSize: "4B", sizeBytes: 2_600_000_000 }, { ...GEMMA, name: "deepseek-r1:8b", family: "qwen3", parameterSize: "8.2B", sizeBytes: 5_200_000_000 }];
const WORKFLOW = "AI Stack Planner: Email digest (gemma3:12b)";

/** The section with the times, the vault folder and the ports made stable. */
function stable(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d/g, "<time>")
    .split(vault)
    .join("<vault>")
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>");
}

function sectionOf(note: string): string {
  return note.slice(note.indexOf("## Stack status"));
}

test("a healthy stack: every box ticked with the time, exit 0; the rest of the note is byte-identical", async () => {
  ollama.setModels(MODELS);
  const plan = await writeDraft();
  expect((await runCli(["index", "--vault", vault, "--quiet"], io({ OLLAMA_HOST: ollama.url }).io))).toBe(0);
  n8n.workflows = ["Something else", "Another", WORKFLOW];
  const before = await fs.readFile(path.join(vault, plan), "utf8");
  const result = await check(["--n8n-url", n8n.url, "--plan", plan], { N8N_API_KEY: "test-key" });
  expect(result.code).toBe(0);
  const after = await fs.readFile(path.join(vault, plan), "utf8");
  expect(after.slice(0, before.length)).toBe(before);
  expect(stable(after.slice(before.length))).toBe(
    [
      "",
      "## Stack status",
      "",
      "Checked <time>.",
      "",
      "- [x] Ollama 0.12.0 answers at http://127.0.0.1:<port> (<time>)",
      "- [x] `gemma3:12b` is installed (fits in VRAM on this hardware) (<time>)",
      "- [x] `qwen3:4b` is installed (fits in VRAM on this hardware) (<time>)",
      "- [x] `deepseek-r1:8b` is installed (fits in VRAM on this hardware) (<time>)",
      "- [x] Embedding model `nomic-embed-text` is installed (<time>)",
      "- [x] The vault index holds 1 note and is up to date (<time>)",
      "- [x] n8n answers at http://127.0.0.1:<port> (<time>)",
      `- [x] The workflow "${WORKFLOW}" is imported in n8n (<time>)`,
      "",
    ].join("\n"),
  );
  expect(result.out).toBe(`${sectionOf(after)}`);
  // Only n8n's own endpoints, the key on the API calls only, both pages of workflows read.
  expect(n8n.requests).toEqual([
    { method: "GET", path: "/healthz", apiKey: undefined },
    { method: "GET", path: "/api/v1/workflows?limit=250", apiKey: "test-key" },
    { method: "GET", path: "/api/v1/workflows?limit=250&cursor=2", apiKey: "test-key" },
  ]);
});

test("n8n down, then a wrong answer, then a redirect: each unticked with its fix, updated in place; the user's text around it is kept", async () => {
  const plan = await writeDraft();
  const original = await fs.readFile(path.join(vault, plan), "utf8");
  const closed = `http://127.0.0.1:${await unusedLoopbackPort()}`;
  const down = await check(["--n8n-url", closed]);
  expect(down.code).toBe(1);
  const afterDown = await fs.readFile(path.join(vault, plan), "utf8");
  expect(afterDown.slice(0, original.length)).toBe(original);
  expect(stable(sectionOf(afterDown))).toContain(
    [
      "- [ ] n8n does not answer at http://127.0.0.1:<port> (connection refused)",
      "    - Fix: Start it: `docker compose up -d` in the folder of the plan's `docker-compose.yml` (see the setup in this note).",
      `- [ ] The workflow "${WORKFLOW}" is not in n8n`,
      "    - Fix: Start it: `docker compose up -d` in the folder of the plan's `docker-compose.yml` (see the setup in this note).",
    ].join("\n"),
  );

  // The user writes below the section; the next check replaces the section only.
  const mine = "## My own notes\n\nStarted n8n on the old laptop.\n";
  await fs.writeFile(path.join(vault, plan), `${afterDown}\n${mine}`);
  n8n.mode = "wrong-answer";
  const wrong = await check(["--n8n-url", n8n.url]);
  expect(wrong.code).toBe(1);
  const afterWrong = await fs.readFile(path.join(vault, plan), "utf8");
  expect(afterWrong.slice(0, original.length)).toBe(original);
  expect(afterWrong.endsWith(`\n\n${mine}`)).toBe(true);
  expect((afterWrong.match(/## Stack status/g) ?? []).length).toBe(1);
  expect(stable(sectionOf(afterWrong))).toContain(
    [
      '- [ ] Something that is not n8n answers at http://127.0.0.1:<port> (/healthz answered "<html><body>Welcome to nginx!</body></html>")',
      "    - Fix: Check the n8n URL setting, or free the port: another program uses it.",
    ].join("\n"),
  );

  n8n.mode = "redirect";
  n8n.requests.length = 0;
  const redirected = await check(["--n8n-url", n8n.url]);
  expect(redirected.code).toBe(1);
  const afterRedirect = await fs.readFile(path.join(vault, plan), "utf8");
  expect(stable(sectionOf(afterRedirect))).toContain("- [ ] Something that is not n8n answers at http://127.0.0.1:<port> (HTTP 302 from /healthz)");
  // The redirect was not followed: one request, to n8n itself.
  expect(n8n.requests).toEqual([{ method: "GET", path: "/healthz", apiKey: undefined }]);
  expect(afterRedirect.slice(0, original.length)).toBe(original);
  expect(afterRedirect.endsWith(`\n\n${mine}`)).toBe(true);
});

test("Ollama down and a refused API key: each says what to do", async () => {
  const plan = await writeDraft();
  const closed = `http://127.0.0.1:${await unusedLoopbackPort()}`;
  const result = await check(["--n8n-url", n8n.url, "--n8n-api-key", "wrong"], { OLLAMA_HOST: closed });
  expect(result.code).toBe(1);
  const section = stable(sectionOf(await fs.readFile(path.join(vault, plan), "utf8")));
  expect(section).toContain("- [ ] Ollama does not answer at http://127.0.0.1:<port>: Ollama isn't reachable at http://127.0.0.1:<port>. Start it with `ollama serve`.\n    - Fix: Start it: `ollama serve` (or open the Ollama app).");
  expect(section).toContain("- [ ] `gemma3:12b`: not checked, Ollama did not answer");
  expect(section).toContain(`- [ ] The workflow "${WORKFLOW}": n8n's API did not answer (the API key was refused)`);
});

test("an n8n URL that is not this computer is refused before anything is contacted; the note is unchanged", async () => {
  const plan = await writeDraft();
  const before = await fs.readFile(path.join(vault, plan), "utf8");
  const result = await check(["--n8n-url", "http://192.0.2.7:5678"]);
  expect(result.code).toBe(1);
  expect(result.err).toBe("192.0.2.7:5678 is not this computer. Check my stack only contacts n8n on this computer (for example http://127.0.0.1:5678).\n");
  expect(await fs.readFile(path.join(vault, plan), "utf8")).toBe(before);
});

test("with no plan note, one line that says how to write one", async () => {
  const result = await check(["--n8n-url", n8n.url]);
  expect(result.code).toBe(1);
  expect(result.err).toBe(`No plan note in ${path.join(vault, "AI Stack Plans")}. Write one first (npm run cli -- plan --vault "${vault}"), or pass --plan <note>.\n`);
});

import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { runCli, type CliIo } from "../../src/cli/main";
import { FakeOllama, defaultModels, unusedLoopbackPort } from "../harness/fake-ollama";
import { listFiles, makeTempVault, removeTempVault } from "../harness/temp-vault";
import { DEFAULT_CONFIG_DIR } from "../../src/cli/vault-settings";

/** Obsidian's default config folder (another one is named with --config-dir). */
const CONFIG_DIR = DEFAULT_CONFIG_DIR;
const ROOT = path.resolve(__dirname, "../..");

function io(env: Record<string, string | undefined> = {}, signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env, signal };
  return { io: value, out: () => out.join(""), err: () => err.join("") };
}

let fake: FakeOllama;
let vault: string;
beforeAll(async () => {
  fake = await FakeOllama.start({ reply: "## Compute\n- Ollama\n" });
});
afterAll(() => fake.close());
beforeEach(async () => {
  vault = await makeTempVault({ "Hardware.md": "# My PC\nRTX 4090\n" });
});
afterEach(() => removeTempVault(vault));

describe("plan", () => {
  test("writes a plan note into the folder vault, honouring OLLAMA_HOST", async () => {
    const run = io({ OLLAMA_HOST: fake.url });
    const code = await runCli(["plan", "--vault", vault, "--tier", "basic", "--hardware", "M3 MacBook Pro 16GB", "--usage", "notes", "--quiet"], run.io);
    expect(code).toBe(0);
    const files = await listFiles(vault);
    // The note, and the n8n workflow for its main use beside it.
    expect(files).toHaveLength(3);
    const plan = files.find((f) => f.startsWith("AI Stack Plans/") && f.endsWith(".md"));
    expect(plan).toMatch(/^AI Stack Plans\/\d{4}-\d\d-\d\d \d{4} - Basic plan - M3 MacBook Pro 16GB\.md$/);
    const workflow = (plan ?? "").replace(/\.md$/, ".n8n.json");
    expect(files).toContain(workflow);
    const note = await fs.readFile(path.join(vault, plan ?? ""), "utf8");
    expect(note).toContain("tier: basic");
    expect(note).toContain("hardware: M3 MacBook Pro 16GB");
    // The setup names this vault, mounted read-only.
    expect(note).toContain(`- "${vault}:/vault:ro"`);
    expect(JSON.parse(await fs.readFile(path.join(vault, workflow), "utf8"))).toMatchObject({ name: expect.stringMatching(/^AI Stack Planner: Notes digest/) as unknown });
    expect(run.err()).toContain(`Wrote ${path.join(vault, plan ?? "")} (n8n workflow: ${path.join(vault, workflow)})\n`);
    const prompt = (fake.requestsTo("/api/chat").at(-1)?.body as { messages: { content: string }[] }).messages[0].content;
    expect(prompt).toContain("I have a M3 MacBook Pro 16GB.");
  });

  test("reads the plugin's settings from the vault's config folder; flags win", async () => {
    const settingsDir = path.join(vault, CONFIG_DIR, "plugins", "ai-stack-planner");
    await fs.mkdir(settingsDir, { recursive: true });
    await fs.writeFile(path.join(settingsDir, "data.json"), JSON.stringify({ version: 1, ollamaHost: fake.url, hardware: "From settings", usage: "Stored uses", language: "zh", plansFolder: "Plans" }));
    const run = io({});
    expect(await runCli(["plan", "--vault", vault, "--usage", "Flag uses", "--quiet"], run.io)).toBe(0);
    const plan = (await listFiles(vault)).find((f) => f.startsWith("Plans/"));
    const note = await fs.readFile(path.join(vault, plan ?? ""), "utf8");
    expect(note).toContain("hardware: From settings");
    expect(note).toContain("usage: Flag uses");
    expect(note).toContain("language: zh");
  });

  test("streams the answer to stdout unless --quiet", async () => {
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["plan", "--vault", vault, "--hardware", "x"], run.io)).toBe(0);
    expect(run.out()).toBe("## Compute\n- Ollama\n\n");
  });

  test("a missing model gives the pull command and exit 1, and writes nothing", async () => {
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["plan", "--vault", vault, "--model", "llama3.1:70b"], run.io)).toBe(1);
    expect(run.err()).toBe('The model "llama3.1:70b" isn\'t installed in Ollama. Run `ollama pull llama3.1:70b`, or pass --model with an installed model.\n');
    expect(await listFiles(vault)).toEqual(["Hardware.md"]);
  });

  test("a remote host needs --allow-remote and is refused before any connection", async () => {
    const run = io({ OLLAMA_HOST: "http://192.168.1.20:11434" });
    expect(await runCli(["plan", "--vault", vault], run.io)).toBe(1);
    expect(run.err()).toContain('Pass --allow-remote (or turn on "Allow a non-local Ollama host" in the plugin settings) to use it.');
  });

  test.each([
    [["plan"], "plan needs --vault"],
    [["plan", "--vault", "/definitely/not/here"], "doesn't exist"],
    [["plan", "--vault", ".", "--tier", "ultra"], "--tier must be basic or pro"],
    [["frobnicate"], 'Unknown command "frobnicate"'],
    [["plan", "--bogus"], "Unknown option"],
  ])("usage error %j exits 2", async (argv, message) => {
    const run = io({});
    expect(await runCli(argv, run.io)).toBe(2);
    expect(run.err()).toContain(message);
  });
});

describe("draft", () => {
  test("writes the offline draft without contacting Ollama", async () => {
    const before = fake.requests.length;
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["draft", "--vault", vault, "--hardware", "Laptop, 8GB RAM", "--usage", "budget", "--lang", "zh"], run.io)).toBe(0);
    const draft = (await listFiles(vault)).find((f) => f.startsWith("AI Stack Plans/") && f.endsWith(".md")) ?? "";
    expect(run.err()).toBe(`Wrote an offline draft plan: ${path.join(vault, draft)} (n8n workflow: ${path.join(vault, draft.replace(/\.md$/, ".n8n.json"))})\n`);
    const note = await fs.readFile(path.join(vault, draft), "utf8");
    expect(note).toContain("# AI 技术栈方案（专家版，离线草稿）");
    // A budget is a finance use: the workflow reads bank exports on a schedule; n8n 2.x disables the Local File Trigger.
    expect(note).toContain("**Read bank exports**");
    expect(note).not.toContain("localFileTrigger");
    expect(fake.requests.length).toBe(before);
  });

  test("an Ollama with no chat model also gets the draft", async () => {
    fake.setModels([{ name: "nomic-embed-text:latest", family: "nomic-bert", parameterSize: "137M", quantization: "F16" }]);
    try {
      const run = io({ OLLAMA_HOST: fake.url });
      expect(await runCli(["plan", "--vault", vault, "--hardware", "RTX 3060 12GB, 32GB RAM"], run.io)).toBe(0);
      expect(run.err()).toContain("Ollama has no chat models installed. Run `ollama pull llama3.2` and try again. Wrote an offline draft plan instead:");
    } finally {
      fake.setModels(defaultModels());
    }
  });
});

describe("prompt", () => {
  test("uses the profile stored in the vault's settings (config folder named with --config-dir), unless --hardware describes another machine", async () => {
    const settingsDir = path.join(vault, ".my-config", "plugins", "ai-stack-planner");
    await fs.mkdir(settingsDir, { recursive: true });
    const hardwareProfile = { device: "PC", cpu: "", os: "Linux", ramGb: 128, unifiedMemory: false, source: "detected", updated: "", gpus: [{ name: "RTX 3090", vendor: "nvidia", vramGb: 24 }, { name: "RTX 3090", vendor: "nvidia", vramGb: 24 }] };
    await fs.writeFile(path.join(settingsDir, "data.json"), JSON.stringify({ version: 1, hardware: "My rig", language: "en", hardwareProfile }));
    const stored = io({});
    const unnamed = io({});
    expect(await runCli(["prompt", "--vault", vault], unnamed.io)).toBe(0);
    expect(unnamed.out()).not.toContain("RTX 3090");
    expect(await runCli(["prompt", "--vault", vault, "--config-dir", ".my-config"], stored.io)).toBe(0);
    expect(stored.out()).toContain("Hardware: PC, 2 × RTX 3090 (24 GB VRAM each), 128 GB RAM, Linux");
    const flagged = io({});
    expect(await runCli(["prompt", "--vault", vault, "--config-dir", ".my-config", "--hardware", "Laptop, 8GB RAM"], flagged.io)).toBe(0);
    expect(flagged.out()).toContain("Hardware: Laptop, no GPU, 8 GB RAM");
  });

  test("prints the filled prompt and sends nothing", async () => {
    const before = fake.requests.length;
    const run = io({});
    expect(await runCli(["prompt", "--tier", "pro", "--lang", "zh", "--hardware", "M3 MacBook Pro 16GB", "--usage", "知识库"], run.io)).toBe(0);
    expect(run.out()).toContain("- 我的设备：M3 MacBook Pro 16GB\n- 主要用途：知识库");
    expect(run.out()).toContain("===== 硬件事实（计算得出） =====");
    expect(fake.requests.length).toBe(before);
  });
});

describe("a plan the vault refuses is never lost", () => {
  beforeEach(async () => {
    await fs.writeFile(path.join(vault, "AI Stack Plans"), "a file where the plans folder should be");
  });

  test("the answer is saved outside the vault and the line says where", async () => {
    const rescue = await makeTempVault();
    try {
      const run = io({ OLLAMA_HOST: fake.url, TMPDIR: rescue });
      expect(await runCli(["plan", "--vault", vault, "--hardware", "RTX 4090", "--quiet"], run.io)).toBe(1);
      const line = run.err().split("\n")[1];
      expect(line).toMatch(/^Couldn't write the plan note "AI Stack Plans\/[^"]+ - Pro plan - RTX 4090\.md": .+\. A copy was saved outside the vault: .+\.md$/);
      const copy = line.slice(line.indexOf(": ", line.indexOf("outside the vault")) + 2);
      expect(path.dirname(copy)).toBe(rescue);
      const saved = await fs.readFile(copy, "utf8");
      expect(saved).toMatch(/^---\ntype: ai-stack-plan\n/);
      expect(saved).toContain("## Compute\n- Ollama");
      expect(run.out()).toBe("");
    } finally {
      await removeTempVault(rescue);
    }
  });

  test("when even the temp folder fails, the note is printed on stdout", async () => {
    const run = io({ OLLAMA_HOST: fake.url, TMPDIR: path.join(vault, "no", "such", "folder") });
    expect(await runCli(["plan", "--vault", vault, "--hardware", "RTX 4090", "--quiet"], run.io)).toBe(1);
    expect(run.err()).toMatch(/The note's text was printed on standard output instead\.\n$/);
    expect(run.out()).toContain("## Compute\n- Ollama");
  });
});

describe("a settings file that is there but unusable", () => {
  let settingsFile: string;
  beforeEach(async () => {
    const dir = path.join(vault, CONFIG_DIR, "plugins", "ai-stack-planner");
    await fs.mkdir(dir, { recursive: true });
    settingsFile = path.join(dir, "data.json");
    await fs.writeFile(settingsFile, '{"indexExcludedFolders": ["Secret"], "plansFolder": "Pl');
  });

  test.each([
    ["index", ["index", "--quiet"]],
    ["plan", ["plan", "--quiet"]],
    ["search", ["search", "gpu"]],
    ["draft", ["draft"]],
  ])("%s refuses with one line naming the file, sends nothing and writes nothing", async (_label, argv) => {
    const before = fake.requests.length;
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli([...argv, "--vault", vault], run.io)).toBe(1);
    expect(run.err()).toBe(`The plugin settings file "${settingsFile}" can't be used: it isn't valid JSON (it may have been cut off). Nothing was done, because your settings (such as the folders kept away from Ollama) are unknown. Fix that file, or delete it to start from the default settings, and run again.\n`);
    expect(fake.requests.length).toBe(before);
    expect((await listFiles(vault)).filter((f) => !f.startsWith("."))).toEqual(["Hardware.md"]);
  });

  test.each([
    ["status", ["status", "--vault"]],
    ["prompt", ["prompt", "--vault"]],
  ])("%s proceeds on defaults after a warning line", async (_label, argv) => {
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli([...argv, vault], run.io)).toBe(0);
    expect(run.err()).toMatch(new RegExp(`^Warning: The plugin settings file "${settingsFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}" can't be used: .*\n$`));
    expect(run.out()).not.toBe("");
  });

  test("a missing settings file is not a problem: defaults, no warning", async () => {
    await fs.rm(settingsFile);
    const run = io({ OLLAMA_HOST: fake.url });
    expect(await runCli(["status", "--vault", vault], run.io)).toBe(0);
    expect(run.err()).toBe("");
  });
});

describe("as a process", () => {
  function runProcess(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "src/cli/main.ts"), ...args], {
        env: { PATH: process.env.PATH ?? "", ...env },
        cwd: ROOT,
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    });
  }

  test("with nothing listening, one clear line, an offline draft plan and exit 0 without waiting for a timeout", async () => {
    const port = await unusedLoopbackPort();
    // What starting the CLI costs on this machine right now: a command that contacts nothing, run
    // twice so the second run, the one compared, starts as warm as the plan run below.
    const prompt = () => runProcess(["prompt", "--tier", "basic", "--hardware", "M3 MacBook Pro 16GB"], { OLLAMA_HOST: `http://127.0.0.1:${port}` });
    expect((await prompt()).code).toBe(0);
    const baseline = await prompt();
    expect(baseline.code).toBe(0);
    const result = await runProcess(["plan", "--vault", vault, "--hardware", "M3 MacBook Pro 16GB", "--usage", "email"], { OLLAMA_HOST: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(0);
    const files = await listFiles(vault);
    expect(files).toHaveLength(3);
    const draft = files.find((f) => f.startsWith("AI Stack Plans/") && f.endsWith(".md")) ?? "";
    expect(draft).toMatch(/^AI Stack Plans\/\d{4}-\d\d-\d\d \d{4} - Offline draft plan - M3 MacBook Pro 16GB\.md$/);
    const workflow = draft.replace(/\.md$/, ".n8n.json");
    expect(files).toContain(workflow);
    expect(result.stderr).toBe(`Ollama isn't reachable at http://127.0.0.1:${port}. Start it with \`ollama serve\`. Wrote an offline draft plan instead: ${path.join(vault, draft)} (n8n workflow: ${path.join(vault, workflow)})\n`);
    expect(result.stdout).toBe("");
    // A refused connection is reported at once: had the CLI waited out its 4 s probe timeout, the
    // run would take at least that much longer than the baseline. (Compared with a run on the same
    // machine, not with a fixed time, so a busy machine cannot fail it.)
    expect(result.ms - baseline.ms).toBeLessThan(3000);
    const note = await fs.readFile(path.join(vault, draft), "utf8");
    expect(note).toContain("status: offline-draft");
    expect(note).toContain("> [!important] Offline draft\n> Ollama isn't reachable");
  });

  test("with nothing listening and --no-draft, one clear line, nothing written and exit 1", async () => {
    const port = await unusedLoopbackPort();
    const result = await runProcess(["plan", "--vault", vault, "--no-draft"], { OLLAMA_HOST: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Ollama isn't reachable at http://127.0.0.1:${port}. Start it with \`ollama serve\`.\n`);
    expect(await listFiles(vault)).toEqual(["Hardware.md"]);
  });

  test("the demo with nothing listening prints one line and writes an offline draft into the example vault", async () => {
    const plans = path.join(ROOT, "examples/vault/AI Stack Plans");
    const before = await listFiles(plans).catch((): string[] => []);
    const port = await unusedLoopbackPort();
    const result = await runProcess(["demo"], { OLLAMA_HOST: `http://127.0.0.1:${port}` });
    const created = (await listFiles(plans)).filter((f) => !before.includes(f));
    try {
      expect(result.code).toBe(0);
      expect(created).toHaveLength(2);
      const [draft, workflow] = [created.find((f) => f.endsWith(".md")) ?? "", created.find((f) => f.endsWith(".n8n.json")) ?? ""];
      expect(draft).toContain("Offline draft plan");
      expect(result.stderr.split("\n").filter(Boolean)).toEqual([`Ollama isn't reachable at http://127.0.0.1:${port}. Start it with \`ollama serve\`. Wrote an offline draft plan instead: ${path.join(plans, draft)} (n8n workflow: ${path.join(plans, workflow)})`]);
      expect(result.stdout).toBe("");
    } finally {
      for (const file of created) await fs.rm(path.join(plans, file));
    }
  });

  test("the demo writes a Pro plan into the example vault", async () => {
    const plans = path.join(ROOT, "examples/vault/AI Stack Plans");
    const before = await listFiles(plans).catch((): string[] => []);
    const result = await runProcess(["demo", "--quiet"], { OLLAMA_HOST: fake.url });
    expect(result.stderr).toContain("Wrote ");
    expect(result.code).toBe(0);
    const created = (await listFiles(plans)).filter((f) => !before.includes(f));
    try {
      expect(created.map((f) => f.replace(/^.* - Pro plan - .*?(\.md|\.n8n\.json)$/, "plan$1")).sort()).toEqual(["plan.md", "plan.n8n.json"]);
      const note = await fs.readFile(path.join(plans, created.find((f) => f.endsWith(".md")) ?? ""), "utf8");
      expect(note).toMatch(/^---\ntype: ai-stack-plan\ntier: pro\n/);
    } finally {
      for (const file of created) await fs.rm(path.join(plans, file));
    }
  });
});

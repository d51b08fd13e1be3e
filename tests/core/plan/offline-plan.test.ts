import { promises as fs } from "node:fs";
import path from "node:path";
/** The offline draft plan: deterministic, labelled, built only from models computed to fit. */
import { parse } from "yaml";
import { checkPlanFit } from "../../../src/core/hardware/fit-check";
import { computeFitTable } from "../../../src/core/hardware/fit-table";
import { parseHardwareText } from "../../../src/core/hardware/parse-text";
import { chooseDraftStack, renderOfflineDraft, writeOfflineDraft, type OfflineDraftInput } from "../../../src/core/plan/offline-plan";
import { FolderVaultPort } from "../../../src/adapters/node/folder-vault";
import { listFiles, makeTempVault, removeTempVault } from "../../harness/temp-vault";

const CREATED = new Date(2026, 10, 27, 9, 30);
const RTX: OfflineDraftInput = { tier: "pro", language: "en", hardware: "PC, RTX 4090 24GB VRAM, 64GB RAM", usage: "Personal knowledge base, email replies", created: CREATED };

function frontmatter(note: string): Record<string, unknown> {
  return parse(/^---\n([\s\S]*?)\n---\n/.exec(note)?.[1] ?? "") as Record<string, unknown>;
}

const stripTz = (note: string) => note.replace(/created: "([^"]+)[+-]\d\d:\d\d"/, 'created: "$1<tz>"');

describe("chooseDraftStack", () => {
  test.each<[string, string, string, string | undefined, string, string]>([
    // hardware, usage, main, light, embedding, workflow
    ["PC, RTX 4090 24GB VRAM, 64GB RAM", "notes, email", "qwen3:30b-a3b", "gemma3:12b", "nomic-embed-text", "notes"],
    ["M3 MacBook Pro 16GB", "email replies", "gemma3:12b", "qwen3:4b", "nomic-embed-text", "email"],
    ["M3 MacBook Pro 16GB", "邮件回复，财务记账", "gemma3:12b", "qwen3:4b", "bge-m3", "email"],
    ["Laptop, 8GB RAM", "family budget", "qwen3:4b", "qwen3:0.6b", "nomic-embed-text", "finance"],
    ["RTX 3060 12GB, 32GB RAM", "code review for my side projects", "gemma3:12b", "qwen3:4b", "nomic-embed-text", "code"],
    ["MacBook Air M1 8GB", "", "qwen3:4b", "qwen3:0.6b", "nomic-embed-text", "notes"],
  ])("%s, %j → %s", (hardware, usage, main, light, embedding, workflow) => {
    const stack = chooseDraftStack(computeFitTable(parseHardwareText(hardware)), usage, /[\u3400-\u9fff]/.test(usage) ? "zh" : "en");
    expect([stack.main?.tag, stack.light?.tag, stack.embedding?.tag, stack.workflow]).toEqual([main, light, embedding, workflow]);
  });

  test("every model the draft picks runs well, and an 8 GB laptop is never given a 70B", () => {
    for (const hardware of ["Laptop, 8GB RAM", "M3 MacBook Pro 16GB", "PC, RTX 4090 24GB VRAM, 64GB RAM", "MacBook Air M1 8GB"]) {
      const stack = chooseDraftStack(computeFitTable(parseHardwareText(hardware)), "notes", "en");
      for (const row of [stack.main, stack.light, stack.reasoning, stack.embedding]) expect(["fits-vram", "cpu-only"]).toContain(row?.fit.verdict);
    }
  });
});

describe("renderOfflineDraft", () => {
  test("is labelled, has the compute / memory / action layers, difficulty and bottlenecks (approval)", () => {
    const note = renderOfflineDraft({ ...RTX, reason: "Ollama isn't reachable at http://127.0.0.1:11434. Start it with `ollama serve`." });
    expect(frontmatter(note)).toMatchObject({ type: "ai-stack-plan", tier: "pro", status: "offline-draft", fit_check: "ok", model: null });
    expect(note).toContain("> [!important] Offline draft\n> Ollama isn't reachable at http://127.0.0.1:11434.");
    expect(note).toContain("For the full plan, start Ollama (`ollama serve`), pull a model that fits (`ollama pull qwen3:30b-a3b`), then run **Generate pro stack plan** again");
    for (const heading of ["## Compute layer", "## Memory layer", "## Action layer", "## Difficulty", "## Bottlenecks"]) expect(note).toContain(heading);
    expect(note).toContain("**n8n**");
    expect(stripTz(note)).toMatchSnapshot();
  });

  test("Chinese (approval)", () => {
    expect(stripTz(renderOfflineDraft({ tier: "pro", language: "zh", hardware: "M3 MacBook Pro，16GB 统一内存", usage: "邮件回复，财务记账", created: CREATED }))).toMatchSnapshot();
  });

  test("is deterministic", () => {
    expect(renderOfflineDraft(RTX)).toBe(renderOfflineDraft({ ...RTX }));
  });

  test("passes its own fit check: nothing it recommends is flagged", () => {
    for (const hardware of ["Laptop, 8GB RAM", "M3 MacBook Pro 16GB", "PC, RTX 4090 24GB VRAM, 64GB RAM"]) {
      const note = renderOfflineDraft({ ...RTX, hardware });
      const body = note.split("## Compute layer")[1].split("Does not run on this machine")[0];
      expect(checkPlanFit(body, computeFitTable(parseHardwareText(hardware)), "en").status).toBe("ok");
    }
  });

  test("without hardware facts it says what to do and claims no fit", () => {
    const note = renderOfflineDraft({ ...RTX, hardware: "my computer", usage: "" });
    expect(frontmatter(note)).not.toHaveProperty("fit_check");
    expect(note).toContain("No memory size is known, so nothing could be computed.");
    expect(note).toContain("## Difficulty\n\nUnknown until the hardware is described.");
    expect(note).not.toContain("Hardware fit (computed)");
  });

  test("hostile hardware and usage text cannot break the frontmatter", () => {
    const note = renderOfflineDraft({ ...RTX, hardware: "---\nowned: true", usage: "# x: [y]" });
    expect(frontmatter(note)).toMatchObject({ hardware: "---\nowned: true", usage: "# x: [y]" });
    expect(frontmatter(note)).not.toHaveProperty("owned");
  });
});

describe("writeOfflineDraft", () => {
  let vault: string;
  beforeEach(async () => {
    vault = await makeTempVault({ "Keep.md": "keep" });
  });
  afterEach(() => removeTempVault(vault));

  test("writes a new note each time, never overwriting", async () => {
    const port = new FolderVaultPort(vault);
    const first = await writeOfflineDraft(port, "Plans", RTX);
    const second = await writeOfflineDraft(port, "Plans", RTX);
    expect(first).toBe("Plans/2026-11-27 0930 - Offline draft plan - PC, RTX 4090 24GB VRAM, 64GB RAM.md");
    expect(second).toBe("Plans/2026-11-27 0930 - Offline draft plan - PC, RTX 4090 24GB VRAM, 64GB RAM 2.md");
    // Each draft has its own n8n workflow file beside it, and links that one.
    const workflows = [first, second].map((note) => note.replace(/\.md$/, ".n8n.json"));
    expect(await listFiles(vault)).toEqual(["Keep.md", first, second, ...workflows].sort());
    const note = await fs.readFile(path.join(vault, second), "utf8");
    expect(note).toContain(`[[${workflows[1]}|2026-11-27 0930 - Offline draft plan - PC, RTX 4090 24GB VRAM, 64GB RAM 2.n8n.json]]`);
    expect(JSON.parse(await fs.readFile(path.join(vault, workflows[1]), "utf8"))).toMatchObject({ name: "AI Stack Planner: Notes digest (qwen3:30b-a3b)" });
  });
});

describe("the draft is a plan for this machine and this vault", () => {
  const base: OfflineDraftInput = { tier: "pro", language: "en", hardware: "PC, RTX 4090 24GB VRAM, 64GB RAM", usage: "", created: CREATED };

  test("the first listed use is the main one, even when a later one has a ready workflow", () => {
    expect(renderOfflineDraft({ ...base, usage: "translation of letters, email" })).toContain("Your main use: **translation of letters**.");
    expect(renderOfflineDraft({ ...base, usage: "" })).toContain("Your main use: **your notes**.");
  });

  test("difficulty follows the GPU vendor and the OS", () => {
    const difficulty = (hardware: string) => /## Difficulty\n\n(.*)/.exec(renderOfflineDraft({ ...base, hardware }))?.[1];
    expect(difficulty("M3 MacBook Pro 16GB")).toMatch(/^Easy.*Metal/);
    expect(difficulty("PC, RTX 4090 24GB, 64GB RAM, Windows 11")).toMatch(/^Moderate.*Docker Desktop with WSL 2/);
    expect(difficulty("RX 7900 XTX, 64GB RAM, Ubuntu")).toMatch(/^Hard.*ROCm/);
    expect(difficulty("Laptop, 8GB RAM")).toMatch(/^Easy.*slow.*8 GB of RAM/);
  });

  test("the memory layer follows the vault: size, language, and where the vectors live", () => {
    const small = renderOfflineDraft({ ...base, vault: { notes: 300, cjkNotes: 200, tokens: 200_000, chunks: 900 } });
    expect(small).toContain("**`bge-m3`**");
    expect(small).toContain("Your vault: 300 notes (200 mostly in Chinese), about 900 chunks to embed");
    expect(small).toContain("none needed for the vault");
    const large = renderOfflineDraft({ ...base, vault: { notes: 40_000, cjkNotes: 0, tokens: 30_000_000, chunks: 120_000 } });
    expect(large).toContain("**`nomic-embed-text`**");
    expect(large).toContain("better served by a dedicated vector database such as Qdrant");
  });
});

/** The computed hardware facts: the prompt part (approval) and the plan note's table. */
import { computeFitTable, hardwareFactsPart, hasHardwareFacts, modelFactsFromInstalled, renderFitTable } from "../../../src/core/hardware/fit-table";
import { parseHardwareText } from "../../../src/core/hardware/parse-text";
import { assemblePrompt } from "../../../src/core/plan/prompts";

const RTX_4090 = parseHardwareText("PC, RTX 4090 24GB VRAM, 64GB RAM");
const M3_16 = parseHardwareText("M3 MacBook Pro 16GB");
const INSTALLED = [
  { name: "llama3.2:3b", parameterSize: "3.2B", quantization: "Q4_K_M", sizeBytes: 2_019_393_189, canChat: true },
  { name: "nomic-embed-text:latest", parameterSize: "137M", quantization: "F16", sizeBytes: 274_302_450, canChat: false },
  { name: "my-finetune:latest", parameterSize: "8.0B", quantization: "Q8_0", sizeBytes: 8_540_000_000, canChat: true },
];

describe("computeFitTable", () => {
  test("installed models come first, and replace their catalog rows", () => {
    const table = computeFitTable(RTX_4090, { installed: INSTALLED });
    expect(table.rows.slice(0, 3).map((r) => [r.tag, r.installed, r.fit.verdict])).toEqual([
      ["llama3.2:3b", true, "fits-vram"],
      ["nomic-embed-text:latest", true, "fits-vram"],
      ["my-finetune:latest", true, "fits-vram"],
    ]);
    expect(table.rows.filter((r) => r.tag.startsWith("llama3.2:3b") || r.tag.startsWith("nomic-embed-text"))).toHaveLength(2);
  });

  test("an installed model Ollama says little about is estimated from what it did say", () => {
    const facts = modelFactsFromInstalled({ name: "mystery:latest", canChat: true });
    expect(facts).toEqual({ tag: "mystery:latest", name: "mystery:latest", kind: "chat", source: "ollama" });
    const table = computeFitTable(RTX_4090, { installed: [{ name: "mystery:latest", canChat: true }] });
    expect(table.rows[0].fit.verdict).toBe("unknown");
    // A custom quantization of a catalog model keeps the catalog's layout but its own size.
    expect(modelFactsFromInstalled({ name: "qwen2.5:14b-instruct-q8_0", parameterSize: "14.8B", quantization: "Q8_0", sizeBytes: 15_700_000_000, canChat: true })).toMatchObject({ paramsB: 14.8, quantization: "Q8_0", downloadGb: 15.7 });
  });

  test("a profile without memory facts computes nothing", () => {
    expect(hasHardwareFacts(parseHardwareText("a nice computer"))).toBe(false);
    expect(hasHardwareFacts(parseHardwareText("1 TB VRAM"))).toBe(false);
    expect(hasHardwareFacts(parseHardwareText("16GB VRAM"))).toBe(true);
    expect(hasHardwareFacts(RTX_4090)).toBe(true);
  });
});

describe("the Hardware facts (computed) prompt part", () => {
  test("RTX 4090 in English (approval)", () => {
    const part = hardwareFactsPart(computeFitTable(RTX_4090, { installed: INSTALLED.slice(0, 2) }), "en");
    expect(part.title).toBe("Hardware facts (computed)");
    expect(assemblePrompt([part])).toMatchSnapshot();
  });

  test("M3 MacBook Pro 16GB in Chinese (approval)", () => {
    const part = hardwareFactsPart(computeFitTable(parseHardwareText("M3 MacBook Pro 16GB", "zh"), { lang: "zh" }), "zh");
    expect(part.title).toBe("硬件事实（计算得出）");
    expect(assemblePrompt([part])).toMatchSnapshot();
  });

  test("says which models fit and which never to recommend", () => {
    const body = hardwareFactsPart(computeFitTable(M3_16), "en").body;
    const section = (heading: string) => body.split(`${heading}:\n`)[1]?.split("\n\n")[0] ?? "";
    expect(section("Fits entirely on the GPU (fast)")).toContain("- llama3.1:8b (Q4_K_M): needs 6.3 GB");
    expect(section("Does not run on this hardware (never recommend)")).toContain("- llama3.1:70b (Q4_K_M): needs 45 GB");
    expect(section("Fits entirely on the GPU (fast)")).not.toContain("70b");
  });

  test("doubts about the description are passed on", () => {
    const body = hardwareFactsPart(computeFitTable(parseHardwareText("16GB VRAM")), "en").body;
    expect(body).toContain("Doubts about the hardware description:\n- VRAM given (16 GB) but no GPU named");
    expect(body).toContain("Unknown (facts missing):\n- llama3.1:405b");
  });
});

describe("the plan note's fit table", () => {
  test("a collapsed callout with one row per model (approval)", () => {
    const table = computeFitTable(M3_16, { installed: INSTALLED.slice(0, 1) });
    const text = renderFitTable(table, "en");
    expect(text.split("\n").every((line) => line.startsWith(">"))).toBe(true);
    expect(text.split("\n").filter((line) => /^> \| [a-z]/.test(line))).toHaveLength(table.rows.length);
    expect(text).toMatchSnapshot();
  });

  test("in Chinese, and a pipe in a model name cannot break the table", () => {
    const text = renderFitTable(computeFitTable(M3_16, { installed: [{ name: "odd|name:latest", canChat: true }], lang: "zh" }), "zh");
    expect(text).toContain("> | 模型 | 量化 | 所需内存 | 结论 | 已安装 |");
    expect(text).toContain("> | odd\\|name:latest | ? | 大小未知 | 未知 | 是 |");
  });
});

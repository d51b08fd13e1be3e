/**
 * Properties of the fit check over generated answers: an explicitly sized model that cannot run is
 * always flagged unless the answer advises against it, and a model the answer rejects is never
 * flagged. Plus the hardware reader: a VRAM figure is never taken for RAM.
 */
import fc from "fast-check";
import { checkPlanFit } from "../../../src/core/hardware/fit-check";
import { computeFitTable } from "../../../src/core/hardware/fit-table";
import { parseHardwareText } from "../../../src/core/hardware/parse-text";

const SMALL_MACHINES = ["Laptop, 8GB RAM", "RTX 3060 12GB, 16GB RAM", "M2 MacBook Air 16GB", "笔记本，16GB 内存，无独显"];

// Names with an explicit size of at least 60 B: none runs on the machines above.
const sizedName = fc.oneof(
  fc.constantFrom("Llama 3.1 70B", "Llama 3.1 405B", "Qwen2.5 72B", "`qwen2.5:72b`", "DeepSeek-R1 671B", "Mixtral 8x22B", "`llama2:70b`", "Falcon 180B", "Qwen3-235B-A22B", "Command R+ (104B)", "通义千问 2.5 72B", "Llama 3.1（405B 参数）"),
  fc.integer({ min: 60, max: 900 }).map((b) => `\`somemodel:${b}b\``),
  fc.tuple(fc.constantFrom("Jamba", "Grok", "Falcon", "Yi", "InternLM2"), fc.integer({ min: 60, max: 900 })).map(([name, b]) => `${name} ${b}B`),
);

const RECOMMEND = ["Use {m}.", "I recommend {m} for your notes.", "推荐使用 {m}。", "| {m} | 40 GB | ✅ |", "- **Main model:** {m}", "Run {m}. It is too big for the GPU alone; Ollama offloads the rest to the CPU.", "Your best option is {m} at Q4_K_M."];
const REJECT = ["Avoid {m}.", "Don't bother with {m}: it won't fit.", "{m} is too big for this machine.", "| {m} | 40 GB | ❌ No |", "不推荐 {m}，显存放不下。", "{m} 你的电脑带不动。", "Once you add more RAM, {m} becomes possible.", "<think>Maybe {m}?</think>", "For comparison, {m} through a cloud API costs cents.", "Use `llama3.2:3b` rather than {m}."];
const FILLER = ["", "Use `llama3.2:3b` for chat.\n", "## Compute layer\n", "Embeddings: nomic-embed-text.\n"];

function check(answer: string, hardware: string) {
  const lang = /[\u4e00-\u9fff]/.test(hardware) ? "zh" : "en";
  return checkPlanFit(answer, computeFitTable(parseHardwareText(hardware, lang), { lang }), lang);
}

describe("fit check properties", () => {
  test("an explicitly sized model that cannot run is flagged when recommended", () => {
    fc.assert(
      fc.property(sizedName, fc.constantFrom(...RECOMMEND), fc.constantFrom(...FILLER), fc.constantFrom(...SMALL_MACHINES), (name, template, filler, hardware) => {
        const result = check(`${filler}${template.replace("{m}", name)}`, hardware);
        expect(result.status).toBe("warnings");
        expect(result.findings.some((f) => f.fit.verdict === "does-not-run" && !f.discouraged)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("a model the answer rejects is never flagged", () => {
    fc.assert(
      fc.property(sizedName, fc.constantFrom(...REJECT), fc.constantFrom(...FILLER), fc.constantFrom(...SMALL_MACHINES), (name, template, filler, hardware) => {
        const result = check(`${filler}${template.replace("{m}", name)}`, hardware);
        expect(result.findings.filter((f) => f.fit.verdict === "does-not-run" && !f.discouraged)).toEqual([]);
        expect(result.status).toBe("ok");
      }),
      { numRuns: 300 },
    );
  });
});

describe("hardware reader properties", () => {
  const gpuName = fc.constantFrom("RTX 3060", "3090", "4070 Ti", "RX 7900 XTX", "4060 Ti", "A4000", "Arc A770", "2080", "RTX 4090 Laptop");

  test("a VRAM figure is never taken for RAM", () => {
    fc.assert(
      fc.property(gpuName, fc.integer({ min: 4, max: 48 }), fc.integer({ min: 8, max: 256 }), fc.constantFrom("{g} {v}GB, {r}GB RAM", "{r}GB RAM and a {g} with {v}GB", "{g} ({v}G), {r} gigs of ram", "内存 {r}G，显卡 {g} {v}G", "{g} {v}GB VRAM / {r}GB DDR5"), (gpu, v, r, template) => {
        fc.pre(v !== r);
        const profile = parseHardwareText(template.replace("{g}", gpu).replace("{v}", String(v)).replace("{r}", String(r)));
        expect(profile.ramGb).toBe(r);
        expect(profile.gpus.length).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});

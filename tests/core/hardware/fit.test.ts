/**
 * The fit calculator against hardware people actually have and sizes Ollama actually publishes.
 * Verdicts are for the plugin's default 8,192-token context.
 */
import fc from "fast-check";
import { catalogByTag, type ModelFacts } from "../../../src/core/hardware/catalog";
import { assessFit, estimateMemory, memoryBudget, type Verdict } from "../../../src/core/hardware/fit";
import { parseHardwareText } from "../../../src/core/hardware/parse-text";
import { emptyProfile, type HardwareProfile } from "../../../src/core/hardware/profile";
import { BYTES_PER_GB } from "../../../src/core/hardware/units";

const CONTEXT = 8192;

function model(tag: string): ModelFacts {
  const entry = catalogByTag(tag);
  if (!entry) throw new Error(`not in the catalog: ${tag}`);
  return entry;
}

const RTX_4090 = "PC, RTX 4090 24GB VRAM, 64GB RAM";
const M3_16 = "M3 MacBook Pro 16GB";
const LAPTOP_8 = "Laptop, 8GB RAM";

describe("verdicts for model/hardware pairs", () => {
  test.each<[string, string, Verdict]>([
    // The article's desktop: everything up to 32B at Q4 in VRAM; 70B only by spilling into RAM.
    [RTX_4090, "llama3.1:8b", "fits-vram"],
    [RTX_4090, "qwen2.5:14b", "fits-vram"],
    [RTX_4090, "qwen2.5:32b", "fits-vram"],
    [RTX_4090, "gemma3:27b", "fits-vram"],
    [RTX_4090, "qwen3:30b-a3b", "fits-vram"],
    [RTX_4090, "llama3.1:70b", "partial-offload"],
    [RTX_4090, "llama3.1:405b", "does-not-run"],
    // The article's laptop: 8B models run on the GPU's 10.7 GB share; 14B just spills; 32B+ cannot run.
    [M3_16, "llama3.1:8b", "fits-vram"],
    [M3_16, "gemma2:9b", "fits-vram"],
    [M3_16, "qwen2.5:14b", "partial-offload"],
    [M3_16, "qwen2.5:32b", "does-not-run"],
    [M3_16, "llama3.1:70b", "does-not-run"],
    // An 8 GB laptop without a GPU: small models on the CPU, never a 70B.
    [LAPTOP_8, "llama3.2:3b", "cpu-only"],
    [LAPTOP_8, "phi3:mini", "cpu-only"],
    [LAPTOP_8, "nomic-embed-text", "cpu-only"],
    [LAPTOP_8, "llama3.1:70b", "does-not-run"],
    [LAPTOP_8, "deepseek-r1:70b", "does-not-run"],
    [LAPTOP_8, "qwen2.5:14b", "does-not-run"],
    ["MacBook Air M1 8GB", "llama3.2:3b", "fits-vram"],
    ["MacBook Air M1 8GB", "llama3.1:70b", "does-not-run"],
    ["RTX 3060 12GB, 32GB RAM", "qwen2.5:14b", "fits-vram"],
    ["RTX 3060 12GB, 32GB RAM", "qwen2.5:32b", "partial-offload"],
    ["2x RTX 3090, 128GB RAM", "llama3.3:70b", "fits-vram"],
    ["Mac Studio M2 Ultra 192GB", "llama3.1:70b", "fits-vram"],
    ["台式机，RTX 4090 显卡 24GB 显存，64GB 内存", "qwen2.5:32b", "fits-vram"],
    ["笔记本，8GB 内存，无独立显卡", "llama3.1:70b", "does-not-run"],
  ])("%s + %s → %s", (hardware, tag, verdict) => {
    const profile = parseHardwareText(hardware);
    expect(profile.warnings).toEqual([]);
    expect(assessFit(model(tag), profile, CONTEXT).fit.verdict).toBe(verdict);
  });

  test.each<[string, string, Verdict]>([
    // VRAM but no GPU and no RAM: small models surely fit, a 70B depends on the RAM nobody gave.
    ["16GB VRAM", "llama3.1:8b", "fits-vram"],
    ["16GB VRAM", "llama3.1:70b", "unknown"],
    // Nothing usable was said: no verdict at all, for small or large models.
    ["0 GB", "llama3.1:70b", "unknown"],
    ["1 TB VRAM", "llama3.1:70b", "unknown"],
    ["1 TB VRAM", "llama3.2:3b", "unknown"],
    ["", "qwen2.5:7b", "unknown"],
    // A card whose VRAM nobody knows could hold anything up to the largest card: no verdict.
    ["RTX 9999, 16GB RAM", "llama3.2:3b", "unknown"],
    ["RTX 9999, 16GB RAM", "llama3.1:405b", "unknown"],
    // Ollama does not use Intel GPUs: planned for the CPU, and the user is told why.
    ["Intel Arc A770 16GB, 32GB RAM", "llama3.1:8b", "cpu-only"],
  ])("dubious input %j + %s → %s (with a warning)", (hardware, tag, verdict) => {
    const profile = parseHardwareText(hardware);
    expect(profile.warnings.length).toBeGreaterThan(0);
    expect(assessFit(model(tag), profile, CONTEXT).fit.verdict).toBe(verdict);
  });

  test("reasons are written out with the numbers, in English and Chinese", () => {
    const profile = parseHardwareText(RTX_4090);
    expect(assessFit(model("qwen2.5:14b"), profile, CONTEXT).fit.reason).toBe("needs 10.8 GB; fits in the 22.8 GB of usable VRAM (12 GB to spare)");
    expect(assessFit(model("llama3.1:70b"), parseHardwareText(LAPTOP_8), CONTEXT, "zh").fit.reason).toBe("需要 45 GB，但可用内存只有 5.5 GB（8 GB 内存减去系统预留的 2.5 GB，无 GPU）");
  });

  test("a model without a size is unknown, never a verdict", () => {
    const mystery: ModelFacts = { tag: "mystery:latest", name: "mystery", kind: "chat", source: "mention" };
    const { fit } = assessFit(mystery, parseHardwareText(RTX_4090), CONTEXT);
    expect(fit).toMatchObject({ verdict: "unknown", needGb: null });
  });

  test("a model with a size but no attention layout gets a range, and a verdict only when the range agrees", () => {
    // Ollama reported a 70B file but no block_count / head_count_kv.
    const partial: ModelFacts = { tag: "big:70b", name: "big", kind: "chat", source: "ollama", paramsB: 70.6, quantization: "Q4_K_M" };
    const estimate = estimateMemory(partial, { contextTokens: CONTEXT });
    expect(estimate.known && estimate.missing).toEqual(["attention"]);
    expect(estimate.known && estimate.totalMaxGb > estimate.totalGb).toBe(true);
    expect(assessFit(partial, parseHardwareText(LAPTOP_8), CONTEXT).fit.verdict).toBe("does-not-run");
    expect(assessFit(partial, parseHardwareText("Mac Studio M2 Ultra 192GB"), CONTEXT).fit.verdict).toBe("fits-vram");
  });
});

describe("estimates against published sizes", () => {
  // Sizes of non-default tags on ollama.com (decimal GB): the bits-per-weight table must reproduce
  // them from the parameter count alone, since that is all an unknown quantization gives us.
  test.each<[string, string, number]>([
    ["llama3.1:8b", "Q8_0", 8.5],
    ["llama3.1:8b", "F16", 16.1],
    ["llama3.1:70b", "Q8_0", 75],
    ["llama3.1:70b", "Q2_K", 26],
    ["llama3.1:8b", "Q2_K", 3.2],
    ["llama3.1:70b", "Q3_K_M", 34],
    ["llama3.1:70b", "Q5_K_M", 50],
    ["qwen2.5:14b", "Q8_0", 15.7],
    ["qwen2.5:32b", "Q8_0", 34.8],
    ["mistral:7b", "Q8_0", 7.7],
    ["gemma2:9b", "Q8_0", 9.8],
  ])("%s at %s weighs about %d GB", (tag, quantization, publishedGb) => {
    const estimate = estimateMemory(model(tag), { contextTokens: CONTEXT, quantization });
    if (!estimate.known) throw new Error("expected an estimate");
    const decimalGb = (estimate.weightsGb * BYTES_PER_GB) / 1e9;
    expect(Math.abs(decimalGb / publishedGb - 1)).toBeLessThan(0.08);
  });

  test("at the default tag the weights are the published download size", () => {
    const estimate = estimateMemory(model("qwen2.5:14b"), { contextTokens: CONTEXT });
    if (!estimate.known) throw new Error("expected an estimate");
    expect((estimate.weightsGb * BYTES_PER_GB) / 1e9).toBeCloseTo(9.0, 5);
  });

  test("the KV cache follows the attention layout: Llama 3.1 8B keeps 128 KiB per token in f16", () => {
    const estimate = estimateMemory(model("llama3.1:8b"), { contextTokens: CONTEXT });
    if (!estimate.known) throw new Error("expected an estimate");
    // 2 (K and V) × 32 layers × 8 KV heads × 128 dims × 2 bytes = 131,072 bytes per token.
    expect(estimate.kvCacheGb).toBeCloseTo((131072 * CONTEXT) / BYTES_PER_GB, 6);
  });

  test("the context is capped at what the model supports", () => {
    expect(estimateMemory(model("phi3:mini"), { contextTokens: 32768 }).contextTokens).toBe(4096);
  });
});

describe("memory budgets", () => {
  test("an RTX 4090 leaves 5% of its VRAM to the driver; 64 GB RAM keeps 15% for the system", () => {
    const { low, high, gaps } = memoryBudget(parseHardwareText(RTX_4090));
    expect(low).toEqual(high);
    expect(gaps).toEqual([]);
    expect(low.gpuGb).toBeCloseTo(22.8, 5);
    expect(low.cpuGb).toBeCloseTo(64 - 9.6, 5);
  });

  test("a 16 GB Apple Silicon Mac gives its GPU two thirds of the unified memory", () => {
    const { low } = memoryBudget(parseHardwareText(M3_16));
    expect(low.gpuGb).toBeCloseTo(10.67, 2);
    expect(low.unified).toBe(true);
  });
});

describe("never a confident wrong verdict", () => {
  const smallMachine = fc.record({
    ramGb: fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
    vramGb: fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
    unified: fc.boolean(),
  });

  test("no machine with at most 16 GB of RAM and 16 GB of VRAM is told a 70B model runs", () => {
    fc.assert(
      fc.property(smallMachine, ({ ramGb, vramGb, unified }) => {
        const profile: HardwareProfile = emptyProfile();
        if (ramGb !== undefined) profile.ramGb = ramGb;
        profile.unifiedMemory = unified && ramGb !== undefined;
        if (vramGb !== undefined && !profile.unifiedMemory) profile.gpus.push({ name: "GPU", vendor: "nvidia", vramGb });
        const verdict = assessFit(model("llama3.1:70b"), profile, CONTEXT).fit.verdict;
        return verdict === "does-not-run" || verdict === "unknown";
      }),
    );
  });

  test("any text mentioning an 8 GB laptop never makes a 70B model fit", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const profile = parseHardwareText(`${before} laptop, 8GB RAM ${after}`.replace(/\d/g, ""));
        const verdict = assessFit(model("llama3.1:70b"), profile, CONTEXT).fit.verdict;
        return verdict === "does-not-run" || verdict === "unknown";
      }),
    );
  });
});

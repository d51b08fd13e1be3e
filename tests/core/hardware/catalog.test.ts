/** The shipped model catalog: complete facts, unique tags, and lookup by the tags people type. */
import { CATALOG, catalogByTag, catalogModels, KNOWN_MODELS, tagSize } from "../../../src/core/hardware/catalog";
import { normalizeQuantization } from "../../../src/core/hardware/quantization";

describe("catalogByTag", () => {
  test.each<[string, string | undefined]>([
    ["qwen2.5:14b", "qwen2.5:14b"],
    ["QWEN2.5:14B", "qwen2.5:14b"],
    ["  llama3.1:8b  ", "llama3.1:8b"],
    ["llama3.2", "llama3.2:3b"],
    ["llama3.2:latest", "llama3.2:3b"],
    ["qwen2.5", "qwen2.5:7b"],
    ["mistral", "mistral:7b"],
    ["phi3:mini", "phi3:3.8b"],
    ["qwen3:30b", "qwen3:30b-a3b"],
    ["deepseek-r1", "deepseek-r1:8b"],
    ["nomic-embed-text:latest", "nomic-embed-text"],
    ["nomic-embed-text:v1.5", "nomic-embed-text"],
    ["mxbai-embed-large", "mxbai-embed-large"],
    ["bge-m3:567m", "bge-m3"],
    ["gemma3:27b", "gemma3:27b"],
    // Unknown tags are unknown, not the nearest guess.
    ["qwen2.5:13b", undefined],
    ["foo:1b", undefined],
    ["", undefined],
    ["llama3.1:8b-instruct-q8_0", undefined],
  ])("%j → %s", (tag, expected) => {
    expect(catalogByTag(tag)?.tag).toBe(expected);
  });
});

describe("the catalog", () => {
  test("covers the families the issue names, and the three embedding models", () => {
    const families = new Set(CATALOG.map((entry) => entry.lineage));
    expect([...families].sort()).toEqual(["deepseek-r1", "embedding", "gemma", "llama", "mistral", "phi", "qwen"]);
    expect(catalogModels("embedding").map((e) => e.tag)).toEqual(["nomic-embed-text", "mxbai-embed-large", "bge-m3"]);
    expect(catalogModels("chat").length + catalogModels("embedding").length).toBe(CATALOG.length);
  });

  test("every entry has every fact, and a quantization we can size", () => {
    for (const entry of CATALOG) {
      for (const key of ["paramsB", "layers", "kvHeads", "headDim", "maxContext", "downloadGb"] as const) {
        expect([entry.tag, key, Number.isFinite(entry[key]) && entry[key] > 0]).toEqual([entry.tag, key, true]);
      }
      expect([entry.tag, normalizeQuantization(entry.quantization)]).toEqual([entry.tag, entry.quantization]);
      expect(entry.released).toMatch(/^20\d\d-\d\d$/);
    }
  });

  test("tags and aliases are unique, and each family has at most one latest", () => {
    const tags = CATALOG.flatMap((e) => e.tags);
    expect(new Set(tags).size).toBe(tags.length);
    const aliases = CATALOG.flatMap((e) => e.aliases.map((a) => a.toLowerCase()));
    expect(new Set(aliases).size).toBe(aliases.length);
    const latest = CATALOG.filter((e) => e.latest).map((e) => e.family);
    expect(new Set(latest).size).toBe(latest.length);
  });

  // Tags round, and small models with large vocabularies run over (Gemma 2 2B has 2.61 B).
  test("the size in the tag matches the parameter count", () => {
    for (const entry of CATALOG) {
      const { sizeB } = tagSize(entry.tag);
      if (sizeB === undefined) continue;
      expect([entry.tag, Math.abs(entry.paramsB / sizeB - 1) < 0.35]).toEqual([entry.tag, true]);
    }
  });
});

describe("tagSize", () => {
  test.each<[string, ReturnType<typeof tagSize>]>([
    ["qwen2.5:14b", { sizeB: 14 }],
    ["qwen3:30b-a3b", { sizeB: 30, activeB: 3 }],
    ["qwen2.5:14b-instruct-q4_K_M", { sizeB: 14 }],
    ["all-minilm:33m", { sizeB: 0.033 }],
    ["llama3.2", {}],
    ["phi3:mini", {}],
  ])("%s", (tag, expected) => {
    expect(tagSize(tag)).toEqual(expected);
  });
});

describe("the wider library the recognizer sizes from", () => {
  test("has the families issue 9 names, each with parameter counts and a quantization we can size", () => {
    const families = new Set(KNOWN_MODELS.map((e) => e.family));
    for (const family of ["llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4", "qwen", "qwen2", "qwen2.5", "qwen3", "qwen2.5-coder", "qwen2-math", "qwen2.5vl", "qwq", "deepseek-r1", "deepseek-v3", "mistral", "mistral-nemo", "mistral-small", "mistral-large", "mixtral", "command-r", "command-r-plus", "gemma", "gemma2", "gemma3", "phi", "phi3", "phi3.5", "phi4", "phi4-mini", "codellama", "yi", "falcon", "gpt-oss", "granite3.3", "llava", "llama3.2-vision", "nomic-embed-text", "bge-m3"]) {
      expect([family, families.has(family)]).toEqual([family, true]);
    }
    expect(KNOWN_MODELS.filter((e) => e.family === "deepseek-r1").map((e) => e.tag)).toEqual(expect.arrayContaining(["deepseek-r1:1.5b", "deepseek-r1:671b"]));
    expect(catalogByTag("mixtral:8x22b")?.paramsB).toBe(140.6);
    expect(catalogByTag("phi3:medium")?.tag).toBe("phi3:14b");
    for (const entry of KNOWN_MODELS) {
      expect([entry.tag, entry.paramsB > 0, normalizeQuantization(entry.quantization)]).toEqual([entry.tag, true, entry.quantization]);
    }
  });

  test("tags are unique and each family has at most one latest", () => {
    const tags = KNOWN_MODELS.flatMap((e) => e.tags);
    expect(new Set(tags).size).toBe(tags.length);
    const latest = KNOWN_MODELS.filter((e) => e.latest).map((e) => e.family);
    expect(new Set(latest).size).toBe(latest.length);
  });
});

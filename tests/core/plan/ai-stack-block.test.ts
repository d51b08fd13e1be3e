import { parse } from "yaml";
import { describeYamlError, insertAfterBlock, parseAiStackBlock as parseWith } from "../../../src/core/plan/ai-stack-block";

/** Obsidian's parseYaml is the `yaml` package's parse in the mock; the same here. */
const parseAiStackBlock = (source: string) => parseWith(source, parse);

describe("parseAiStackBlock", () => {
  test("the issue's example", () => {
    expect(parseAiStackBlock("tier: pro\nhardware: M3 MacBook Pro 16GB\nusage: personal knowledge base, email drafts\n")).toEqual({
      ok: true,
      params: { tier: "pro", hardware: "M3 MacBook Pro 16GB", usage: "personal knowledge base, email drafts" },
      warnings: [],
    });
  });

  const good: [string, string, Record<string, string>][] = [
    ["empty block: everything from settings", "", {}],
    ["comments only", "# just a comment\n", {}],
    ["tier in capitals", "tier: Basic", { tier: "basic" }],
    ["Chinese tier and keys", "版本: 专家版\n硬件: RTX 4090 24GB\n用途: 知识库", { tier: "pro", hardware: "RTX 4090 24GB", usage: "知识库" }],
    ["usage as a list", "usage:\n  - email drafts\n  - wiki", { usage: "email drafts, wiki" }],
    ["a number as hardware", "hardware: 4090", { hardware: "4090" }],
    ["odd characters in hardware", 'hardware: "RTX 4090/24GB: #1"', { hardware: "RTX 4090/24GB: #1" }],
    ["language and model", "language: zh\nmodel: qwen2.5:14b", { language: "zh", model: "qwen2.5:14b" }],
    ["alias 'uses'", "uses: wiki", { usage: "wiki" }],
    ["empty value falls back to settings", "hardware:\nusage: ''", {}],
  ];
  test.each(good)("%s", (_name, source, params) => {
    const parsed = parseAiStackBlock(source);
    expect(parsed).toMatchObject({ ok: true, params });
  });

  test("an unknown key is a warning, not an error", () => {
    expect(parseAiStackBlock("tier: pro\nbudget: 500")).toEqual({ ok: true, params: { tier: "pro" }, warnings: [{ kind: "unknown-key", key: "budget" }] });
  });

  const bad: [string, string, object][] = [
    ["broken YAML with its line", "tier: pro\nhardware: [M3\n", { kind: "yaml", line: 2 }],
    ["a tab-indented mapping", "tier: pro\n\tusage: x", { kind: "yaml", line: 2 }],
    ["duplicate keys", "tier: pro\ntier: basic", { kind: "yaml", line: 2 }],
    ["a list instead of a mapping", "- pro\n- basic", { kind: "not-mapping" }],
    ["plain text", "just some words", { kind: "not-mapping" }],
    ["an unknown tier", "tier: ultra", { kind: "bad-tier", value: "ultra" }],
    ["an unknown language", "language: fr", { kind: "bad-language", value: "fr" }],
    ["a nested mapping as hardware", "hardware:\n  gpu: 4090", { kind: "not-text", key: "hardware" }],
  ];
  test.each(bad)("%s", (_name, source, error) => {
    const parsed = parseAiStackBlock(source);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]).toMatchObject(error);
    if (parsed.errors[0].kind === "yaml") expect(parsed.errors[0].detail).not.toMatch(/\n/);
  });
});

describe("describeYamlError", () => {
  test("reads the line from the yaml package, js-yaml and plain messages", () => {
    expect(describeYamlError({ message: "Bad thing at line 2, column 3:\n\n  x\n", pos: [12, 13] }, "tier: pro\nhardware: x\n")).toEqual({ line: 2, detail: "Bad thing" });
    expect(describeYamlError({ message: "bad indentation of a mapping entry (3:5)\n\n 1 | a", mark: { line: 2 } }, "")).toEqual({ line: 3, detail: "bad indentation of a mapping entry" });
    expect(describeYamlError(new Error("unexpected end at line 4"), "")).toEqual({ line: 4, detail: "unexpected end at line 4" });
    expect(describeYamlError("weird", "")).toEqual({ line: undefined, detail: "weird" });
  });
});

describe("insertAfterBlock", () => {
  const SOURCE = "tier: pro\nusage: wiki";
  const NOTE = ["# Plans", "", "```ai-stack", "tier: pro", "usage: wiki", "```", "After the block"].join("\n");

  test("inserts after the closing fence, on its own paragraph", () => {
    expect(insertAfterBlock(NOTE, { lineStart: 2, lineEnd: 5 }, SOURCE, "## Plan\n\nText")).toBe(
      ["# Plans", "", "```ai-stack", "tier: pro", "usage: wiki", "```", "", "## Plan", "", "Text", "", "After the block"].join("\n"),
    );
  });

  test("at the end of the note", () => {
    const note = "```ai-stack\ntier: pro\nusage: wiki\n```";
    expect(insertAfterBlock(note, { lineStart: 0, lineEnd: 3 }, SOURCE, "[[Plan]]")).toBe("```ai-stack\ntier: pro\nusage: wiki\n```\n\n[[Plan]]\n");
  });

  test("finds the block again when lines moved above it", () => {
    const moved = `New first line\n${NOTE}`;
    expect(insertAfterBlock(moved, { lineStart: 2, lineEnd: 5 }, SOURCE, "X")).toContain("```\n\nX\n\nAfter the block");
  });

  test("writes nothing when the block changed or is ambiguous", () => {
    expect(insertAfterBlock(NOTE.replace("usage: wiki", "usage: mail"), { lineStart: 2, lineEnd: 5 }, SOURCE, "X")).toBeNull();
    const twice = `${NOTE}\n${NOTE}`;
    expect(insertAfterBlock(twice, null, SOURCE, "X")).toBeNull();
  });
});

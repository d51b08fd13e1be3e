import { parse } from "yaml";
import { renderFrontmatter, yamlString } from "../../../src/core/shared/frontmatter";
import { renderPlanNote, type PlanRecord } from "../../../src/core/plan/plan-note";

function frontmatterOf(note: string): unknown {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(note);
  if (!match) throw new Error("no frontmatter");
  return parse(match[1]);
}

const base: PlanRecord = {
  tier: "pro",
  model: "qwen2.5:14b",
  hardware: "PC, RTX 4090 24GB VRAM, 64GB RAM",
  usage: "personal knowledge base: notes, email",
  language: "en",
  created: new Date(Date.UTC(2026, 10, 25, 14, 30, 5)),
  generationSeconds: 42.345,
  promptTokens: 512,
  answerTokens: 1024,
  tokensPerSecond: 31.25,
  answer: "## Compute\n- Ollama\n",
  partial: false,
  doneReason: "stop",
};

describe("yamlString", () => {
  test.each(["plain text", "yes", "no", "null", "true", "123", "-1", "0.5", "a: b", "# comment", "- item", "[x]", "{y}", "'q'", '"dq"', "", " lead", "trail ", "x\ny", "tab\tin", "@at", "*star", "中文：冒号", "RTX 4090/24GB", "back\\slash"])(
    "%j round-trips through a YAML parser",
    (text) => {
      expect(parse(`k: ${yamlString(text)}`)).toEqual({ k: text });
    },
  );
});

describe("renderFrontmatter", () => {
  test("lists, numbers, null and booleans", () => {
    const text = renderFrontmatter([
      ["sources", ["[[Hardware#GPU]]", "plain"]],
      ["empty", []],
      ["n", 3.5],
      ["inf", Number.POSITIVE_INFINITY],
      ["none", null],
      ["flag", true],
    ]);
    expect(parse(text.replace(/^---\n|---\n$/g, ""))).toEqual({ sources: ["[[Hardware#GPU]]", "plain"], empty: [], n: 3.5, inf: null, none: null, flag: true });
  });
});

describe("renderPlanNote", () => {
  test("frontmatter has every field the plan promises, and parses", () => {
    const fm = frontmatterOf(renderPlanNote(base)) as Record<string, unknown>;
    expect(fm).toMatchObject({
      type: "ai-stack-plan",
      tier: "pro",
      model: "qwen2.5:14b",
      hardware: base.hardware,
      usage: base.usage,
      language: "en",
      generation_seconds: 42.3,
      prompt_tokens: 512,
      answer_tokens: 1024,
      tokens_per_second: 31.3,
      status: "complete",
    });
    expect(String(fm.created)).toMatch(/^2026-11-2\dT\d\d:\d\d:05[+-]\d\d:\d\d$/);
  });

  test("hostile hardware text cannot break the frontmatter", () => {
    const nasty = "---\nowned: true\n# \"quoted\" : [x]";
    const fm = frontmatterOf(renderPlanNote({ ...base, hardware: nasty, usage: "yes" })) as Record<string, unknown>;
    expect(fm.hardware).toBe(nasty);
    expect(fm.usage).toBe("yes");
    expect(fm).not.toHaveProperty("owned");
  });

  test("a partial plan says so in frontmatter and body", () => {
    const note = renderPlanNote({ ...base, partial: true, promptTokens: null, answerTokens: null, tokensPerSecond: null });
    expect(frontmatterOf(note)).toMatchObject({ status: "partial", prompt_tokens: null });
    expect(note).toContain("> [!warning]\n> This plan is incomplete");
  });

  test("a plan cut by the length limit warns about it", () => {
    expect(renderPlanNote({ ...base, doneReason: "length" })).toContain("Raise the context size");
  });

  test("English and Chinese notes (approval)", () => {
    const fixed = { ...base, created: new Date(2026, 10, 25, 14, 30, 5) };
    const stripTz = (note: string) => note.replace(/created: "([^"]+)[+-]\d\d:\d\d"/, 'created: "$1<tz>"');
    expect(stripTz(renderPlanNote(fixed))).toMatchSnapshot();
    expect(stripTz(renderPlanNote({ ...fixed, language: "zh", tier: "basic", answer: "## 计算层\n- Ollama" }))).toMatchSnapshot();
  });
});

import { analyzeNote as analyzeWith } from "../../../src/core/index/chunking";
import { DEFAULT_EXCLUSION_RULES, excludedByMetadata, excludedByPath, excludedNote, exclusionSignature, type ExclusionRules } from "../../../src/core/index/exclusions";
import { parseYamlStrict } from "../../../src/adapters/node/yaml-parse";

/** The analysis as the CLI and the plugin run it: with a real YAML parser. */
const analyzeNote = (path: string, content: string) => analyzeWith(path, content, undefined, parseYamlStrict);

const RULES: ExclusionRules = { ...DEFAULT_EXCLUSION_RULES, folders: ["Journal", "Work/Clients/"] };

function metadataOf(content: string) {
  return analyzeNote("N.md", content).metadata;
}

describe("path rules", () => {
  test.each([
    ["Hardware.md", null],
    ["Journal/2026-11-27.md", "folder"],
    ["journal/deep/nested.md", "folder"],
    ["Journal.md", null],
    ["Journalling/x.md", null],
    ["Work/Clients/Acme.md", "folder"],
    ["Work/Other.md", null],
    ["AI Stack Plans/2026 plan.md", "plans-folder"],
    [".config/workspace.md", "hidden"],
    ["Notes/.hidden/secret.md", "hidden"],
    [".ai-stack-planner/index/manifest.md", "hidden"],
    ["Pictures/cat.png", "not-markdown"],
    ["Canvas.canvas", "not-markdown"],
    ["UPPER.MD", null],
  ])("%s → %s", (path, reason) => {
    expect(excludedByPath(path, RULES)?.reason ?? null).toBe(reason);
  });

  test("the plans folder is excluded by default and can be let in", () => {
    expect(excludedByPath("AI Stack Plans/x.md", DEFAULT_EXCLUSION_RULES)?.reason).toBe("plans-folder");
    expect(excludedByPath("AI Stack Plans/x.md", { ...DEFAULT_EXCLUSION_RULES, excludePlansFolder: false })).toBeNull();
    expect(excludedByPath("My plans/x.md", { ...DEFAULT_EXCLUSION_RULES, plansFolder: "My plans" })?.reason).toBe("plans-folder");
  });

  test("folder rules match whatever Unicode normal form the name is stored in (NFC vs NFD)", () => {
    const rules = { ...RULES, folders: ["Caf\u00e9"] };
    expect(excludedByPath("Cafe\u0301/Secret.md", rules)?.reason).toBe("folder");
    expect(excludedByPath("Caf\u00e9/Secret.md", { ...RULES, folders: ["Cafe\u0301"] })?.reason).toBe("folder");
  });

  test("empty and slash-only folder rules exclude nothing", () => {
    expect(excludedByPath("Any.md", { ...RULES, folders: ["", "/", "  "] })).toBeNull();
  });
});

describe("tag and frontmatter rules", () => {
  test.each([
    ["plain note", "# Hi\ntext", null],
    ["inline #private", "# Hi\nsecret #private stuff", "tag"],
    ["nested #private/health", "text #private/health", "tag"],
    ["#privateer is another tag", "text #privateer", null],
    ["frontmatter tags list", "---\ntags: [Private]\n---\ntext", "tag"],
    ["frontmatter tags block", "---\ntags:\n  - work\n  - private\n---\ntext", "tag"],
    ["#private inside code is not a tag", "text `#private`\n\n```\n#private\n```", null],
    ["ai-stack-planner: exclude", "---\nai-stack-planner: exclude\n---\ntext", "frontmatter"],
    ["ai-stack-planner: false", "---\nai-stack-planner: false\n---\ntext", "frontmatter"],
    ["AI-Stack-Planner: No", "---\nAI-Stack-Planner: No\n---\ntext", "frontmatter"],
    ["ai-stack-planner: include", "---\nai-stack-planner: include\n---\ntext", null],
    ["private: true", "---\nprivate: true\n---\ntext", "frontmatter"],
    ["private: false", "---\nprivate: false\n---\ntext", null],
  ])("%s", (_name, content, reason) => {
    expect(excludedByMetadata(metadataOf(content), RULES)?.reason ?? null).toBe(reason);
  });

  test("tag rules accept a leading # and any case", () => {
    const rules = { ...RULES, tags: ["#Health", " diary "] };
    expect(excludedByMetadata(metadataOf("x #health"), rules)?.detail).toBe("#health");
    expect(excludedByMetadata(metadataOf("x #Diary/2026"), rules)?.detail).toBe("#diary/2026");
    expect(excludedByMetadata(metadataOf("x #private"), rules)).toBeNull();
  });

  test("tag rules match decomposed (NFD) tags too", () => {
    expect(excludedByMetadata(metadataOf("x #cafe\u0301"), { ...RULES, tags: ["caf\u00e9"] })?.reason).toBe("tag");
  });

  test("the full predicate checks the path first, then the metadata when known", () => {
    expect(excludedNote("Journal/a.md", undefined, RULES)?.reason).toBe("folder");
    expect(excludedNote("a.md", undefined, RULES)).toBeNull();
    expect(excludedNote("a.md", metadataOf("#private"), RULES)?.reason).toBe("tag");
  });
});

test("the signature changes with the rules and ignores order, case and slashes", () => {
  const a = exclusionSignature({ ...RULES, folders: ["B", "a/"], tags: ["#X", "y"] });
  const b = exclusionSignature({ ...RULES, folders: ["/a", "b"], tags: ["Y", "x"] });
  expect(a).toBe(b);
  expect(exclusionSignature({ ...RULES, folders: ["c"] })).not.toBe(a);
  expect(exclusionSignature({ ...RULES, excludePlansFolder: false })).not.toBe(exclusionSignature(RULES));
});

test("folder and tag rules match whatever Unicode form the disk or the note uses (NFC vs NFD)", () => {
  const rules = { ...DEFAULT_EXCLUSION_RULES, folders: ["Caf\u00e9"], tags: ["caf\u00e9"] };
  expect(excludedByPath("Cafe\u0301/Secret.md", rules)?.reason).toBe("folder");
  expect(excludedByPath("Caf\u00e9/Secret.md", { ...rules, folders: ["Cafe\u0301"] })?.reason).toBe("folder");
  expect(excludedByMetadata(metadataOf("x #cafe\u0301"), rules)?.reason).toBe("tag");
});

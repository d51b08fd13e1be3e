import { excludedByMetadata, excludedByPath } from "../../../src/core/index/exclusions";
import { analyzeNote } from "../../../src/core/index/chunking";
import { exclusionRulesFromSettings } from "../../../src/core/index/index-settings";
import { DEFAULT_SETTINGS, migrateSettings } from "../../../src/core/shared/settings";

describe("vault index settings: migration", () => {
  test("older stored settings get the index defaults", () => {
    const migrated = migrateSettings({ version: 1, ollamaHost: "http://127.0.0.1:11434", plansFolder: "Plans" });
    expect(migrated).toMatchObject({
      indexEnabled: true,
      indexFolder: ".ai-stack-planner/index",
      embeddingModel: "nomic-embed-text",
      indexExcludedFolders: [],
      indexExcludedTags: ["private"],
      indexExcludeKey: "ai-stack-planner",
      indexExcludePlansFolder: true,
      useNotesInPlans: true,
    });
  });

  test("valid values are kept", () => {
    const stored = { ...DEFAULT_SETTINGS, indexEnabled: false, indexFolder: "Index/Vectors", embeddingModel: "bge-m3", indexExcludedFolders: ["Journal", "Work/Clients"], indexExcludedTags: ["health"], indexExcludeKey: "no-ai", indexExcludePlansFolder: false, useNotesInPlans: false };
    expect(migrateSettings(stored)).toEqual(stored);
  });

  test.each([
    ["lists typed as text are split", { indexExcludedFolders: "Journal, Work/Clients/\nArchive", indexExcludedTags: "#private, health" }, { indexExcludedFolders: ["Journal", "Work/Clients", "Archive"], indexExcludedTags: ["private", "health"] }],
    ["junk in lists is dropped, duplicates merged", { indexExcludedFolders: ["A", 3, null, "A", " "], indexExcludedTags: [] }, { indexExcludedFolders: ["A"], indexExcludedTags: [] }],
    ["the index folder can never leave the vault", { indexFolder: "../../etc/./index/" }, { indexFolder: "etc/index" }],
    ["an empty index folder falls back", { indexFolder: " / " }, { indexFolder: ".ai-stack-planner/index" }],
    ["an empty model falls back", { embeddingModel: "  " }, { embeddingModel: "nomic-embed-text" }],
    ["wrong types fall back", { indexEnabled: "no", useNotesInPlans: 0, indexExcludeKey: 5 }, { indexEnabled: true, useNotesInPlans: true, indexExcludeKey: "ai-stack-planner" }],
  ])("%s", (_label, raw, expected) => {
    expect(migrateSettings(raw)).toMatchObject(expected);
  });
});

test("exclusion rules follow the settings", () => {
  const settings = migrateSettings({ plansFolder: "My plans", indexExcludedFolders: ["Journal"], indexExcludedTags: ["health"], indexExcludeKey: "no-ai" });
  const rules = exclusionRulesFromSettings(settings);
  expect(excludedByPath("My plans/x.md", rules)?.reason).toBe("plans-folder");
  expect(excludedByPath("Journal/x.md", rules)?.reason).toBe("folder");
  expect(excludedByMetadata(analyzeNote("n.md", "x #health").metadata, rules)?.reason).toBe("tag");
  expect(excludedByMetadata(analyzeNote("n.md", "x #private").metadata, rules)).toBeNull();
  expect(excludedByMetadata(analyzeNote("n.md", "---\nno-ai: exclude\n---\nx").metadata, rules)?.reason).toBe("frontmatter");
  expect(excludedByPath("My plans/x.md", exclusionRulesFromSettings({ ...settings, indexExcludePlansFolder: false }))).toBeNull();
});

test("index folder failures are told in words, with the way out", async () => {
  const { indexStorageMessage } = await import("../../../src/core/index/index-errors");
  const { isFsError } = await import("../../../src/core/shared/fs-errors");
  const exists = Object.assign(new Error("EEXIST: file already exists, mkdir 'x'"), { code: "EEXIST" });
  expect(isFsError(exists)).toBe(true);
  expect(isFsError(new Error("plain"))).toBe(false);
  expect(indexStorageMessage(".ai-stack-planner/index", exists)).toBe(
    'The vault index in ".ai-stack-planner/index" can\'t be used: a file is in the way (the folder or one above it is a file). Move that file away or pick another index folder in settings; your notes are not affected.',
  );
  expect(indexStorageMessage("i", Object.assign(new Error(""), { code: "EACCES" }))).toContain("no permission to write");
  expect(indexStorageMessage("i", Object.assign(new Error(""), { code: "ENOSPC" }))).toContain("the disk is full");
});

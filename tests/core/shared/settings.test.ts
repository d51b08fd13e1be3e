import { DEFAULT_SETTINGS, SETTINGS_VERSION, migrateSettings } from "../../../src/core/shared/settings";
import { resolveLanguage } from "../../../src/core/shared/language";

describe("migrateSettings", () => {
  test.each([
    ["nothing stored", undefined],
    ["null", null],
    ["a string", "garbage"],
    ["an array", [1, 2, 3]],
    ["an empty object", {}],
  ])("%s gives the defaults", (_label, raw) => {
    expect(migrateSettings(raw)).toEqual({ ...DEFAULT_SETTINGS });
  });

  test("keeps valid current values", () => {
    const stored = { ...DEFAULT_SETTINGS, ollamaHost: "http://localhost:1234", chatModel: "qwen2.5:14b", hardware: "RTX 4090 24GB", language: "zh", defaultTier: "basic", keepPartialPlans: true };
    expect(migrateSettings(stored)).toEqual(stored);
  });

  test("migrates the unversioned schema's field names", () => {
    const migrated = migrateSettings({ host: "http://127.0.0.1:9999", model: "llama3.2", tier: "Basic" });
    expect(migrated).toMatchObject({ version: SETTINGS_VERSION, ollamaHost: "http://127.0.0.1:9999", chatModel: "llama3.2", defaultTier: "basic" });
  });

  test.each([
    ["wrong types fall back", { allowRemoteHost: "yes", contextTokens: "lots", language: "fr", defaultTier: 3 }, { allowRemoteHost: false, contextTokens: 8192, language: "auto", defaultTier: "pro" }],
    ["context is clamped low", { contextTokens: 12 }, { contextTokens: 2048 }],
    ["context is clamped high", { contextTokens: 10_000_000 }, { contextTokens: 262144 }],
    ["numeric strings are accepted", { contextTokens: "16384" }, { contextTokens: 16384 }],
    ["folder slashes are trimmed", { plansFolder: "/Plans/AI/" }, { plansFolder: "Plans/AI" }],
    ["an empty folder falls back", { plansFolder: "  " }, { plansFolder: "AI Stack Plans" }],
    ["an empty host falls back", { ollamaHost: "   " }, { ollamaHost: "http://127.0.0.1:11434" }],
    // Both folders go through one rule: they can never leave the vault.
    ["a plans folder outside the vault stays inside", { plansFolder: "../outside" }, { plansFolder: "outside" }],
    ["dot and empty plans folder parts are dropped", { plansFolder: "./Plans//../AI/." }, { plansFolder: "Plans/AI" }],
    ["a plans folder with backslashes", { plansFolder: "..\\Plans\\AI" }, { plansFolder: "Plans/AI" }],
    ["a plans folder of only dots falls back", { plansFolder: "../.." }, { plansFolder: "AI Stack Plans" }],
    ["an index folder outside the vault stays inside", { indexFolder: "../../escape-index" }, { indexFolder: "escape-index" }],
    ["an index folder of only dots falls back", { indexFolder: "/./../" }, { indexFolder: ".ai-stack-planner/index" }],
    ["hidden folder names are kept", { plansFolder: ".plans/x", indexFolder: ".idx" }, { plansFolder: ".plans/x", indexFolder: ".idx" }],
  ])("%s", (_label, raw, expected) => {
    expect(migrateSettings(raw)).toMatchObject(expected);
  });

  test("does not mutate its input", () => {
    const raw = Object.freeze({ host: "http://127.0.0.1:1" });
    expect(() => migrateSettings(raw)).not.toThrow();
    expect(raw).toEqual({ host: "http://127.0.0.1:1" });
  });
});

describe("resolveLanguage", () => {
  test.each([
    ["auto", "zh", "zh"],
    ["auto", "zh-TW", "zh"],
    ["auto", "en", "en"],
    ["auto", "de", "en"],
    ["auto", undefined, "en"],
    ["en", "zh", "en"],
    ["zh", "en", "zh"],
  ] as const)("%s with UI %s → %s", (setting, ui, expected) => {
    expect(resolveLanguage(setting, ui)).toBe(expected);
  });
});

describe("ai-stack code block settings (issue 5)", () => {
  test.each([
    ["missing (older data) gives a linked note", {}, "note"],
    ["below is kept", { codeBlockOutput: "below" }, "below"],
    ["an unknown value falls back", { codeBlockOutput: "sideways" }, "note"],
    ["a wrong type falls back", { codeBlockOutput: 1 }, "note"],
  ])("%s", (_label, raw, expected) => {
    expect(migrateSettings({ ...DEFAULT_SETTINGS, ...raw, codeBlockOutput: (raw as { codeBlockOutput?: unknown }).codeBlockOutput }).codeBlockOutput).toBe(expected);
  });
});

import fc from "fast-check";
import { joinVaultPath, planNoteBaseName, sanitizeFileName, timestampForFileName, uniqueNotePath } from "../../../src/core/plan/file-naming";

describe("sanitizeFileName", () => {
  test.each([
    ["RTX 4090/24GB", "RTX 4090 24GB"],
    ["a\\b:c*d?e\"f<g>h|i", "a b c d e f g h i"],
    ["[[link]] #tag ^block", "link tag block"],
    ["tab\tand\nnewline\u0000nul", "tab and newline nul"],
    ["...hidden", "hidden"],
    ["trailing dots... ", "trailing dots"],
    ["CON", "CON_"],
    ["  M3 MacBook Pro 16GB  ", "M3 MacBook Pro 16GB"],
    ["中文 显卡 4090", "中文 显卡 4090"],
    ["", ""],
    ["///", ""],
  ])("%j → %j", (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  test("long names are cut at a word boundary, never mid-surrogate", () => {
    const long = "PC, RTX 4090 24GB VRAM, 64GB RAM, Ryzen 9 7950X, Ubuntu 24.04 LTS with lots more text";
    const cut = sanitizeFileName(long, 60);
    expect(cut).toBe("PC, RTX 4090 24GB VRAM, 64GB RAM, Ryzen 9 7950X, Ubuntu");
    const emoji = sanitizeFileName("🚀".repeat(80), 10);
    expect(Array.from(emoji)).toHaveLength(10);
    expect(emoji).toBe("🚀".repeat(10));
  });
});

describe("names bounded in bytes, the unit of the disk's limit", () => {
  const bytes = (text: string) => Buffer.byteLength(text);

  test.each([
    ["300 rocket emoji (4 bytes each)", "🚀".repeat(300), 200],
    ["300 CJK characters (3 bytes each)", "显卡".repeat(150), 200],
    ["ASCII keeps the 100-character bound", "x".repeat(500), 100],
  ])("%s", (_label, input, maxBytes) => {
    const name = sanitizeFileName(input);
    expect(bytes(name)).toBeLessThanOrEqual(maxBytes);
    expect(bytes(name)).toBeGreaterThan(maxBytes - 5);
  });

  test("a cut never splits a grapheme: ZWJ sequences, flags and combining accents stay whole", () => {
    const family = "👨‍👩‍👧‍👦"; // 25 bytes, 7 code points
    expect(sanitizeFileName(family.repeat(20))).toBe(family.repeat(8)); // 200 bytes
    expect(sanitizeFileName("🇨🇳".repeat(60))).toBe("🇨🇳".repeat(25)); // 8 bytes each: 200 bytes
    // "q" + combining acute has no precomposed form: 3 bytes that go together or not at all.
    expect(sanitizeFileName(`${"ä".repeat(99)}q\u0301`)).toBe("ä".repeat(99));
  });

  test("any input gives a name within 200 bytes, with no lone surrogate", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const name = sanitizeFileName(text);
        expect(bytes(name)).toBeLessThanOrEqual(200);
        expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
    );
  });

  test("a plan note name stays within the disk's 255 bytes with its suffix and extension", () => {
    const base = planNoteBaseName("Pro", "🚀".repeat(300), new Date(2026, 10, 25, 9, 5));
    expect(base.startsWith("2026-11-25 0905 - Pro plan - 🚀")).toBe(true);
    expect(bytes(`${base} 9999.md`)).toBeLessThanOrEqual(255);
  });
});

describe("joinVaultPath", () => {
  test.each([
    [["AI Stack Plans", "a.md"], "AI Stack Plans/a.md"],
    [["/Plans/", "/sub//", "a.md"], "Plans/sub/a.md"],
    [["", "a.md"], "a.md"],
    [["./x", "a.md"], "x/a.md"],
  ])("%j → %s", (parts, expected) => {
    expect(joinVaultPath(...parts)).toBe(expected);
  });
});

describe("plan note names", () => {
  const when = new Date(2026, 10, 25, 9, 5);

  test("timestamp is local, zero-padded and sortable", () => {
    expect(timestampForFileName(when)).toBe("2026-11-25 0905");
  });

  test("base name holds time, tier and sanitised hardware", () => {
    expect(planNoteBaseName("Pro", "RTX 4090/24GB: #1 [test]", when)).toBe("2026-11-25 0905 - Pro plan - RTX 4090 24GB 1 test");
    expect(planNoteBaseName("Basic", "", when)).toBe("2026-11-25 0905 - Basic plan");
  });

  test("uniqueNotePath never returns a taken path", async () => {
    const taken = new Set(["plans/a.md", "plans/a 2.md"]);
    const path = await uniqueNotePath("plans", "a", (p) => Promise.resolve(taken.has(p)));
    expect(path).toBe("plans/a 3.md");
    expect(await uniqueNotePath("plans", "b", () => Promise.resolve(false))).toBe("plans/b.md");
    expect(await uniqueNotePath("", "?", () => Promise.resolve(false))).toBe("Untitled plan.md");
  });
});

import { findEdit, followOffset } from "../../../src/core/plan/follow-offset";

describe("followOffset: the insertion point through someone else's edit", () => {
  // before, after, offset in before, preferEarly, expected offset in after
  const cases: [string, string, string, number, boolean, number][] = [
    ["no change", "abc|def", "abc|def", 3, false, 3],
    ["typing after the point", "abc|def", "abc|deXf", 3, false, 3],
    ["typing before the point", "abc|def", "aXbc|def", 3, true, 4],
    ["deleting before the point", "abc|def", "ac|def", 3, true, 2],
    ["deleting after the point", "abc|def", "abc|f", 3, false, 3],
    ["a new line at the very top", "abc", "new\nabc", 3, true, 7],
    ["appending at the end of the note", "abc", "abc\nmore", 3, false, 3],
    ["repeated letters typed before the point, preferEarly", "aaa", "aaaa", 3, true, 4],
    ["repeated letters typed after the point, preferLate", "aaa", "aaaa", 3, false, 3],
    ["a deletion across the point puts it at the deletion's start", "abcdef", "af", 3, false, 1],
    ["replacing the whole note", "abc", "xyz", 2, false, 0],
    ["emptying the note", "abc", "", 3, false, 0],
    ["CJK typed before the point", "你好|世界", "新你好|世界", 2, true, 3],
  ];
  test.each(cases)("%s", (_name, before, after, offset, early, expected) => {
    expect(followOffset(before, after, offset, early)).toBe(expected);
  });

  test("the edit found always turns before into after", () => {
    const pairs: [string, string][] = [
      ["hello world", "hello brave world"],
      ["aaaa", "aa"],
      ["", "x"],
      ["abcabc", "abcXabc"],
    ];
    for (const [before, after] of pairs) {
      for (const early of [true, false]) {
        const edit = findEdit(before, after, early);
        if (!edit) throw new Error("expected an edit");
        expect(before.slice(0, edit.from) + after.slice(edit.from, edit.newTo) + before.slice(edit.oldTo)).toBe(after);
      }
    }
    expect(findEdit("same", "same", true)).toBeNull();
  });
});

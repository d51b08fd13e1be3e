import { groupDigits, indexStatusLine, roughDuration, unreadableNotesText } from "../../../src/core/index/index-status-text";
import type { IndexStatus } from "../../../src/core/index/indexer";

const BASE: IndexStatus = { state: "idle", notes: 4812, chunks: 20000, model: "nomic-embed-text:latest", progress: null, message: null, lastRun: null, unreadable: 0 };

test.each<[string, Partial<IndexStatus>, string, string]>([
  ["idle", {}, "Index: 4,812 notes · up to date", "索引：4,812 篇笔记 · 已是最新"],
  ["indexing", { state: "indexing", progress: { done: 340, total: 5000, embedded: 900, notesPerSecond: 12, etaSeconds: 388 } }, "Indexing 340 / 5,000 · 12 notes/s · ~6 min left", "正在索引 340 / 5,000 · 12 篇/秒 · 剩余约 6 分钟"],
  ["indexing, no rate yet", { state: "indexing", progress: { done: 0, total: 5000, embedded: 0, notesPerSecond: 0, etaSeconds: null } }, "Indexing 0 / 5,000", "正在索引 0 / 5,000"],
  ["checking", { state: "indexing", progress: { done: 0, total: 0, embedded: 0, notesPerSecond: 0, etaSeconds: null } }, "Index: checking notes…", "索引：正在检查笔记…"],
  ["paused", { state: "paused", message: "Ollama isn't reachable" }, "Index paused · 4,812 notes", "索引已暂停：4,812 篇笔记"],
  ["stopped", { lastRun: { kind: "full", read: 1, embedded: 0, written: 0, removed: 0, renamed: 0, unchanged: 0, rebuilt: null, complete: false, unreadable: 0 } }, "Index: 4,812 notes · stopped", "索引：4,812 篇笔记 · 已停止"],
])("%s", (_name, patch, en, zh) => {
  expect(indexStatusLine({ ...BASE, ...patch })).toBe(en);
  expect(indexStatusLine({ ...BASE, ...patch }, "zh")).toBe(zh);
});

test.each([
  [0, "~0 s"],
  [42, "~42 s"],
  [388, "~6 min"],
  [7500, "~2 h 5 min"],
])("%d s → %s", (s, text) => {
  expect(roughDuration(s)).toBe(text);
});

test("digits are grouped the same on every machine", () => {
  expect(groupDigits(1234567)).toBe("1,234,567");
  expect(groupDigits(12.4)).toBe("12");
});

test("notes whose properties could not be read are counted in a sentence, or not at all", () => {
  expect(unreadableNotesText(0)).toBeNull();
  expect(unreadableNotesText(1)).toBe("1 note skipped: its properties could not be read. Fix its YAML to have it indexed.");
  expect(unreadableNotesText(1234)).toBe("1,234 notes skipped: their properties could not be read. Fix their YAML to have them indexed.");
  expect(unreadableNotesText(3, "zh")).toBe("已跳过 3 篇笔记：无法读取其属性。修正其中的 YAML 后即可索引。");
});

/** One-line descriptions of the index state for the status bar, the CLI and the sidebar (pure, en/zh). */
import type { IndexStatus } from "./indexer";

export type StatusLanguage = "en" | "zh";

/** 4812 → "4,812" (fixed grouping, so the text does not depend on the machine's locale). */
export function groupDigits(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Seconds as "~40 s", "~6 min", "~2 h 5 min". */
export function roughDuration(seconds: number, language: StatusLanguage = "en"): string {
  const s = Math.max(0, Math.round(seconds));
  const [sec, min, hour] = language === "zh" ? [" 秒", " 分钟", " 小时"] : [" s", " min", " h"];
  if (s < 60) return `~${s}${sec}`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `~${minutes}${min}`;
  return `~${Math.floor(minutes / 60)}${hour} ${minutes % 60}${min}`;
}

/** The status bar text: "Index: 4,812 notes · up to date", "Indexing 340 / 5,000 · 12 notes/s · ~6 min left", ... */
export function indexStatusLine(status: IndexStatus, language: StatusLanguage = "en"): string {
  const zh = language === "zh";
  const notes = groupDigits(status.notes);
  switch (status.state) {
    case "starting":
      return zh ? "索引：正在打开…" : "Index: opening…";
    case "indexing": {
      const p = status.progress;
      if (!p || p.total === 0) return zh ? "索引：正在检查笔记…" : "Index: checking notes…";
      const parts = [zh ? `正在索引 ${groupDigits(p.done)} / ${groupDigits(p.total)}` : `Indexing ${groupDigits(p.done)} / ${groupDigits(p.total)}`];
      if (p.notesPerSecond > 0) parts.push(zh ? `${groupDigits(p.notesPerSecond)} 篇/秒` : `${groupDigits(p.notesPerSecond)} notes/s`);
      if (p.etaSeconds !== null && p.done > 0) parts.push(zh ? `剩余约 ${roughDuration(p.etaSeconds, language).slice(1)}` : `${roughDuration(p.etaSeconds, language)} left`);
      return parts.join(" · ");
    }
    case "paused":
      return zh ? `索引已暂停：${groupDigits(status.notes)} 篇笔记` : `Index paused · ${notes} notes`;
    case "error":
      return zh ? "索引出错" : "Index error";
    case "closed":
      return zh ? "索引已关闭" : "Index closed";
    case "idle":
      if (status.lastRun && !status.lastRun.complete) return zh ? `索引：${notes} 篇笔记 · 已停止` : `Index: ${notes} notes · stopped`;
      return zh ? `索引：${notes} 篇笔记 · 已是最新` : `Index: ${notes} notes · up to date`;
  }
}

/** "3 notes skipped: their properties could not be read. …", or null when every note could be read. */
export function unreadableNotesText(count: number, language: StatusLanguage = "en"): string | null {
  if (count <= 0) return null;
  if (language === "zh") return `已跳过 ${groupDigits(count)} 篇笔记：无法读取其属性。修正其中的 YAML 后即可索引。`;
  if (count === 1) return "1 note skipped: its properties could not be read. Fix its YAML to have it indexed.";
  return `${groupDigits(count)} notes skipped: their properties could not be read. Fix their YAML to have them indexed.`;
}

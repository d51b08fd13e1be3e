/** The panel's fit table: one row per quantization of the chosen model, under column headers. */
import type { FitRow } from "./panel-ports";
import { strings } from "../shared/i18n";

const TEXT = {
  en: { quantization: "Quantization", memory: "Memory needed", verdict: "On this hardware" },
  zh: { quantization: "量化", memory: "所需内存", verdict: "在此硬件上" },
};

export function renderFitTable(parent: HTMLElement, rows: readonly FitRow[]): HTMLTableElement {
  const t = strings(TEXT);
  const table = parent.createEl("table", { cls: "ai-stack-planner-fit-table" });
  const head = table.createEl("thead").createEl("tr");
  for (const title of [t.quantization, t.memory, t.verdict]) head.createEl("th", { text: title, attr: { scope: "col" } });
  const body = table.createEl("tbody");
  for (const row of rows) {
    const tr = body.createEl("tr", { cls: row.verdict.fits === false ? "is-too-big" : row.verdict.fits ? "is-fit" : "" });
    tr.createEl("td", { text: row.label });
    tr.createEl("td", { text: row.memory });
    tr.createEl("td", { text: row.verdict.label });
  }
  return table;
}

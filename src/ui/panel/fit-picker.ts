/** The panel's model picker marks: each installed model's fit on the typed hardware, and the chosen model's fit table. */
import type { InstalledModel } from "../../core/shared/ports";
import type { FitAdvisor } from "./panel-ports";

/** Labels each option of `select` with its model's size and fit on `hardware`; a model that does not fit is marked. */
export function labelModelOptions(select: HTMLSelectElement, models: readonly InstalledModel[], fit: FitAdvisor, hardware: string): void {
  for (const option of Array.from(select.options)) {
    const model = models.find((m) => m.name === option.value);
    if (!model) continue;
    const verdict = fit.verdict(model, hardware);
    option.text = [model.name, model.parameterSize, verdict.label].filter(Boolean).join(" · ");
    option.toggleClass("is-too-big", verdict.fits === false);
  }
}

/** The fit table of `model` on `hardware` inside a collapsed `<details>`; nothing when there is no model or no row. */
export function renderFitTable(el: HTMLElement, fit: FitAdvisor, model: InstalledModel | undefined, hardware: string, summary: string): void {
  el.empty();
  const rows = model ? fit.table(model, hardware) : [];
  if (rows.length === 0) return;
  const details = el.createEl("details");
  details.createEl("summary", { text: summary });
  const table = details.createEl("table", { cls: "ai-stack-planner-fit-table" });
  for (const row of rows) {
    const tr = table.createEl("tr", { cls: row.verdict.fits === false ? "is-too-big" : row.verdict.fits ? "is-fit" : "" });
    tr.createEl("td", { text: row.label });
    tr.createEl("td", { text: row.memory });
    tr.createEl("td", { text: row.verdict.label });
  }
}

/**
 * Plugs the hardware fit calculator into the panel: each installed chat model marked as fitting
 * or not on the hardware in the form, and its fit table (the model at common quantizations).
 */
import { FIT_CONTEXT_TOKENS, hasHardwareFacts, modelFactsFromInstalled } from "../../core/hardware/fit-table";
import { assessFit, VERDICT_LABELS, type Verdict } from "../../core/hardware/fit";
import { parseHardwareText } from "../../core/hardware/parse-text";
import { profileFor } from "../../core/hardware/stored-profile";
import { normalizeQuantization } from "../../core/hardware/quantization";
import type { InstalledModel } from "../../core/shared/ports";
import type { PlannerSettings } from "../../core/shared/settings";
import type { PromptLanguage } from "../../core/shared/language";
import type { FitAdvisor, FitRow, FitVerdict } from "../panel/panel-ports";

/** Quantizations the table compares, besides the installed file's own. */
const TABLE_QUANTIZATIONS = ["Q4_K_M", "Q5_K_M", "Q8_0", "F16"];

/** Runs at all (in VRAM, offloaded or on the CPU) counts as fitting; "does not run" does not. */
function fits(verdict: Verdict): boolean | null {
  if (verdict === "unknown") return null;
  return verdict !== "does-not-run";
}

function gb(value: number): string {
  return `${value.toFixed(1)} GB`;
}

/**
 * The hardware-fit advisor for the panel, speaking `language()`. While the form's hardware is the
 * one in settings, the detected or edited profile is used, as plan generation does.
 */
export function hardwareFitAdvisor(language: () => PromptLanguage, settings?: () => Pick<PlannerSettings, "hardware" | "hardwareProfile">): FitAdvisor {
  const judge = (model: InstalledModel, hardware: string, quantization?: string) => {
    const lang = language();
    const s = settings?.();
    const profile = s ? profileFor(s, hardware, lang) : parseHardwareText(hardware, lang);
    if (!hasHardwareFacts(profile)) return null;
    return { lang, ...assessFit(modelFactsFromInstalled(model), profile, FIT_CONTEXT_TOKENS, lang, quantization) };
  };
  return {
    verdict(model, hardware): FitVerdict {
      const result = judge(model, hardware);
      if (!result) return { fits: null, label: VERDICT_LABELS[language()].unknown };
      return { fits: fits(result.fit.verdict), label: VERDICT_LABELS[result.lang][result.fit.verdict] };
    },
    table(model, hardware): FitRow[] {
      const own = normalizeQuantization(model.quantization);
      const quantizations = [...new Set([...(own ? [own] : []), ...TABLE_QUANTIZATIONS])];
      const rows: FitRow[] = [];
      for (const quantization of quantizations) {
        const result = judge(model, hardware, quantization === own ? undefined : quantization);
        if (!result) return [];
        const label = quantization === own ? `${quantization} ${result.lang === "zh" ? "（已安装）" : "(installed)"}` : quantization;
        rows.push({
          label,
          memory: result.estimate.known ? gb(result.estimate.totalGb) : "?",
          verdict: { fits: fits(result.fit.verdict), label: VERDICT_LABELS[result.lang][result.fit.verdict] },
        });
      }
      return rows;
    },
  };
}

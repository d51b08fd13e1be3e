/**
 * The "Hardware profile" settings group: the structured profile (device, CPU, GPUs with VRAM, RAM,
 * unified memory, OS) that fit computations use, a "Detect my hardware" button on desktop, and a
 * one-line summary of what fits. While nothing was detected or edited, the fields show the free-
 * text description parsed, and follow it when it changes.
 */
import { Platform, type Setting, type SettingDefinitionGroup } from "obsidian";
import { withShowFacts } from "../../core/hardware/fit-check";
import { computeFitTable, hasHardwareFacts, modelFactsFromInstalled, type FitTable } from "../../core/hardware/fit-table";
import { assessFit, VERDICT_LABELS, type Verdict } from "../../core/hardware/fit";
import type { InstalledModel } from "../../core/shared/ports";
import { describeProfile, type HardwareProfile } from "../../core/hardware/profile";
import { profileFor, formatGpuList, parseGpuList, storeProfile, type StoredHardwareProfile } from "../../core/hardware/stored-profile";
import { formatGb } from "../../core/hardware/units";
import { resolveLanguage } from "../../core/shared/language";
import { detectAndSaveHardware } from "./hardware-commands";
import { strings } from "../shared/i18n";
import type { PluginContext } from "../shared/plugin-context";

const TEXT = {
  en: {
    heading: "Hardware profile",
    profile: "Profile",
    fromText: "Read from the hardware description above. Edit a field below, or detect your hardware, to set it yourself.",
    detected: (when: string) => `Detected on ${when}.`,
    manual: "Edited by hand.",
    detect: "Detect my hardware",
    reset: "Read from description",
    device: "Device",
    cpu: "Processor",
    gpus: "Graphics cards",
    gpusDesc: "One per line or separated by semicolons, with the VRAM of each.",
    ram: "Memory in GB",
    ramDesc: "System RAM; on Apple Silicon, the whole unified memory.",
    unified: "Unified memory",
    unifiedDesc: "The graphics processor shares the system memory (Apple Silicon).",
    os: "Operating system",
    fits: "What fits",
    unknown: "Nothing can be computed without a memory size.",
    groups: { "fits-vram": "On the GPU", "cpu-only": "On the CPU", "partial-offload": "With CPU offload", "does-not-run": "Too big", unknown: "Unknown" } as Record<Verdict, string>,
    upTo: (tag: string, gb: string) => `up to ${tag} (${gb})`,
    from: (tag: string, gb: string) => `from ${tag} (${gb})`,
  },
  zh: {
    heading: "硬件配置",
    profile: "配置",
    fromText: "根据上面的硬件描述读取。修改下面任一字段或检测硬件即可自行设置。",
    detected: (when: string) => `检测于 ${when}。`,
    manual: "已手动修改。",
    detect: "检测我的硬件",
    reset: "按描述读取",
    device: "设备",
    cpu: "处理器",
    gpus: "显卡",
    gpusDesc: "每行一张或用分号分隔，并写明每张的显存。",
    ram: "内存（GB）",
    ramDesc: "系统内存；Apple 芯片填写全部统一内存。",
    unified: "统一内存",
    unifiedDesc: "显卡与系统共用内存（Apple 芯片）。",
    os: "操作系统",
    fits: "可运行的模型",
    unknown: "没有内存大小，无法计算。",
    groups: { "fits-vram": "GPU 上", "cpu-only": "CPU 上", "partial-offload": "需卸载到 CPU", "does-not-run": "过大", unknown: "未知" } as Record<Verdict, string>,
    upTo: (tag: string, gb: string) => `最大 ${tag}（${gb}）`,
    from: (tag: string, gb: string) => `从 ${tag}（${gb}）起`,
  },
};

/** One line per verdict: the largest model that runs that way (the smallest for "too big"). */
export function fitSummary(table: FitTable, lang: "en" | "zh"): string {
  const t = TEXT[lang];
  const chat = table.rows.filter((row) => row.kind === "chat" && row.fit.needGb !== null);
  const parts: string[] = [];
  for (const verdict of ["fits-vram", "cpu-only", "partial-offload", "does-not-run"] as const) {
    const rows = chat.filter((row) => row.fit.verdict === verdict).sort((a, b) => (b.fit.needGb ?? 0) - (a.fit.needGb ?? 0));
    const pick = verdict === "does-not-run" ? rows[rows.length - 1] : rows[0];
    if (!pick) continue;
    const gb = formatGb(pick.fit.needGb ?? 0);
    parts.push(`${t.groups[verdict]}: ${verdict === "does-not-run" ? t.from(pick.tag, gb) : t.upTo(pick.tag, gb)}`);
  }
  return parts.join(lang === "zh" ? "；" : "; ");
}

/** The settings group; `refresh` re-reads every row after a change made elsewhere. */
export function hardwareProfileGroup(ctx: PluginContext): SettingDefinitionGroup {
  const t = strings(TEXT);
  const lang = () => resolveLanguage(ctx.settings().language, ctx.uiLanguage());
  const current = (): HardwareProfile => profileFor(ctx.settings(), ctx.settings().hardware, lang());
  // Inputs are re-read only after detection or a reset; while typing, only the summaries follow.
  const refreshers = new Set<() => void>();
  const summaries = new Set<() => void>();
  const refreshAll = () => refreshers.forEach((refresh) => refresh());
  const refreshSummaries = () => summaries.forEach((refresh) => refresh());

  /** Applies an edit to the profile shown (parsed or stored); the result is stored as edited by hand. */
  const edit = async (change: (profile: StoredHardwareProfile) => void) => {
    const base = ctx.settings().hardwareProfile ?? storeProfile(current(), "manual", new Date());
    const next: StoredHardwareProfile = { ...base, gpus: [...base.gpus], source: "manual", updated: new Date().toISOString() };
    change(next);
    await ctx.saveSettings({ hardwareProfile: next });
    refreshSummaries();
  };

  const row = (render: (setting: Setting) => void, summary = false) => (setting: Setting) => {
    const refresh = () => render(setting);
    refreshers.add(refresh);
    if (summary) summaries.add(refresh);
    render(setting);
    return () => {
      refreshers.delete(refresh);
      summaries.delete(refresh);
    };
  };

  const textRow = (name: string, desc: string | undefined, read: (p: HardwareProfile) => string, write: (p: StoredHardwareProfile, value: string) => void, placeholder = "") => ({
    name,
    ...(desc ? { desc } : {}),
    render: row((setting) => {
      setting.controlEl.empty();
      setting.addText((input) =>
        input
          .setPlaceholder(placeholder)
          .setValue(read(current()))
          .onChange((value) => void edit((p) => write(p, value))),
      );
    }),
  });

  return {
    type: "group",
    heading: t.heading,
    items: [
      {
        name: t.profile,
        render: row((setting) => {
          const stored = ctx.settings().hardwareProfile;
          const source = !stored ? t.fromText : stored.source === "detected" ? t.detected(new Date(stored.updated).toLocaleString()) : t.manual;
          setting.setDesc(`${describeProfile(current(), lang())}. ${source}`);
          setting.controlEl.empty();
          if (stored) {
            setting.addButton((button) =>
              button.setButtonText(t.reset).onClick(async () => {
                await ctx.saveSettings({ hardwareProfile: null });
                refreshAll();
              }),
            );
          }
          if (Platform.isDesktop) {
            setting.addButton((button) =>
              button
                .setButtonText(t.detect)
                .setCta()
                .onClick(async () => {
                  button.setDisabled(true);
                  try {
                    await detectAndSaveHardware(ctx);
                  } finally {
                    button.setDisabled(false);
                    refreshAll();
                  }
                }),
            );
          }
        }, true),
      },
      textRow(t.device, undefined, (p) => p.device ?? "", (p, v) => (p.device = v.trim())),
      textRow(t.cpu, undefined, (p) => p.cpu ?? "", (p, v) => (p.cpu = v.trim())),
      textRow(
        t.gpus,
        t.gpusDesc,
        (p) => formatGpuList(p.gpus),
        (p, v) => {
          const apple = p.gpus.filter((gpu) => gpu.vendor === "apple");
          p.gpus = [...apple, ...parseGpuList(v, lang()).gpus.map((gpu) => ({ name: gpu.name ?? "GPU", vendor: gpu.vendor ?? "unknown", vramGb: gpu.vramGb ?? null }))];
        },
        "RTX 4090 24GB",
      ),
      textRow(
        t.ram,
        t.ramDesc,
        (p) => (p.ramGb === undefined ? "" : String(p.ramGb)),
        (p, v) => {
          const gb = Number(v.trim());
          p.ramGb = v.trim() !== "" && Number.isFinite(gb) && gb >= 1 && gb <= 4096 ? gb : null;
        },
        "64",
      ),
      {
        name: t.unified,
        desc: t.unifiedDesc,
        render: row((setting) => {
          setting.controlEl.empty();
          setting.addToggle((toggle) => toggle.setValue(current().unifiedMemory).onChange((value) => void edit((p) => (p.unifiedMemory = value))));
        }),
      },
      textRow(t.os, undefined, (p) => p.os ?? "", (p, v) => (p.os = v.trim())),
      {
        name: t.fits,
        render: row((setting) => {
          const profile = current();
          setting.setDesc(hasHardwareFacts(profile) ? fitSummary(computeFitTable(profile, { lang: lang() }), lang()) : t.unknown);
        }, true),
      },
    ],
  };
}

/**
 * The verdict for each installed model at the planning context size, from /api/show's facts, for
 * the model dropdown. Empty when the profile has no memory fact; a failed lookup falls back to
 * what /api/tags said.
 */
export async function installedFitLabels(ctx: PluginContext, models: readonly InstalledModel[]): Promise<Map<string, string>> {
  const settings = ctx.settings();
  const lang = resolveLanguage(settings.language, ctx.uiLanguage());
  const profile = profileFor(settings, settings.hardware, lang);
  const labels = new Map<string, string>();
  if (!hasHardwareFacts(profile) || models.length === 0) return labels;
  let enriched: readonly InstalledModel[] = models;
  try {
    enriched = await withShowFacts(ctx.llm(settings, "probe"), models, undefined, { includeCatalog: true });
  } catch {
    // The host was refused: the tags' facts are all there is.
  }
  for (const model of enriched) {
    const { fit } = assessFit(modelFactsFromInstalled(model), profile, settings.contextTokens, lang);
    labels.set(model.name, VERDICT_LABELS[lang][fit.verdict]);
  }
  return labels;
}

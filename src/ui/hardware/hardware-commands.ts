/**
 * Hardware-aware commands: "Detect my hardware" (desktop), the offline draft plan (no Ollama
 * needed), and the hint that offers the draft when Ollama can't plan.
 */
import { Notice, Platform, SuggestModal, TFile, type App, type Plugin } from "obsidian";
import { benchmarkModels, writeBenchmarkNote } from "../../core/plan/benchmark";
import { withShowFacts } from "../../core/hardware/fit-check";
import { computeFitTable, type FitRow } from "../../core/hardware/fit-table";
import { VERDICT_LABELS } from "../../core/hardware/fit";
import { chooseDraftStack } from "../../core/plan/offline-plan";
import { formatGb } from "../../core/hardware/units";
import { profileFromDetection } from "../../core/hardware/detect";
import { describeProfile, type HardwareProfile } from "../../core/hardware/profile";
import { storeProfile } from "../../core/hardware/stored-profile";
import { desktopBindings, detectFacts } from "../../adapters/node/hardware-detector";
import { PlannerError, userMessage } from "../../core/shared/errors";
import { profileFor } from "../../core/hardware/stored-profile";
import { writeOfflineDraft } from "../../core/plan/offline-plan";
import { pluginActionContext } from "../shared/action-context";
import { resolveLanguage, type Tier } from "../../core/shared/language";
import { ObsidianVaultPort } from "../../adapters/obsidian/obsidian-vault";
import { ObsidianNoteSource } from "../../adapters/obsidian/obsidian-note-source";
import { readVaultFacts } from "../../core/plan/vault-facts";
import { strings, uiLanguage } from "../shared/i18n";
import type { PluginContext } from "../shared/plugin-context";

const TEXT = {
  en: {
    draftCommand: "Write offline draft plan",
    detectCommand: "Detect my hardware",
    detecting: "Detecting hardware…",
    detected: (profile: string) => `Detected: ${profile}.`,
    desktopOnly: "Hardware detection needs the desktop app. Describe your hardware in settings instead.",
    saved: (path: string) => `Offline draft plan saved to ${path}`,
    benchmarkCommand: "Benchmark installed models",
    benchmarking: (model: string, i: number, n: number) => `Benchmarking ${model} (${i} of ${n})…`,
    benchmarkSaved: (path: string) => `Model benchmark saved to ${path}`,
    pullCommand: "Pull a model that fits",
    pullPlaceholder: "Pick a model to download",
    nothingToPull: "Every catalog model that fits this hardware is already installed, or no memory size is known.",
    pulling: (model: string, percent: string) => `Pulling ${model}… ${percent}`,
    pulled: (model: string) => `${model} is installed and ready.`,
    recommended: "recommended",
    hint: ' Or run "Write offline draft plan" for a draft built from your hardware without Ollama.',
  },
  zh: {
    draftCommand: "生成离线草稿方案",
    detectCommand: "检测我的硬件",
    detecting: "正在检测硬件…",
    detected: (profile: string) => `检测结果：${profile}。`,
    desktopOnly: "硬件检测需要桌面版应用。请在设置中手动描述硬件。",
    saved: (path: string) => `离线草稿方案已保存到 ${path}`,
    benchmarkCommand: "测试已安装模型的速度",
    benchmarking: (model: string, i: number, n: number) => `正在测试 ${model}（第 ${i}/${n} 个）…`,
    benchmarkSaved: (path: string) => `模型基准测试已保存到 ${path}`,
    pullCommand: "拉取适合此硬件的模型",
    pullPlaceholder: "选择要下载的模型",
    nothingToPull: "能在此硬件上运行的目录模型都已安装，或者不知道内存大小。",
    pulling: (model: string, percent: string) => `正在拉取 ${model}… ${percent}`,
    pulled: (model: string) => `${model} 已安装，可以使用。`,
    recommended: "推荐",
    hint: " 也可以运行“生成离线草稿方案”，不用 Ollama、仅根据硬件生成草稿方案。",
  },
};

/**
 * Detects this machine's hardware, stores it as the profile (and as the description when that is
 * empty) and tells the user what was found. Returns the profile, or null on mobile.
 */
export async function detectAndSaveHardware(ctx: PluginContext): Promise<HardwareProfile | null> {
  const t = strings(TEXT);
  const bindings = await desktopBindings();
  if (!bindings) {
    new Notice(t.desktopOnly);
    return null;
  }
  const notice = new Notice(t.detecting, 0);
  try {
    const settings = ctx.settings();
    const lang = resolveLanguage(settings.language, ctx.uiLanguage());
    const profile = profileFromDetection(await detectFacts(bindings), lang);
    const description = describeProfile(profile, lang);
    await ctx.saveSettings({ hardwareProfile: storeProfile(profile, "detected", new Date()), ...(settings.hardware.trim() === "" ? { hardware: description } : {}) });
    new Notice([t.detected(description), ...profile.warnings].join(" "), 10000);
    return profile;
  } catch (error) {
    showFailure(error);
    return null;
  } finally {
    notice.hide();
  }
}

/** The hint appended to a failure when the offline draft is the way forward; empty otherwise. */
export function offlineDraftHint(error: unknown): string {
  return error instanceof PlannerError && (error.kind === "unreachable" || error.kind === "no-models") ? strings(TEXT).hint : "";
}

/**
 * Writes the offline draft for `request` (the settings' tier, hardware and uses unless a form says
 * otherwise), opens it and returns its path.
 */
export async function writeDraftNote(ctx: PluginContext, request?: { tier: Tier; hardware: string; usage: string }): Promise<string | undefined> {
  const settings = ctx.settings();
  const { tier, hardware, usage } = request ?? { tier: settings.defaultTier, hardware: settings.hardware, usage: settings.usage };
  try {
    const language = resolveLanguage(settings.language, ctx.uiLanguage());
    const path = await writeOfflineDraft(new ObsidianVaultPort(ctx.app.vault), settings.plansFolder, {
      tier,
      language,
      hardware,
      usage,
      profile: profileFor(settings, hardware, language),
      created: new Date(),
      // What the vault holds decides the memory layer; earlier plans are not part of it.
      vault: await readVaultFacts(new ObsidianNoteSource(ctx.app.vault), (note) => note.startsWith(`${settings.plansFolder}/`)),
      action: pluginActionContext(ctx.app, settings),
    });
    new Notice(strings(TEXT).saved(path));
    if (settings.openPlanAfterWrite) await openNote(ctx.app, path);
    return path;
  } catch (error) {
    showFailure(error);
    return undefined;
  }
}

/** A failure as the user sees it, with the offline draft offered when Ollama can't help. */
function showFailure(error: unknown): void {
  new Notice(userMessage(error) + offlineDraftHint(error), 10000);
}

async function openNote(app: App, path: string): Promise<void> {
  const file = app.vault.getAbstractFileByPath(path);
  if (file instanceof TFile) await app.workspace.getLeaf(false).openFile(file);
}

/** Runs the fixed prompt on every installed chat model that fits and writes the comparison note. */
export async function runBenchmark(ctx: PluginContext): Promise<string | undefined> {
  const t = strings(TEXT);
  // Benchmarks hold the generation slot: one model run at a time, and Stop works.
  const controller = ctx.slot.acquire();
  if (!controller) return undefined;
  const progress = new Notice(t.benchmarking("…", 0, 0), 0);
  try {
    const settings = ctx.settings();
    const lang = resolveLanguage(settings.language, ctx.uiLanguage());
    const llm = ctx.llm(settings);
    const models = await withShowFacts(llm, await llm.listModels(controller.signal), controller.signal, { includeCatalog: true });
    const run = await benchmarkModels({ llm, now: () => new Date(), monotonicMs: () => performance.now() }, models, profileFor(settings, settings.hardware, lang), controller.signal, (model, i, n) =>
      progress.setMessage(t.benchmarking(model, i + 1, n)),
    );
    const path = await writeBenchmarkNote(new ObsidianVaultPort(ctx.app.vault), settings.plansFolder, run, lang);
    new Notice(t.benchmarkSaved(path));
    if (settings.openPlanAfterWrite) await openNote(ctx.app, path);
    return path;
  } catch (error) {
    showFailure(error);
    return undefined;
  } finally {
    progress.hide();
    ctx.slot.release(controller);
  }
}

/** Catalog models that run well here and are not installed; the offline draft's pick first. */
export async function pullCandidates(ctx: PluginContext): Promise<{ rows: FitRow[]; recommended: Set<string> }> {
  const settings = ctx.settings();
  const lang = resolveLanguage(settings.language, ctx.uiLanguage());
  const llm = ctx.llm(settings, "probe");
  const table = computeFitTable(profileFor(settings, settings.hardware, lang), { installed: await llm.listModels(), lang });
  const stack = chooseDraftStack(table, settings.usage, lang);
  const picks = [stack.main, stack.embedding].filter((row): row is FitRow => row !== undefined && !row.installed);
  const rest = table.rows
    .filter((row) => !row.installed && (row.fit.verdict === "fits-vram" || row.fit.verdict === "cpu-only") && !picks.includes(row))
    .sort((a, b) => (b.fit.needGb ?? 0) - (a.fit.needGb ?? 0));
  return { rows: [...picks, ...rest], recommended: new Set(picks.map((row) => row.tag)) };
}

/** Pulls `tag` with a progress notice; returns true when Ollama reported success. */
export async function pullWithProgress(ctx: PluginContext, tag: string, signal: AbortSignal): Promise<boolean> {
  const t = strings(TEXT);
  const settings = ctx.settings();
  const llm = ctx.llm(settings, "probe");
  const notice = new Notice(t.pulling(tag, ""), 0);
  try {
    if (!llm.pullModel) return false;
    await llm.pullModel(
      tag,
      (p) => notice.setMessage(t.pulling(tag, p.total ? `${Math.floor(((p.completed ?? 0) / p.total) * 100)}%` : p.status)),
      signal,
    );
    new Notice(t.pulled(tag));
    return true;
  } catch (error) {
    showFailure(error);
    return false;
  } finally {
    notice.hide();
  }
}

/** Picks a fitting catalog model to pull. */
class PullModal extends SuggestModal<FitRow> {
  constructor(
    app: App,
    private readonly rows: FitRow[],
    private readonly recommended: ReadonlySet<string>,
    private readonly onPick: (row: FitRow) => void,
  ) {
    super(app);
    this.setPlaceholder(strings(TEXT).pullPlaceholder);
  }

  getSuggestions(query: string): FitRow[] {
    const q = query.trim().toLowerCase();
    return this.rows.filter((row) => row.tag.toLowerCase().includes(q) || row.name.toLowerCase().includes(q));
  }

  renderSuggestion(row: FitRow, el: HTMLElement): void {
    const lang = uiLanguage();
    el.createDiv({ text: `${row.tag}${this.recommended.has(row.tag) ? ` (${strings(TEXT).recommended})` : ""}` });
    el.createEl("small", { text: `${row.name} · ${row.quantization} · ${formatGb(row.fit.needGb ?? 0)} · ${VERDICT_LABELS[lang][row.fit.verdict]}` });
  }

  onChooseSuggestion(row: FitRow): void {
    this.onPick(row);
  }
}

/** Registers "Write offline draft plan", "Benchmark installed models", "Pull a model that fits" and, on desktop, "Detect my hardware". No default hotkeys. */
export function registerHardwareCommands(plugin: Plugin, ctx: PluginContext): void {
  const pulls = new AbortController();
  plugin.register(() => pulls.abort());
  plugin.addCommand({ id: "benchmark-models", name: strings(TEXT).benchmarkCommand, callback: () => void runBenchmark(ctx) });
  plugin.addCommand({
    id: "pull-model",
    name: strings(TEXT).pullCommand,
    callback: () =>
      void pullCandidates(ctx).then(
        ({ rows, recommended }) => {
          if (rows.length === 0) {
            new Notice(strings(TEXT).nothingToPull);
            return;
          }
          new PullModal(plugin.app, rows, recommended, (row) => void pullWithProgress(ctx, row.tag, pulls.signal)).open();
        },
        showFailure,
      ),
  });
  if (Platform.isDesktop) {
    plugin.addCommand({ id: "detect-hardware", name: strings(TEXT).detectCommand, callback: () => void detectAndSaveHardware(ctx) });
  }
  plugin.addCommand({
    id: "write-offline-draft",
    name: strings(TEXT).draftCommand,
    callback: () => void writeDraftNote(ctx),
  });
}

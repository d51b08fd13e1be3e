/**
 * Drives the real plugin class (`src/main.ts`) through the Obsidian mock: an in-memory vault,
 * commands executed by id, the plan modal filled through its real DOM, and every Notice the user
 * would see recorded as text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PluginManifest } from "obsidian";
import { App, Modal, Notice, Plugin, TFile, getFrontMatterInfo, parseYaml } from "obsidian-test-mocks/obsidian";
import AiStackPlannerPlugin from "../../src/main";
import type { PlannerSettings } from "../../src/core/shared/settings";
import type { FetchFn } from "../../src/adapters/ollama/ollama-client";
import type { Tier } from "../../src/core/shared/language";
import { PlanGenerator } from "../../src/ui/generate/plan-generator";
import { REMOTE_OPT_IN_KEY } from "../../src/ui/settings/settings-load";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function readManifest(): PluginManifest {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, "manifest.json"), "utf8")) as PluginManifest;
}

/** The text of a Notice message, whether it was a string or a DocumentFragment. */
export function messageText(message: unknown): string {
  if (typeof message === "string") return message;
  if (message instanceof Node) return message.textContent ?? "";
  return String(message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * How long any wait in the tests may take before it counts as a hang. A wait is for an event (a
 * predicate polled, a request seen), never for a fixed time; this limit only turns a hang into a
 * clear message instead of jest's timeout, and is long enough for a machine busy with other work.
 */
export const HANG_GUARD_MS = 30_000;

/** Polls `predicate` until it holds; rejects with `what` when it has not after `timeoutMs` (a hang). */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = HANG_GUARD_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * Plan note names carry the time to the minute. Tests that compare the names of two runs wait
 * out the last seconds of a minute, so both runs fall in the same minute.
 */
export async function avoidMinuteBoundary(): Promise<void> {
  const now = new Date();
  if (now.getSeconds() >= 55) await sleep((60 - now.getSeconds()) * 1000 - now.getMilliseconds() + 50);
}

/** Records every Notice constructed from now on (until jest.restoreAllMocks). */
export function recordNotices(): { messages: () => unknown[]; texts: () => string[]; plain: () => string[] } {
  const spy = jest.spyOn(Notice.prototype, "constructor__");
  const messages = () => spy.mock.calls.map((call) => call[0] as unknown);
  return {
    messages,
    /** Every notice's text (a fragment's text as it is now). */
    texts: () => messages().map(messageText),
    /** Only the notices given as plain strings: the outcome messages (progress uses a fragment). */
    plain: () => messages().filter((m): m is string => typeof m === "string"),
  };
}

/**
 * Loads a plugin the way Obsidian does (`load()`, which calls `onload()`), and waits for the async
 * onload to finish. The mock's Component.load does not await onload.
 */
export async function loadPlugin(plugin: { load(): void; onload(): unknown }): Promise<void> {
  const onload = jest.spyOn(plugin, "onload");
  plugin.load();
  expect(onload).toHaveBeenCalledTimes(1);
  await onload.mock.results[0].value;
  onload.mockRestore();
}

/** A parsed plan note: its frontmatter (as Obsidian's YAML parser reads it) and its body. */
export interface ParsedNote {
  frontmatter: Record<string, unknown>;
  body: string;
  raw: string;
}

export function parseNote(raw: string): ParsedNote {
  const info = getFrontMatterInfo(raw);
  if (!info.exists) throw new Error(`Note has no frontmatter:\n${raw}`);
  return { frontmatter: parseYaml(info.frontmatter) as Record<string, unknown>, body: raw.slice(info.contentStart), raw };
}

export interface ModalHandle {
  contentEl: HTMLElement;
  tier: HTMLSelectElement;
  hardware: HTMLTextAreaElement;
  usage: HTMLTextAreaElement;
  generate: HTMLButtonElement;
}

export interface ModalEdit {
  tier?: Tier;
  hardware?: string;
  usage?: string;
}

export interface PluginHarness {
  app: App;
  plugin: AiStackPlannerPlugin;
  /** The same plugin, typed as the mock to reach its `__` records. */
  mock: Plugin;
  notices: ReturnType<typeof recordNotices>;
  /** Promises returned by every PlanGenerator.run, in order. */
  runs: () => Promise<string | undefined>[];
  /** Executes a palette command by id, as the palette would (callback or checkCallback(false)). */
  execute(id: string): void;
  /** Executes a generate command and returns the modal it opened (synchronously, before it auto-closes). */
  openModal(id: "generate-plan" | "generate-basic-plan" | "generate-pro-plan"): ModalHandle;
  /**
   * Opens the modal, optionally edits its fields, clicks Generate and returns (synchronously) the
   * running generation's promise: the note path, or undefined when nothing was written.
   */
  start(id: "generate-basic-plan" | "generate-pro-plan", edit?: ModalEdit): Promise<string | undefined>;
  /** The same as `start`, named for tests that simply await the outcome. */
  generate(id: "generate-basic-plan" | "generate-pro-plan", edit?: ModalEdit): Promise<string | undefined>;
  /** Every file in the vault, by path. */
  filePaths(): string[];
  /** Plan notes (`.md`) under the plans folder. */
  planPaths(): string[];
  /** The n8n workflow files written beside plan notes. */
  workflowPaths(): string[];
  read(path: string): Promise<string>;
  statusBar(): HTMLElement;
}

export interface HarnessOptions {
  settings?: Partial<PlannerSettings>;
  files?: Record<string, string>;
  /** Make the mock adapter case-insensitive, like macOS and Windows disks. */
  caseInsensitive?: boolean;
  /** Raw text of the plugin's data.json on disk, for a file Obsidian could not parse (loadData gives nothing). */
  unreadableDataFile?: string;
  /** The platform fetch the plugin uses (default: the real one), e.g. to reach the fake under another host name. */
  fetch?: FetchFn;
  /** "Allow a non-local Ollama host" as turned on on this device (local storage, never data.json). */
  allowRemoteOnDevice?: boolean;
}

/** Where the plugin's folder is in a vault, as Obsidian sets `manifest.dir`. */
export function pluginDir(configDir: string): string {
  return `${configDir}/plugins/ai-stack-planner`;
}

function one<T extends Element>(root: HTMLElement, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`The modal has no ${selector}`);
  return el;
}

export async function startPlugin(options: HarnessOptions = {}): Promise<PluginHarness> {
  const app = App.createConfigured__({ files: options.files ?? {}, isAdapterCaseInsensitive: options.caseInsensitive ?? false });
  const notices = recordNotices();
  const modalSpy = jest.spyOn(Modal.prototype, "constructor__");
  const runSpy = jest.spyOn(PlanGenerator.prototype, "run");

  const manifest = readManifest();
  if (options.unreadableDataFile !== undefined) {
    manifest.dir = pluginDir(app.vault.configDir);
    await app.vault.adapter.mkdir(manifest.dir);
    await app.vault.adapter.write(`${manifest.dir}/data.json`, options.unreadableDataFile);
  }
  if (options.allowRemoteOnDevice) app.saveLocalStorage(REMOTE_OPT_IN_KEY, true);
  const plugin = new AiStackPlannerPlugin(app.asOriginalType__(), manifest);
  if (options.fetch) plugin.fetchFn = options.fetch;
  const mock = Plugin.fromOriginalType2__(plugin);
  if (options.settings) mock.data__ = { ...options.settings };
  // Obsidian's loadData logs the parse error and resolves to null for a file it cannot parse.
  if (options.unreadableDataFile !== undefined) mock.data__ = null;
  await loadPlugin(plugin);

  const command = (id: string) => {
    const cmd = mock.commands__.get(id);
    if (!cmd) throw new Error(`No command ${id}`);
    return cmd;
  };

  const harness: PluginHarness = {
    app,
    plugin,
    mock,
    notices,
    runs: () => runSpy.mock.results.map((r) => r.value as Promise<string | undefined>),
    execute(id) {
      const cmd = command(id);
      if (cmd.callback) cmd.callback();
      else if (cmd.checkCallback) cmd.checkCallback(false);
      else throw new Error(`Command ${id} has no callback`);
    },
    openModal(id) {
      const before = modalSpy.mock.contexts.length;
      harness.execute(id);
      expect(modalSpy.mock.contexts.length).toBe(before + 1);
      const modal = modalSpy.mock.contexts[before] as Modal;
      const contentEl = modal.contentEl;
      return {
        contentEl,
        tier: one<HTMLSelectElement>(contentEl, "select.ai-stack-planner-tier"),
        hardware: one<HTMLTextAreaElement>(contentEl, "textarea.ai-stack-planner-hardware"),
        usage: one<HTMLTextAreaElement>(contentEl, "textarea.ai-stack-planner-usage"),
        generate: one<HTMLButtonElement>(contentEl, "button.ai-stack-planner-generate"),
      };
    },
    start(id, edit = {}) {
      const before = runSpy.mock.results.length;
      const modal = harness.openModal(id);
      if (edit.tier !== undefined) modal.tier.value = edit.tier;
      if (edit.hardware !== undefined) modal.hardware.value = edit.hardware;
      if (edit.usage !== undefined) modal.usage.value = edit.usage;
      modal.generate.click();
      expect(runSpy.mock.results.length).toBe(before + 1);
      return runSpy.mock.results[before].value as Promise<string | undefined>;
    },
    generate: (id, edit) => harness.start(id, edit),
    filePaths: () => app.vault.getFiles().map((f) => f.path).sort(),
    // Plan notes only: each plan's n8n workflow file beside it is in workflowPaths.
    planPaths: () => harness.filePaths().filter((p) => p.startsWith(`${plugin.settings.plansFolder}/`) && p.endsWith(".md")),
    workflowPaths: () => harness.filePaths().filter((p) => p.startsWith(`${plugin.settings.plansFolder}/`) && p.endsWith(".n8n.json")),
    async read(p) {
      const file = app.vault.getAbstractFileByPath(p);
      if (!(file instanceof TFile)) throw new Error(`No file at ${p}`);
      return app.vault.read(file);
    },
    statusBar: () => {
      // The plan generation's item; the vault index has its own (ai-stack-planner-index-statusbar).
      const items = mock.statusBarItems__.filter((el) => el.hasClass("ai-stack-planner-status"));
      expect(items).toHaveLength(1);
      return items[0];
    },
  };
  return harness;
}

/**
 * Opens the sidebar panel through the real plugin and the Obsidian mock, filling in what the mock
 * leaves out: a leaf given a registered view type gets its view created and opened (and closed on
 * detach), ribbon icons keep their callbacks, and Markdown is rendered by the stand-in renderer.
 */
import { MarkdownRenderer, Plugin, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import type { View } from "obsidian";
import { PLANNER_VIEW_TYPE, PlannerView } from "../../src/ui/panel/planner-view";
import { startPlugin, waitFor, type HarnessOptions, type PluginHarness } from "./plugin-harness";
import { renderMarkdownInto } from "./markdown-stand-in";

export interface PanelHarness extends PluginHarness {
  /** Clicks the ribbon icon titled `title`. */
  clickRibbon(title: string): void;
  /** Every Markdown render call: [markdown, element]. */
  renders: () => { markdown: string; el: HTMLElement }[];
  /** Opens the panel through the open-planner command and waits for it. */
  openPanel(): Promise<PlannerView>;
  /** The open panel, if any. */
  panel(): PlannerView | null;
  /** Detaches the panel's leaf (Obsidian then closes and unloads the view). */
  closePanel(): Promise<void>;
}

type Creator = (leaf: WorkspaceLeaf) => View;

/** Views still open when a test ends are closed, as Obsidian closes them when the plugin unloads. */
const openViews = new Set<View>();

async function closeView(view: View): Promise<void> {
  if (!openViews.delete(view)) return;
  await (view as unknown as { onClose(): Promise<void> }).onClose();
  (view as unknown as { unload(): void }).unload();
}

afterEach(async () => {
  await Promise.all([...openViews].map(closeView));
});

/** A prototype's own implementation, taken before it is spied on. */
function original<F>(proto: object, name: string): F {
  return Reflect.get(proto, name) as F;
}

export async function startPanelHarness(options: HarnessOptions = {}): Promise<PanelHarness> {
  const ribbonSpy = jest.spyOn(Plugin.prototype, "addRibbonIcon");

  let views: Map<string, Creator> = new Map();
  const opened = new Map<WorkspaceLeaf, View>();
  const closing: Promise<void>[] = [];
  const origSetViewState = original<(this: WorkspaceLeaf, ...args: Parameters<WorkspaceLeaf["setViewState"]>) => Promise<void>>(WorkspaceLeaf.prototype, "setViewState");
  jest.spyOn(WorkspaceLeaf.prototype, "setViewState").mockImplementation(async function (this: WorkspaceLeaf, state, eState) {
    await origSetViewState.call(this, state, eState);
    const creator = views.get(state.type);
    if (!creator) return;
    const view = creator(this);
    (this as unknown as { view: View }).view = view;
    opened.set(this, view);
    openViews.add(view);
    (view as unknown as { load(): void }).load();
    await (view as unknown as { onOpen(): Promise<void> }).onOpen();
  });
  const origDetach = original<(this: WorkspaceLeaf) => void>(WorkspaceLeaf.prototype, "detach");
  jest.spyOn(WorkspaceLeaf.prototype, "detach").mockImplementation(function (this: WorkspaceLeaf) {
    const view = opened.get(this);
    if (view) {
      opened.delete(this);
      closing.push(closeView(view));
    }
    origDetach.call(this);
  });

  const renders: { markdown: string; el: HTMLElement }[] = [];
  jest.spyOn(MarkdownRenderer, "render").mockImplementation(async (_app, markdown, el) => {
    renders.push({ markdown, el });
    await Promise.resolve();
    renderMarkdownInto(markdown, el);
  });

  const h = await startPlugin(options);
  views = h.mock.views__ as unknown as Map<string, Creator>;

  const panel = (): PlannerView | null => {
    for (const view of opened.values()) if (view instanceof PlannerView) return view;
    return null;
  };

  return {
    ...h,
    clickRibbon(title) {
      const ribbon = ribbonSpy.mock.calls.map(([, t, callback]) => ({ title: t, callback })).find((r) => r.title === title);
      if (!ribbon) throw new Error(`No ribbon icon titled ${title}`);
      void ribbon.callback(new MouseEvent("click"));
    },
    renders: () => renders,
    async openPanel() {
      h.execute("open-planner");
      await waitFor(() => panel() !== null && panel()?.contentEl.querySelector(".ai-stack-planner-retry") !== null, "the panel to open and probe Ollama");
      return panel() as PlannerView;
    },
    panel,
    async closePanel() {
      for (const leaf of h.app.workspace.getLeavesOfType(PLANNER_VIEW_TYPE)) leaf.detach();
      await Promise.all(closing);
    },
  };
}

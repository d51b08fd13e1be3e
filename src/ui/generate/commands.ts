/** The command palette entries. */
import type { Plugin } from "obsidian";
import type { Tier } from "../../core/shared/language";
import type { PluginContext } from "../shared/plugin-context";
import { PlanModal } from "./plan-modal";
import type { PlanGenerator } from "./plan-generator";

/** Registers the blueprint commands (default tier, basic, pro) and Stop. No default hotkeys: users choose their own. */
export function registerCommands(plugin: Plugin, ctx: PluginContext, generator: PlanGenerator): void {
  const openPlanModal = (tier: Tier) => {
    const s = ctx.settings();
    new PlanModal(plugin.app, { tier, hardware: s.hardware, usage: s.usage }, (request) => void generator.run(request)).open();
  };
  plugin.addCommand({ id: "generate-plan", name: "Generate stack plan", callback: () => openPlanModal(ctx.settings().defaultTier) });
  plugin.addCommand({ id: "generate-basic-plan", name: "Generate basic stack plan", callback: () => openPlanModal("basic") });
  plugin.addCommand({ id: "generate-pro-plan", name: "Generate pro stack plan", callback: () => openPlanModal("pro") });
  plugin.addCommand({
    id: "stop-generation",
    name: "Stop generating the stack plan",
    checkCallback: (checking) => {
      if (!generator.running) return false;
      if (!checking) generator.stop();
      return true;
    },
  });
}

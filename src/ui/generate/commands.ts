/** The command palette entries. */
import type { Plugin } from "obsidian";
import type { PlannerSettings } from "../../core/shared/settings";
import type { Tier } from "../../core/shared/language";
import { PlanModal } from "./plan-modal";
import type { PlanGenerator } from "./plan-generator";

/** Registers the blueprint commands (default tier, basic, pro) and Stop. No default hotkeys: users choose their own. */
export function registerCommands(plugin: Plugin, generator: PlanGenerator, settings: () => PlannerSettings): void {
  const openPlanModal = (tier: Tier) => {
    const s = settings();
    new PlanModal(plugin.app, { tier, hardware: s.hardware, usage: s.usage }, (request) => void generator.run(request)).open();
  };
  plugin.addCommand({ id: "generate-plan", name: "Generate stack plan", callback: () => openPlanModal(settings().defaultTier) });
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

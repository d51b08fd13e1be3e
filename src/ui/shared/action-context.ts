/** Where n8n will run, as the plugin knows it: the settings' Ollama host, the vault's folder on disk, this machine's time zone. */
import { FileSystemAdapter, type App } from "obsidian";
import type { ActionContext } from "../../core/plan/workflow/plan-workflow";
import type { PlannerSettings } from "../../core/shared/settings";

/** The action context for plans written in `app` (the documented Docker setup). */
export function pluginActionContext(app: App, settings: Pick<PlannerSettings, "ollamaHost">): ActionContext {
  const adapter = app.vault.adapter;
  // Desktop only: on mobile there is no folder path, and the setup shows a placeholder instead.
  const vaultPath = adapter instanceof FileSystemAdapter ? adapter.getBasePath() : undefined;
  return { ollamaHost: settings.ollamaHost, runtime: "docker", ...(vaultPath ? { vaultPath } : {}), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

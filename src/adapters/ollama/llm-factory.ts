/** Builds the Ollama-backed LlmPort from settings, applying the privacy guard first. */
import { worded } from "../../core/shared/errors";
import { checkOllamaHost, type HostCheck } from "../../core/shared/host-policy";
import type { LlmPort } from "../../core/shared/ports";
import { OllamaLlm, type FetchFn } from "./ollama-client";
import type { StreamLimits } from "./stream-guard";

/** The answer limits the settings choose (the stall limit; the others keep their defaults). */
export function streamLimitsFrom(settings: { stallTimeoutSeconds: number }): Partial<StreamLimits> {
  return { stallMs: settings.stallTimeoutSeconds * 1000 };
}

/** The LlmPort for `host`, or a PlannerError explaining why that host may not be used. */
export function createLlm(host: string, allowRemote: boolean, platformFetch: FetchFn, limits?: Partial<StreamLimits>): { llm: LlmPort; check: HostCheck } {
  const check = checkOllamaHost(host, allowRemote);
  // The refusal is re-worded for where the user reads it (a setting in the plugin, a flag in the CLI).
  if (check.error !== undefined || check.baseUrl === undefined) throw worded("invalid-host", (context) => checkOllamaHost(host, allowRemote, context).error ?? "Invalid Ollama host.");
  return { llm: new OllamaLlm({ baseUrl: check.baseUrl, fetch: platformFetch, ...(limits ? { limits } : {}) }), check };
}

/** What the sidebar's connection line shows: is Ollama there, which version, what is loaded. */
import { userMessage } from "../shared/errors";
import type { InstalledModel, LlmPort } from "../shared/ports";

export interface ConnectionStatus {
  host: string;
  reachable: boolean;
  version?: string;
  /** Models in memory now. */
  loaded: string[];
  /** Installed chat models, for the model picker. */
  chatModels: InstalledModel[];
  /** The user-facing reason when not reachable, with the fix. */
  error?: string;
}

/** Asks Ollama for its version, installed and loaded models; never throws. */
export async function probeConnection(llm: LlmPort, signal?: AbortSignal): Promise<ConnectionStatus> {
  try {
    const [version, installed, loaded] = await Promise.all([llm.version(signal), llm.listModels(signal), llm.loadedModels(signal)]);
    return { host: llm.hostLabel, reachable: true, version, loaded, chatModels: installed.filter((m) => m.canChat) };
  } catch (error) {
    return { host: llm.hostLabel, reachable: false, loaded: [], chatModels: [], error: userMessage(error) };
  }
}

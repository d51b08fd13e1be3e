/** The failures a user can meet, each with the short, actionable message they are shown. */
import { actionText, IN_PLUGIN, type MessageContext } from "./user-actions";

export type PlannerErrorKind =
  | "invalid-host"
  | "unreachable"
  | "no-models"
  | "model-missing"
  | "stream-cut"
  | "aborted"
  | "server"
  | "write-failed";

/**
 * An error whose `message` is written for the user, not for a developer. `wording`, when set, words
 * it for where the user is (the plugin's commands or the CLI's flags); `message` is the plugin's.
 */
export class PlannerError extends Error {
  constructor(
    readonly kind: PlannerErrorKind,
    message: string,
    readonly wording?: (context: MessageContext) => string,
  ) {
    super(message);
    this.name = "PlannerError";
  }
}

/** Constructors for every user-facing failure, so each message is written once. */
export const plannerErrors = {
  invalidHost: (reason: string) => new PlannerError("invalid-host", reason),
  unreachable: (host: string) => new PlannerError("unreachable", `Ollama isn't reachable at ${host}. Start it with \`ollama serve\`.`),
  noModels: () =>
    new PlannerError("no-models", "Ollama has no chat models installed. Run `ollama pull llama3.2` and try again."),
  modelMissing: (model: string) => worded("model-missing", (context) => `The model "${model}" isn't installed in Ollama. Run \`ollama pull ${model}\`, or ${actionText("pick-chat-model", context)}.`),
  streamCut: (detail?: string) =>
    new PlannerError(
      "stream-cut",
      `The answer from Ollama stopped before it was finished${detail ? ` (${detail})` : ""}. Try again; if it keeps happening, check the Ollama server log.`,
    ),
  /** A first-byte, stall, line-size or answer-size limit ended the answer (see the Ollama adapter's stream guard). */
  streamLimit: (limit: "first-byte" | "stall" | "line" | "answer", amount: number, host: string, model?: string) =>
    worded("stream-cut", (context) => {
      const from = model ? `"${model}" at ${host}` : `Ollama at ${host}`;
      // Tests use limits under a second; users see whole seconds.
      const seconds = amount >= 1000 ? `${Math.round(amount / 1000)} s` : `${amount} ms`;
      if (limit === "line") return `${from} sent a line longer than ${Math.round(amount / 1048576)} MB, which no normal answer has; reading stopped. Check what is answering at ${host}.`;
      if (limit === "answer")
        return `${from} kept answering past ${amount.toLocaleString("en-US")} characters without finishing, far longer than any plan; reading stopped. Try again, or try another model; if it happens again, check what is answering at ${host}.`;
      if (limit === "first-byte") return `${from} sent nothing for ${seconds}, not even the start of an answer. Check \`ollama ps\` and the Ollama log, then try again.`;
      const raise = context.surface === "cli" ? "pass a larger --stall-timeout SECONDS" : "raise Stall limit in the plugin settings";
      return `The answer from ${from} stopped: nothing arrived for ${seconds}. Try again; if the model is just slow on this machine, ${raise}.`;
    }),
  aborted: () => new PlannerError("aborted", "Generation stopped."),
  server: (message: string) => new PlannerError("server", `Ollama reported an error: ${message}`),
  writeFailed: (path: string, reason: string) => new PlannerError("write-failed", `Couldn't write the plan note "${path}": ${reason}`),
};

/** A PlannerError whose message depends on where the user is; `message` is the plugin's wording. */
export function worded(kind: PlannerErrorKind, wording: (context: MessageContext) => string): PlannerError {
  return new PlannerError(kind, wording(IN_PLUGIN), wording);
}

/** The message to show for any thrown value, worded for `context` (the plugin's wording by default). */
export function userMessage(error: unknown, context?: MessageContext): string {
  if (error instanceof PlannerError) return context && error.wording ? error.wording(context) : error.message;
  if (error instanceof Error) return `Something went wrong: ${error.message}`;
  return `Something went wrong: ${String(error)}`;
}

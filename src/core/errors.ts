/** The failures a user can meet, each with the short, actionable message they are shown. */

export type PlannerErrorKind =
  | "invalid-host"
  | "unreachable"
  | "no-models"
  | "model-missing"
  | "stream-cut"
  | "aborted"
  | "server"
  | "write-failed";

/** An error whose `message` is written for the user, not for a developer. */
export class PlannerError extends Error {
  constructor(
    readonly kind: PlannerErrorKind,
    message: string,
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
  modelMissing: (model: string) =>
    new PlannerError(
      "model-missing",
      `The model "${model}" isn't installed in Ollama. Run \`ollama pull ${model}\`, or pick an installed model in settings.`,
    ),
  streamCut: (detail?: string) =>
    new PlannerError(
      "stream-cut",
      `The answer from Ollama stopped before it was finished${detail ? ` (${detail})` : ""}. Try again; if it keeps happening, check the Ollama server log.`,
    ),
  aborted: () => new PlannerError("aborted", "Generation stopped."),
  server: (message: string) => new PlannerError("server", `Ollama reported an error: ${message}`),
  writeFailed: (path: string, reason: string) => new PlannerError("write-failed", `Couldn't write the plan note "${path}": ${reason}`),
};

/** The message to show for any thrown value. */
export function userMessage(error: unknown): string {
  if (error instanceof PlannerError) return error.message;
  if (error instanceof Error) return `Something went wrong: ${error.message}`;
  return `Something went wrong: ${String(error)}`;
}

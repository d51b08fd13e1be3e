/**
 * Where the user reads a message and what they were doing. The plugin's messages name its commands
 * and settings; the CLI's name its flags. Messages take this small hint and word their suggested
 * action for it, instead of every message being written twice.
 */

export interface MessageContext {
  /** The plugin's UI (commands, settings tab) or the headless CLI (flags). */
  surface: "plugin" | "cli";
  /** The CLI's vault folder, so a suggested command can be pasted as it is. */
  vaultDir?: string;
  /** What the user was doing, when a message depends on it (a search is not an indexing run). */
  activity?: "index" | "search" | "plan";
}

/** The plugin, doing nothing in particular: the wording every message has by default. */
export const IN_PLUGIN: MessageContext = { surface: "plugin" };

/** The actions a message can point the user to. */
export type UserAction = "index-vault" | "rebuild-index" | "allow-remote" | "pick-chat-model" | "pick-embedding-model";

/** The CLI command line for the vault (quoted for a shell), or a placeholder when it is not known. */
export function cliCommand(context: MessageContext, args: string): string {
  const vault = context.vaultDir === undefined ? "<dir>" : JSON.stringify(context.vaultDir);
  return `\`npm run cli -- ${args.replace("<vault>", `--vault ${vault}`)}\``;
}

/** How to do `action` where the user is, as a lower-case clause ("run …", "turn on …"). */
export function actionText(action: UserAction, context: MessageContext, language: "en" | "zh" = "en"): string {
  const cli = context.surface === "cli";
  const zh = language === "zh";
  switch (action) {
    case "index-vault":
      if (cli) return `${zh ? "运行 " : "run "}${cliCommand(context, "index <vault>")}`;
      return zh ? "运行“立即索引库”" : 'run "Index vault now"';
    case "rebuild-index":
      if (cli) return `${zh ? "运行 " : "run "}${cliCommand(context, "index <vault> --rebuild")}`;
      return zh ? "运行“重建索引”" : 'run "Rebuild index"';
    case "allow-remote":
      return cli ? 'pass --allow-remote (or turn on "Allow a non-local Ollama host" in the plugin settings)' : 'turn on "Allow a non-local Ollama host" in settings';
    case "pick-chat-model":
      return cli ? "pass --model with an installed model" : "pick an installed model in settings";
    case "pick-embedding-model":
      return cli ? "pass --embed-model with an installed embedding model" : "pick an installed embedding model in settings";
  }
}

/** `text` with its first letter upper-case, for an action that starts a sentence. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

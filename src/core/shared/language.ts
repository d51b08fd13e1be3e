/** Plan tiers and languages: the vocabulary every layer shares, kept apart from settings so the hardware code can use it without a cycle. */
/** Which blueprint prompt to use. */
export type Tier = "basic" | "pro";
/** Prompt language; `auto` follows Obsidian's UI language. */
export type LanguageSetting = "auto" | "en" | "zh";
export type PromptLanguage = "en" | "zh";

/** Picks the prompt language: an explicit setting wins, else Obsidian's UI language, else English. */
export function resolveLanguage(setting: LanguageSetting, uiLanguage: string | undefined): PromptLanguage {
  if (setting !== "auto") return setting;
  return uiLanguage?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

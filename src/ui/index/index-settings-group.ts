/** The "Vault index" group of the settings tab: its state with Index now / Rebuild, and the index settings. */
import type { Setting, SettingDefinitionGroup } from "obsidian";
import { indexStatusLine, unreadableNotesText } from "../../core/index/index-status-text";
import { strings, uiLanguage } from "../shared/i18n";
import type { VaultIndexApi } from "./index-api";
import { indexOffText } from "./vault-index";

const TEXT = {
  en: { indexNow: "Index now", rebuild: "Rebuild" },
  zh: { indexNow: "立即索引", rebuild: "重建" },
};

/** The settings row with the index's state and its two actions (the state as of opening the tab). */
function renderIndexStatusRow(index: VaultIndexApi, setting: Setting): void {
  const status = index.status;
  setting.setDesc(status ? [indexStatusLine(status, uiLanguage()), status.message, unreadableNotesText(status.unreadable, uiLanguage())].filter(Boolean).join(" · ") : indexOffText());
  if (!status) return;
  setting.addButton((b) => b.setButtonText(strings(TEXT).indexNow).onClick(() => void index.runFromCommand("index")));
  setting.addButton((b) => b.setButtonText(strings(TEXT).rebuild).onClick(() => void index.runFromCommand("rebuild")));
}

/** The "Vault index" group of the settings tab. */
export function vaultIndexSettingsGroup(index?: VaultIndexApi): SettingDefinitionGroup {
  return {
    type: "group",
    heading: "Vault index",
    items: [
      ...(index ? [{ name: "Index status", render: (setting: Setting) => renderIndexStatusRow(index, setting) }] : []),
      {
        name: "Keep a vault index",
        desc: "Index your notes with a local embedding model so plans can cite them. The index stays in your vault.",
        control: { type: "toggle", key: "indexEnabled" },
      },
      {
        name: "Use my notes in plans",
        desc: 'Add the most relevant excerpts of your notes to the prompt as a "From my notes" section, with links.',
        control: { type: "toggle", key: "useNotesInPlans" },
      },
      {
        name: "Embedding model",
        desc: "An Ollama embedding model. Changing it rebuilds the index for the new model.",
        control: { type: "text", key: "embeddingModel", placeholder: "nomic-embed-text" },
      },
      {
        name: "Index folder",
        desc: "Where the index files are kept, inside the vault. A folder starting with a dot stays out of your file list.",
        control: { type: "text", key: "indexFolder", placeholder: ".ai-stack-planner/index" },
      },
      {
        name: "Excluded folders",
        desc: "One folder per line. Notes in them are never indexed nor sent to Ollama.",
        control: { type: "textarea", key: "indexExcludedFolders", placeholder: "Journal", rows: 3 },
      },
      {
        name: "Excluded tags",
        desc: "One tag per line, without #. Notes with these tags (or nested ones) are never indexed nor sent to Ollama.",
        control: { type: "textarea", key: "indexExcludedTags", placeholder: "private", rows: 2 },
      },
      {
        name: "Exclusion property",
        desc: "A note whose properties set this key to exclude (for example ai-stack-planner: exclude) is never indexed.",
        control: { type: "text", key: "indexExcludeKey", placeholder: "ai-stack-planner" },
      },
      {
        name: "Leave plans out of the index",
        desc: "Plans are written by this plugin; indexing them would echo old plans into new ones.",
        control: { type: "toggle", key: "indexExcludePlansFolder" },
      },
      {
        name: "Honour Obsidian's excluded files",
        desc: "Notes listed under Files and links → Excluded files are never indexed nor sent to Ollama either.",
        control: { type: "toggle", key: "indexHonourExcludedFiles" },
      },
    ],
  };
}

/** The vault index's palette commands: "Index vault now", "Rebuild index", "Show index status", "Search related notes". */
import { Notice, type Plugin } from "obsidian";
import { IndexSearchModal } from "./index-search-modal";
import { indexOffText, type VaultIndex } from "./vault-index";

/** Registers the index commands on the plugin (no default hotkeys). */
export function registerIndexCommands(plugin: Plugin, index: VaultIndex): void {
  plugin.addCommand({ id: "index-vault", name: "Index vault now", callback: () => void index.runFromCommand("index") });
  plugin.addCommand({ id: "rebuild-index", name: "Rebuild index", callback: () => void index.runFromCommand("rebuild") });
  plugin.addCommand({ id: "show-index-status", name: "Show index status", callback: () => index.showStatus() });
  plugin.addCommand({
    id: "search-related-notes",
    name: "Search related notes",
    callback: () => {
      if (!index.isOn()) new Notice(indexOffText());
      else new IndexSearchModal(plugin.app, index).open();
    },
  });
}

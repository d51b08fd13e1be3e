/** The VaultPort over Obsidian's Vault API. */
import { normalizePath, type Vault } from "obsidian";
import type { VaultPort } from "../core/ports";

export class ObsidianVaultPort implements VaultPort {
  constructor(private readonly vault: Vault) {}

  exists(path: string): Promise<boolean> {
    const wanted = normalizePath(path);
    if (this.vault.getAbstractFileByPath(wanted)) return Promise.resolve(true);
    // The adapter sees files Obsidian hides and answers case-insensitively where the disk does.
    return this.vault.adapter.exists(wanted, false);
  }

  async ensureFolder(path: string): Promise<void> {
    const folder = normalizePath(path);
    if (folder === "/" || this.vault.getFolderByPath(folder)) return;
    await this.vault.createFolder(folder);
  }

  async createNote(path: string, content: string): Promise<void> {
    // Vault.create refuses an existing path, so a race never overwrites a note.
    await this.vault.create(normalizePath(path), content);
  }
}

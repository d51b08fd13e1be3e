/** The VaultPort over Obsidian's Vault API. */
import { normalizePath, type Vault } from "obsidian";
import type { VaultPort } from "../../core/shared/ports";

export class ObsidianVaultPort implements VaultPort {
  constructor(private readonly vault: Vault) {}

  async exists(path: string): Promise<boolean> {
    const wanted = normalizePath(path);
    if (this.vault.getAbstractFileByPath(wanted)) return true;
    // The adapter also sees files Obsidian hides (and is case-insensitive where the disk is).
    if (await this.vault.adapter.exists(wanted, false)) return true;
    // On case-sensitive disks, still refuse a name that differs only in case: the vault may sync
    // to macOS or Windows, where the two would collide.
    const slash = wanted.lastIndexOf("/");
    const parent = slash === -1 ? this.vault.getRoot() : this.vault.getFolderByPath(wanted.slice(0, slash));
    const name = wanted.slice(slash + 1).toLowerCase();
    return parent?.children.some((child) => child.name.toLowerCase() === name) ?? false;
  }

  async ensureFolder(path: string): Promise<void> {
    const folder = normalizePath(path);
    if (folder === "/" || folder === "" || this.vault.getFolderByPath(folder)) return;
    await this.vault.createFolder(folder);
  }

  async createNote(path: string, content: string): Promise<void> {
    // Vault.create refuses an existing path, so a race never overwrites a note.
    await this.vault.create(normalizePath(path), content);
  }
}

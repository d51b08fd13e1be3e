/** The index's NoteSource over Obsidian's vault: its Markdown files, their stats and cached text. */
import { TFile, type Vault } from "obsidian";
import type { NoteSource } from "../../core/index/index-ports";
import type { VaultFileInfo } from "../../core/index/sync-plan";

function info(file: TFile): VaultFileInfo {
  return { path: file.path, mtime: file.stat.mtime, size: file.stat.size };
}

export class ObsidianNoteSource implements NoteSource {
  constructor(private readonly vault: Vault) {}

  list(): Promise<VaultFileInfo[]> {
    // Obsidian lists no hidden folders (config, trash, the index itself).
    return Promise.resolve(this.vault.getMarkdownFiles().map(info));
  }

  private file(path: string): TFile | null {
    const file = this.vault.getAbstractFileByPath(path);
    return file instanceof TFile && file.extension === "md" ? file : null;
  }

  stat(path: string): Promise<VaultFileInfo | null> {
    const file = this.file(path);
    return Promise.resolve(file ? info(file) : null);
  }

  async read(path: string): Promise<string | null> {
    const file = this.file(path);
    if (!file) return null;
    try {
      return await this.vault.cachedRead(file);
    } catch {
      // Deleted between the listing and the read.
      return null;
    }
  }
}

/** The index's NoteSource over a plain folder (CLI, tests): Markdown files outside hidden folders. */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { NoteSource } from "../core/index/index-ports";
import type { VaultFileInfo } from "../core/index/sync-plan";

export class FolderNoteSource implements NoteSource {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Absolute path of a vault path; refuses anything that would escape the folder. */
  private abs(vaultPath: string): string {
    const absolute = path.resolve(this.root, vaultPath);
    if (absolute !== this.root && !absolute.startsWith(this.root + path.sep)) throw new Error(`Path escapes the vault: ${vaultPath}`);
    return absolute;
  }

  async list(): Promise<VaultFileInfo[]> {
    const out: VaultFileInfo[] = [];
    const walk = async (dir: string, prefix: string): Promise<void> => {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        // Hidden folders hold the app's config, the trash and the index itself.
        if (entry.name.startsWith(".")) continue;
        const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), rel);
        else if (entry.isFile() && /\.md$/i.test(entry.name)) {
          const stat = await this.stat(rel);
          if (stat) out.push(stat);
        }
      }
    };
    await walk(this.root, "");
    return out;
  }

  async stat(vaultPath: string): Promise<VaultFileInfo | null> {
    try {
      const stat = await fs.stat(this.abs(vaultPath));
      return stat.isFile() ? { path: vaultPath, mtime: Math.floor(stat.mtimeMs), size: stat.size } : null;
    } catch {
      return null;
    }
  }

  async read(vaultPath: string): Promise<string | null> {
    try {
      return await fs.readFile(this.abs(vaultPath), "utf8");
    } catch {
      return null;
    }
  }
}

/** The VaultPort over a plain folder on disk, for the headless CLI. */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { VaultPort } from "../../core/shared/ports";

export class FolderVaultPort implements VaultPort {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Absolute path of a vault path; refuses anything that would escape the vault folder. */
  resolve(vaultPath: string): string {
    const absolute = path.resolve(this.root, vaultPath);
    if (absolute !== this.root && !absolute.startsWith(this.root + path.sep)) throw new Error(`Path escapes the vault: ${vaultPath}`);
    return absolute;
  }

  async exists(vaultPath: string): Promise<boolean> {
    const absolute = this.resolve(vaultPath);
    try {
      await fs.access(absolute);
      return true;
    } catch {
      // Case-insensitive check, so two plans never differ only by case (macOS, Windows).
      try {
        const siblings = await fs.readdir(path.dirname(absolute));
        const name = path.basename(absolute).toLowerCase();
        return siblings.some((s) => s.toLowerCase() === name);
      } catch {
        return false;
      }
    }
  }

  async ensureFolder(vaultPath: string): Promise<void> {
    await fs.mkdir(this.resolve(vaultPath), { recursive: true });
  }

  async createNote(vaultPath: string, content: string): Promise<void> {
    // 'wx' fails when the file exists: a note is never overwritten.
    await fs.writeFile(this.resolve(vaultPath), content, { encoding: "utf8", flag: "wx" });
  }
}

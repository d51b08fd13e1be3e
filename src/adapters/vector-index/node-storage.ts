/** IndexStorage over Node's fs, rooted at a folder (the vault). Used by the CLI, tests and benchmark. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { TEMP_SUFFIX, type IndexStorage } from "./storage";

export interface NodeStorageOptions {
  /** fsync the temporary file before the rename (survives power loss, not only crashes). Default true. */
  durable?: boolean;
}

export class NodeFsStorage implements IndexStorage {
  readonly root: string;
  private readonly durable: boolean;

  constructor(root: string, options: NodeStorageOptions = {}) {
    this.root = path.resolve(root);
    this.durable = options.durable ?? true;
  }

  /** Absolute path; refuses anything that would escape the root. */
  private abs(rel: string): string {
    const absolute = path.resolve(this.root, rel);
    if (absolute !== this.root && !absolute.startsWith(this.root + path.sep)) throw new Error(`Path escapes the storage root: ${rel}`);
    return absolute;
  }

  async read(rel: string): Promise<Uint8Array | null> {
    try {
      const buf = await fs.readFile(this.abs(rel));
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return null;
      throw error;
    }
  }

  async write(rel: string, bytes: Uint8Array): Promise<void> {
    const target = this.abs(rel);
    const temp = target + TEMP_SUFFIX;
    const handle = await fs.open(temp, "w");
    try {
      await handle.writeFile(bytes);
      if (this.durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  }

  async remove(rel: string): Promise<void> {
    await fs.rm(this.abs(rel), { force: true });
  }

  async list(dir: string): Promise<string[]> {
    try {
      const entries = await fs.readdir(this.abs(dir), { withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => e.name);
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return [];
      throw error;
    }
  }

  async mkdir(dir: string): Promise<void> {
    await fs.mkdir(this.abs(dir), { recursive: true });
  }

  async rename(from: string, to: string): Promise<void> {
    await fs.rename(this.abs(from), this.abs(to));
  }
}

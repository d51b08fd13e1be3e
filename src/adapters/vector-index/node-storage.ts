/** IndexStorage over Node's fs, rooted at a folder (the vault). Used by the CLI, tests and benchmark. */
import { promises as fs } from "node:fs";
import os from "node:os";
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

  async listNonFiles(dir: string): Promise<string[]> {
    try {
      const entries = await fs.readdir(this.abs(dir), { withFileTypes: true });
      return entries.filter((e) => !e.isFile()).map((e) => e.name);
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return [];
      throw error;
    }
  }

  /**
   * Writes a uniquely named file, then hard-links it to `rel`: the link fails when `rel` exists and
   * otherwise makes it appear with its whole content in one step (nobody reads a half-written
   * lock). Where links are not supported, an exclusive create ("wx") does it in two steps.
   */
  async createExclusive(rel: string, bytes: Uint8Array): Promise<boolean> {
    const target = this.abs(rel);
    const staging = `${target}.${process.pid}-${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`;
    const exists = (error: unknown) => (error as { code?: string }).code === "EEXIST";
    try {
      await fs.writeFile(staging, bytes, { flag: "wx" });
      try {
        await fs.link(staging, target);
        return true;
      } catch (error) {
        if (exists(error)) return false;
        await fs.writeFile(target, bytes, { flag: "wx" });
        return true;
      }
    } catch (error) {
      if (exists(error)) return false;
      throw error;
    } finally {
      await fs.rm(staging, { force: true });
    }
  }

  readonly lockOwner = {
    pid: process.pid,
    host: os.hostname(),
    /** Signal 0 checks that the process exists; EPERM means it exists but belongs to someone else. */
    isAlive(pid: number): boolean {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return (error as { code?: string }).code === "EPERM";
      }
    },
  };

  async mkdir(dir: string): Promise<void> {
    await fs.mkdir(this.abs(dir), { recursive: true });
  }

  async rename(from: string, to: string): Promise<void> {
    await fs.rename(this.abs(from), this.abs(to));
  }
}

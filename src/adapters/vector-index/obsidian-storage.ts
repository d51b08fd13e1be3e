/**
 * IndexStorage over Obsidian's `vault.adapter` (the plugin's storage for the vault index). The
 * adapter reaches hidden folders such as `.ai-stack-planner/` that the Vault API does not index,
 * and works on desktop and mobile. Obsidian's `rename` refuses an existing destination, so an
 * atomic write is: write `<path>.tmp`, remove `<path>`, rename; a crash between the last two
 * leaves a complete lone `.tmp`, which the store promotes when it opens.
 */
import { normalizePath, type DataAdapter } from "obsidian";
import { baseName, TEMP_SUFFIX, type IndexStorage } from "./storage";

/** The exact bytes of `bytes` as an ArrayBuffer (a view of part of a larger buffer is copied). */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer;
}

export class ObsidianAdapterStorage implements IndexStorage {
  constructor(private readonly adapter: DataAdapter) {}

  async read(path: string): Promise<Uint8Array | null> {
    const p = normalizePath(path);
    if (!(await this.adapter.exists(p, true))) return null;
    return new Uint8Array(await this.adapter.readBinary(p));
  }

  async write(path: string, bytes: Uint8Array): Promise<void> {
    const target = normalizePath(path);
    const temp = target + TEMP_SUFFIX;
    await this.adapter.writeBinary(temp, exactBuffer(bytes));
    if (await this.adapter.exists(target, true)) await this.adapter.remove(target);
    await this.adapter.rename(temp, target);
  }

  async remove(path: string): Promise<void> {
    const p = normalizePath(path);
    if (await this.adapter.exists(p, true)) await this.adapter.remove(p);
  }

  async list(dir: string): Promise<string[]> {
    const p = normalizePath(dir);
    if (!(await this.adapter.exists(p, true))) return [];
    return (await this.adapter.list(p)).files.map(baseName);
  }

  async listNonFiles(dir: string): Promise<string[]> {
    const p = normalizePath(dir);
    if (!(await this.adapter.exists(p, true))) return [];
    return (await this.adapter.list(p)).folders.map(baseName);
  }

  /**
   * The adapter has no exclusive create: check, then write. Two writers racing within that gap
   * both believe they hold the lock until the loser re-confirms it (at most a minute into writing)
   * and stops; the CLI's lock, on Node, is exclusive.
   */
  async createExclusive(path: string, bytes: Uint8Array): Promise<boolean> {
    const p = normalizePath(path);
    if (await this.adapter.exists(p, true)) return false;
    await this.adapter.writeBinary(p, exactBuffer(bytes));
    return true;
  }

  async mkdir(dir: string): Promise<void> {
    const p = normalizePath(dir);
    if (!(await this.adapter.exists(p, true))) await this.adapter.mkdir(p);
  }

  async rename(from: string, to: string): Promise<void> {
    await this.adapter.rename(normalizePath(from), normalizePath(to));
  }
}

/** Real temporary vault folders for tests, removed afterwards. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Creates a temp folder with `files` (vault-relative path → content) and returns its path. */
export async function makeTempVault(files: Record<string, string> = {}): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "ai-stack-vault-"));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, content, "utf8");
  }
  return root;
}

/** Every file under `root` as vault-relative paths, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

export async function removeTempVault(root: string): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
}

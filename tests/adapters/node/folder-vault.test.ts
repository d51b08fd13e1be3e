/** FolderVaultPort on a real temporary folder: never overwrites, never leaves the vault folder. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FolderVaultPort } from "../../../src/adapters/node/folder-vault";

let outer: string;
let root: string;
let vault: FolderVaultPort;

beforeEach(async () => {
  outer = await fs.mkdtemp(path.join(os.tmpdir(), "ai-stack-folder-vault-"));
  root = path.join(outer, "vault");
  await fs.mkdir(root);
  vault = new FolderVaultPort(root);
});

afterEach(async () => {
  await fs.rm(outer, { recursive: true, force: true });
});

async function read(rel: string): Promise<string> {
  return fs.readFile(path.join(root, rel), "utf8");
}

describe("createNote", () => {
  test("writes the note as UTF-8 at the vault path", async () => {
    await vault.ensureFolder("AI Stack Plans");
    await vault.createNote("AI Stack Plans/Plan.md", "---\ntier: pro\n---\n专家版 plan\n");
    expect(await read("AI Stack Plans/Plan.md")).toBe("---\ntier: pro\n---\n专家版 plan\n");
  });

  test("never overwrites: a second create of the same path rejects and the first content stays", async () => {
    await vault.createNote("Plan.md", "first");
    await expect(vault.createNote("Plan.md", "second")).rejects.toThrow(/EEXIST/);
    expect(await read("Plan.md")).toBe("first");
    expect(await fs.readdir(root)).toEqual(["Plan.md"]);
  });

  test("does not create missing folders by itself", async () => {
    await expect(vault.createNote("Missing/Plan.md", "x")).rejects.toThrow(/ENOENT/);
    expect(await fs.readdir(root)).toEqual([]);
  });
});

describe("exists", () => {
  test("sees files and folders, and not what is missing", async () => {
    await vault.ensureFolder("Plans");
    await vault.createNote("Plans/A plan.md", "x");
    expect(await vault.exists("Plans")).toBe(true);
    expect(await vault.exists("Plans/A plan.md")).toBe(true);
    expect(await vault.exists("Plans/Another plan.md")).toBe(false);
    expect(await vault.exists("Nowhere/A plan.md")).toBe(false);
  });

  test("is case-insensitive on the file name, whatever the disk", async () => {
    await vault.ensureFolder("Plans");
    await vault.createNote("Plans/Pro Plan - RTX 4090.md", "x");
    expect(await vault.exists("Plans/pro plan - rtx 4090.md")).toBe(true);
    expect(await vault.exists("Plans/PRO PLAN - RTX 4090.MD")).toBe(true);
    expect(await vault.exists("Plans/pro plan - rtx 4090 2.md")).toBe(false);
  });
});

describe("ensureFolder", () => {
  test("creates nested folders and is idempotent", async () => {
    await vault.ensureFolder("AI Stack Plans/2026/November");
    expect((await fs.stat(path.join(root, "AI Stack Plans", "2026", "November"))).isDirectory()).toBe(true);
    await expect(vault.ensureFolder("AI Stack Plans/2026/November")).resolves.toBeUndefined();
    await expect(vault.ensureFolder("AI Stack Plans")).resolves.toBeUndefined();
  });
});

describe("resolve", () => {
  test("maps vault paths under the root", () => {
    expect(vault.resolve("AI Stack Plans/Plan.md")).toBe(path.join(root, "AI Stack Plans", "Plan.md"));
    expect(vault.resolve("a/../b.md")).toBe(path.join(root, "b.md"));
    expect(vault.resolve("")).toBe(root);
  });

  test.each(["../escape.md", "a/../../escape.md", "../vault-evil/escape.md", "/etc/passwd"])("refuses %s", (p) => {
    expect(() => vault.resolve(p)).toThrow(`Path escapes the vault: ${p}`);
  });

  test("refuses an absolute path next to the vault", () => {
    const sibling = path.join(outer, "escape.md");
    expect(() => vault.resolve(sibling)).toThrow(`Path escapes the vault: ${sibling}`);
  });

  test("no operation writes outside the vault", async () => {
    await expect(vault.createNote("../escape.md", "x")).rejects.toThrow("Path escapes the vault");
    await expect(vault.ensureFolder("../vault-evil")).rejects.toThrow("Path escapes the vault");
    await expect(vault.exists("../escape.md")).rejects.toThrow("Path escapes the vault");
    expect((await fs.readdir(outer)).sort()).toEqual(["vault"]);
  });
});

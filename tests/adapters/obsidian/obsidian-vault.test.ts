/** ObsidianVaultPort over the mock's in-memory Vault. */
import type { Vault as VaultOriginal } from "obsidian";
import { App, TFile, TFolder } from "obsidian-test-mocks/obsidian";
import { ObsidianVaultPort } from "../../../src/adapters/obsidian/obsidian-vault";

function setup(files: Record<string, string> = {}, caseInsensitive = false) {
  const app = App.createConfigured__({ files, isAdapterCaseInsensitive: caseInsensitive });
  const vault = app.asOriginalType__().vault;
  return { app, vault, port: new ObsidianVaultPort(vault) };
}

/**
 * Obsidian's Vault.create rejects with "File already exists." when the path is taken; the mock's
 * create silently overwrites. This gives the mock vault the real app's refusal, so the test shows
 * that the port relies on create (and never on modify or a raw adapter write).
 */
function refuseExistingLikeObsidian(vault: VaultOriginal): void {
  const create = vault.create.bind(vault);
  jest.spyOn(vault, "create").mockImplementation(async (path, data, options) => {
    if (vault.getAbstractFileByPath(path) || (await vault.adapter.exists(path))) throw new Error("File already exists.");
    return create(path, data, options);
  });
}

async function read(vault: VaultOriginal, path: string): Promise<string> {
  const file = vault.getAbstractFileByPath(path);
  if (!(file instanceof TFile)) throw new Error(`No file at ${path}`);
  return vault.read(file);
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe("createNote", () => {
  test("creates a note Obsidian knows about, at the normalised path", async () => {
    const { vault, port } = setup({ "AI Stack Plans/": "" });
    await port.createNote("AI Stack Plans//Plan.md", "# Plan\n");
    expect(vault.getAbstractFileByPath("AI Stack Plans/Plan.md")).toBeInstanceOf(TFile);
    expect(await read(vault, "AI Stack Plans/Plan.md")).toBe("# Plan\n");
  });

  test("never overwrites: a second create of the same path rejects and the content stays", async () => {
    const { vault, port } = setup();
    refuseExistingLikeObsidian(vault);
    const modify = jest.spyOn(vault, "modify");
    const write = jest.spyOn(vault.adapter, "write");
    await port.createNote("Plan.md", "first");
    await expect(port.createNote("Plan.md", "second")).rejects.toThrow("File already exists.");
    expect(await read(vault, "Plan.md")).toBe("first");
    expect(modify).not.toHaveBeenCalled();
    expect(write).toHaveBeenCalledTimes(1);
  });
});

describe("exists", () => {
  test("sees files and folders, and not what is missing", async () => {
    const { port } = setup({ "Plans/A plan.md": "x" });
    expect(await port.exists("Plans")).toBe(true);
    expect(await port.exists("Plans/A plan.md")).toBe(true);
    expect(await port.exists("Plans/Another plan.md")).toBe(false);
    expect(await port.exists("Nowhere/A plan.md")).toBe(false);
  });

  test("sees files Obsidian does not index (dot folders) through the adapter", async () => {
    const { vault, port } = setup();
    await vault.adapter.write(".hidden.md", "x");
    expect(vault.getAbstractFileByPath(".hidden.md")).toBeNull();
    expect(await port.exists(".hidden.md")).toBe(true);
  });

  test("is case-insensitive on a case-insensitive disk (macOS, Windows)", async () => {
    const { port } = setup({ "Plans/Pro Plan - RTX 4090.md": "x" }, true);
    expect(await port.exists("Plans/pro plan - rtx 4090.md")).toBe(true);
    expect(await port.exists("plans/PRO PLAN - RTX 4090.md")).toBe(true);
    expect(await port.exists("Plans/pro plan - rtx 4090 2.md")).toBe(false);
  });

  // BUG (reported): VaultPort.exists promises case-insensitive answers, and FolderVaultPort gives
  // them on every disk, but ObsidianVaultPort is case-sensitive where the disk is (Linux, Android).
  test("is case-insensitive on a case-sensitive disk too, as the VaultPort contract says", async () => {
    const { port } = setup({ "Plans/Pro Plan - RTX 4090.md": "x" }, false);
    expect(await port.exists("Plans/pro plan - rtx 4090.md")).toBe(true);
  });
});

describe("ensureFolder", () => {
  test("creates nested folders and is idempotent", async () => {
    const { vault, port } = setup();
    await port.ensureFolder("AI Stack Plans/2026/November");
    for (const folder of ["AI Stack Plans", "AI Stack Plans/2026", "AI Stack Plans/2026/November"]) {
      expect(vault.getAbstractFileByPath(folder)).toBeInstanceOf(TFolder);
    }
    const createFolder = jest.spyOn(vault, "createFolder");
    await port.ensureFolder("AI Stack Plans/2026/November");
    await port.ensureFolder("AI Stack Plans/");
    // (The vault root "/" is not checked here: the mock's normalizePath turns it into "", where
    // Obsidian's keeps "/".)
    expect(createFolder).not.toHaveBeenCalled();
  });
});

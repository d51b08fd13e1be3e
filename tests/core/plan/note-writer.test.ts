/** writeNewNote on a real temp folder: the short fallback name, and a refused note's text kept. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { FolderVaultPort } from "../../../src/adapters/node/folder-vault";
import { NoteNotSaved, writeNewNote } from "../../../src/core/plan/note-writer";
import { listFiles, makeTempVault, removeTempVault } from "../../harness/temp-vault";

/** A folder vault whose disk refuses names over `maxBytes` bytes, as ext4 does at 255. */
class ShortNamesVault extends FolderVaultPort {
  constructor(root: string, private readonly maxBytes: number) {
    super(root);
  }
  override async createNote(vaultPath: string, content: string): Promise<void> {
    if (Buffer.byteLength(path.posix.basename(vaultPath)) > this.maxBytes) throw Object.assign(new Error("ENAMETOOLONG: name too long"), { code: "ENAMETOOLONG" });
    await super.createNote(vaultPath, content);
  }
}

let vault: string;
beforeEach(async () => {
  vault = await makeTempVault({ "Note.md": "mine\n" });
});
afterEach(() => removeTempVault(vault));

test("a name the disk refuses falls back to the short name in the same folder", async () => {
  const written = await writeNewNote(new ShortNamesVault(vault, 40), "Plans", "2026-11-25 0905 - Pro plan - a rather long hardware text", "PLAN\n", "2026-11-25 0905 - Pro plan");
  expect(written).toBe("Plans/2026-11-25 0905 - Pro plan.md");
  expect(await fs.readFile(path.join(vault, written), "utf8")).toBe("PLAN\n");
});

test("when both names fail, NoteNotSaved names the first path and carries the text", async () => {
  await fs.writeFile(path.join(vault, "Plans"), "a file where the folder should be");
  const error = await writeNewNote(new FolderVaultPort(vault), "Plans", "Long name", "PLAN\n", "Short").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NoteNotSaved);
  const notSaved = error as NoteNotSaved;
  expect(notSaved.path).toBe("Plans/Long name.md");
  expect(notSaved.content).toBe("PLAN\n");
  expect(notSaved.kind).toBe("write-failed");
  expect(notSaved.message).toMatch(/^Couldn't write the plan note "Plans\/Long name\.md": /);
  expect(await listFiles(vault)).toEqual(["Note.md", "Plans"]);
});

test("a path the vault refuses (outside it) is a NoteNotSaved too, never a raw error", async () => {
  const error = await writeNewNote(new FolderVaultPort(vault), "../outside", "Plan", "PLAN\n").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NoteNotSaved);
  expect((error as NoteNotSaved).content).toBe("PLAN\n");
});

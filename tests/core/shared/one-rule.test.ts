/** The shared rules every caller uses: model names, file system failures in words. */
import fc from "fast-check";
import { errnoCode, fsProblem, isFsError, knownFsProblem } from "../../../src/core/shared/fs-errors";
import { modelKey, sameModel } from "../../../src/core/shared/model-name";

const fsError = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe("sameModel", () => {
  test.each<[string, string, boolean]>([
    ["llama3.2", "llama3.2:latest", true],
    ["Llama3.2:Latest", "llama3.2", true],
    [" qwen2.5:14b ", "qwen2.5:14b", true],
    ["qwen2.5:14b", "qwen2.5:7b", false],
    ["qwen2.5", "qwen2.5:7b", false],
    ["nomic-embed-text", "nomic-embed-text:v1.5", false],
  ])("%s vs %s → %s", (a, b, same) => {
    expect(sameModel(a, b)).toBe(same);
    expect(sameModel(b, a)).toBe(same);
  });

  test("a key is stable: normalising twice changes nothing", () => {
    fc.assert(fc.property(fc.string(), (name) => expect(modelKey(modelKey(name))).toBe(modelKey(name))));
  });
});

describe("fsProblem", () => {
  test.each<[string, "read" | "write", string]>([
    ["EACCES", "read", "there is no permission to read it"],
    ["EPERM", "write", "there is no permission to write there"],
    ["EROFS", "write", "there is no permission to write there"],
    ["EISDIR", "read", "it is a folder, not a file"],
    ["ENOTDIR", "write", "a file is in the way (the folder or one above it is a file)"],
    ["ENOSPC", "write", "the disk is full"],
    ["EIO", "read", "it can't be read"],
    ["EIO", "write", "the files there could not be read or written"],
  ])("%s while %sing → %s", (code, doing, words) => {
    expect(fsProblem(fsError(code), doing)).toBe(words);
    expect(words).not.toMatch(/E[A-Z]{2,}/);
  });

  test("only file system errors have a code; unknown codes have no specific words", () => {
    expect(errnoCode(new Error("plain"))).toBe("");
    expect(isFsError(new Error("plain"))).toBe(false);
    expect(isFsError(fsError("ENOENT"))).toBe(true);
    expect(knownFsProblem(fsError("ENOENT"), "write")).toBeNull();
  });
});

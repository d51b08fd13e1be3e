import { checksumWords, fnv1a64, fnv1a64Bytes, WordChecksum } from "../../../src/core/shared/hash";

describe("fnv1a64", () => {
  // Reference values of FNV-1a 64 (http://www.isthe.com/chongo/tech/comp/fnv/).
  test.each([
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
  ])("%j → %s", (text, hash) => {
    expect(fnv1a64(text)).toBe(hash);
  });

  test("hashes the UTF-8 bytes", () => {
    expect(fnv1a64("隐私")).toBe(fnv1a64Bytes(new TextEncoder().encode("隐私")));
    expect(fnv1a64("隐私")).not.toBe(fnv1a64("隐"));
  });
});

describe("WordChecksum", () => {
  test("any single changed word changes the checksum; ranges compose", () => {
    const words = new Uint32Array(1000).map((_, i) => (i * 2654435761) >>> 0);
    const base = checksumWords(words);
    for (const at of [0, 1, 499, 999]) {
      const copy = words.slice();
      copy[at] ^= 1;
      expect(checksumWords(copy)).not.toBe(base);
    }
    expect(new WordChecksum().update(words, 0, 400).update(words, 400).hex()).toBe(base);
    expect(checksumWords(words, 0, 999)).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });
});

/** Words for BM25: segmentation (English and Chinese), term bags and reading them without parsing. */
import fc from "fast-check";
import { parseTermBag, queryTerms, termBagLength, termBagOf, termCount, tokenize } from "../../../src/core/index/lexical";

test("English words are lowercased, plurals folded, common words dropped; names with dots stay whole", () => {
  expect(tokenize("The Power Settings of my laptops: qwen2.5 runs")).toEqual(["power", "setting", "laptop", "qwen2.5", "run"]);
});

test("Chinese and Japanese runs become character bigrams, so a word matches inside longer text", () => {
  expect(tokenize("我的显卡")).toEqual(["我的", "的显", "显卡"]);
  expect(queryTerms("显卡")).toEqual(["显卡"]);
  expect(tokenize("RTX 3090，24 GB 显存")).toEqual(["显存", "rtx", "3090", "24", "gb"]);
});

test("Thai, written without spaces, is split into words by Intl.Segmenter", () => {
  const words = tokenize("การ์ดจอ RTX");
  expect(words).toContain("rtx");
  expect(words.filter((w) => /\p{Script=Thai}/u.test(w)).join("")).toBe("การ์ดจอ");
  expect(words.filter((w) => /\p{Script=Thai}/u.test(w)).length).toBeGreaterThan(1);
  expect(tokenize("การ์ดจอ")).toEqual(tokenize("การ์ดจอ"));
});

test("a bag's length and counts are read without parsing it, and agree with a full parse", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom("gpu", "gpus", "ram", "ramen", "显卡", "显存", "a1", "b.c"), { maxLength: 30 }), (words) => {
      const bag = termBagOf(words.join(" "));
      const parsed = parseTermBag(bag);
      expect(termBagLength(bag)).toBe(parsed.length);
      for (const term of ["gpu", "ram", "ramen", "显卡", "b.c", "pu", "am"]) {
        const i = parsed.terms.indexOf(term);
        expect(termCount(bag, term)).toBe(i < 0 ? 0 : parsed.counts[i]);
      }
    }),
  );
});

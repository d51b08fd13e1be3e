/** Thinking blocks: taken out of answers, whole or as they stream in pieces. */
import fc from "fast-check";
import { splitThinking, ThinkingStream } from "../../../src/core/shared/thinking";

describe("splitThinking", () => {
  test.each<[string, string, string]>([
    ["<think>\nUse Llama 70B?\n</think>\n\n## Plan\nUse qwen2.5:7b.", "## Plan\nUse qwen2.5:7b.", "Use Llama 70B?"],
    ["## Plan only", "## Plan only", ""],
    ["<thinking>a</thinking>answer", "answer", "a"],
    // A stream cut inside the thinking: everything is thinking.
    ["<think>still thinking about 70B", "", "still thinking about 70B"],
    // Some templates drop the opening tag.
    ["reasoning here</think>\nThe plan.", "The plan.", "reasoning here"],
  ])("%j", (text, answer, thinking) => {
    expect(splitThinking(text)).toEqual({ answer, thinking });
  });
});

describe("ThinkingStream", () => {
  function run(pieces: readonly string[]): { thinking: string; answer: string } {
    const stream = new ThinkingStream();
    let thinking = "";
    let answer = "";
    for (const piece of [...pieces.map((p) => stream.push(p)), stream.flush()]) {
      thinking += piece.thinking;
      answer += piece.answer;
    }
    return { thinking, answer };
  }

  test("tags cut between pieces are still recognised", () => {
    expect(run(["<thi", "nk>Check the 4090", " first.</th", "ink>\n\n## Plan", "\nUse Qwen."])).toEqual({ thinking: "Check the 4090 first.", answer: "## Plan\nUse Qwen." });
  });

  test("an answer without thinking passes through unchanged, a '<' included", () => {
    expect(run(["## Plan\n", "a < b, <br>"])).toEqual({ thinking: "", answer: "## Plan\na < b, <br>" });
  });

  test("however the stream is cut into pieces, the result is the same as splitting the whole", () => {
    fc.assert(
      fc.property(fc.constantFrom("<think>\nhmm, 70B? no.\n</think>\n\nUse qwen2.5:7b.", "Use qwen2.5:7b. <think> is a tag", "<thinking>x</thinking>y"), fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 20 }), (text, cuts) => {
        const pieces: string[] = [];
        let at = 0;
        for (const cut of cuts) {
          pieces.push(text.slice(at, at + cut));
          at += cut;
        }
        pieces.push(text.slice(at));
        const streamed = run(pieces);
        expect({ thinking: streamed.thinking.trim(), answer: streamed.answer }).toEqual(splitThinking(text));
      }),
    );
  });
});

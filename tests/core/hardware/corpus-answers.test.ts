/**
 * The hand-written answer corpus as table tests: realistic answers checked against the hardware
 * they were written for. The held-out part is scored apart, on the number fully right.
 */
import { ANSWERS_EN } from "./corpus/answers-en";
import { ANSWERS_MORE } from "./corpus/answers-more";
import { ANSWERS_FOURTH } from "./corpus/answers-fourth";
import { ANSWERS_THIRD } from "./corpus/answers-third";
import { ANSWERS_ZH } from "./corpus/answers-zh";
import { HOLDOUT_ANSWERS } from "./corpus/holdout";
import { HOLDOUT_B_ANSWERS } from "./corpus/holdout-b-answers";
import { answerProblems } from "./corpus/judge";

const ANSWERS = [...ANSWERS_EN, ...ANSWERS_ZH, ...ANSWERS_MORE, ...ANSWERS_THIRD, ...ANSWERS_FOURTH];

describe("corpus: answers", () => {
  test("has at least 40 answers in both languages, with tables and thinking", () => {
    expect(ANSWERS.length).toBeGreaterThanOrEqual(40);
    expect(ANSWERS.filter((c) => c.lang === "zh").length).toBeGreaterThanOrEqual(10);
    expect(ANSWERS.filter((c) => c.answer.includes("<think>")).length).toBeGreaterThanOrEqual(2);
    expect(ANSWERS.filter((c) => /^\|/m.test(c.answer)).length).toBeGreaterThanOrEqual(3);
  });

  test.each(ANSWERS.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    expect(answerProblems(c)).toEqual([]);
  });

  test("held out (written before the code changed): at least 7 of 8 fully right", () => {
    const right = HOLDOUT_ANSWERS.filter((c) => answerProblems(c).length === 0).length;
    expect(right).toBeGreaterThanOrEqual(7);
  });

  test("second held-out batch (fresh eyes, written before reading the readers): at least 15 of 16 fully right", () => {
    const wrong = HOLDOUT_B_ANSWERS.map((c) => [c.id, answerProblems(c)] as const).filter(([, p]) => p.length > 0);
    expect(HOLDOUT_B_ANSWERS.length - wrong.length).toBeGreaterThanOrEqual(15);
  });
});

/** The hand-written hardware corpus as table tests: descriptions as people type them. */
import { HARDWARE_CASES as FIRST, HARDWARE_FOURTH, HARDWARE_MORE, HARDWARE_THIRD } from "./corpus/hardware";
import { HOLDOUT_HARDWARE } from "./corpus/holdout";
import { HOLDOUT_B_HARDWARE } from "./corpus/holdout-b";
import { hardwareProblems } from "./corpus/judge";

const HARDWARE_CASES = [...FIRST, ...HARDWARE_MORE, ...HARDWARE_THIRD, ...HARDWARE_FOURTH];

describe("corpus: hardware descriptions", () => {
  test("has at least 60 descriptions", () => {
    expect(HARDWARE_CASES.length).toBeGreaterThanOrEqual(60);
  });

  test.each(HARDWARE_CASES.map((c) => [c.text, c] as const))("%s", (_text, c) => {
    expect(hardwareProblems(c)).toEqual([]);
  });

  test("held out (written before the code changed): at least 9 of 10 read right", () => {
    const right = HOLDOUT_HARDWARE.filter((c) => hardwareProblems(c).length === 0).length;
    expect(right).toBeGreaterThanOrEqual(9);
  });

  test("second held-out batch (fresh eyes, written before reading the readers): at least 19 of 20 read right", () => {
    const wrong = HOLDOUT_B_HARDWARE.map((c) => [c.text, hardwareProblems(c)] as const).filter(([, p]) => p.length > 0);
    expect(HOLDOUT_B_HARDWARE.length - wrong.length).toBeGreaterThanOrEqual(19);
  });
});

/**
 * The offline draft over many machines: its numbers never contradict each other, no field is left
 * blank, the first listed use is the main one, and the draft passes its own fit check.
 */
import fc from "fast-check";
import { checkPlanFit } from "../../../src/core/hardware/fit-check";
import { computeFitTable } from "../../../src/core/hardware/fit-table";
import { parseHardwareText } from "../../../src/core/hardware/parse-text";
import { renderOfflineDraft } from "../../../src/core/plan/offline-plan";

const gb = (text: string) => Number(text);

const machine = fc.oneof(
  fc.tuple(fc.constantFrom("M1", "M2 Pro", "M3", "M4 Max"), fc.constantFrom(8, 16, 18, 24, 32, 36, 48, 64, 96, 128, 192)).map(([chip, ram]) => `MacBook Pro ${chip} ${ram}GB`),
  fc.tuple(fc.constantFrom("RTX 3060 12GB", "4090", "2x 3090", "RTX 4060 8GB", "RX 7900 XTX", "Arc A770 16GB", "GTX 1650 4GB", "RTX 3080 Laptop"), fc.constantFrom(8, 16, 32, 64, 128), fc.constantFrom("Windows 11", "Ubuntu", "")).map(([gpu, ram, os]) => `PC, ${gpu}, ${ram}GB RAM${os ? `, ${os}` : ""}`),
  fc.tuple(fc.constantFrom(4, 8, 12, 16, 32, 64), fc.constantFrom("Laptop", "Mini PC", "Jetson AGX Orin")).map(([ram, device]) => `${device}, ${ram}GB RAM`),
);
const usage = fc.constantFrom("", "translation, email", "email, notes", "family budget and code review", "写作，邮件回复", "stuff");
const vault = fc.option(fc.record({ notes: fc.integer({ min: 0, max: 50_000 }), cjkNotes: fc.constant(0), tokens: fc.constant(0), chunks: fc.integer({ min: 0, max: 200_000 }) }), { nil: undefined });

describe("offline draft properties", () => {
  test("numbers never contradict, nothing is blank, and the draft passes its own check", () => {
    fc.assert(
      fc.property(machine, usage, fc.constantFrom<"en" | "zh">("en", "zh"), vault, (hardware, uses, language, facts) => {
        const note = renderOfflineDraft({ tier: "pro", language, hardware, usage: uses, created: new Date(2026, 11, 2), ...(facts ? { vault: facts } : {}) });
        // The text after the frontmatter (where `model: null` is meant) and before the fit table.
        const body = note.slice(note.indexOf("\n---\n") + 5, note.search(/> \[!note\]- (?:Hardware fit|硬件适配)/) >>> 0);
        // The sentences the draft writes; the workflow's JSON and setup commands are code, checked by the workflow tests.
        const prose = body.replace(/^> \[!example\][^\n]*\n(?:>[^\n]*\n?)*/gm, "").replace(/```[\s\S]*?```/g, "");
        expect(prose).not.toMatch(/undefined|NaN|null|\(\)|（）|\*\*\*\*|``|: \.|：。/);
        // "needs A, more than the B": A > B.
        for (const m of body.matchAll(/need (\d+(?:\.\d+)?) GB, more than the (\d+(?:\.\d+)?) GB/g)) expect(gb(m[1])).toBeGreaterThan(gb(m[2]));
        for (const m of body.matchAll(/共需 (\d+(?:\.\d+)?) GB，超过 GPU 的 (\d+(?:\.\d+)?) GB/g)) expect(gb(m[1])).toBeGreaterThan(gb(m[2]));
        // "needs A; fits in the B of usable VRAM (C to spare)": A ≤ B, C ≥ 0.
        for (const m of body.matchAll(/needs (\d+(?:\.\d+)?) GB; fits in the (?:GPU's )?(\d+(?:\.\d+)?) GB/g)) expect(gb(m[1])).toBeLessThanOrEqual(gb(m[2]));
        for (const m of body.matchAll(/leaves (-?\d+(?:\.\d+)?) GB free|剩余 (-?\d+(?:\.\d+)?) GB/g)) expect(gb(m[1] ?? m[2])).toBeGreaterThan(0);
        // The GPU's share of a unified memory is one figure everywhere.
        const share = /about (\d+(?:\.\d+)?) GB usable by the GPU|GPU 约可用 (\d+(?:\.\d+)?) GB/.exec(body);
        const most = /GPU gets at most (\d+(?:\.\d+)?) GB|GPU 最多可用 (\d+(?:\.\d+)?) GB/.exec(body);
        if (share && most) expect(most[1] ?? most[2]).toBe(share[1] ?? share[2]);
        // The main use is the first listed one, never blank.
        const first = uses.split(/[,，]| and /)[0].trim();
        const title = /Your main use: \*\*([^*]*)\*\*\.|主要用途：\*\*([^*]*)\*\*。/.exec(body);
        expect(title).not.toBeNull();
        if (first !== "") expect(title?.[1] ?? title?.[2]).toBe(first);
        // What the draft recommends, the fit check lets through.
        const table = computeFitTable(parseHardwareText(hardware, language), { lang: language });
        expect(checkPlanFit(body, table, language).status).not.toBe("warnings");
      }),
      { numRuns: 250 },
    );
  });
});

import { renderStackStatus, upsertStackStatus } from "../../../../src/core/plan/stack/stack-status";

const CHECKED = new Date(2026, 11, 2, 9, 5);
const first = renderStackStatus([{ ok: true, text: "Ollama 0.12.0 answers" }, { ok: false, text: "n8n does not answer", fix: "Start it." }], "en", CHECKED);
const second = renderStackStatus([{ ok: true, text: "n8n answers" }], "en", new Date(2026, 11, 2, 9, 30));

test("the section: ticked lines carry the time, unticked ones their fix", () => {
  expect(first).toBe("## Stack status\n\nChecked 2026-12-02 09:05.\n\n- [x] Ollama 0.12.0 answers (2026-12-02 09:05)\n- [ ] n8n does not answer\n    - Fix: Start it.");
  expect(renderStackStatus([{ ok: false, text: "x", fix: "y" }], "zh", CHECKED)).toBe("## 技术栈状态\n\n检查时间：2026-12-02 09:05。\n\n- [ ] x\n    - 解决: y");
});

test.each([
  ["at the end", "# Plan\n\nBody.\n", (s: string) => `# Plan\n\nBody.\n\n${s}\n`],
  ["at the end, no final newline", "# Plan\n\nBody.", (s: string) => `# Plan\n\nBody.\n\n${s}\n`],
])("appended %s, then replaced in place", (_label, note, expected) => {
  const once = upsertStackStatus(note, first);
  expect(once).toBe(expected(first));
  expect(upsertStackStatus(once, second)).toBe(expected(second));
});

test("between the user's sections: only the section changes, every other byte is kept", () => {
  const before = "# Plan\n\n## Compute\n\nText ## not a heading\n\n";
  const after = "## My notes\n\n### Sub\n\nKeep *this*  \n";
  const note = `${before}${first}\n\n${after}`;
  expect(upsertStackStatus(note, second)).toBe(`${before}${second}\n\n${after}`);
  // The user's own lines right under the checklist (any heading level, a paragraph) are not part of it.
  expect(upsertStackStatus(`${before}${first}\n### Mine\n\n${after}`, second)).toBe(`${before}${second}\n### Mine\n\n${after}`);
  expect(upsertStackStatus(`${before}${first}\nI restarted n8n.\n`, second)).toBe(`${before}${second}\nI restarted n8n.\n`);
});

import { buildAskPrompt } from "../../../src/core/plan/ask-vault";
import type { RetrievedChunk } from "../../../src/core/index/retrieval";

const CHUNKS: RetrievedChunk[] = [
  { path: "Hardware/Desk PC.md", headingPath: ["Desk PC", "GPU"], text: "RTX 4090 with 24 GB VRAM.", score: 0.82 },
  { path: "Privacy.md", headingPath: [], text: "No note may leave this machine.", score: 0.61 },
];

describe("buildAskPrompt", () => {
  test("with notes: the system message asks for [[note#heading]] citations; the notes come fenced before the question", () => {
    const { messages, context } = buildAskPrompt("  Which GPU do I have?  ", CHUNKS, "en", 8192);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ role: "system" });
    expect(messages[0].content).toContain("[[Folder/Note#Heading]]");
    const user = messages[1].content;
    expect(user).toMatch(/^===== From my notes =====\n/);
    expect(user).toContain("[[Hardware/Desk PC#GPU]]\nRTX 4090 with 24 GB VRAM.");
    expect(user).toContain("[[Privacy]]\nNo note may leave this machine.");
    expect(user.endsWith("===== End of From my notes =====\n\nWhich GPU do I have?")).toBe(true);
    expect(context.used.map((c) => c.path)).toEqual(["Hardware/Desk PC.md", "Privacy.md"]);
  });

  test("without notes: says so and sends only the question", () => {
    const { messages, context } = buildAskPrompt("Which GPU do I have?", [], "zh", 8192);
    expect(messages[0].content).toContain("没有可用的用户笔记");
    expect(messages[1].content).toBe("Which GPU do I have?");
    expect(context.part).toBeNull();
  });

  test("a tiny context leaves the notes out rather than overflowing", () => {
    const { context } = buildAskPrompt("q", CHUNKS, "en", 600);
    expect(context.used.length).toBeLessThanOrEqual(1);
  });
});

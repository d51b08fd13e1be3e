import { analyzeNote, chunkerSignature, DEFAULT_CHUNK_OPTIONS, embedTextFor, noteTitle, splitLines, type ChunkOptions, type NoteAnalysis } from "../../../src/core/index/chunking";
import { parseFrontmatter } from "../../../src/core/shared/frontmatter";
import { estimateTokens } from "../../../src/core/shared/tokens";

/** A readable picture of the chunk boundaries, for approval snapshots. */
function picture(analysis: NoteAnalysis): string {
  return analysis.chunks
    .map((c) => [`--- chunk ${c.ordinal} · lines ${c.startLine}-${c.endLine} · ${c.tokens} tokens · ${c.headingPath.join(" > ") || "(no heading)"}`, c.text].join("\n"))
    .join("\n");
}

const SMALL: ChunkOptions = { maxTokens: 80, overlapTokens: 8, maxChunksPerNote: 100 };

describe("estimateTokens", () => {
  test.each([
    ["", 0],
    ["abcd", 1],
    ["hello world", 3],
    ["我的电脑", 4],
    ["我的 GPU", 2 + Math.ceil(4 / 4)],
    ["こんにちは", 5],
    ["한국어", 3],
    // Supplementary-plane ideographs are one character (two UTF-16 units) and one token.
    ["𠀀𠀁", 2],
  ])("%j ≈ %d tokens", (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });

  test("Chinese costs about one token per character, English about one per four characters", () => {
    const zh = "我想在本地运行大语言模型，并且保护我的隐私。".repeat(10);
    const en = "I want to run large language models locally and keep my data private. ".repeat(10);
    expect(estimateTokens(zh)).toBe(zh.length);
    expect(estimateTokens(en)).toBe(Math.ceil(en.length / 4));
  });
});

describe("frontmatter and metadata", () => {
  test("scalars, inline and block lists, quotes, comments; nested maps skipped", () => {
    const lines = splitLines(
      [
        "---",
        "title: 'It''s mine'",
        'quoted: "a # not a comment"',
        "count: 42",
        "flag: true",
        "empty:",
        "nothing: ~",
        "inline: [one, 'two, three', \"four\"]",
        "tags:",
        "  - AI",
        "  - private/health",
        "nested:",
        "  key: value",
        "after: value # comment",
        "---",
        "body",
      ].join("\n"),
    );
    const { data, bodyStart } = parseFrontmatter(lines);
    expect(bodyStart).toBe(15);
    expect(data).toEqual({
      title: "It's mine",
      quoted: "a # not a comment",
      count: 42,
      flag: true,
      empty: null,
      nothing: null,
      inline: ["one", "two, three", "four"],
      tags: ["AI", "private/health"],
      nested: null,
      after: "value",
    });
  });

  test("an unclosed block is not frontmatter", () => {
    expect(parseFrontmatter(["---", "a: 1", "text"])).toEqual({ data: {}, bodyStart: 0 });
  });

  test("frontmatter is metadata, never chunk text; tags come from frontmatter and body, not code", () => {
    const note = ["---", "tags: [AI, Private/Health]", "source: manual", "---", "# Setup #gpu", "My box. #Home-Lab and `#not-a-tag`", "", "```", "#also-not", "```", "Issue #123 is not a tag."].join("\n");
    const analysis = analyzeNote("Notes/Setup.md", note);
    expect(analysis.metadata.title).toBe("Setup");
    expect(analysis.metadata.frontmatter).toEqual({ tags: ["AI", "Private/Health"], source: "manual" });
    expect(analysis.metadata.tags).toEqual(["ai", "gpu", "home-lab", "private/health"]);
    for (const chunk of analysis.chunks) {
      expect(chunk.text).not.toContain("source: manual");
      expect(chunk.text).not.toContain("tags:");
    }
    expect(analysis.chunks[0].startLine).toBe(5);
  });

  test("the note title is the file name without folder and extension", () => {
    expect(noteTitle("A/B/My note.md")).toBe("My note");
    expect(noteTitle("Top.MD")).toBe("Top");
  });
});

describe("chunk boundaries (approval)", () => {
  test("headings make sections; the embedded text starts with title and heading path", () => {
    const note = [
      "Intro line before any heading.",
      "",
      "# Hardware",
      "Desktop with an RTX 4090 (24 GB VRAM) and 64 GB RAM.",
      "",
      "## GPU",
      "The card runs 70B models only at 4-bit with offloading.",
      "",
      "### Drivers",
      "CUDA 12.4.",
      "",
      "## Storage",
      "2 TB NVMe.",
      "",
      "# Uses",
      "Writing, coding, and a personal knowledge base.",
    ].join("\n");
    const analysis = analyzeNote("Home/Workstation.md", note);
    expect(analysis.chunks.map((c) => c.headingPath)).toEqual([[], ["Hardware"], ["Hardware", "GPU"], ["Hardware", "GPU", "Drivers"], ["Hardware", "Storage"], ["Uses"]]);
    expect(analysis.chunks[3].embedText).toBe("Workstation > Hardware > GPU > Drivers\n\nCUDA 12.4.");
    expect(analysis.chunks[0].embedText).toBe("Workstation\n\nIntro line before any heading.");
    expect(picture(analysis)).toMatchSnapshot();
  });

  test("a long section is split by size at paragraph and sentence ends, with a small overlap", () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1}. Local models keep my notes private. Each answer stays on this machine, and the fans stay quiet at night.`);
    const analysis = analyzeNote("Long.md", `# Privacy\n\n${paragraphs.join("\n\n")}`, SMALL);
    expect(analysis.chunks.length).toBeGreaterThan(3);
    for (const chunk of analysis.chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(SMALL.maxTokens);
      expect(estimateTokens(chunk.embedText)).toBeLessThanOrEqual(SMALL.maxTokens);
    }
    // Every paragraph's text is in some chunk.
    for (const p of paragraphs) expect(analysis.chunks.some((c) => c.text.includes(p.slice(0, 40)))).toBe(true);
    expect(picture(analysis)).toMatchSnapshot();
  });

  test("a code block is kept whole when it fits, even if that starts a new chunk", () => {
    const code = ["```python", "import ollama", "for chunk in ollama.chat(model='llama3.2', messages=[], stream=True):", "    print(chunk['message']['content'], end='')", "```"].join("\n");
    const before = "Some words before the code that take a fair amount of room in the chunk. ".repeat(3).trim();
    const analysis = analyzeNote("Code.md", `# Script\n\n${before}\n\n${code}\n\nAfter the code.`, SMALL);
    const withCode = analysis.chunks.filter((c) => c.text.includes("import ollama"));
    expect(withCode).toHaveLength(1);
    expect(withCode[0].text).toContain(code);
    expect(picture(analysis)).toMatchSnapshot();
  });

  test("a code block too big for one chunk is split by lines, each piece re-fenced", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `echo "step ${i}: pulling and configuring the model"`);
    const analysis = analyzeNote("Big code.md", `# Install\n\n\`\`\`bash\n${lines.join("\n")}\n\`\`\``, SMALL);
    expect(analysis.chunks.length).toBeGreaterThan(1);
    for (const chunk of analysis.chunks) {
      expect(chunk.text.startsWith("```bash\n")).toBe(true);
      expect(chunk.text.endsWith("\n```")).toBe(true);
      expect(chunk.tokens).toBeLessThanOrEqual(SMALL.maxTokens);
    }
    const all = analysis.chunks.map((c) => c.text).join("\n");
    for (const line of lines) expect(all).toContain(line);
    expect(picture(analysis)).toMatchSnapshot();
  });

  test("Chinese text is split by its real weight, at sentence ends", () => {
    const sentence = "我希望所有数据都在本地处理，不依赖云端服务。";
    const analysis = analyzeNote("中文/隐私笔记.md", `# 隐私\n\n${sentence.repeat(12)}`, SMALL);
    // 264 characters ≈ 264 tokens: at 80 tokens per chunk that needs at least 4 chunks.
    expect(analysis.chunks.length).toBeGreaterThanOrEqual(4);
    for (const chunk of analysis.chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(SMALL.maxTokens);
      expect(chunk.embedText.startsWith("隐私笔记 > 隐私\n\n")).toBe(true);
    }
    // Cuts fall after a full stop, so no chunk starts mid-sentence (except its overlap).
    for (const chunk of analysis.chunks.slice(1)) expect(chunk.text.endsWith("。")).toBe(true);
    expect(picture(analysis)).toMatchSnapshot();
  });

  test("a long one-line paragraph is cut between sentences and keeps its spacing", () => {
    const line = Array.from({ length: 12 }, (_, i) => `Sentence ${i} is about running models at home.`).join(" ");
    const analysis = analyzeNote("Line.md", `# One line\n\n${line}`, { ...SMALL, overlapTokens: 0 });
    expect(analysis.chunks.length).toBeGreaterThan(1);
    for (const chunk of analysis.chunks) {
      expect(chunk.text).toMatch(/^Sentence \d+ .*home\.$/s);
      expect(chunk.text).not.toContain("  ");
      expect(line).toContain(chunk.text);
    }
  });

  test("a single giant line without spaces is hard-cut, never left over the limit", () => {
    const analysis = analyzeNote("Blob.md", `# Blob\n\n${"x".repeat(2000)}`, SMALL);
    expect(analysis.chunks.length).toBeGreaterThan(5);
    for (const chunk of analysis.chunks) expect(chunk.tokens).toBeLessThanOrEqual(SMALL.maxTokens);
    expect(analysis.chunks.map((c) => c.text).join("").replace(/[^x]/g, "").length).toBeGreaterThanOrEqual(2000);
  });

  test("maxChunksPerNote caps a giant note and says so", () => {
    const analysis = analyzeNote("Log.md", Array.from({ length: 200 }, (_, i) => `# Entry ${i}\nline`).join("\n"), { ...SMALL, maxChunksPerNote: 10 });
    expect(analysis.chunks).toHaveLength(10);
    expect(analysis.truncated).toBe(true);
  });

  test("an empty note or one with only frontmatter has no chunks", () => {
    expect(analyzeNote("Empty.md", "").chunks).toEqual([]);
    expect(analyzeNote("Meta.md", "---\na: 1\n---\n\n").chunks).toEqual([]);
  });

  test("CRLF and LF notes chunk the same way", () => {
    const lf = "# A\nline one\nline two\n\n# B\nthree";
    const a = analyzeNote("N.md", lf);
    const b = analyzeNote("N.md", lf.replace(/\n/g, "\r\n"));
    expect(b.chunks.map((c) => [c.text, c.hash])).toEqual(a.chunks.map((c) => [c.text, c.hash]));
  });
});

describe("chunk identity", () => {
  test("chunk hashes depend on heading path and text, not the title: a rename keeps them", () => {
    const note = "# Hardware\nRTX 4090\n\n# Uses\nNotes";
    const a = analyzeNote("Old name.md", note);
    const b = analyzeNote("Folder/New name.md", note);
    expect(b.chunks.map((c) => c.hash)).toEqual(a.chunks.map((c) => c.hash));
    expect(b.contentHash).toBe(a.contentHash);
    expect(b.chunks[0].embedText).toBe(embedTextFor("New name", ["Hardware"], "RTX 4090"));
  });

  test("editing one section changes only that section's chunk hashes", () => {
    const sections = Array.from({ length: 6 }, (_, i) => `# Section ${i}\nText of section ${i}.`);
    const before = analyzeNote("N.md", sections.join("\n\n"));
    sections[3] = "# Section 3\nRewritten text.";
    const after = analyzeNote("N.md", sections.join("\n\n"));
    const changed = after.chunks.filter((c, i) => c.hash !== before.chunks[i].hash).map((c) => c.ordinal);
    expect(changed).toEqual([3]);
  });

  test("the signature names the chunker version and its options", () => {
    expect(chunkerSignature()).toBe(`md-v1/${DEFAULT_CHUNK_OPTIONS.maxTokens}/${DEFAULT_CHUNK_OPTIONS.overlapTokens}/${DEFAULT_CHUNK_OPTIONS.maxChunksPerNote}`);
    expect(chunkerSignature(SMALL)).not.toBe(chunkerSignature());
  });

  test("a 2 MB note chunks in well under a second", () => {
    const big = Array.from({ length: 20_000 }, (_, i) => (i % 50 === 0 ? `## Part ${i}` : `Line ${i} with some words about models, GPUs and notes. 一些中文内容。`)).join("\n");
    const started = performance.now();
    const analysis = analyzeNote("Big.md", big);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(analysis.chunks.length).toBeGreaterThan(100);
  });
});

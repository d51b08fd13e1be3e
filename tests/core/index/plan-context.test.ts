/**
 * planContext: the budget, the failure notes and the query. The retriever here is the index port
 * with fixed results (the index itself is exercised end to end in indexer.test.ts and the CLI test).
 */
import { estimateTokens } from "../../../src/core/shared/tokens";
import { EmbedError, embedErrors } from "../../../src/core/index/index-errors";
import { contextQuery, planContext, type NotesRetriever } from "../../../src/core/index/plan-context";
import { defaultAnswerTokens, type RetrievedChunk } from "../../../src/core/index/retrieval";

const CHUNKS: RetrievedChunk[] = Array.from({ length: 24 }, (_, i) => ({ path: `Note ${i}.md`, headingPath: ["Part"], text: `Fact ${i}. `.repeat(60), score: 1 - i / 50 }));

function retriever(chunks: RetrievedChunk[] | Error, size?: number): NotesRetriever & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    retrieve: (query) => {
      queries.push(query);
      return chunks instanceof Error ? Promise.reject(chunks) : Promise.resolve(chunks);
    },
    ...(size === undefined ? {} : { size: () => size }),
  };
}

const REQUEST = { hardware: "RTX 4090 24GB", usage: "notes", language: "en" as const, contextTokens: 8192, prompt: "BLUEPRINT ".repeat(300) };

test("the notes part fits what num_ctx leaves after the prompt and the answer", async () => {
  for (const contextTokens of [2048, 4096, 8192, 32768]) {
    const context = await planContext(retriever(CHUNKS), { ...REQUEST, contextTokens }, new AbortController().signal);
    const partTokens = context.part ? estimateTokens(`===== From my notes =====\n${context.part.body}\n===== End of From my notes =====`) : 0;
    expect(estimateTokens(REQUEST.prompt) + partTokens + defaultAnswerTokens(contextTokens)).toBeLessThanOrEqual(contextTokens);
    if (contextTokens >= 4096) expect(context.sources.length).toBeGreaterThan(0);
  }
});

test("the query is the hardware and the uses", async () => {
  const r = retriever(CHUNKS);
  await planContext(r, REQUEST, new AbortController().signal);
  expect(r.queries).toEqual(["RTX 4090 24GB\nnotes"]);
  expect(contextQuery("", " ")).toContain("hardware");
});

test.each<[string, NotesRetriever, RegExp]>([
  ["an empty index", retriever(CHUNKS, 0), /the vault index is empty\. Run "Index vault now"/],
  ["nothing found", retriever([]), /no indexed note matched/],
  ["Ollama cannot embed", retriever(embedErrors.modelMissing("nomic-embed-text:latest")), /^Your notes were not used: The embedding model "nomic-embed-text:latest" isn't installed/],
  ["no room", retriever(CHUNKS), /context size leaves no room/],
])("%s: no part, and the reason", async (name, r, note) => {
  const request = name === "no room" ? { ...REQUEST, contextTokens: 2048, prompt: "x ".repeat(3000) } : REQUEST;
  const context = await planContext(r, request, new AbortController().signal);
  expect(context.part).toBeNull();
  expect(context.sources).toEqual([]);
  expect(context.note).toMatch(note);
});

test("Chinese plans get Chinese reasons", async () => {
  expect((await planContext(retriever([]), { ...REQUEST, language: "zh" }, new AbortController().signal)).note).toMatch(/^未使用你的笔记/);
});

test("a stop during retrieval is not swallowed", async () => {
  const controller = new AbortController();
  controller.abort();
  await expect(planContext(retriever(embedErrors.aborted()), REQUEST, controller.signal)).rejects.toBeInstanceOf(EmbedError);
});

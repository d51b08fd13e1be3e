/**
 * The retrieval eval (`npm run eval:retrieval`): builds the eval vault (eval/vault/ plus the
 * generated notes of generated-vault.ts) in a temporary folder, indexes it with the real indexing
 * service and store and the STAND-IN embedder (stand-in-embedder.ts: no real model here), then asks
 * every question of eval/questions.json and the generated ones through the real search, three
 * ways: vector only, lexical (BM25) only, hybrid. Prints hit@1, hit@3 and MRR over distinct notes,
 * and how the relevance floor did.
 *
 *   npm run eval:retrieval -- [--tune] [--json out.json]
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseYamlStrict } from "../../src/adapters/node/yaml-parse";
import { NodeFsStorage } from "../../src/adapters/vector-index/node-storage";
import { VectorStore } from "../../src/adapters/vector-index/store";
import { FolderNoteSource } from "../../src/cli/folder-note-source";
import { DEFAULT_EXCLUSION_RULES } from "../../src/core/index/exclusions";
import { fuseRankings, groupByNote, type SearchMode } from "../../src/core/index/hybrid-search";
import { VaultIndexer } from "../../src/core/index/indexer";
import { queryTerms } from "../../src/core/index/lexical";
import { generatedVault, type EvalQuestion } from "./generated-vault";
import { standInEmbedder, standInVector } from "./stand-in-embedder";

const REPO = path.resolve(__dirname, "..", "..");
const INDEX_DIR = ".ai-stack-planner/index";
const { values } = parseArgs({ options: { tune: { type: "boolean", default: false }, json: { type: "string", default: "" } } });

async function copyTree(from: string, to: string): Promise<number> {
  let n = 0;
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      await fs.mkdir(dst, { recursive: true });
      n += await copyTree(src, dst);
    } else {
      await fs.copyFile(src, dst);
      n++;
    }
  }
  return n;
}

interface Scores {
  hit1: number;
  hit3: number;
  mrr: number;
  /** Answerable questions whose first answering note in the top 3 passed the floor. */
  floorKept: number;
  /** Unanswerable questions for which no note passed the floor (nothing would be sent). */
  floorClean: number;
  /** Notes passing the floor per answerable question that are not answers, on average. */
  extraRelevant: number;
}

function rankOf(paths: readonly string[], answers: readonly string[]): number {
  const i = paths.findIndex((p) => answers.includes(p));
  return i < 0 ? Infinity : i + 1;
}

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "ai-stack-eval-"));
  try {
    const vault = path.join(root, "vault");
    await fs.mkdir(vault, { recursive: true });
    const hand = await copyTree(path.join(REPO, "eval", "vault"), vault);
    const generated = generatedVault();
    for (const [p, content] of generated.notes) {
      await fs.mkdir(path.dirname(path.join(vault, p)), { recursive: true });
      await fs.writeFile(path.join(vault, p), content);
    }
    const handQuestions = JSON.parse(await fs.readFile(path.join(REPO, "eval", "questions.json"), "utf8")) as EvalQuestion[];
    const questions = [...handQuestions, ...generated.questions];
    const embedder = standInEmbedder();
    const storage = new NodeFsStorage(vault, { durable: false });
    const indexer = new VaultIndexer({
      source: new FolderNoteSource(vault),
      embedder: () => embedder,
      openStore: (model, chunker) => VectorStore.open(storage, INDEX_DIR, { model, chunker }),
      rules: () => DEFAULT_EXCLUSION_RULES,
      parseYaml: parseYamlStrict,
    });
    const run = await indexer.reconcile();
    const status = await indexer.load();
    const answerable = questions.filter((q) => q.answers.length > 0);
    const unanswerable = questions.filter((q) => q.answers.length === 0);
    const signal = new AbortController().signal;

    const results: Record<SearchMode, Scores> = {} as Record<SearchMode, Scores>;
    const misses: string[] = [];
    for (const mode of ["vector", "lexical", "hybrid"] as const) {
      const s: Scores = { hit1: 0, hit3: 0, mrr: 0, floorKept: 0, floorClean: 0, extraRelevant: 0 };
      for (const q of answerable) {
        const found = await indexer.search(q.q, 10, signal, mode);
        const rank = rankOf(found.map((r) => r.path), q.answers);
        if (rank <= 1) s.hit1++;
        if (rank <= 3) s.hit3++;
        s.mrr += rank === Infinity ? 0 : 1 / rank;
        const first = found.slice(0, 3).find((r) => q.answers.includes(r.path));
        if (first?.relevant) s.floorKept++;
        s.extraRelevant += found.filter((r) => r.relevant && !q.answers.includes(r.path)).length;
        if (mode === "hybrid" && rank > 3) misses.push(`  ${q.q}  → ${found.slice(0, 3).map((r) => r.path).join(" | ")}`);
        if (mode === "hybrid" && first && !first.relevant) misses.push(`  (answer under the floor) ${q.q}  → ${first.path} cos ${first.cosine?.toFixed(2) ?? "-"} cov ${first.coverage?.toFixed(2) ?? "-"}, best cos ${found[0]?.cosine?.toFixed(2) ?? "-"}`);
      }
      for (const q of unanswerable) {
        const over = (await indexer.search(q.q, 10, signal, mode)).filter((r) => r.relevant);
        if (over.length === 0) s.floorClean++;
        else if (mode === "hybrid") misses.push(`  (no answer) ${q.q}  → over the floor: ${over.map((r) => `${r.path} cos ${r.cosine?.toFixed(2) ?? "-"} cov ${r.coverage?.toFixed(2) ?? "-"}`).join(" | ")}`);
      }
      const n = answerable.length;
      results[mode] = { hit1: s.hit1 / n, hit3: s.hit3 / n, mrr: s.mrr / n, floorKept: s.floorKept / n, floorClean: unanswerable.length ? s.floorClean / unanswerable.length : 1, extraRelevant: s.extraRelevant / n };
    }

    const f = (x: number) => x.toFixed(3);
    process.stdout.write(
      `\nRetrieval eval: ${status.notes} notes (${hand} hand-written, ${generated.notes.size} generated), ${status.chunks} chunks, ${run.embedded} embedded; ${answerable.length} questions with answers + ${unanswerable.length} without.\n` +
        `Embedder: STAND-IN (feature-hashed character trigrams + a small EN/ZH concept lexicon), not a real model.\n\n` +
        `mode      hit@1  hit@3  MRR    floor keeps answer  floor clean (no answer)  other notes over floor\n` +
        (["vector", "lexical", "hybrid"] as const).map((m) => `${m.padEnd(8)}  ${f(results[m].hit1)}  ${f(results[m].hit3)}  ${f(results[m].mrr)}  ${f(results[m].floorKept).padEnd(18)}  ${f(results[m].floorClean).padEnd(23)}  ${results[m].extraRelevant.toFixed(2)}`).join("\n") +
        `\n\nHybrid misses (answer not in the first three notes) and floor errors:\n${misses.join("\n") || "  none"}\n`,
    );

    if (values.tune) {
      // Fusion constants over the same index, through the store directly (no note reading).
      const { store } = await VectorStore.open(storage, INDEX_DIR, { model: embedder.model, chunker: status.model });
      const grid: string[] = [];
      for (const byCoverage of [false, true])
      for (const rrfK of [5, 10, 20, 60]) {
        for (const lexicalWeight of [0.5, 1, 1.5, 2, 3]) {
          let hit3 = 0;
          let mrr = 0;
          for (const q of answerable) {
            const fused = fuseRankings(store.query(standInVector(q.q), 60), store.queryLexical(queryTerms(q.q), 60), "hybrid", { rrfK, lexicalWeight, byCoverage });
            const rank = rankOf(groupByNote(fused).map((g) => g.best.path), q.answers);
            if (rank <= 3) hit3++;
            mrr += rank === Infinity ? 0 : 1 / rank;
          }
          grid.push(`${byCoverage ? "by coverage" : "rank only  "}  rrfK ${String(rrfK).padStart(2)}  lexical weight ${lexicalWeight.toFixed(2)}  hit@3 ${f(hit3 / answerable.length)}  MRR ${f(mrr / answerable.length)}`);
        }
      }
      await store.close();
      process.stdout.write(`\nFusion grid (reads the index while the indexer holds it: read-only open):\n${grid.join("\n")}\n`);
    }
    await indexer.close();
    if (values.json) await fs.writeFile(values.json, JSON.stringify({ notes: status.notes, chunks: status.chunks, questions: answerable.length, unanswerable: unanswerable.length, results }, null, 2));
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

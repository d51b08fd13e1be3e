/**
 * The vault index benchmark (`npm run bench`; not part of `npm test`). For each vault size it
 * writes a synthetic vault, serves embeddings from the fake Ollama (in this process, over HTTP,
 * deterministic, with a per-batch latency when asked) and runs each case in its own process
 * (scripts/bench/case.ts): our indexing service and store against vectra used naively, side by
 * side, then prints a table with the targets of issue 3.
 *
 *   npm run bench -- [--sizes 1000,5000] [--latency 100] [--batch 32] [--skip-100k] [--json out.json]
 */
import { MAIN_JS_BUDGET_BYTES } from "../bundle-budget";
import { execFileSync, spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { FakeOllama } from "../../tests/harness/fake-ollama";
import { BENCH_INDEX_DIR as INDEX_DIR, writeSyntheticVault } from "./synthetic-vault";

const REPO = path.resolve(__dirname, "..", "..");
const CASE = path.join(__dirname, "case.ts");

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,5000" },
    latency: { type: "string", default: "100" },
    batch: { type: "string", default: "32" },
    "skip-100k": { type: "boolean", default: false },
    "naive-latency-max": { type: "string", default: "1000" },
    json: { type: "string", default: "" },
  },
});

type Result = Record<string, unknown> & { peakRss?: number };

function runCase(name: string, args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CASE, name, ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) reject(new Error(`${name} failed (exit ${String(code)}):\n${err}${out}`));
      else resolve(JSON.parse(line.slice(7)) as Result);
    });
  });
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function bundleSizes(): Promise<{ mainJs: number; mainHasIndex: boolean; storeBundle: number }> {
  execFileSync(process.execPath, ["esbuild.config.mjs", "production"], { cwd: REPO, stdio: "ignore" });
  const mainJs = (await fs.stat(path.join(REPO, "main.js"))).size;
  const mainHasIndex = (await fs.readFile(path.join(REPO, "main.js"), "utf8")).includes(".aspshard");
  // The store with vectra as the plugin bundles it (same plugin), for when main.ts imports it.
  const script = `
    import esbuild from "esbuild";
    import { builtinModules } from "node:module";
    import { vectraSlimPlugin } from "./scripts/esbuild-vectra-plugin.mjs";
    const r = await esbuild.build({
      stdin: { contents: 'export { VectorStore } from "./src/adapters/vector-index/store"; export { ObsidianAdapterStorage } from "./src/adapters/vector-index/obsidian-storage";', resolveDir: process.cwd(), loader: "ts" },
      bundle: true, format: "cjs", target: "es2022", platform: "browser", minify: true, write: false,
      external: ["obsidian", "electron", ...builtinModules, ...builtinModules.map((m) => "node:" + m)],
      plugins: [vectraSlimPlugin], logLevel: "error",
    });
    process.stdout.write(String(r.outputFiles[0].contents.length));
  `;
  const storeBundle = Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO }).toString());
  return { mainJs, mainHasIndex, storeBundle };
}

const MB = 1024 * 1024;
const fmt = {
  s: (ms: unknown) => (typeof ms === "number" ? `${(ms / 1000).toFixed(2)} s` : "—"),
  ms: (ms: unknown) => (typeof ms === "number" ? `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms` : "—"),
  mb: (b: unknown) => (typeof b === "number" ? `${(b / MB).toFixed(0)} MB` : "—"),
  kb: (b: unknown) => (typeof b === "number" ? `${(b / 1024).toFixed(1)} KB` : "—"),
  x: (r: unknown) => (typeof r === "number" ? `${r.toFixed(3)}` : "—"),
};

function get(obj: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

interface SizeResults {
  notes: number;
  ours: Result;
  oursLoad: Result;
  oursLatency: Result;
  naive: Result;
  naiveLoad: Result;
  naiveLatency: Result | null;
}

async function measureSize(fake: FakeOllama, notes: number, latency: number): Promise<SizeResults> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `ai-stack-bench-${notes}-`));
  const vault = path.join(root, "vault");
  const naiveDir = path.join(root, "naive-index");
  try {
    log(`${notes} notes: writing the synthetic vault`);
    await writeSyntheticVault(vault, notes);
    const common = ["--vault", vault, "--host", fake.url, "--batch", values.batch, "--index", naiveDir];
    log(`${notes} notes: ours, zero-latency embedder (full index, ${20} edits, restart)`);
    const ours = await runCase("ours-build", common);
    const oursLoad = await runCase("ours-load", common);
    await fs.rm(path.join(vault, INDEX_DIR), { recursive: true, force: true });
    log(`${notes} notes: ours, ${latency} ms per embedding batch`);
    fake.setEmbedDelay(latency);
    const oursLatency = await runCase("ours-build", [...common, "--only-full"]);
    fake.setEmbedDelay(0);
    log(`${notes} notes: naive vectra, zero-latency embedder`);
    const naive = await runCase("naive-build", common);
    const naiveLoad = await runCase("naive-load", common);
    let naiveLatency: Result | null = null;
    if (notes <= Number(values["naive-latency-max"])) {
      log(`${notes} notes: naive vectra, ${latency} ms per embedding batch`);
      fake.setEmbedDelay(latency);
      naiveLatency = await runCase("naive-build", [...common, "--only-full"]);
      fake.setEmbedDelay(0);
    }
    return { notes, ours, oursLoad, oursLatency, naive, naiveLoad, naiveLatency };
  } finally {
    fake.setEmbedDelay(0);
    await fs.rm(root, { recursive: true, force: true });
  }
}

type Row = [label: string, target: string, cell: (r: SizeResults, impl: "ours" | "naive") => string, pass?: (r: SizeResults) => boolean | null];

function ratio(r: Result | null): number | undefined {
  if (!r) return undefined;
  return (r.fullMs as number) / (r.embedBusyMs as number);
}

const ROWS: Row[] = [
  ["chunks indexed", "", (r, i) => String(get(i === "ours" ? r.ours : r.naive, "chunks"))],
  ["full index, zero-latency fake: wall", "", (r, i) => fmt.s(get(i === "ours" ? r.ours : r.naive, "fullMs"))],
  ["  of which inside /api/embed calls", "", (r, i) => fmt.s(get(i === "ours" ? r.ours : r.naive, "embedBusyMs"))],
  [
    "  own overhead (wall − embed calls)",
    "≤ 10 s @5,000",
    (r, i) => {
      const x = i === "ours" ? r.ours : r.naive;
      return fmt.s((x.fullMs as number) - (x.embedBusyMs as number));
    },
    (r) => (r.notes >= 5000 ? (r.ours.fullMs as number) - (r.ours.embedBusyMs as number) <= 10_000 : null),
  ],
  ["  CPU time of the indexing process", "≤ 10 s @5,000", (r, i) => fmt.s(get(i === "ours" ? r.ours : r.naive, "fullCpuMs")), (r) => (r.notes >= 5000 ? (r.ours.fullCpuMs as number) <= 10_000 : null)],
  ["full index, fixed-latency fake: wall / embed", "≤ 1.10", (r, i) => fmt.x(ratio(i === "ours" ? r.oursLatency : r.naiveLatency)), (r) => (ratio(r.oursLatency) as number) <= 1.1],
  ["single-note edit persisted (p50 / p95)", "≤ 100 ms", (r, i) => (i === "ours" ? `${fmt.ms(get(r.ours, "edit.p50"))} / ${fmt.ms(get(r.ours, "edit.p95"))}` : fmt.ms(get(r.naive, "edit.p50"))), (r) => (get(r.ours, "edit.p95") as number) <= 100],
  ["  CPU time of the edit (p50 / p95)", "", (r, i) => `${fmt.ms(get(i === "ours" ? r.ours : r.naive, "editCpu.p50"))} / ${fmt.ms(get(i === "ours" ? r.ours : r.naive, "editCpu.p95"))}`],
  ["  of which the store's apply (p50)", "", (r, i) => (i === "ours" ? fmt.ms(get(r.ours, "editApply.p50")) : "—")],
  ["index load at startup (first / p50)", "≤ 300 ms", (r, i) => `${fmt.ms(get(i === "ours" ? r.oursLoad : r.naiveLoad, "firstLoadMs"))} / ${fmt.ms(get(i === "ours" ? r.oursLoad : r.naiveLoad, "load.p50"))}`, (r) => (get(r.oursLoad, "load.p50") as number) <= 300],
  ["  CPU time of a load (p50)", "", (r, i) => fmt.ms(get(i === "ours" ? r.oursLoad : r.naiveLoad, "loadCpu.p50"))],
  ["startup sync, no changes (embedded)", "0 embedded", (r, i) => (i === "ours" ? `${fmt.ms(get(r.oursLoad, "startupSyncMs"))} (${String(get(r.oursLoad, "startupEmbedded"))})` : "—"), (r) => get(r.oursLoad, "startupEmbedded") === 0],
  ["query top-8 p50 / p95", "p50 ≤ 15 ms", (r, i) => `${fmt.ms(get(i === "ours" ? r.oursLoad : r.naiveLoad, "query.p50"))} / ${fmt.ms(get(i === "ours" ? r.oursLoad : r.naiveLoad, "query.p95"))}`, (r) => (get(r.oursLoad, "query.p50") as number) <= 15],
  [
    "  query p50 ratio naive / ours (same run)",
    "≥ 3×",
    (r, i) => (i === "ours" ? `${((get(r.naiveLoad, "query.p50") as number) / (get(r.oursLoad, "query.p50") as number)).toFixed(1)}×` : ""),
    (r) => (get(r.naiveLoad, "query.p50") as number) / (get(r.oursLoad, "query.p50") as number) >= 3,
  ],
  ["  recall@8 vs exact float32 scan", "≥ 0.99", (r, i) => (i === "ours" ? fmt.x(get(r.oursLoad, "recall")) : ""), (r) => (get(r.oursLoad, "recall") as number) >= 0.99],
  ["  CPU time per query p50 / p95", "", (r, i) => `${fmt.ms(get(i === "ours" ? r.oursLoad : r.naiveLoad, "queryCpu.p50"))} / ${fmt.ms(get(i === "ours" ? r.oursLoad : r.naiveLoad, "queryCpu.p95"))}`],
  [
    "bytes on disk per chunk",
    "≤ 4 KB",
    (r, i) => {
      const x = i === "ours" ? r.ours : r.naive;
      return fmt.kb((x.bytes as number) / (x.chunks as number));
    },
    (r) => (r.ours.bytes as number) / (r.ours.chunks as number) <= 4096,
  ],
  ["index size on disk", "", (r, i) => fmt.mb(get(i === "ours" ? r.ours : r.naive, "bytes"))],
  ["peak RSS while indexing", "", (r, i) => fmt.mb(get(i === "ours" ? r.ours : r.naive, "peakRss"))],
  ["RSS after load (process total)", "", (r, i) => fmt.mb(get(i === "ours" ? r.oursLoad : r.naiveLoad, "rssAfterLoad"))],
];

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows.map((r) => r.map((cell, c) => cell + " ".repeat(widths[c] - [...cell].length)).join("  ")).join("\n");
}

async function main(): Promise<void> {
  const sizes = values.sizes.split(",").map(Number);
  const latency = Number(values.latency);
  log("building main.js and the store bundle");
  const bundles = await bundleSizes();
  const fake = await FakeOllama.start();
  const loadAtStart = os.loadavg()[0];
  const results: SizeResults[] = [];
  let big: Result | null = null;
  try {
    for (const notes of sizes) results.push(await measureSize(fake, notes, latency));
    if (!values["skip-100k"]) {
      const root = await fs.mkdtemp(path.join(os.tmpdir(), "ai-stack-bench-100k-"));
      try {
        log("100,000 chunks × 768 dims (ours, vectors written directly)");
        big = await runCase("ours-100k", ["--index", root]);
      } finally {
        await fs.rm(root, { recursive: true, force: true });
      }
    }
  } finally {
    await fake.close();
  }

  const header = ["", "target", ...results.flatMap((r) => [`ours @${r.notes}`, `naive @${r.notes}`]), "met"];
  const rows: string[][] = [header];
  for (const [label, target, cell, pass] of ROWS) {
    const verdicts = pass ? results.map((r) => pass(r)).filter((v): v is boolean => v !== null) : [];
    rows.push([label, target, ...results.flatMap((r) => [cell(r, "ours"), cell(r, "naive")]), verdicts.length === 0 ? "" : verdicts.every(Boolean) ? "yes" : "NO"]);
  }
  process.stdout.write(`\nVault index benchmark (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, node ${process.version}); embedder: fake Ollama over HTTP, batches of ${values.batch}, fixed latency ${latency} ms per batch; load average ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end (other processes share the cores: times are inflated when it exceeds the core count)\n\n`);
  process.stdout.write(`${table(rows)}\n\n`);
  const budget = bundles.mainHasIndex ? bundles.mainJs : bundles.mainJs + bundles.storeBundle;
  process.stdout.write(
    `main.js: ${fmt.kb(bundles.mainJs)} (${bundles.mainHasIndex ? "with" : "without"} the index); the store + vectra + Obsidian storage alone, bundled the same way: ${fmt.kb(bundles.storeBundle)}; target main.js ≤ ${MAIN_JS_BUDGET_BYTES / 1024} KB: ${budget <= MAIN_JS_BUDGET_BYTES ? "yes" : "NO"}${bundles.mainHasIndex ? "" : " (sum)"}\n`,
  );
  if (big) {
    process.stdout.write(
      `100,000 chunks × 768: written in ${fmt.s(big.writeMs)}, reopened in ${fmt.ms(big.loadMs)}, query top-8 p50 ${fmt.ms(get(big, "query.p50"))} / p95 ${fmt.ms(get(big, "query.p95"))} (CPU p50 ${fmt.ms(get(big, "queryCpu.p50"))}; target p50 ≤ 40 ms: ${(get(big, "query.p50") as number) <= 40 ? "yes" : "NO"}), recall@8 vs exact ${fmt.x(big.recall)}, ${fmt.kb((big.bytes as number) / (big.chunks as number))} per chunk, peak RSS ${fmt.mb(big.peakRss)}: works\n`,
    );
  }
  if (values.json) await fs.writeFile(values.json, JSON.stringify({ latency, batch: Number(values.batch), bundles, results, big }, null, 2));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

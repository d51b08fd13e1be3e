/**
 * The vault index in a bundle built the way main.js is (esbuild, browser platform, the vectra-slim
 * plugin of esbuild.config.mjs): small, free of wink-nlp/gpt-tokenizer/protobufjs and Node
 * built-ins, and still a working store when loaded.
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { VectorStore as VectorStoreClass } from "../../../src/adapters/vector-index/store";
import { INDEX_DIR, CONFIG, makeNote, put, seeded, storageAt, tempRoot } from "./store-helpers";

const REPO_ROOT = path.resolve(__dirname, "../../..");
const LIMIT = 300 * 1024;

let outDir: string;
let bundlePath: string;
let inputs: string[];

beforeAll(async () => {
  outDir = await tempRoot("ai-stack-bundle-");
  bundlePath = path.join(outDir, "index-probe.js");
  const metaPath = path.join(outDir, "meta.json");
  // Same options as esbuild.config.mjs (production), with an entry that uses the store.
  const script = `
    import esbuild from "esbuild";
    import { builtinModules } from "node:module";
    import { writeFileSync } from "node:fs";
    import { vectraSlimPlugin } from "./scripts/esbuild-vectra-plugin.mjs";
    const result = await esbuild.build({
      stdin: { contents: 'export { VectorStore } from "./src/adapters/vector-index/store";', resolveDir: process.cwd(), loader: "ts" },
      bundle: true, format: "cjs", target: "es2022", platform: "browser", minify: true, treeShaking: true,
      external: ["obsidian", "electron", "@codemirror/*", "@lezer/*", ...builtinModules, ...builtinModules.map((m) => "node:" + m)],
      outfile: ${JSON.stringify(bundlePath)}, metafile: true, logLevel: "error", plugins: [vectraSlimPlugin],
    });
    writeFileSync(${JSON.stringify(metaPath)}, JSON.stringify(result.metafile));
  `;
  execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO_ROOT, stdio: "pipe" });
  inputs = Object.keys((JSON.parse(await fs.readFile(metaPath, "utf8")) as { inputs: Record<string, unknown> }).inputs);
}, 60_000);

afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
});

test("the store with vectra bundles to at most 300 KB without the modules it never uses", async () => {
  const { size } = await fs.stat(bundlePath);
  expect(size).toBeLessThanOrEqual(LIMIT);
  expect(inputs).toContain("node_modules/vectra/lib/LocalIndex.js");
  for (const heavy of ["wink-nlp", "wink-eng-lite-web-model", "wink-bm25-text-search", "gpt-tokenizer", "protobufjs", "openai", "uuid"]) {
    expect(inputs.filter((p) => p.startsWith(`node_modules/${heavy}/`))).toEqual([]);
  }
  const source = await fs.readFile(bundlePath, "utf8");
  // No Node built-ins: the index must stay loadable on mobile.
  expect(source.match(/require\("[^"]+"\)/g) ?? []).toEqual([]);
});

test("the bundled store works: vectra's LocalIndex loads with the stubs and round-trips a note", async () => {
  const { VectorStore } = jest.requireActual<{ VectorStore: typeof VectorStoreClass }>(bundlePath);
  const root = await tempRoot();
  try {
    const note = makeNote("A.md", 3, 8, seeded(1));
    const first = await VectorStore.open(storageAt(root), INDEX_DIR, CONFIG);
    await first.store.apply([put(note)]);
    await first.store.close();
    const { store, report } = await VectorStore.open(storageAt(root), INDEX_DIR, CONFIG);
    expect(report.damage).toBeNull();
    expect(store.getNote("A.md")?.chunkHashes).toEqual(note.chunks.map((c) => c.hash));
    expect(store.query(note.chunks[2].vector, 1)[0]).toMatchObject({ path: "A.md", ord: 2 });
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});

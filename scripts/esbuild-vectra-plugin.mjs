/**
 * esbuild plugin that keeps vectra small in the plugin bundle. The vault index uses only vectra's
 * `LocalIndex` with our own codec and storage (src/adapters/vector-index); the package root pulls
 * wink-nlp and its English model, gpt-tokenizer, protobufjs, openai and Node's fs/path (a 6.6 MB
 * main.js that would not load on mobile). So `vectra` resolves to `lib/LocalIndex.js`, and the
 * modules vectra requires only for BM25, protobuf, documents and local files become stubs that
 * throw if they are ever called. `uuid` (v4 only, for ids we always set) becomes crypto.randomUUID.
 * See docs/decisions/0003-index-format.md.
 */
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// `vectra/browser` is an exported subpath that lives in lib/ (package.json itself is not exported).
const VECTRA_LIB = path.dirname(require.resolve("vectra/browser"));

/** What vectra's LocalIndex module graph requires but the vault index never calls. */
const UNUSED = /^(wink-bm25-text-search|wink-nlp|wink-eng-lite-web-model|gpt-tokenizer|protobufjs|openai|@huggingface\/transformers|cheerio|turndown|buffer|fs|fs\/promises|path|node:fs|node:fs\/promises|node:path)$/;

const UUID_SHIM = "module.exports = { v4: () => globalThis.crypto.randomUUID() };";

function unusedStub(name) {
  // A function (for `__importDefault(require(x)).default()`) that is also an empty namespace
  // (for `__importStar(require(x))`), failing loudly only if vectra ever calls into it.
  return `function unused() { throw new Error(${JSON.stringify(`${name} is not bundled: the vault index uses only vectra's LocalIndex with its own codec and storage.`)}); }
module.exports = unused;`;
}

/** @type {import("esbuild").Plugin} */
export const vectraSlimPlugin = {
  name: "vectra-slim",
  setup(build) {
    build.onResolve({ filter: /^vectra$/ }, () => ({ path: path.join(VECTRA_LIB, "LocalIndex.js") }));
    build.onResolve({ filter: UNUSED }, (args) => (args.importer.startsWith(VECTRA_LIB) ? { path: args.path, namespace: "vectra-unused" } : undefined));
    build.onResolve({ filter: /^uuid$/ }, (args) => (args.importer.startsWith(VECTRA_LIB) ? { path: "uuid", namespace: "vectra-unused" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "vectra-unused" }, (args) => ({ contents: args.path === "uuid" ? UUID_SHIM : unusedStub(args.path), loader: "js" }));
  },
};

/**
 * `npm run cli`: runs the headless CLI from an esbuild bundle (.build/cli.cjs) instead of through
 * tsx. tsx compiles every module on each start (about 1 s of the 1.5 s a search may take on this
 * machine); the bundle is rebuilt only when a file under src/ is newer than it (~0.3 s, once).
 * `npm run demo` and the tests still run the TypeScript directly.
 */
import esbuild from "esbuild";
import { promises as fs } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { vectraSlimPlugin } from "./esbuild-vectra-plugin.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, ".build", "cli.cjs");

async function newestSource(dir) {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSource(full));
    else newest = Math.max(newest, (await fs.stat(full)).mtimeMs);
  }
  return newest;
}

const built = await fs.stat(OUT).then((s) => s.mtimeMs, () => 0);
if (built < (await newestSource(path.join(ROOT, "src")))) {
  await esbuild.build({
    entryPoints: [path.join(ROOT, "src/cli/main.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile: OUT,
    // The CLI uses the store as the plugin does: vectra's LocalIndex only (see the plugin).
    plugins: [vectraSlimPlugin],
    external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
    logLevel: "warning",
  });
}

const { runCli } = createRequire(import.meta.url)(OUT);
const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  signal: controller.signal,
});

import esbuild from "esbuild";
import { builtinModules } from "node:module";
import { vectraSlimPlugin } from "./scripts/esbuild-vectra-plugin.mjs";

const production = process.argv.includes("production");

const context = await esbuild.context({
  entryPoints: ["src/main.ts"],
  bundle: true,
  external: [
    "obsidian",
    "electron",
    "@codemirror/*",
    "@lezer/*",
    ...builtinModules,
    ...builtinModules.map((m) => `node:${m}`),
  ],
  format: "cjs",
  target: "es2022",
  // Obsidian evaluates main.js as CommonJS: a lazy import("os") must become require("os"), which
  // Electron resolves; the renderer's ES module loader cannot resolve Node built-ins.
  supported: { "dynamic-import": false },
  platform: "browser",
  logLevel: "info",
  sourcemap: production ? false : "inline",
  treeShaking: true,
  minify: production,
  // Chinese text as UTF-8 (3 bytes a character) instead of \uXXXX escapes (6): Obsidian reads main.js as UTF-8.
  charset: "utf8",
  outfile: "main.js",
  metafile: true,
  plugins: [vectraSlimPlugin],
});

if (process.argv.includes("watch")) {
  await context.watch();
} else {
  await context.rebuild();
  await context.dispose();
}

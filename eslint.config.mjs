import { defineConfig, globalIgnores } from "eslint/config";
import obsidianmd from "eslint-plugin-obsidianmd";
import globals from "globals";
import tseslint from "typescript-eslint";

const nodeBuiltins = ["fs", "path", "os", "child_process", "crypto", "http", "https", "net", "url", "stream", "util"];

export default defineConfig([
  // isolated-vm-stub is a stand-in package npm installs in place of isolated-vm (see its package.json), not project code.
  globalIgnores(["node_modules/", "main.js", ".build/", "coverage/", "examples/", "docs/", "tests/harness/isolated-vm-stub/"]),
  ...obsidianmd.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["eslint.config.mjs", "esbuild.config.mjs", "jest.config.mjs", "jest.browser.config.mjs", "scripts/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "obsidianmd/ui/sentence-case": ["warn", { brands: ["Ollama", "Obsidian", "AI Stack Planner", "MacBook"], acronyms: ["AI", "GPU", "VRAM", "RAM", "LLM", "URL", "GB"] }],
    },
  },
  {
    // The core is pure: no Obsidian, no Node. It talks to the world only through the ports it defines.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["obsidian", "ollama", "ollama/browser", ...nodeBuiltins],
          patterns: [
            { group: ["node:*"], message: "src/core must not import Node modules." },
            { group: ["**/adapters/**", "**/ui/**", "**/cli/**"], message: "src/core must not depend on outer layers." },
          ],
        },
      ],
    },
  },
  {
    // The manifest Obsidian reads, checked by the review bot's own rule. typescript-eslint's parser
    // reads a .json file as one object expression, which is what the rule walks.
    files: ["manifest.json"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: false } },
    rules: { "obsidianmd/validate-manifest": "error" },
  },
  {
    // vectra's FileStorage contract is Buffer-based; Electron (desktop) provides Buffer as a global.
    files: ["src/adapters/vector-index/vectra-shard.ts"],
    languageOptions: { globals: { Buffer: "readonly" } },
  },
  {
    // Not plugin code: the headless CLI, its folder vault, tests and scripts run in Node, never in Obsidian.
    files: ["src/cli/**/*.ts", "src/adapters/node/folder-vault.ts", "src/adapters/vector-index/node-storage.ts", "tests/**/*.ts", "scripts/**/*.ts", "scripts/*.mjs", "*.mjs", "*.cjs"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { "obsidianmd/no-nodejs-modules": "off", "no-restricted-globals": "off", "obsidianmd/prefer-window-timers": "off", "obsidianmd/no-global-this": "off" },
  },
]);

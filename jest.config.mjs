/**
 * Jest runs TypeScript through ts-jest; `obsidian` resolves to the maintained mock of the whole API.
 *
 * `npm test` (this file) needs nothing but Node and npm. Two projects, so each can run alone:
 * - unit: test files that reach neither the network nor the disk (the core through in-memory fakes
 *   of its ports, see tests/harness/memory-ports.ts). `npx jest --selectProjects unit`.
 * - integration: test files that start the fake Ollama server, write temp folders or spawn
 *   processes, or load the built main.js (adapters, CLI, plugin, robustness). Which project a file is in is decided below
 *   from what it imports, so a new test lands in the right one without being listed.
 * The browser check (`*-browser.test.ts`, needs Chromium) has its own config: jest.browser.config.mjs.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const ROOT = import.meta.dirname;
const TESTS = path.join(ROOT, "tests");
const BROWSER = /-browser\.test\.ts$/;
/** Imports that mean a test file uses HTTP, the disk or child processes. */
const REACHES_OUT = /from "(node:)?(fs|fs\/promises|http|https|net|child_process)"|(harness|\.)\/(fake-ollama|use-fake-ollama|temp-vault|vault-index|robust-vault)"|"main\.js"/;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith(".test.ts") && !BROWSER.test(entry.name) ? [full] : [];
  });
}

const files = testFiles(TESTS);
const integration = files.filter((file) => REACHES_OUT.test(readFileSync(file, "utf8")));
const unit = files.filter((file) => !integration.includes(file));

/** What every project (and the browser config) shares. */
export const shared = {
  testEnvironment: "jest-fixed-jsdom",
  rootDir: ROOT,
  roots: ["<rootDir>/tests"],
  transform: {
    "^.+\\.ts$": [
      "ts-jest",
      {
        tsconfig: { module: "commonjs", moduleResolution: "node16", verbatimModuleSyntax: false, isolatedModules: true },
        diagnostics: false,
      },
    ],
  },
  moduleNameMapper: {
    "^obsidian$": "obsidian-test-mocks/obsidian",
    // vectra (the vault index): its node entry needs MessagePort, and uuid 13 is ESM-only.
    "^vectra$": "<rootDir>/node_modules/vectra/lib/browser.js",
    "^uuid$": "<rootDir>/tests/harness/uuid-shim.ts",
  },
  setupFiles: ["obsidian-test-mocks/jest-setup"],
  setupFilesAfterEnv: ["<rootDir>/tests/harness/network-guard.ts"],
};

const exact = (list) => list.map((file) => `<rootDir>/${path.relative(ROOT, file).split(path.sep).join("/")}`);

export default {
  projects: [
    { ...shared, displayName: "unit", testMatch: exact(unit) },
    { ...shared, displayName: "integration", testMatch: exact(integration) },
  ],
  // A limit that only catches a hang: waits inside tests are on events, never on the clock.
  testTimeout: 60000,
};

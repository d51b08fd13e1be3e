/** Jest runs TypeScript through ts-jest; `obsidian` resolves to the maintained mock of the whole API. */
module.exports = {
  testEnvironment: "jest-fixed-jsdom",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
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
  testTimeout: 20000,
};

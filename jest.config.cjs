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
  },
  setupFiles: ["obsidian-test-mocks/jest-setup"],
  setupFilesAfterEnv: ["<rootDir>/tests/harness/network-guard.ts"],
  testTimeout: 20000,
};

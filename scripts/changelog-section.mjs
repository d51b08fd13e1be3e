/**
 * Prints the CHANGELOG.md section of one version (the release notes), or fails when it has none,
 * so a release cannot go out without its entry. Used by .github/workflows/release.yml:
 *   node scripts/changelog-section.mjs 0.1.0
 */
import { readFileSync } from "node:fs";

const version = process.argv[2];
if (!version) throw new Error("usage: node scripts/changelog-section.mjs <version>");
const lines = readFileSync(new URL("../CHANGELOG.md", import.meta.url), "utf8").split("\n");
const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
if (start < 0) {
  process.stderr.write(`CHANGELOG.md has no "## [${version}]" section.\n`);
  process.exit(1);
}
const end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
process.stdout.write(`${lines.slice(start + 1, end < 0 ? undefined : end).join("\n").trim()}\n`);

/**
 * House rules no linter checks: no source file over 450 lines, and `src/main.ts` under 150 (the
 * wiring stays thin; features live in their folders). Prints each offender and exits 1.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const MAX_LINES = 450;
const MAX_MAIN_LINES = 149;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

function lineCount(file: string): number {
  const text = readFileSync(file, "utf8");
  return text === "" ? 0 : text.replace(/\n$/, "").split("\n").length;
}

const problems: string[] = [];
for (const file of sourceFiles(path.join(ROOT, "src"))) {
  const relative = path.relative(ROOT, file).replace(/\\/g, "/");
  const lines = lineCount(file);
  const limit = relative === "src/main.ts" ? MAX_MAIN_LINES : MAX_LINES;
  if (lines > limit) problems.push(`${relative}: ${lines} lines (at most ${limit}); split it by job.`);
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(`Source sizes OK: no file over ${MAX_LINES} lines, src/main.ts under ${MAX_MAIN_LINES + 1}.\n`);

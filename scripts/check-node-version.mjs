/**
 * Fails unless the running Node satisfies package.json's "engines.node" (comparators such as
 * ">=20.19.0 <25", alternatives joined by "||"). .ci/run calls it before installing anything, so
 * it needs no package: the range syntax it reads is the small subset package.json uses.
 */
import { readFileSync } from "node:fs";

const parse = (version) => version.replace(/^v/, "").split(".").map((n) => Number.parseInt(n, 10) || 0);
const compare = (a, b) => {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};
const holds = (version, comparator) => {
  const m = /^(>=|<=|>|<|=)?\s*v?(\d+(?:\.\d+){0,2})$/.exec(comparator);
  if (!m) throw new Error(`check-node-version: cannot read "${comparator}" in engines.node`);
  const c = compare(version, parse(m[2]));
  return { ">=": c >= 0, "<=": c <= 0, ">": c > 0, "<": c < 0, "=": c === 0, undefined: c === 0 }[m[1]];
};
export function satisfies(version, range) {
  return range.split("||").some((alt) => alt.trim().split(/\s+(?=[<>=v\d])/).every((comp) => holds(parse(version), comp.trim())));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const range = pkg.engines?.node;
  if (!range) throw new Error("package.json declares no engines.node");
  const version = process.env.CHECK_NODE_VERSION ?? process.version;
  if (!satisfies(version, range)) {
    process.stderr.write(`Node ${version} is not one this project supports (engines.node "${range}").\n`);
    process.exit(1);
  }
  process.stdout.write(`Node ${version} satisfies engines.node "${range}".\n`);
}

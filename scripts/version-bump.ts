/**
 * Keeps manifest.json and versions.json in step with package.json's version. Runs from
 * `npm version <patch|minor|major>` (the "version" script), which then stages both files.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = process.env.VERSION_BUMP_ROOT ?? path.resolve(__dirname, "..");
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as Record<string, unknown>;
const write = (file: string, data: unknown) => writeFileSync(path.join(ROOT, file), `${JSON.stringify(data, null, 2)}\n`);

const version = process.env.npm_package_version ?? String(read("package.json").version);
if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`Obsidian needs a plain x.y.z version, not "${version}".`);
const manifest = read("manifest.json");
const minAppVersion = String(manifest.minAppVersion);
write("manifest.json", { ...manifest, version });
const versions = read("versions.json");
versions[version] = minAppVersion;
write("versions.json", versions);
process.stdout.write(`manifest.json and versions.json now at ${version} (minAppVersion ${minAppVersion})\n`);

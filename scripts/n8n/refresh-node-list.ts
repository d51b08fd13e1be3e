/**
 * Refreshes the n8n node fixtures the workflow tests check against, from the node lists n8n itself
 * publishes (`dist/types/nodes.json` in `n8n-nodes-base` and `@n8n/n8n-nodes-langchain`).
 *
 *   npx tsx scripts/n8n/refresh-node-list.ts            (latest published versions)
 *   npx tsx scripts/n8n/refresh-node-list.ts 2.41.2 2.41.1
 *
 * `npm pack` fetches each tarball without its dependencies (n8n-nodes-base is ~12 MB packed), and
 * only nodes.json is extracted. Two files come out:
 * - tests/fixtures/n8n-nodes.json: for every node type we use or might use, its typeVersions and
 *   whether it is a trigger; the versions read from; the nodes n8n disables by default.
 * - tests/fixtures/n8n-node-descriptions.json: the full descriptions of the nodes our workflows use,
 *   so `@n8n/workflow-sdk` can check their parameters (it generates its schemas from them).
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "tests/fixtures");

const PACKAGES = [
  { name: "n8n-nodes-base", prefix: "n8n-nodes-base" },
  { name: "@n8n/n8n-nodes-langchain", prefix: "@n8n/n8n-nodes-langchain" },
] as const;

/** Node types the generated workflows use: their full descriptions are kept for schema checks. */
export const USED_NODE_TYPES = [
  "n8n-nodes-base.scheduleTrigger",
  "n8n-nodes-base.emailReadImap",
  "n8n-nodes-base.webhook",
  "n8n-nodes-base.set",
  "n8n-nodes-base.code",
  "n8n-nodes-base.httpRequest",
  "n8n-nodes-base.readWriteFile",
  "n8n-nodes-base.extractFromFile",
  "n8n-nodes-base.convertToFile",
  "n8n-nodes-base.removeDuplicates",
  "n8n-nodes-base.stickyNote",
];

/** Types that might be used (alternatives and the nodes we must avoid): versions only. */
const LISTED_NODE_TYPES = [
  ...USED_NODE_TYPES,
  "n8n-nodes-base.manualTrigger",
  "n8n-nodes-base.localFileTrigger",
  "n8n-nodes-base.executeCommand",
  "n8n-nodes-base.if",
  "n8n-nodes-base.filter",
  "n8n-nodes-base.aggregate",
  "n8n-nodes-base.merge",
  "n8n-nodes-base.splitInBatches",
  "n8n-nodes-base.emailSend",
  "n8n-nodes-base.respondToWebhook",
  "@n8n/n8n-nodes-langchain.lmChatOllama",
  "@n8n/n8n-nodes-langchain.lmOllama",
  "@n8n/n8n-nodes-langchain.embeddingsOllama",
  "@n8n/n8n-nodes-langchain.ollama",
  "@n8n/n8n-nodes-langchain.chainLlm",
  "@n8n/n8n-nodes-langchain.chainSummarization",
  "@n8n/n8n-nodes-langchain.textClassifier",
  "@n8n/n8n-nodes-langchain.informationExtractor",
];

/**
 * n8n 2.x loads every node except these unless NODES_EXCLUDE says otherwise. Read from
 * packages/@n8n/config/src/configs/nodes.config.ts (`exclude` default) and the 2.0 breaking
 * changes ("Disable ExecuteCommand and LocalFileTrigger nodes by default").
 */
const DISABLED_BY_DEFAULT = {
  nodes: ["n8n-nodes-base.executeCommand", "n8n-nodes-base.localFileTrigger"],
  source: "n8n packages/@n8n/config/src/configs/nodes.config.ts: NODES_EXCLUDE defaults to these; docs.n8n.io v2.0 breaking changes",
};

interface NodeDescription {
  name: string;
  version: number | number[];
  group?: string[];
  [key: string]: unknown;
}

function versionsOf(description: NodeDescription): number[] {
  return Array.isArray(description.version) ? description.version : [description.version];
}

function npm(args: string[], cwd: string): string {
  // `npm pack --json` lists every file of the tarball: several MB for n8n-nodes-base.
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 256 * 1024 * 1024 }).trim();
}

async function readNodeList(pkg: string, version: string, dir: string): Promise<NodeDescription[]> {
  const packed = JSON.parse(npm(["pack", `${pkg}@${version}`, "--json", "--silent"], dir)) as Array<{ filename: string }>;
  const tarball = path.join(dir, packed[0]?.filename ?? "");
  const out = path.join(dir, pkg.replace(/[@/]/g, "_"));
  await fs.mkdir(out, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", out, "package/dist/types/nodes.json"]);
  return JSON.parse(await fs.readFile(path.join(out, "package/dist/types/nodes.json"), "utf8")) as NodeDescription[];
}

/** What the descriptions keep: all the SDK's schema generator and validator read, minus icons and docs. */
function trimDescription(description: NodeDescription, prefix: string): NodeDescription {
  const { codex: _codex, iconUrl: _iconUrl, icon: _icon, ...rest } = description;
  return { ...rest, name: `${prefix}.${description.name}` };
}

async function main(): Promise<void> {
  const pinned = process.argv.slice(2);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "n8n-nodes-"));
  try {
    const read: Record<string, string> = {};
    const listed: Record<string, { versions: number[]; trigger: boolean }> = {};
    const used: NodeDescription[] = [];
    for (const [i, pkg] of PACKAGES.entries()) {
      const version = pinned[i] ?? npm(["view", pkg.name, "version"], dir);
      read[pkg.name] = version;
      for (const description of await readNodeList(pkg.name, version, dir)) {
        const type = `${pkg.prefix}.${description.name}`;
        if (LISTED_NODE_TYPES.includes(type)) {
          const entry = listed[type] ?? { versions: [], trigger: false };
          entry.versions = [...new Set([...entry.versions, ...versionsOf(description)])].sort((a, b) => a - b);
          entry.trigger ||= (description.group ?? []).includes("trigger");
          listed[type] = entry;
        }
        if (USED_NODE_TYPES.includes(type)) used.push(trimDescription(description, pkg.prefix));
      }
    }
    const missing = LISTED_NODE_TYPES.filter((type) => !(type in listed));
    if (missing.length > 0) throw new Error(`Not in the published node lists any more: ${missing.join(", ")}`);
    const nodes = Object.fromEntries(Object.entries(listed).sort(([a], [b]) => a.localeCompare(b)));
    const fixture = { readFrom: read, file: "dist/types/nodes.json", disabledByDefault: DISABLED_BY_DEFAULT, nodes };
    await fs.mkdir(FIXTURES, { recursive: true });
    // One line per version list keeps the fixture short and its diffs readable.
    const text = JSON.stringify(fixture, null, 2).replace(/\[\s+([\d.,\s]+?)\s+\]/g, (_m: string, list: string) => `[${list.split(/,\s*/).join(", ")}]`);
    await fs.writeFile(path.join(FIXTURES, "n8n-nodes.json"), `${text}\n`);
    await fs.writeFile(path.join(FIXTURES, "n8n-node-descriptions.json"), `${JSON.stringify({ readFrom: read, descriptions: used })}\n`);
    process.stdout.write(`Read ${Object.entries(read).map(([name, v]) => `${name}@${v}`).join(", ")}: ${Object.keys(nodes).length} node types listed, ${used.length} descriptions kept.\n`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

/**
 * Checks a generated workflow the way n8n would see it: `@n8n/workflow-sdk`'s validateWorkflow with
 * node descriptions and parameter schemas built from the node lists n8n publishes (fixtures refreshed
 * by scripts/n8n/refresh-node-list.ts), plus structural checks the SDK is lenient about.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setSchemaBaseDirs, validateWorkflow, type ValidationResult } from "@n8n/workflow-sdk";
import { generateNodeDefinitions } from "@n8n/workflow-sdk/dist/generate-types/generate-node-defs-cli";
import { NodeVersionNotFoundError, type INodeTypes } from "n8n-workflow";
import type { N8nWorkflow } from "../../src/core/plan/workflow/n8n-json";
import nodeList from "../fixtures/n8n-nodes.json";
import descriptionsFile from "../fixtures/n8n-node-descriptions.json";

interface Property {
  name: string;
  type: string;
  options?: Array<{ name: string; values?: Property[] }>;
}

interface Description {
  name: string;
  version: number | number[];
  properties: Property[];
  [key: string]: unknown;
}

const descriptions = descriptionsFile.descriptions as unknown as Description[];
const listed = nodeList.nodes as Record<string, { versions: number[]; trigger: boolean }>;

function versionsOf(description: Description): number[] {
  return Array.isArray(description.version) ? description.version : [description.version];
}

function descriptionOf(type: string, version: number): Description | undefined {
  return descriptions.find((d) => d.name === type && versionsOf(d).includes(version));
}

/** n8n's INodeTypes over the fixture's descriptions: what the SDK asks for versions, inputs and outputs. */
const nodeTypes: INodeTypes = {
  getByName: (type: string) => {
    const all = descriptions.filter((d) => d.name === type);
    return all.length > 0 ? { description: all[all.length - 1] } : undefined;
  },
  getByNameAndVersion: (type: string, version?: number) => {
    const all = descriptions.filter((d) => d.name === type);
    const found = version === undefined ? all[all.length - 1] : all.find((d) => versionsOf(d).includes(version));
    if (!found && all.length > 0 && version !== undefined) throw new NodeVersionNotFoundError(type, version, all.flatMap(versionsOf));
    return (found ? { description: found } : undefined) as never;
  },
  getKnownTypes: () => ({}),
} as unknown as INodeTypes;

let schemaDir: string | null = null;

/** Generates the SDK's parameter schemas from the fixture once per test file; call in beforeAll. */
export async function prepareN8nSchemas(): Promise<void> {
  schemaDir = await fs.mkdtemp(path.join(os.tmpdir(), "n8n-schemas-"));
  const nodesJson = path.join(schemaDir, "nodes.json");
  await fs.writeFile(nodesJson, JSON.stringify(descriptions));
  // The generator announces itself on the console; tests stay quiet.
  const quiet = jest.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    await generateNodeDefinitions({ nodesJsonPath: nodesJson, outputDir: schemaDir });
  } finally {
    quiet.mockRestore();
  }
  setSchemaBaseDirs([schemaDir]);
}

/** Removes the generated schemas; call in afterAll. */
export async function removeN8nSchemas(): Promise<void> {
  setSchemaBaseDirs([]);
  if (schemaDir) await fs.rm(schemaDir, { recursive: true, force: true });
  schemaDir = null;
}

/** validateWorkflow with the fixture's node types and schemas. */
export function sdkValidate(workflow: N8nWorkflow): ValidationResult {
  return validateWorkflow(workflow as never, { nodeTypesProvider: nodeTypes, strictMode: true });
}

const STICKY = "n8n-nodes-base.stickyNote";

function keysUnknownTo(parameters: Record<string, unknown>, description: Description): string[] {
  const names = new Set(description.properties.map((p) => p.name));
  const problems = Object.keys(parameters).filter((key) => !names.has(key)).map((key) => `parameter "${key}"`);
  // Keys of collections (options) must be options the collection offers.
  for (const property of description.properties.filter((p) => p.type === "collection" || p.type === "fixedCollection")) {
    const value = parameters[property.name];
    if (typeof value !== "object" || value === null) continue;
    const offered = new Set(description.properties.filter((p) => p.name === property.name).flatMap((p) => (p.options ?? []).map((o) => o.name)));
    for (const key of Object.keys(value)) if (!offered.has(key)) problems.push(`"${property.name}.${key}"`);
  }
  return problems;
}

/** Every problem n8n would have importing and running `workflow`, as one line each; empty when none. */
export function structuralProblems(workflow: N8nWorkflow): string[] {
  const problems: string[] = [];
  const names = new Set(workflow.nodes.map((n) => n.name));
  if (names.size !== workflow.nodes.length) problems.push("two nodes share a name");
  if (new Set(workflow.nodes.map((n) => n.id)).size !== workflow.nodes.length) problems.push("two nodes share an id");
  for (const node of workflow.nodes) {
    const entry = listed[node.type];
    if (!entry) problems.push(`${node.name}: ${node.type} is not in the published node lists`);
    else if (!entry.versions.includes(node.typeVersion)) problems.push(`${node.name}: ${node.type} has no typeVersion ${node.typeVersion}`);
    if (nodeList.disabledByDefault.nodes.includes(node.type)) problems.push(`${node.name}: ${node.type} is disabled by default in n8n 2.x`);
    const description = descriptionOf(node.type, node.typeVersion);
    if (!description) problems.push(`${node.name}: no description kept for ${node.type} ${node.typeVersion}`);
    else for (const p of keysUnknownTo(node.parameters, description)) problems.push(`${node.name}: unknown ${p}`);
    // Every node an expression or Code node names must exist.
    const text = JSON.stringify(node.parameters);
    for (const m of text.matchAll(/\$\('([^']+)'\)/g)) if (!names.has(m[1])) problems.push(`${node.name}: refers to a missing node "${m[1]}"`);
  }
  for (const [source, outputs] of Object.entries(workflow.connections)) {
    if (!names.has(source)) problems.push(`connection from a missing node "${source}"`);
    for (const target of outputs.main.flat()) if (!names.has(target.node)) problems.push(`connection to a missing node "${target.node}"`);
  }
  const triggers = workflow.nodes.filter((n) => listed[n.type]?.trigger);
  if (triggers.length !== 1) problems.push(`${triggers.length} triggers`);
  const reached = new Set(triggers.map((n) => n.name));
  const queue = [...reached];
  while (queue.length > 0) {
    for (const target of workflow.connections[queue.shift() ?? ""]?.main.flat() ?? []) {
      if (!reached.has(target.node)) {
        reached.add(target.node);
        queue.push(target.node);
      }
    }
  }
  for (const node of workflow.nodes) if (node.type !== STICKY && !reached.has(node.name)) problems.push(`${node.name} is not reached from the trigger`);
  // Every setting a node reads must be one the Settings node sets.
  const settings = workflow.nodes.find((n) => n.name === "Settings");
  const set = new Set(((settings?.parameters.assignments as { assignments: Array<{ name: string }> } | undefined)?.assignments ?? []).map((a) => a.name));
  for (const node of workflow.nodes) {
    const text = JSON.stringify(node.parameters);
    const read = [...text.matchAll(/\$\('Settings'\)\.first\(\)\.json\.(\w+)/g), ...(text.includes("const s = $('Settings')") ? text.matchAll(/\bs\.(\w+)/g) : [])].map((m) => m[1]);
    for (const name of read) if (!set.has(name)) problems.push(`${node.name}: reads a setting "${name}" that Settings does not set`);
  }
  return problems;
}

/**
 * The n8n workflow import format (what "Import from file" and a paste onto the canvas accept), and
 * builders for the nodes our workflows use. Parameter names and typeVersions are those of
 * n8n-nodes-base 2.41 (dist/types/nodes.json); tests check them against that list.
 */

/** One node of an n8n workflow. */
export interface N8nNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  webhookId?: string;
}

/** A connection from one node's main output to another node's main input. */
export interface N8nConnection {
  node: string;
  type: "main";
  index: number;
}

/** An n8n workflow as n8n exports and imports it. */
export interface N8nWorkflow {
  name: string;
  nodes: N8nNode[];
  /** By source node name: one list of targets per output. */
  connections: Record<string, { main: N8nConnection[][] }>;
  settings: { executionOrder: "v1" };
  pinData: Record<string, never>;
}

/** The node types (and versions) the generated workflows use. */
export const NODE = {
  schedule: { type: "n8n-nodes-base.scheduleTrigger", typeVersion: 1.2 },
  imap: { type: "n8n-nodes-base.emailReadImap", typeVersion: 2.1 },
  webhook: { type: "n8n-nodes-base.webhook", typeVersion: 2 },
  set: { type: "n8n-nodes-base.set", typeVersion: 3.4 },
  code: { type: "n8n-nodes-base.code", typeVersion: 2 },
  http: { type: "n8n-nodes-base.httpRequest", typeVersion: 4.2 },
  // Version 1 reads an empty folder as no items; 1.1 fails with "No file(s) found" (the finance inbox is often empty).
  readFilesTolerant: { type: "n8n-nodes-base.readWriteFile", typeVersion: 1 },
  files: { type: "n8n-nodes-base.readWriteFile", typeVersion: 1.1 },
  extract: { type: "n8n-nodes-base.extractFromFile", typeVersion: 1.1 },
  toFile: { type: "n8n-nodes-base.convertToFile", typeVersion: 1.1 },
  dedupe: { type: "n8n-nodes-base.removeDuplicates", typeVersion: 2 },
  sticky: { type: "n8n-nodes-base.stickyNote", typeVersion: 1 },
} as const;

/** A stable id in UUID form from a seed: the same plan gives the same JSON. */
export function stableId(seed: string): string {
  let hex = "";
  for (let round = 0; hex.length < 32; round++) {
    // FNV-1a, a different offset per round: 8 hex digits each.
    let h = (0x811c9dc5 ^ (round * 0x9e3779b1)) >>> 0;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, "0");
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A workflow from nodes in order: each feeds the next; sticky notes stand aside, unconnected. */
export function chain(name: string, nodes: ReadonlyArray<Omit<N8nNode, "id" | "position">>): N8nWorkflow {
  const placed: N8nNode[] = [];
  let x = 0;
  for (const node of nodes) {
    const sticky = node.type === NODE.sticky.type;
    placed.push({ id: stableId(`${name}/${node.name}`), ...node, position: sticky ? [0, -260] : [x, 0] });
    if (!sticky) x += 240;
  }
  const flow = placed.filter((node) => node.type !== NODE.sticky.type);
  const connections: N8nWorkflow["connections"] = {};
  for (let i = 0; i + 1 < flow.length; i++) connections[flow[i].name] = { main: [[{ node: flow[i + 1].name, type: "main", index: 0 }]] };
  return { name, nodes: placed, connections, settings: { executionOrder: "v1" }, pinData: {} };
}

/** An n8n expression: `={{ … }}`. */
export function expr(code: string): string {
  return `={{ ${code} }}`;
}

/** A string field of the Settings node, read anywhere as `$('Settings').first().json.<name>`. */
export type SettingsFields = Record<string, string | number>;

/** The first node after the trigger: every value a user may want to change, in one place. */
export function settingsNode(fields: SettingsFields): Omit<N8nNode, "id" | "position"> {
  return {
    name: "Settings",
    ...NODE.set,
    parameters: {
      mode: "manual",
      assignments: {
        assignments: Object.entries(fields).map(([name, value]) => ({ id: stableId(`settings/${name}`), name, value, type: typeof value === "number" ? "number" : "string" })),
      },
      // The trigger's data (the email, the webhook body) goes on beside the settings.
      includeOtherFields: true,
      options: {},
    },
  };
}

/** The expression for one setting. */
export function setting(name: string): string {
  return `$('Settings').first().json.${name}`;
}

/** A Code node (JavaScript, once for all items). */
export function codeNode(name: string, lines: readonly string[]): Omit<N8nNode, "id" | "position"> {
  return { name, ...NODE.code, parameters: { jsCode: lines.join("\n") } };
}

/**
 * POSTs each item's `request` to Ollama's /api/chat, one at a time (a local GPU answers one
 * request at a time anyway), with a long timeout: a local model can take minutes.
 */
export function askOllamaNode(): Omit<N8nNode, "id" | "position"> {
  return {
    name: "Ask the local model",
    ...NODE.http,
    parameters: {
      method: "POST",
      url: expr(`${setting("ollamaUrl")} + '/api/chat'`),
      sendBody: true,
      specifyBody: "json",
      jsonBody: expr("JSON.stringify($json.request)"),
      options: { batching: { batch: { batchSize: 1, batchInterval: 0 } }, timeout: 600000 },
    },
  };
}

/** Turns each item's `text` into a file named by its `fileName` (binary property `data`). */
export function toTextFileNode(name: string): Omit<N8nNode, "id" | "position"> {
  return { name, ...NODE.toFile, parameters: { operation: "toText", sourceProperty: "text", binaryPropertyName: "data", options: { fileName: expr("$json.fileName") } } };
}

/** Writes (or appends) each item's file into the output folder. */
export function writeFileNode(name: string, append: boolean): Omit<N8nNode, "id" | "position"> {
  return {
    name,
    ...NODE.files,
    parameters: { operation: "write", fileName: expr(`${setting("outputFolder")} + '/' + $binary.data.fileName`), dataPropertyName: "data", options: append ? { append: true } : {} },
  };
}

/** A sticky note on the canvas, above the flow: what to fill in before the first run. */
export function stickyNode(content: string): Omit<N8nNode, "id" | "position"> {
  return { name: "Before the first run", ...NODE.sticky, parameters: { content, height: 220, width: 520 } };
}

/** JavaScript (for Code nodes) of a small string hash, to key notes and rows without Node's crypto. */
export const HASH_FUNCTION = [
  "function hash(text) {",
  "  let h = 0x811c9dc5;",
  "  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;",
  "  return h.toString(16);",
  "}",
];

/** JavaScript that reads Ollama's answer from an /api/chat response item. */
export const ANSWER_OF = ["function answerOf(item) {", "  return String((item.json.message && item.json.message.content) || '').trim();", "}"];

/** JavaScript that parses the model's JSON answer, or returns null. */
export const PARSE_JSON = ["function parseJson(text) {", "  try { return JSON.parse(text); } catch (error) { return null; }", "}"];

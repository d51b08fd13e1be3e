/**
 * The plan note's action layer, made real: the workflow's steps, a link to the workflow file beside
 * the note, the JSON itself in a collapsed callout, and a safe n8n setup (Docker bound to this
 * computer, the vault read-only with one writable folder, Ollama reachable but not exposed; and the
 * same without Docker).
 */
import type { PromptLanguage } from "../../shared/language";
import type { WorkflowKind } from "./main-use";
import type { N8nWorkflow } from "./n8n-json";
import { FINANCE_INBOX_FOLDER, N8N_OUTPUT_FOLDER, type N8nRuntime } from "./runtime";
import { SETUP_WORDS } from "./setup-words";

/** The n8n release the workflows were checked against (its node lists are the test fixtures). */
export const N8N_CHECKED_VERSION = "2.41.3";

/** Everything the section says. */
export interface ActionSectionInput {
  language: PromptLanguage;
  kind: WorkflowKind;
  mainUse: string;
  workflow: N8nWorkflow;
  runtime: N8nRuntime;
  /** The workflow file's vault path, for the link; absent when it was not written (text only). */
  workflowPath?: string;
  /** The vault's path on disk, for the compose file; absent: a placeholder. */
  vaultPath?: string;
  /** The user's time zone (IANA name), for the schedule; absent: a placeholder. */
  timeZone?: string;
  /** Heading level of the section (2 in a plan note's own layers, 2 after a model's answer). */
  level?: number;
}

/** The placeholder for the vault's path when it is not known (an Obsidian vault on mobile, tests). */
export const VAULT_PLACEHOLDER = "/path/to/your/vault";

function quoteYaml(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function quoteShell(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

function fence(lang: string, body: string): string {
  // A fence longer than any backtick run inside, so a workflow holding ``` cannot end the block.
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

/** The docker-compose.yml the plan recommends. */
export function composeFile(language: PromptLanguage, vaultPath: string | undefined, timeZone: string | undefined): string {
  const c = SETUP_WORDS[language].composeComments;
  const vault = (vaultPath ?? VAULT_PLACEHOLDER).replace(/\\/g, "/").replace(/\/+$/, "");
  return [
    "services:",
    "  n8n:",
    `    image: docker.n8n.io/n8nio/n8n:${N8N_CHECKED_VERSION}`,
    "    restart: unless-stopped",
    "    ports:",
    `      - "127.0.0.1:5678:5678"   # ${c.port}`,
    "    environment:",
    `      - N8N_RESTRICT_FILE_ACCESS_TO=/vault   # ${c.files}`,
    `      - GENERIC_TIMEZONE=${timeZone ?? "Etc/UTC"}   # ${c.tz}`,
    `      - TZ=${timeZone ?? "Etc/UTC"}`,
    "    extra_hosts:",
    `      - "host.docker.internal:host-gateway"   # ${c.ollama}`,
    "    volumes:",
    `      - n8n_data:/home/node/.n8n   # ${c.data}`,
    `      - ${quoteYaml(`${vault}:/vault:ro`)}   # ${c.vault}`,
    `      - ${quoteYaml(`${vault}/${N8N_OUTPUT_FOLDER}:/vault/${N8N_OUTPUT_FOLDER}`)}   # ${c.output}`,
    "volumes:",
    "  n8n_data:",
  ].join("\n");
}

const LINUX_OLLAMA = [
  "sudo ufw status                 # must say \"active\": the rules below do nothing otherwise",
  "sudo systemctl edit ollama      # [Service]  Environment=\"OLLAMA_HOST=0.0.0.0:11434\"",
  "sudo systemctl restart ollama",
  "sudo ufw allow from 172.16.0.0/12 to any port 11434 proto tcp   # Docker's networks",
  "sudo ufw deny 11434/tcp                                          # everyone else",
].join("\n");

function bareCommands(vaultPath: string | undefined): string {
  const vault = vaultPath ?? VAULT_PLACEHOLDER;
  return [`npm install -g n8n@${N8N_CHECKED_VERSION}`, `N8N_LISTEN_ADDRESS=127.0.0.1 N8N_RESTRICT_FILE_ACCESS_TO=${quoteShell(vault)} n8n start`].join("\n");
}

function callout(kind: string, title: string, body: string): string {
  return [`> [!${kind}]- ${title}`, ...body.split("\n").map((line) => (line === "" ? ">" : `> ${line}`))].join("\n");
}

/** The link to the workflow file, as Obsidian resolves it (vault path, file name shown). */
function fileLink(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return `[[${path}|${name}]]`;
}

/** The action section of a plan note. */
export function renderActionSection(input: ActionSectionInput): string {
  const w = SETUP_WORDS[input.language];
  const h = "#".repeat(input.level ?? 2);
  const vault = (input.vaultPath ?? VAULT_PLACEHOLDER).replace(/\\/g, "/").replace(/\/+$/, "");
  const folders = [`mkdir -p ${quoteShell(`${vault}/${N8N_OUTPUT_FOLDER}`)}`, ...(input.kind === "finance" ? [`mkdir -p ${quoteShell(`${vault}/${FINANCE_INBOX_FOLDER}`)}`] : [])].join("\n");
  const parts = [
    `${h} ${w.heading(input.mainUse.replace(/\s+/g, " ").trim())}`,
    w.intro,
    w.steps[input.kind].map((step, i) => `${i + 1}. ${step}`).join("\n"),
    ...(input.workflowPath ? [w.file(fileLink(input.workflowPath))] : []),
    callout("example", w.jsonTitle, fence("json", JSON.stringify(input.workflow, null, 2))),
    `${h}# ${w.setupHeading}`,
    `1. ${w.folders}\n\n${indent(fence("sh", folders))}`,
    `2. ${w.compose}\n\n${indent(fence("yaml", composeFile(input.language, input.vaultPath, input.timeZone)))}`,
    `${h}# ${w.ollamaHeading}`,
    `- ${w.desktop}\n- ${w.linux}\n\n${indent(fence("sh", LINUX_OLLAMA))}\n\n  ${w.linuxCheck}\n- ${w.ssrf}`,
    `${h}# ${w.bareHeading}`,
    `${w.bare}\n\n${fence("sh", bareCommands(input.vaultPath))}\n\n${input.runtime === "docker" ? w.bareSettings : ""}`.trimEnd(),
    `${h}# ${w.importHeading}`,
    w.importSteps(input.kind === "email").map((step, i) => `${i + 1}. ${step}`).join("\n"),
  ];
  return parts.join("\n\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? "" : `   ${line}`))
    .join("\n");
}

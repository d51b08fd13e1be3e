/**
 * The n8n workflow for a plan's main use: a trigger, a Settings node with everything a user may
 * change, the local model called through Ollama's /api/chat (an HTTP Request: no credential, and
 * the URL is the one n8n can reach), and a note written into the vault's one writable folder.
 * Deterministic: the same input gives the same JSON.
 */
import type { PromptLanguage } from "../../shared/language";
import type { WorkflowKind } from "./main-use";
import {
  ANSWER_OF,
  askOllamaNode,
  chain,
  codeNode,
  expr,
  HASH_FUNCTION,
  NODE,
  PARSE_JSON,
  setting,
  settingsNode,
  stableId,
  stickyNode,
  toTextFileNode,
  writeFileNode,
  type N8nNode,
  type N8nWorkflow,
  type SettingsFields,
} from "./n8n-json";
import { workflowFolders, workflowOllamaUrl, type N8nRuntime } from "./runtime";
import { WORKFLOW_WORDS } from "./workflow-words";

/** What a workflow is generated from. */
export interface WorkflowInput {
  kind: WorkflowKind;
  language: PromptLanguage;
  /** The chat model the plan recommends (fit-checked). */
  model: string;
  /** The user's Ollama host setting, as the plugin reaches it. */
  ollamaHost: string;
  runtime: N8nRuntime;
  /** The vault's path on disk, for a bare install; unknown: a placeholder to replace. */
  vaultPath?: string;
}

/** The webhook path of the code review workflow. */
export const CODE_REVIEW_WEBHOOK_PATH = "ai-stack-code-review";

/** Characters of one email, note or diff given to the model: room for the answer within num_ctx. */
const MAX_CHARS = 12000;
const CONTEXT_TOKENS = 8192;

type NodeSpec = Omit<N8nNode, "id" | "position">;

function requestLines(userContent: string, json: boolean): string[] {
  return [
    `    request: { model: s.model, stream: false,${json ? " format: 'json'," : ""} options: { num_ctx: s.contextTokens },`,
    `      messages: [{ role: 'system', content: s.instructions }, { role: 'user', content: ${userContent} }] },`,
  ];
}

function emailNodes(labels: string): NodeSpec[] {
  return [
    { name: "Email Trigger (IMAP)", ...NODE.imap, parameters: { mailbox: "INBOX", postProcessAction: "nothing", format: "simple", downloadAttachments: false, options: {} } },
    codeNode("Build the request", [
      "const s = $('Settings').first().json;",
      "return $input.all().map((item, i) => {",
      "  const mail = item.json;",
      "  const body = String(mail.textPlain || mail.textHtml || '').slice(0, s.maxChars);",
      "  const text = 'From: ' + (mail.from || '') + '\\nSubject: ' + (mail.subject || '') + '\\nDate: ' + (mail.date || '') + '\\n\\n' + body;",
      "  return { json: { from: String(mail.from || ''), subject: String(mail.subject || ''),",
      ...requestLines("text", true),
      "  }, pairedItem: i };",
      "});",
    ]),
    askOllamaNode(),
    codeNode("Digest entry", [
      `const words = ${labels};`,
      ...ANSWER_OF,
      ...PARSE_JSON,
      "const asked = $('Build the request').all();",
      "return $input.all().map((item, i) => {",
      "  const mail = asked[i] ? asked[i].json : {};",
      "  const answer = answerOf(item);",
      "  const parsed = parseJson(answer) || { category: '?', summary: answer, reply: '' };",
      "  const subject = String(mail.subject || words.noSubject).replace(/\\s+/g, ' ');",
      "  const lines = ['## ' + $now.toFormat('HH:mm') + ' · ' + subject, '', '- ' + words.from + ': ' + mail.from, '- ' + words.category + ': ' + String(parsed.category || '?'), '', String(parsed.summary || '')];",
      "  if (parsed.reply) lines.push('', '> [!note] ' + words.draftReply, ...String(parsed.reply).split('\\n').map((line) => '> ' + line));",
      "  return { json: { text: lines.join('\\n') + '\\n\\n', fileName: $('Settings').first().json.notePrefix + ' ' + $now.toFormat('yyyy-LL-dd') + '.md' }, pairedItem: i };",
      "});",
    ]),
    toTextFileNode("Convert to file"),
    writeFileNode("Append to the digest note", true),
  ];
}

function notesNodes(labels: string): NodeSpec[] {
  return [
    { name: "Every morning", ...NODE.schedule, parameters: { rule: { interval: [{ field: "days", triggerAtHour: 7 }] } } },
    { name: "Read notes", ...NODE.files, parameters: { operation: "read", fileSelector: expr(`${setting("vaultFolder")} + '/**/*.md'`), options: {} } },
    { name: "Extract note text", ...NODE.extract, parameters: { operation: "text", binaryPropertyName: "data", destinationKey: "text", options: { keepSource: "both" } } },
    codeNode("Key each note", [
      ...HASH_FUNCTION,
      "const s = $('Settings').first().json;",
      "const out = [];",
      "$input.all().forEach((item, i) => {",
      "  const file = (item.binary && item.binary.data) || {};",
      "  const path = (file.directory ? file.directory + '/' : '') + (file.fileName || item.json.fileName || '');",
      "  // The digests this workflow writes are not notes to digest again.",
      "  if (path.startsWith(s.outputFolder + '/')) return;",
      "  const text = String(item.json.text || '');",
      "  out.push({ json: { path, text, key: path + ':' + hash(text) }, pairedItem: i });",
      "});",
      "return out;",
    ]),
    { name: "Only new or changed notes", ...NODE.dedupe, parameters: { operation: "removeItemsSeenInPreviousExecutions", logic: "removeItemsWithAlreadySeenKeyValues", dedupeValue: expr("$json.key"), options: {} } },
    codeNode("Build the request", [
      "const s = $('Settings').first().json;",
      "const notes = $input.all().map((item) => item.json).sort((a, b) => a.path.localeCompare(b.path));",
      "let budget = s.maxChars * 2;",
      "const used = [];",
      "for (const note of notes) {",
      "  if (budget <= 0) break;",
      "  const name = note.path.slice(s.vaultFolder.length + 1).replace(/\\.md$/, '');",
      "  const text = note.text.slice(0, Math.min(budget, 4000));",
      "  budget -= text.length;",
      "  used.push({ name, text });",
      "}",
      "const content = used.map((note) => '### [[' + note.name + ']]\\n' + note.text).join('\\n\\n');",
      "return [{ json: { names: used.map((note) => note.name), more: notes.length - used.length,",
      ...requestLines("content", false),
      "} }];",
    ]),
    askOllamaNode(),
    codeNode("Digest note", [
      `const words = ${labels};`,
      ...ANSWER_OF,
      "const asked = $('Build the request').first().json;",
      "const day = $now.toFormat('yyyy-LL-dd');",
      "const read = asked.names.map((name) => '- [[' + name + ']]');",
      "if (asked.more > 0) read.push('- ' + asked.more + ' ' + words.more);",
      "const text = ['# ' + words.digestOf + ' ' + day, '', answerOf($input.first()), '', '## ' + words.notesRead, '', ...read, ''].join('\\n');",
      "return [{ json: { text, fileName: $('Settings').first().json.notePrefix + ' ' + day + '.md' } }];",
    ]),
    toTextFileNode("Convert to file"),
    writeFileNode("Write the digest note", false),
  ];
}

function financeNodes(labels: string): NodeSpec[] {
  return [
    { name: "Every morning", ...NODE.schedule, parameters: { rule: { interval: [{ field: "days", triggerAtHour: 8 }] } } },
    { name: "Read bank exports", ...NODE.readFilesTolerant, parameters: { operation: "read", fileSelector: expr(`${setting("inboxFolder")} + '/*.csv'`), options: {} } },
    { name: "One item per transaction", ...NODE.extract, parameters: { operation: "csv", binaryPropertyName: "data", options: { headerRow: true } } },
    codeNode("Key each transaction", [...HASH_FUNCTION, "return $input.all().map((item, i) => ({ json: { row: item.json, key: hash(JSON.stringify(item.json)) }, pairedItem: i }));"]),
    { name: "Only new transactions", ...NODE.dedupe, parameters: { operation: "removeItemsSeenInPreviousExecutions", logic: "removeItemsWithAlreadySeenKeyValues", dedupeValue: expr("$json.key"), options: {} } },
    codeNode("Build the requests", [
      "const s = $('Settings').first().json;",
      "const rows = $input.all().map((item) => item.json.row);",
      "const out = [];",
      "// 20 transactions per request: short enough for a small model to answer in order.",
      "for (let start = 0; start < rows.length; start += 20) {",
      "  const batch = rows.slice(start, start + 20);",
      "  const content = 'Categories: ' + s.categories + '\\n\\n' + batch.map((row, i) => (i + 1) + '. ' + JSON.stringify(row)).join('\\n');",
      "  out.push({ json: { rows: batch,",
      ...requestLines("content", true),
      "  } });",
      "}",
      "return out;",
    ]),
    askOllamaNode(),
    codeNode("Ledger lines", [
      `const words = ${labels};`,
      ...ANSWER_OF,
      ...PARSE_JSON,
      "const asked = $('Build the requests').all();",
      "const lines = [];",
      "$input.all().forEach((item, i) => {",
      "  const rows = asked[i] ? asked[i].json.rows : [];",
      "  const parsed = parseJson(answerOf(item));",
      "  const found = parsed && Array.isArray(parsed.transactions) ? parsed.transactions : [];",
      "  rows.forEach((row, j) => {",
      "    const t = found[j] || {};",
      "    const description = String(t.description || Object.values(row).join(' ')).replace(/\\s+/g, ' ');",
      "    lines.push('- ' + [t.date || '?', t.amount === undefined ? '?' : t.amount, t.category || words.uncategorised, description].join(' · ') + (t.note ? ' (' + t.note + ')' : ''));",
      "  });",
      "});",
      "if (lines.length === 0) return [];",
      "return [{ json: { text: lines.join('\\n') + '\\n', fileName: $('Settings').first().json.notePrefix + '.md' } }];",
    ]),
    toTextFileNode("Convert to file"),
    writeFileNode("Append to the ledger", true),
  ];
}

function codeReviewNodes(labels: string): NodeSpec[] {
  return [
    { name: "Webhook", ...NODE.webhook, webhookId: stableId("code-review/webhook"), parameters: { httpMethod: "POST", path: CODE_REVIEW_WEBHOOK_PATH, responseMode: "onReceived", options: {} } },
    codeNode("Build the request", [
      `const words = ${labels};`,
      "const s = $('Settings').first().json;",
      "return $input.all().map((item, i) => {",
      "  const body = item.json.body || {};",
      "  const diff = String(body.diff || body.text || '');",
      "  if (diff.trim() === '') throw new Error('Send JSON with a \"diff\" field (and an optional \"title\").');",
      "  const title = String(body.title || words.untitled).replace(/\\s+/g, ' ').slice(0, 80);",
      "  return { json: { title,",
      ...requestLines("'# ' + title + '\\n\\n' + diff.slice(0, s.maxChars * 2)", false),
      "  }, pairedItem: i };",
      "});",
    ]),
    askOllamaNode(),
    codeNode("Review note", [
      `const words = ${labels};`,
      ...ANSWER_OF,
      "const asked = $('Build the request').all();",
      "return $input.all().map((item, i) => {",
      "  const title = asked[i] ? asked[i].json.title : words.untitled;",
      "  const safe = title.replace(/[\\\\/:*?\"<>|#^[\\]]/g, ' ').replace(/\\s+/g, ' ').trim();",
      "  const text = '# ' + words.reviewOf + ': ' + title + '\\n\\n' + answerOf(item) + '\\n';",
      "  return { json: { text, fileName: $('Settings').first().json.notePrefix + ' ' + $now.toFormat('yyyy-LL-dd HHmm') + ' ' + safe + '.md' }, pairedItem: i };",
      "});",
    ]),
    toTextFileNode("Convert to file"),
    writeFileNode("Write the review note", false),
  ];
}

const BUILDERS: Record<WorkflowKind, (labels: string) => NodeSpec[]> = { email: emailNodes, notes: notesNodes, finance: financeNodes, code: codeReviewNodes };

/** The workflow for `input`: importable into n8n 2.x, runnable once credentials (IMAP) are filled in. */
export function buildWorkflow(input: WorkflowInput): N8nWorkflow {
  const words = WORKFLOW_WORDS[input.language];
  const folders = workflowFolders(input.runtime, input.vaultPath);
  const fields: SettingsFields = {
    ollamaUrl: workflowOllamaUrl(input.ollamaHost, input.runtime),
    model: input.model,
    instructions: words.instructions[input.kind],
    vaultFolder: folders.vault,
    outputFolder: folders.output,
    ...(input.kind === "finance" ? { inboxFolder: folders.financeInbox, categories: words.labels.categories } : {}),
    notePrefix: words.title[input.kind],
    maxChars: MAX_CHARS,
    contextTokens: CONTEXT_TOKENS,
  };
  const [trigger, ...rest] = BUILDERS[input.kind](JSON.stringify(words.labels));
  return chain(`AI Stack Planner: ${words.title[input.kind]} (${input.model})`, [stickyNode(words.sticky[input.kind]), trigger, settingsNode(fields), ...rest]);
}

/**
 * Runs a generated Code node's JavaScript the way n8n's task runner calls it (`$input`, `$('Node')`,
 * `$now`), on items a test gives, so the workflows' glue code is executed rather than only parsed.
 */
import vm from "node:vm";
import type { N8nWorkflow } from "../../src/core/plan/workflow/n8n-json";

/** One n8n item. */
export interface Item {
  json: Record<string, unknown>;
  binary?: Record<string, Record<string, unknown>>;
  pairedItem?: number;
}

/** `$now` at a fixed time: only `toFormat` with the tokens the workflows use. */
export function fixedNow(iso: string): { toFormat: (format: string) => string } {
  const [date, time] = iso.split("T");
  const [y, m, d] = date.split("-");
  const [hh, mm] = time.split(":");
  return { toFormat: (format) => format.replace("yyyy", y).replace("LL", m).replace("dd", d).replace("HH", hh).replace("mm", mm) };
}

/** Runs the Code node `name` of `workflow` on `input`; `outputs` are the items other nodes produced. */
export function runCodeNode(workflow: N8nWorkflow, name: string, input: Item[], outputs: Record<string, Item[]>, now = fixedNow("2026-12-02T07:30")): Item[] {
  const node = workflow.nodes.find((n) => n.name === name);
  if (!node || typeof node.parameters.jsCode !== "string") throw new Error(`no Code node ${name}`);
  const $ = (other: string) => {
    const items = outputs[other];
    if (!items) throw new Error(`${name} read the output of ${other}, which has not run`);
    return { first: () => items[0], all: () => items };
  };
  const $input = { all: () => input, first: () => input[0] };
  // A fresh context, as in n8n's task runner: the code sees only what it is given.
  const run = vm.runInNewContext(`(function ($input, $, $now) {\n${node.parameters.jsCode}\n})`, {}, { filename: name }) as (...args: unknown[]) => Item[];
  // Items built in the other context: copied into this one so jest's equality compares plain objects.
  return JSON.parse(JSON.stringify(run($input, $, now))) as Item[];
}

/** The Settings node's output for a trigger item: its fields set on the item (includeOtherFields). */
export function settingsOutput(workflow: N8nWorkflow, trigger: Item[]): Item[] {
  const settings = workflow.nodes.find((n) => n.name === "Settings");
  const fields = Object.fromEntries(((settings?.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }).assignments).map((a) => [a.name, a.value]));
  return trigger.map((item) => ({ json: { ...item.json, ...fields } }));
}

/** What Ollama's /api/chat answers (stream: false) with `content`. */
export function ollamaAnswer(content: string): Item {
  return { json: { model: "m", message: { role: "assistant", content }, done: true } };
}

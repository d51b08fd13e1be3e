/** Which automation a plan's workflow is for, read from the uses the user wrote (English or Chinese). */

/** The automations the plugin can generate an n8n workflow for. */
export type WorkflowKind = "email" | "notes" | "finance" | "code";

// Order matters: a use that names both (an "invoice inbox") is about its subject, so finance and code
// come before email's generic "inbox"; notes is the catch-all the blueprint's example ends with.
const WORKFLOW_WORDS: ReadonlyArray<readonly [WorkflowKind, RegExp]> = [
  ["finance", /financ|budget|expense|invoice|receipt|bank|accounting|bookkeep|ledger|tax|财务|財務|记账|記帳|账单|帳單|发票|發票|理财|理財|报销|報銷|收据|收據|账本|帳本/i],
  ["code", /\bcod(?:e|ing)\b|program|develop|software|github|gitea|forgejo|gitlab|\bgit\b|pull request|code review|编程|編程|代码|代碼|程序|开发|開發|程式/i],
  ["email", /e-?mail|inbox|mailbox|newsletter|correspondence|邮件|郵件|邮箱|郵箱|电邮|電郵|信件/i],
  ["notes", /note|knowledge|obsidian|wiki|journal|research|paper|writ|document|笔记|筆記|知识|知識|日记|日記|论文|論文|研究|写作|寫作|文档|文檔/i],
];

/** The user's uses, one per entry of their list ("finance, notes", "财务；笔记和邮件"). */
export function splitUses(usage: string): string[] {
  return usage
    .split(/[,，;；、\n]|\band\b|和|及/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The main use is the first one the user lists (never a later one); the workflow automates the first
 * use the plugin has a workflow for, scanning from the main use, and notes when none matches.
 */
export function mainUseOf(usage: string): { kind: WorkflowKind; mainUse: string; workflowUse: string } {
  const list = splitUses(usage);
  const mainUse = list[0] ?? "";
  for (const use of list) {
    const match = WORKFLOW_WORDS.find(([, re]) => re.test(use));
    if (match) return { kind: match[0], mainUse, workflowUse: use };
  }
  return { kind: "notes", mainUse, workflowUse: mainUse };
}

/**
 * The offline draft plan: what the plugin can say without any language model, from the hardware
 * profile, the fit calculator, the model catalog and the user's stated uses. Deterministic (same
 * input, same note), with the layers the Pro blueprint asks for, and clearly labelled as a draft
 * that says how to get the full plan.
 *
 * - `chooseDraftStack(table, usage, lang)`: the models and workflow the draft recommends.
 * - `renderOfflineDraft(input)`: the note text.
 * - `writeOfflineDraft(vault, folder, input)`: writes it under a fresh name and returns the path.
 */
import { sameModel } from "../shared/model-name";
import { planNoteBaseName } from "./file-naming";
import { renderFrontmatter } from "../shared/frontmatter";
import { profileForRequest } from "../hardware/fit-check";
import { computeFitTable, hasHardwareFacts, renderFitTable, type FitRow, type FitTable } from "../hardware/fit-table";
import { describeProfile, type HardwareProfile } from "../hardware/profile";
import { formatGb } from "../hardware/units";
import { writeNewNoteWith } from "./note-writer";
import { isoLocal, tierLabel } from "./plan-note";
import type { InstalledModel, VaultPort } from "../shared/ports";
import type { PromptLanguage, Tier } from "../shared/language";
import { mainUseOf, type WorkflowKind } from "./workflow/main-use";
import { DEFAULT_ACTION_CONTEXT, planActionSection, planWorkflow, WORKFLOW_FILE_EXTENSION, type ActionContext } from "./workflow/plan-workflow";

export interface OfflineDraftInput {
  tier: Tier;
  language: PromptLanguage;
  hardware: string;
  usage: string;
  profile?: HardwareProfile;
  /** Installed models, when Ollama answered but could not plan (no chat model). */
  installed?: readonly InstalledModel[];
  created: Date;
  /** Why there is no full plan, as the user was told ("Ollama isn't reachable at …"). */
  reason?: string;
  /** Where n8n will run, for the action layer's workflow; the documented Docker setup when absent. */
  action?: ActionContext;
}

export type { WorkflowKind } from "./workflow/main-use";

export interface DraftStack {
  /** The general model to run day to day; undefined when nothing is known to fit. */
  main?: FitRow;
  /** A smaller, faster model for quick tasks. */
  light?: FitRow;
  reasoning?: FitRow;
  embedding?: FitRow;
  /** The smallest popular models that do not run, to say what to avoid. */
  tooBig: FitRow[];
  workflow: WorkflowKind;
  /** The use the workflow is designed for, as the user wrote it. */
  mainUse: string;
}

/** Memory a model must leave free on its pool: 10%, for a longer chat or a second small model. */
const HEADROOM_SHARE = 0.1;

function runsWell(row: FitRow): boolean {
  return row.fit.verdict === "fits-vram" || row.fit.verdict === "cpu-only";
}

function released(row: FitRow): string {
  return "released" in row.facts && typeof row.facts.released === "string" ? row.facts.released : "";
}

function useOf(row: FitRow): string {
  return "use" in row.facts && typeof row.facts.use === "string" ? row.facts.use : row.kind === "embedding" ? "embedding" : "general";
}

/**
 * Among models that run well and leave headroom, the newest of the largest: anything within 75%
 * of the largest need counts as large, so a newer 30B beats an older 32B that barely fits.
 */
function pick(rows: readonly FitRow[], use: string, maxNeedGb = Number.POSITIVE_INFINITY): FitRow | undefined {
  const candidates = rows.filter((row) => runsWell(row) && useOf(row) === use && (row.fit.needGb ?? 0) <= maxNeedGb);
  const roomy = candidates.filter((row) => row.fit.headroomGb !== null && row.fit.needGb !== null && row.fit.headroomGb >= HEADROOM_SHARE * (row.fit.needGb + row.fit.headroomGb));
  const pool = roomy.length > 0 ? roomy : candidates;
  const largest = Math.max(0, ...pool.map((row) => row.fit.needGb ?? 0));
  return pool
    .filter((row) => (row.fit.needGb ?? 0) >= 0.75 * largest)
    .sort((a, b) => released(b).localeCompare(released(a)) || (b.fit.needGb ?? 0) - (a.fit.needGb ?? 0) || a.tag.localeCompare(b.tag))[0];
}

/** The models and the workflow the offline draft recommends for `table`'s machine. */
export function chooseDraftStack(table: FitTable, usage: string, lang: PromptLanguage): DraftStack {
  const rows = table.rows;
  const main = pick(rows, "general");
  const light = main?.fit.needGb ? pick(rows.filter((row) => row.tag !== main.tag), "general", main.fit.needGb * 0.5) : undefined;
  const reasoning = pick(rows, "reasoning");
  // bge-m3 reads Chinese (and 100 other languages) well; nomic-embed-text is smaller and English-first.
  const multilingual = lang === "zh" || /[\u3400-\u9fff]/.test(usage);
  const embeddings = rows.filter((row) => row.kind === "embedding" && runsWell(row));
  const preferred = multilingual ? ["bge-m3", "nomic-embed-text"] : ["nomic-embed-text", "bge-m3"];
  const embedding = preferred.map((tag) => embeddings.find((row) => sameModel(row.tag, tag))).find(Boolean) ?? embeddings[0];
  const tooBig = rows
    .filter((row) => row.kind === "chat" && row.fit.verdict === "does-not-run" && useOf(row) === "general")
    .sort((a, b) => (a.fit.needGb ?? 0) - (b.fit.needGb ?? 0))
    .slice(0, 3);
  const { kind, mainUse } = mainUseOf(usage);
  return { main, light, reasoning, embedding, tooBig, workflow: kind, mainUse };
}

// ---------------------------------------------------------------------------------------------
// Text

interface Words {
  title: (tier: string) => string;
  draftTitle: string;
  draftBody: (reason: string | undefined) => string;
  howToFull: (pull: string) => string;
  hardware: string;
  noFacts: string;
  doubts: string;
  compute: string;
  runtime: string;
  mainModel: (model: string, reason: string) => string;
  noModel: string;
  lightModel: (model: string, need: string) => string;
  reasoningModel: (model: string, need: string) => string;
  avoid: (list: string) => string;
  memory: string;
  embedding: (model: string, need: string) => string;
  noEmbedding: string;
  vectorDb: string;
  pipeline: string;
  action: string;
  n8n: string;
  difficulty: string;
  difficultyGpu: string;
  difficultyCpu: string;
  difficultyUnknown: string;
  bottlenecks: string;
  spare: (model: string, spare: string) => string;
  unified: (gpu: string) => string;
  cpuOnly: string;
  bothModels: (total: string, budget: string) => string;
  partialOnly: string;
  sized: (tag: string, gb: string) => string;
  listSep: string;
}

const WORDS: Record<PromptLanguage, Words> = {
  en: {
    title: (tier) => `AI stack plan (${tier}, offline draft)`,
    draftTitle: "Offline draft",
    draftBody: (reason) =>
      `${reason ? `${reason} ` : ""}This draft was written without a language model: the plugin built it from your hardware, its fit calculator, its model catalog and your stated uses. It recommends only models it computed to fit.`,
    howToFull: (pull) => `For the full plan, start Ollama (\`ollama serve\`), pull a model that fits (\`ollama pull ${pull}\`), then run **Generate pro stack plan** again (or \`npm run demo\` from the command line).`,
    hardware: "Your hardware",
    noFacts: "No memory size is known, so nothing could be computed. Describe your hardware in the settings (for example \"PC, RTX 4090 24GB VRAM, 64GB RAM\") or use **Detect my hardware**.",
    doubts: "Check your hardware description",
    compute: "Compute layer",
    runtime: "Runtime: **Ollama** (open source, MIT). It runs models on NVIDIA (CUDA), AMD (ROCm) and Apple (Metal) GPUs, or on the CPU, and serves them on `http://127.0.0.1:11434`.",
    mainModel: (model, reason) => `Main model: **${model}**. It ${reason}.`,
    noModel: "Main model: none is known to fit. A small model such as `llama3.2:3b` is the safest start.",
    lightModel: (model, need) => `Quick tasks: **${model}** (needs ${need}), faster for short replies and classification.`,
    reasoningModel: (model, need) => `Step-by-step reasoning: **${model}** (needs ${need}); slower, it thinks before it answers.`,
    avoid: (list) => `Does not run on this machine: ${list}.`,
    memory: "Memory layer",
    embedding: (model, need) => `Embedding model: **${model}** (needs ${need}) turns notes into vectors, locally.`,
    noEmbedding: "Embedding model: none is known to fit; `nomic-embed-text` needs under 1 GB.",
    vectorDb:
      "Vector database: **Qdrant** (open source, runs in Docker: `docker run -p 6333:6333 qdrant/qdrant`) for documents outside the vault; for the vault itself, this plugin's local index keeps vectors inside the vault.",
    pipeline: "Pipeline: split notes into chunks by heading → embed each chunk → store with the note path → at question time, embed the question, fetch the closest chunks and give them to the chat model.",
    action: "Action layer",
    n8n: "Automation: **n8n**, self-hosted and fair-code: it runs on this computer and calls Ollama's API directly. Below is a workflow for your main use to import, and how to run n8n without exposing it or Ollama to the network.",
    difficulty: "Difficulty",
    difficultyGpu: "Moderate. Ollama installs in minutes; Qdrant and n8n run in Docker, about an afternoon in all.",
    difficultyCpu: "Easy to install, but every answer is slow on the CPU; keep models small and prompts short.",
    difficultyUnknown: "Unknown until the hardware is described.",
    bottlenecks: "Bottlenecks",
    spare: (model, spare) => `${model} leaves ${spare} free: a longer context than 8,192 tokens, or a second model loaded at once, spills to the CPU and slows down.`,
    unified: (gpu) => `Unified memory: the GPU gets at most ${gpu}, shared with macOS and your apps; close heavy apps while generating.`,
    cpuOnly: "No GPU Ollama can use: generation runs on the CPU at a few tokens per second.",
    bothModels: (total, budget) => `The chat and embedding models together need ${total}, more than the ${budget} on the GPU: Ollama swaps them, so indexing and chatting at once is slow.`,
    partialOnly: "Larger models only run with partial CPU offload, several times slower.",
    sized: (tag, gb) => `${tag} (${gb})`,
    listSep: ", ",
  },
  zh: {
    title: (tier) => `AI 技术栈方案（${tier}，离线草稿）`,
    draftTitle: "离线草稿",
    draftBody: (reason) => `${reason ? `${reason} ` : ""}本草稿没有使用语言模型：插件根据你的硬件、适配计算、模型目录和你填写的用途生成，只推荐计算后能运行的模型。`,
    howToFull: (pull) => `要获得完整方案：启动 Ollama（\`ollama serve\`），拉取一个能运行的模型（\`ollama pull ${pull}\`），然后再次运行 **Generate pro stack plan**（或在命令行运行 \`npm run demo\`）。`,
    hardware: "你的硬件",
    noFacts: "不知道内存大小，无法计算。请在设置中描述硬件（例如“台式机，RTX 4090 24GB 显存，64GB 内存”），或使用 **检测我的硬件**（Detect my hardware）命令。",
    doubts: "请检查硬件描述",
    compute: "计算层",
    runtime: "运行工具：**Ollama**（开源，MIT 许可）。支持 NVIDIA（CUDA）、AMD（ROCm）和 Apple（Metal）GPU，也能用 CPU 运行，服务地址为 `http://127.0.0.1:11434`。",
    mainModel: (model, reason) => `主模型：**${model}**。${reason}。`,
    noModel: "主模型：没有已知能运行的模型。可以先从 `llama3.2:3b` 这样的小模型开始。",
    lightModel: (model, need) => `快速任务：**${model}**（需要 ${need}），适合短回复和分类，速度更快。`,
    reasoningModel: (model, need) => `逐步推理：**${model}**（需要 ${need}）；先思考再回答，较慢。`,
    avoid: (list) => `在此机器上无法运行：${list}。`,
    memory: "记忆层",
    embedding: (model, need) => `向量化模型：**${model}**（需要 ${need}），在本地把笔记转换为向量。`,
    noEmbedding: "向量化模型：没有已知能运行的模型；`nomic-embed-text` 只需不到 1 GB。",
    vectorDb: "向量数据库：库外文档用 **Qdrant**（开源，Docker 运行：`docker run -p 6333:6333 qdrant/qdrant`）；库内笔记用本插件的本地索引，向量保存在库内。",
    pipeline: "流程：按标题把笔记切块 → 逐块向量化 → 连同笔记路径存储 → 提问时把问题向量化，取最相近的块交给对话模型。",
    action: "行动层",
    n8n: "自动化：**n8n**，自托管，fair-code 许可：在本机运行并直接调用 Ollama 的 API。下面是可导入的主要用途工作流，以及如何运行 n8n 而不把它或 Ollama 暴露到网络。",
    difficulty: "实施难度",
    difficultyGpu: "中等。Ollama 几分钟即可装好；Qdrant 和 n8n 用 Docker 运行，总共大约一个下午。",
    difficultyCpu: "安装简单，但 CPU 上每次回答都较慢；请使用小模型和简短的提示。",
    difficultyUnknown: "描述硬件之后才能评估。",
    bottlenecks: "性能瓶颈",
    spare: (model, spare) => `${model} 只剩 ${spare} 空余：上下文超过 8,192 个 token，或同时加载第二个模型，就会溢出到 CPU 而变慢。`,
    unified: (gpu) => `统一内存：GPU 最多可用 ${gpu}，并与 macOS 和其他应用共享；生成时请关闭占内存的应用。`,
    cpuOnly: "没有 Ollama 可用的 GPU：生成在 CPU 上运行，每秒只有几个 token。",
    bothModels: (total, budget) => `对话模型和向量化模型共需 ${total}，超过 GPU 的 ${budget}：Ollama 会来回切换，同时建索引和对话会很慢。`,
    partialOnly: "更大的模型只能部分卸载到 CPU 运行，速度慢数倍。",
    sized: (tag, gb) => `${tag}（${gb}）`,
    listSep: "、",
  },
};

function bullet(lines: readonly string[]): string {
  return lines.map((line) => `- ${line}`).join("\n");
}

function callout(kind: string, title: string, body: readonly string[]): string {
  return [`> [!${kind}] ${title}`, ...body.map((line) => `> ${line}`)].join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The draft's workflow: its main use, run by `chatTag`, where `input.action` says n8n runs. */
function draftWorkflow(input: OfflineDraftInput, chatTag: string) {
  return planWorkflow({ usage: input.usage, language: input.language }, chatTag, input.action ?? DEFAULT_ACTION_CONTEXT);
}

/** The chat model the draft recommends (what its workflow runs). */
function draftChatModel(input: OfflineDraftInput): string {
  const profile = profileForRequest(input);
  const table = computeFitTable(profile, { installed: input.installed ?? [], lang: input.language });
  return (hasHardwareFacts(profile) ? chooseDraftStack(table, input.usage, input.language).main?.tag : undefined) ?? "llama3.2:3b";
}

/**
 * The offline draft as a note: frontmatter, the draft label, the three layers (the action layer with
 * its n8n workflow, linked at `workflowPath` when written beside the note), difficulty, bottlenecks, fit table.
 */
export function renderOfflineDraft(input: OfflineDraftInput, workflowPath?: string): string {
  const lang = input.language;
  const w = WORDS[lang];
  const profile = profileForRequest(input);
  const known = hasHardwareFacts(profile);
  const table = computeFitTable(profile, { installed: input.installed ?? [], lang });
  const stack = chooseDraftStack(table, input.usage, lang);
  const main = known ? stack.main : undefined;
  const embedding = known ? stack.embedding : undefined;
  const chatTag = main?.tag ?? "llama3.2:3b";

  const frontmatter = renderFrontmatter([
    ["type", "ai-stack-plan"],
    ["tier", input.tier],
    ["model", null],
    ["hardware", input.hardware.trim()],
    ["usage", input.usage.trim()],
    ["language", lang],
    ["created", isoLocal(input.created)],
    ["status", "offline-draft"],
    ...(known ? [["fit_check", "ok"] as const] : []),
  ]);

  const label = callout("important", w.draftTitle, [oneLine(w.draftBody(input.reason)), "", w.howToFull(chatTag)]);

  const hardware = [`## ${w.hardware}`, "", `- ${describeProfile(profile, lang)}`];
  if (!known) hardware.push(`- ${w.noFacts}`);
  if (profile.warnings.length > 0) hardware.push("", callout("warning", w.doubts, profile.warnings.map((warning) => `- ${warning}`)));

  const compute = [w.runtime, main ? w.mainModel(`\`${main.tag}\``, main.fit.reason) : w.noModel];
  if (known && stack.light) compute.push(w.lightModel(`\`${stack.light.tag}\``, formatGb(stack.light.fit.needGb ?? 0)));
  if (known && stack.reasoning && stack.reasoning.tag !== main?.tag) compute.push(w.reasoningModel(`\`${stack.reasoning.tag}\``, formatGb(stack.reasoning.fit.needGb ?? 0)));
  if (known && stack.tooBig.length > 0) compute.push(w.avoid(stack.tooBig.map((row) => w.sized(`\`${row.tag}\``, formatGb(row.fit.needGb ?? 0))).join(w.listSep)));

  const memory = [embedding ? w.embedding(`\`${embedding.tag}\``, formatGb(embedding.fit.needGb ?? 0)) : w.noEmbedding, w.vectorDb, w.pipeline];

  // The action layer: the workflow for the main use with the model recommended above.
  const context = input.action ?? DEFAULT_ACTION_CONTEXT;
  const action = [w.n8n, "", planActionSection(draftWorkflow(input, chatTag), lang, context, workflowPath, 3)];

  const difficulty = !known ? w.difficultyUnknown : main?.fit.verdict === "cpu-only" || main === undefined ? w.difficultyCpu : w.difficultyGpu;
  const bottlenecks: string[] = [];
  if (known && main) {
    if (main.fit.verdict === "cpu-only") bottlenecks.push(w.cpuOnly);
    else if (main.fit.headroomGb !== null) bottlenecks.push(w.spare(`\`${main.tag}\``, formatGb(main.fit.headroomGb)));
    if (profile.unifiedMemory && main.fit.verdict === "fits-vram" && main.fit.headroomGb !== null && main.fit.needGb !== null) bottlenecks.push(w.unified(formatGb(main.fit.needGb + main.fit.headroomGb)));
    if (embedding && main.fit.verdict === "fits-vram" && main.fit.headroomGb !== null && (embedding.fit.needGb ?? 0) > main.fit.headroomGb) {
      bottlenecks.push(w.bothModels(formatGb((main.fit.needGb ?? 0) + (embedding.fit.needGb ?? 0)), formatGb((main.fit.needGb ?? 0) + main.fit.headroomGb)));
    }
    if (table.rows.some((row) => row.fit.verdict === "partial-offload")) bottlenecks.push(w.partialOnly);
  }

  const sections = [
    `# ${w.title(tierLabel(input.tier, lang))}`,
    label,
    hardware.join("\n"),
    `## ${w.compute}\n\n${bullet(compute)}`,
    `## ${w.memory}\n\n${bullet(memory)}`,
    `## ${w.action}\n\n${action.join("\n")}`,
    `## ${w.difficulty}\n\n${difficulty}`,
    ...(bottlenecks.length > 0 ? [`## ${w.bottlenecks}\n\n${bullet(bottlenecks)}`] : []),
    ...(known ? [renderFitTable(table, lang)] : []),
  ];
  return `${frontmatter}\n${sections.join("\n\n")}\n`;
}

/** Writes the offline draft under a fresh, unique name in `folder` and returns its path. */
export async function writeOfflineDraft(vault: VaultPort, folder: string, input: OfflineDraftInput): Promise<string> {
  return (await writeOfflineDraftFiles(vault, folder, input)).path;
}

/** Writes the draft and its n8n workflow file beside it (`<note>.n8n.json`); returns both paths. */
export async function writeOfflineDraftFiles(vault: VaultPort, folder: string, input: OfflineDraftInput): Promise<{ path: string; workflowPath?: string }> {
  const planned = draftWorkflow(input, draftChatModel(input));
  const written = await writeNewNoteWith(vault, folder, planNoteBaseName("Offline draft", input.hardware, input.created), (besidePath) => renderOfflineDraft(input, besidePath), undefined, { extension: WORKFLOW_FILE_EXTENSION, content: planned.json });
  return { path: written.path, ...(written.besidePath ? { workflowPath: written.besidePath } : {}) };
}

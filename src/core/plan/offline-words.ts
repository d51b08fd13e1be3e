/** The offline draft's words, in English and Chinese. */
import type { PromptLanguage } from "../shared/language";

/** Why a setup is as hard as it is: the GPU vendor and the operating system. */
export type DifficultyReason = "apple" | "nvidiaWindows" | "nvidiaLinux" | "nvidia" | "amdLinux" | "amdWindows" | "amd" | "intel" | "jetson" | "unifiedOther" | "cpu";

/** Every sentence the draft writes. */
export interface Words {
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
  embedding: (model: string, need: string, why: string) => string;
  noEmbedding: string;
  vectorDb: string;
  vault: (notes: number, cjk: number, chunks: number, megabytes: string) => string;
  vaultUnknown: string;
  embeddingWhy: (multilingual: boolean) => string;
  smallIndex: string;
  largeIndex: string;
  pipeline: string;
  action: string;
  n8n: string;
  difficulty: string;
  difficultyUnknown: string;
  levels: Record<"easy" | "moderate" | "hard", string>;
  why: Record<DifficultyReason, string>;
  multiGpu: (count: number) => string;
  smallRam: (ram: string) => string;
  bottlenecks: string;
  spare: (model: string, spare: string) => string;
  unified: (gpu: string, macos: boolean) => string;
  bandwidth: string;
  pcie: string;
  thermals: string;
  indexTime: (chunks: number, minutes: number) => string;
  generalUse: string;
  /** The action layer's first line: the main use, the first one the user lists. */
  mainUse: (use: string) => string;
  cpuOnly: string;
  bothModels: (total: string, budget: string) => string;
  partialOnly: string;
  sized: (tag: string, gb: string) => string;
  listSep: string;
}

export const WORDS: Record<PromptLanguage, Words> = {
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
    embedding: (model, need, why) => `Embedding model: **${model}** (needs ${need}; ${why}) turns notes into vectors, locally.`,
    noEmbedding: "Embedding model: none is known to fit; `nomic-embed-text` needs under 1 GB.",
    vault: (notes, cjk, chunks, mb) => `Your vault: ${notes} notes${cjk > 0 ? ` (${cjk} mostly in Chinese)` : ""}, about ${chunks} chunks to embed; the index takes ${mb === "0" ? "under 1" : `about ${mb}`} MB.`,
    vaultUnknown: "The vault was not read, so its size is unknown; the plugin's index handles tens of thousands of notes.",
    embeddingWhy: (multilingual) => (multilingual ? "it reads Chinese and a hundred other languages" : "English-first, small and fast"),
    smallIndex: "Vector database: none needed for the vault; this plugin's local index keeps the vectors inside it.",
    largeIndex: "A vault this size is better served by a dedicated vector database such as Qdrant than by a file-based index.",
    vectorDb:
      "Vector database: **Qdrant** (open source, runs in Docker: `docker run -p 6333:6333 qdrant/qdrant`) for documents outside the vault; for the vault itself, this plugin's local index keeps vectors inside the vault.",
    pipeline: "Pipeline: split notes into chunks by heading → embed each chunk → store with the note path → at question time, embed the question, fetch the closest chunks and give them to the chat model.",
    action: "Action layer",
    n8n: "Automation: **n8n**, self-hosted and fair-code: it runs on this computer and calls Ollama's API directly. Below is a workflow for your main use to import, and how to run n8n without exposing it or Ollama to the network.",
    difficulty: "Difficulty",
    difficultyUnknown: "Unknown until the hardware is described.",
    levels: { easy: "Easy, about an hour", moderate: "Moderate, about an afternoon", hard: "Hard, a day with some troubleshooting" },
    why: {
      apple: "Ollama's macOS app uses the Apple GPU (Metal) with no driver to install",
      nvidiaWindows: "Ollama's Windows installer uses the NVIDIA driver's CUDA directly; n8n needs Docker Desktop with WSL 2",
      nvidiaLinux: "install the NVIDIA driver first; Ollama's install script finds CUDA; n8n runs in Docker",
      nvidia: "NVIDIA cards work once the driver is installed; n8n runs in Docker",
      amdLinux: "AMD cards run through ROCm on Linux, which supports only some Radeon models: check yours against Ollama's list",
      amdWindows: "on Windows Ollama supports only some Radeon cards; others fall back to the CPU",
      amd: "AMD cards need ROCm (Linux) or a supported Radeon (Windows)",
      intel: "Ollama does not use Intel GPUs by default, so everything runs on the CPU (an IPEX-LLM build of Ollama can use Arc cards)",
      jetson: "Jetson boards need JetPack and Ollama's ARM64 build, and every Docker image must be ARM64",
      unifiedOther: "the integrated GPU shares the system memory; Ollama's support for it depends on the driver",
      cpu: "nothing to set up for a GPU, but every answer is slow",
    },
    multiGpu: (count) => `Ollama splits a model across the ${count} cards by itself`,
    smallRam: (ram) => `with ${ram} of RAM, Docker, Obsidian and the model compete for memory`,
    bottlenecks: "Bottlenecks",
    spare: (model, spare) => `${model} leaves ${spare} free: a longer context than 8,192 tokens, or a second model loaded at once, spills to the CPU and slows down.`,
    unified: (gpu, macos) => `Unified memory: the GPU gets at most ${gpu}, shared with ${macos ? "macOS" : "the system"} and your apps; close heavy apps while generating.`,
    bandwidth: "Speed is set by memory bandwidth, not compute: a model twice as large answers about half as fast.",
    pcie: "A model split across cards passes data over PCIe between them: one that fits a single card runs faster there.",
    thermals: "A laptop throttles during long generations; keep it plugged in and cool.",
    indexTime: (chunks, minutes) => `The first indexing embeds about ${chunks} chunks, ${minutes < 1 ? "under a minute" : minutes === 1 ? "about a minute" : `roughly ${minutes} minutes`}; later changes are indexed note by note.`,
    generalUse: "your notes",
    mainUse: (use) => `Your main use: **${use}**.`,
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
    embedding: (model, need, why) => `向量化模型：**${model}**（需要 ${need}；${why}），在本地把笔记转换为向量。`,
    noEmbedding: "向量化模型：没有已知能运行的模型；`nomic-embed-text` 只需不到 1 GB。",
    vault: (notes, cjk, chunks, mb) => `你的库：${notes} 篇笔记${cjk > 0 ? `（其中 ${cjk} 篇主要是中文）` : ""}，约 ${chunks} 个文本块需要向量化；索引${mb === "0" ? "不到 1" : `约占 ${mb}`} MB。`,
    vaultUnknown: "没有读取库，大小未知；插件的索引可以处理数万篇笔记。",
    embeddingWhy: (multilingual) => (multilingual ? "能读中文和上百种其他语言" : "以英文为主，小而快"),
    smallIndex: "向量数据库：库内笔记无需另装数据库，本插件的本地索引把向量保存在库内。",
    largeIndex: "这么大的库更适合用 Qdrant 这样的专用向量数据库，而不是基于文件的索引。",
    vectorDb: "向量数据库：库外文档用 **Qdrant**（开源，Docker 运行：`docker run -p 6333:6333 qdrant/qdrant`）；库内笔记用本插件的本地索引，向量保存在库内。",
    pipeline: "流程：按标题把笔记切块 → 逐块向量化 → 连同笔记路径存储 → 提问时把问题向量化，取最相近的块交给对话模型。",
    action: "行动层",
    n8n: "自动化：**n8n**，自托管，fair-code 许可：在本机运行并直接调用 Ollama 的 API。下面是可导入的主要用途工作流，以及如何运行 n8n 而不把它或 Ollama 暴露到网络。",
    difficulty: "实施难度",
    difficultyUnknown: "描述硬件之后才能评估。",
    levels: { easy: "简单，大约一小时", moderate: "中等，大约一个下午", hard: "较难，需要一天并排查一些问题" },
    why: {
      apple: "Ollama 的 macOS 应用直接使用 Apple GPU（Metal），无需安装驱动",
      nvidiaWindows: "Ollama 的 Windows 安装包直接使用 NVIDIA 驱动的 CUDA；n8n 需要 Docker Desktop（WSL 2）",
      nvidiaLinux: "先安装 NVIDIA 驱动；Ollama 的安装脚本会找到 CUDA；n8n 用 Docker 运行",
      nvidia: "装好驱动后 NVIDIA 显卡即可使用；n8n 用 Docker 运行",
      amdLinux: "AMD 显卡在 Linux 上通过 ROCm 运行，只支持部分 Radeon 型号，请对照 Ollama 的支持列表",
      amdWindows: "Windows 上 Ollama 只支持部分 Radeon 显卡，其余会退回 CPU",
      amd: "AMD 显卡需要 ROCm（Linux）或受支持的 Radeon（Windows）",
      intel: "Ollama 默认不使用 Intel 显卡，全部在 CPU 上运行（IPEX-LLM 版 Ollama 可以使用 Arc 显卡）",
      jetson: "Jetson 需要 JetPack 和 Ollama 的 ARM64 版本，Docker 镜像也必须是 ARM64",
      unifiedOther: "集成 GPU 与系统共用内存，Ollama 能否使用取决于驱动",
      cpu: "不用配置 GPU，但每次回答都较慢",
    },
    multiGpu: (count) => `Ollama 会自动把模型拆分到 ${count} 张显卡上`,
    smallRam: (ram) => `只有 ${ram} 内存，Docker、Obsidian 和模型会争抢内存`,
    bottlenecks: "性能瓶颈",
    spare: (model, spare) => `${model} 只剩 ${spare} 空余：上下文超过 8,192 个 token，或同时加载第二个模型，就会溢出到 CPU 而变慢。`,
    unified: (gpu, macos) => `统一内存：GPU 最多可用 ${gpu}，并与${macos ? " macOS " : "系统"}和其他应用共享；生成时请关闭占内存的应用。`,
    bandwidth: "速度取决于内存带宽而不是算力：模型大一倍，回答大约慢一倍。",
    pcie: "拆分到多张显卡的模型要经 PCIe 传数据：能放进单张显卡的模型在单卡上更快。",
    thermals: "笔记本长时间生成会降频；请接通电源并注意散热。",
    indexTime: (chunks, minutes) => `首次建索引约需向量化 ${chunks} 个文本块，${minutes < 1 ? "不到 1" : `大约 ${minutes}`} 分钟；之后按笔记增量更新。`,
    generalUse: "你的笔记",
    mainUse: (use) => `主要用途：**${use}**。`,
    cpuOnly: "没有 Ollama 可用的 GPU：生成在 CPU 上运行，每秒只有几个 token。",
    bothModels: (total, budget) => `对话模型和向量化模型共需 ${total}，超过 GPU 的 ${budget}：Ollama 会来回切换，同时建索引和对话会很慢。`,
    partialOnly: "更大的模型只能部分卸载到 CPU 运行，速度慢数倍。",
    sized: (tag, gb) => `${tag}（${gb}）`,
    listSep: "、",
  },
};


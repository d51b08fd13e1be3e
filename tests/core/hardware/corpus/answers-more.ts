/**
 * A second batch of answers, written after the first batch passed, in phrasings the first did not
 * use (long R1-style reasoning, bold tables, "tier" lists, mixed languages, numbered plans).
 */
import type { AnswerCase } from "./types";

export const ANSWERS_MORE: readonly AnswerCase[] = [
  {
    id: "more-r1-long-thinking-unclosed-style",
    lang: "en",
    hardware: "RTX 4060 8GB, 32GB RAM",
    answer: `<think>
Okay, the user has an RTX 4060 with 8GB VRAM and 32GB RAM. Let me think. Llama 3.3 70B would need 40+ GB, so no. Qwen2.5 32B needs ~20GB — could run with offloading but slow. Qwen2.5 14B needs ~9GB, slight offload. Llama 3.1 8B fits in VRAM.
</think>

# Your AI stack

**Compute layer**
- Primary model: Llama 3.1 8B Instruct (Q4_K_M) — fits fully in the 4060's 8 GB.
- For harder questions: Qwen2.5 14B, with a few layers on the CPU.

**Memory layer**
- nomic-embed-text + a local vector index.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "more-tiers-list",
    lang: "en",
    hardware: "M1 MacBook Pro 16GB",
    answer: `### Model tiers for your Mac
1. **Fast:** Llama 3.2 3B
2. **Balanced:** Qwen2.5 7B
3. **Best quality (not on 16 GB):** Qwen2.5 32B — needs ~20 GB.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "more-tiers-oversized-best",
    lang: "en",
    hardware: "M1 MacBook Pro 16GB",
    answer: `### Model tiers
- **Fast:** Llama 3.2 3B
- **Balanced:** Qwen2.5 7B
- **Best quality:** Qwen2.5 32B (Q4_K_M)`,
    status: "warnings",
    flagged: ["qwen2.5:32b"],
  },
  {
    id: "more-bold-table-fit-column",
    lang: "en",
    hardware: "RTX 3080 10GB, 32GB RAM",
    answer: `| Use | Model | Fit |
|---|---|---|
| Chat | **Mistral Nemo 12B** | Partial offload, fine |
| Code | **Qwen2.5-Coder 7B** | Fits in VRAM |
| Research | **Llama 3.1 70B** | Does not fit |`,
    status: "ok",
    flagged: [],
  },
  {
    id: "more-numbered-plan-70b-on-4090",
    lang: "en",
    // With 32 GB of RAM the 70B would run offloaded; with 16 GB it cannot.
    hardware: "RTX 4090 24GB, 16GB RAM",
    answer: `1. Install Ollama.
2. \`ollama pull llama3.3:70b\` — the best open model for writing.
3. \`ollama pull nomic-embed-text\` for the vault index.`,
    status: "warnings",
    flagged: ["llama3.3:70b"],
  },
  {
    id: "more-mixed-language",
    lang: "zh",
    hardware: "Mac mini M4，24GB 统一内存",
    answer: `**推荐配置**
- 主模型：Qwen3 14B（\`qwen3:14b\`），中英文都很好
- 备选：Gemma 3 12B
- Embedding：bge-m3

⚠️ Qwen3 32B 在 24GB 上太勉强，不建议。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "more-zh-tiers-oversized",
    lang: "zh",
    hardware: "RTX 3060 12GB，32GB 内存",
    answer: `## 模型选择
1. 日常对话：Qwen2.5 7B
2. 深度分析：Qwen2.5 72B（效果最好，值得一试）`,
    status: "warnings",
    flagged: ["qwen2.5:72b"],
  },
  {
    id: "more-question-style-no",
    lang: "en",
    hardware: "Laptop, 16GB RAM, no GPU",
    answer: `Can you run Llama 3.1 70B? Realistically, no — it needs about 40 GB. Stick with Llama 3.1 8B, which runs on the CPU at a few tokens per second.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "more-gemma3-27b-mac16-oversized",
    lang: "en",
    hardware: "MacBook Air M3 16GB",
    answer: `For writing, use Gemma 3 27B — its prose is the most natural of the open models.`,
    status: "warnings",
    flagged: ["gemma3:27b"],
  },
  {
    id: "more-qwq-with-reasoning-warning",
    lang: "en",
    hardware: "RTX 4090 24GB, 64GB RAM",
    answer: `For reasoning, QwQ-32B is a strong choice; it thinks at length, so give it a 16K context. For quick replies use Qwen2.5 7B.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "more-alternatives-considered",
    lang: "en",
    hardware: "RTX 3060 12GB, 16GB RAM",
    answer: `**Chosen:** Qwen2.5 14B (Q4_K_M).

**Alternatives considered:** Llama 3.3 70B and Mixtral 8x22B were ruled out — neither fits 12 GB of VRAM plus 16 GB of RAM.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "more-sizeless-deepseek-mention",
    lang: "en",
    hardware: "RTX 3060 12GB, 16GB RAM",
    answer: `Reasoning models like DeepSeek-R1 think before they answer, which is slow on a 3060. Use \`deepseek-r1:8b\` if you want one; otherwise Llama 3.1 8B.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "more-vision-llama32-90b",
    lang: "en",
    hardware: "RTX 4070 12GB, 32GB RAM",
    answer: `To read scanned PDFs, run Llama 3.2 Vision 90B.`,
    status: "warnings",
    flagged: ["llama3.2-vision:90b"],
  },
  {
    id: "more-embedding-only-plus-chat",
    lang: "en",
    hardware: "Raspberry Pi 5, 8GB RAM",
    answer: `A Pi 5 can run small models only: \`qwen2.5:1.5b\` for chat and \`all-minilm\` for embeddings. Anything above 3B will crawl.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "more-zh-think-and-table",
    lang: "zh",
    hardware: "笔记本，RTX 4060 Laptop 8GB，16GB 内存",
    answer: `<think>
8GB 显存，16GB 内存。Qwen2.5 32B 不行。
</think>

| 层 | 推荐 |
|---|---|
| 计算层 | DeepSeek-R1 14B（\`deepseek-r1:14b\`）|
| 记忆层 | bge-m3 |`,
    status: "ok",
    flagged: [],
  },
];

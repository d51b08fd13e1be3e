/** A third batch, written after the second passed: styles the checkers may use that the first two did not. */
import type { AnswerCase } from "./types";

export const ANSWERS_THIRD: readonly AnswerCase[] = [
  {
    id: "third-llama-style-headers-and-bold",
    lang: "en",
    hardware: "Windows PC, RTX 3070 8GB, 16GB RAM",
    answer: `**Recommended Local AI Stack**

**1. Compute Layer**
* **Model:** Llama 3.1 8B (Q4_K_M, ~4.9GB)
* **Alternative:** Mistral 7B v0.3

**2. Memory Layer**
* **Embeddings:** nomic-embed-text
* **Vector DB:** ChromaDB

**Note:** Larger models like Llama 3.1 70B or Qwen 2.5 72B require 40GB+ VRAM and are not suitable for your setup.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "third-qwen-style-oversized-main",
    lang: "en",
    hardware: "Windows PC, RTX 3070 8GB, 16GB RAM",
    answer: `## 1. Compute Layer
- **Primary LLM**: Qwen2.5-32B-Instruct (Q4_K_M quantization, ~19GB)
- **Runtime**: Ollama`,
    status: "warnings",
    flagged: ["qwen2.5:32b"],
  },
  {
    id: "third-deepseek-style-zh-list",
    lang: "zh",
    hardware: "MacBook Air M2 8GB",
    answer: `### 一、计算层
- **推荐模型**：Qwen2.5-3B（约 2GB），响应快
- **不推荐**：Qwen2.5-14B 及以上，8GB 内存带不动

### 二、记忆层
- 向量模型：bge-m3`,
    status: "ok",
    flagged: [],
  },
  {
    id: "third-zh-recommended-oversized-mac8",
    lang: "zh",
    hardware: "MacBook Air M2 8GB",
    answer: `推荐模型：Qwen2.5-14B-Instruct，中文理解更好。`,
    status: "warnings",
    flagged: ["qwen2.5:14b"],
  },
  {
    id: "third-gemma-style-option-list",
    lang: "en",
    hardware: "Linux box, RX 6700 XT 12GB, 32GB RAM",
    answer: `Here are your options:

*   **Option A (fast):** \`gemma3:4b\`
*   **Option B (balanced):** \`gemma3:12b\` — fits in 12 GB of VRAM.
*   **Option C (best, slow):** \`gemma3:27b\` with part of it offloaded to system RAM.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "third-mistral-terse-oversized",
    lang: "en",
    hardware: "Linux box, RX 6700 XT 12GB, 16GB RAM",
    answer: `Use Mixtral 8x7B for chat and nomic-embed-text for RAG.`,
    status: "warnings",
    flagged: ["mixtral:8x7b"],
  },
  {
    id: "third-comparison-table-with-verdict-column",
    lang: "en",
    hardware: "RTX 4080 16GB, 32GB RAM",
    answer: `| Model | VRAM | Verdict |
|-------|------|---------|
| Qwen2.5 14B | 10 GB | ✅ Recommended |
| Gemma 2 27B | 17 GB | ⚠️ Tight, partial offload |
| Llama 3.3 70B | 43 GB | ❌ Too large |`,
    status: "ok",
    flagged: [],
  },
  {
    id: "third-no-model-names",
    lang: "en",
    hardware: "Laptop, 8GB RAM",
    answer: `Stick to small models (3B parameters or fewer) and a lightweight vector store. Avoid anything above 7B.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "third-if-you-had-more",
    lang: "en",
    hardware: "RTX 3060 12GB, 16GB RAM",
    answer: `Run Qwen2.5 7B today. If you had a 24 GB card, Qwen2.5 32B would be the sweet spot.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "third-zh-deepseek-r1-14b-fits-and-70b-mention",
    lang: "zh",
    hardware: "RTX 4070 12GB，32GB 内存，Windows 11",
    answer: `推理模型选 DeepSeek-R1 14B（\`deepseek-r1:14b\`）。70B 版本需要 40GB 以上显存，你的配置跑不了。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "third-two-models-one-oversized-zh",
    lang: "zh",
    hardware: "RTX 4070 12GB，32GB 内存，Windows 11",
    answer: `1. 日常：Llama 3.1 8B
2. 长文写作：Llama 3.1 70B（质量最高）`,
    status: "warnings",
    flagged: ["llama3.1:70b"],
  },
  {
    id: "third-ollama-run-code-block",
    lang: "en",
    hardware: "M2 Pro Mac mini 16GB",
    answer: "```bash\nollama pull qwen2.5:32b\nollama pull nomic-embed-text\n```\nThen point the plugin at `qwen2.5:32b`.",
    status: "warnings",
    flagged: ["qwen2.5:32b"],
  },
];

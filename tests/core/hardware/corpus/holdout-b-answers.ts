/** Second held-out batch of answers (see holdout-b.ts), written before the readers were read. */
import type { AnswerCase } from "./types";

export const HOLDOUT_B_ANSWERS: readonly AnswerCase[] = [
  {
    id: "b-llama-table-mixed-marks",
    lang: "en",
    hardware: "RTX 4060 8GB, 16GB RAM",
    answer: `Great question! Here's a quick comparison for your setup:

| Model | VRAM needed | Fits? |
|-------|-------------|-------|
| Llama 3.1 8B (Q4_K_M) | ~5 GB | ✅ |
| Qwen2.5 14B (Q4_K_M) | ~9 GB | ⚠️ partial offload to RAM |
| Llama 3.3 70B (Q4_K_M) | ~43 GB | ❌ |

**My pick:** \`llama3.1:8b\` — fast, fully on the GPU.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "b-qwen-option-a-b",
    lang: "en",
    hardware: "MacBook Air M2 16GB",
    answer: `**Option A (recommended):** Qwen2.5 7B Instruct — \`ollama pull qwen2.5:7b\`. Comfortable on 16 GB of unified memory.

**Option B (not for this machine):** Qwen2.5 32B. It needs about 20 GB at Q4, so it won't fit on 16 GB.

Go with Option A.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "b-mistral-quant-next-line",
    lang: "en",
    hardware: "RTX 3060 12GB, 16GB RAM",
    answer: `1. **Mistral Small 3 (24B)**
   Quantisation: F16, for the most faithful summaries.
2. **Embeddings:** nomic-embed-text`,
    status: "warnings",
    flagged: ["mistral-small"],
  },
  {
    id: "b-gemma3-for-later",
    lang: "en",
    hardware: "GTX 1660 Super 6GB, 16GB RAM",
    answer: `- **Gemma 3 4B** (\`gemma3:4b\`) is the sweet spot for a 6 GB card.
- For embeddings, \`nomic-embed-text\`.
- Gemma 3 27B is for later, when you upgrade to a 24 GB card.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "b-r1-think-en",
    lang: "en",
    hardware: "RTX 4070 Ti 12GB, 32GB RAM",
    answer: `<think>
The user has 12 GB of VRAM. DeepSeek-R1 70B needs ~43 GB, too much. Llama 3.1 405B is out of the question. The 14B distill at Q4 is ~9 GB, that fits.
</think>

Use **DeepSeek-R1-Distill-Qwen-14B** (\`ollama run deepseek-r1:14b\`). It fits entirely in your 12 GB of VRAM.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "b-gpt-hf-id-cloud",
    lang: "en",
    hardware: "RTX 3090 24GB, 64GB RAM",
    answer: `## Compute layer
- **Model:** \`bartowski/Qwen2.5-32B-Instruct-GGUF\` (Q4_K_M, ~19.9 GB) — fits in 24 GB with room for 8k context.
- **Embeddings:** \`BAAI/bge-m3\`

> **Cloud comparison:** GPT-4o or Claude would be stronger for complex reasoning, but your notes would leave the machine.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "b-moe-total-oversized",
    lang: "en",
    hardware: "RTX 4060 Ti 16GB, 32GB RAM",
    answer: `I recommend **Qwen3-235B-A22B** (\`qwen3:235b\`). Only 22B parameters are active per token, so it runs fast.
As a lighter alternative, Qwen3-30B-A3B (\`qwen3:30b\`) is also very capable.`,
    status: "warnings",
    flagged: ["qwen3:235b"],
  },
  {
    id: "b-offload-admission",
    lang: "en",
    hardware: "RTX 3060 12GB, 64GB RAM",
    answer: `**Llama 3.3 70B** (\`llama3.3:70b\`) — too big for the GPU alone; Ollama splits it with the CPU, expect 1–2 tokens/s. Worth it for quality on long summaries.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "b-mixtral-numbered-oversized",
    lang: "en",
    hardware: "Laptop, RTX 3050 4GB, 16GB RAM",
    answer: `Here's my suggested stack:

1. **Mixtral 8x7B** (\`mixtral:8x7b\`) — the best reasoning in this class.
2. **Phi-3 Mini** (\`phi3:mini\`) — a fast fallback for quick edits.
3. **nomic-embed-text** for embeddings.`,
    status: "warnings",
    flagged: ["mixtral:8x7b"],
  },
  {
    id: "b-hf-unknown-size",
    lang: "en",
    hardware: "RTX 4090 24GB, 64GB RAM",
    answer: `For creative writing try \`ollama run hf.co/TheDrummer/Cydonia-GGUF\` — a community fine-tune that many people like.`,
    status: "unchecked",
    flagged: [],
  },
  {
    id: "b-zh-table-qwen",
    lang: "zh",
    hardware: "显卡4070 12G 内存32G",
    answer: `根据你的配置：

| 模型 | 显存占用 | 能否运行 |
|------|---------|---------|
| Qwen2.5 14B（Q4_K_M） | 约 9 GB | ✅ 可以 |
| Qwen2.5 72B（Q4_K_M） | 约 47 GB | ❌ 显存不够 |

**推荐：** \`qwen2.5:14b\`，中文理解好。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "b-zh-r1-think",
    lang: "zh",
    hardware: "笔记本 4060 8G，16G内存",
    answer: `<think>
8G显存，16G内存。32B 的蒸馏版需要 20G，带不动。8B 的可以。
</think>

### 推荐模型
- **DeepSeek-R1 蒸馏版 8B**：\`ollama run deepseek-r1:8b\`，推理能力强。
- DeepSeek-R1 32B 不建议，显存和内存都不够。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "b-zh-mac-oversized",
    lang: "zh",
    hardware: "Mac mini M4 24G",
    answer: `主力模型推荐 **Qwen2.5 72B**（\`qwen2.5:72b\`），中文写作能力最好。嵌入模型用 bge-m3。`,
    status: "warnings",
    flagged: ["qwen2.5:72b"],
  },
  {
    id: "b-zh-quant-next-line",
    lang: "zh",
    hardware: "显卡 3060 12G，内存 16G",
    answer: `1. 主力模型：通义千问 Qwen3 32B
   量化版本：FP16，保证质量
2. 嵌入模型：bge-m3`,
    status: "warnings",
    flagged: ["qwen3:32b"],
  },
  {
    id: "b-zh-upgrade-give-up",
    lang: "zh",
    hardware: "显卡 3070 8G，内存 32G",
    answer: `现阶段用 **Qwen2.5 7B**（\`qwen2.5:7b\`）就够了。
以后升级到 24G 显卡，再考虑 Qwen2.5 32B。
Llama 3.1 405B 你这台机器带不动，放弃吧。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "b-zh-gemma-cloud-embedding",
    lang: "zh",
    hardware: "RTX 4090 24G，内存 64G",
    answer: `## 计算层
推荐 Gemma 3 27B（\`gemma3:27b\`），Q4 量化约 17GB，可以完全放进显存。

## 记忆层
嵌入模型：bge-m3（多语言）。

## 对比
云端的 DeepSeek-V3（671B）API 更强，但笔记会离开本机。`,
    status: "ok",
    flagged: [],
  },
];

/**
 * Held-out cases, written before the recognizer and the hardware reader were changed and never
 * used to tune them: the score on these is reported separately.
 */
import type { AnswerCase, HardwareCase } from "./types";

export const HOLDOUT_HARDWARE: readonly HardwareCase[] = [
  { text: "my rig: 3090 + 64 gigs ddr4", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "Dell XPS 15 w/ 4060 laptop 8GB, 32GB RAM", gpus: 1, vramGb: 8, ramGb: 32, unified: false },
  { text: "Mac mini M4 Pro, 48GB", gpus: 1, vramGb: 0, ramGb: 48, unified: true },
  { text: "2x 3060 12G, 32G内存", gpus: 2, vramGb: 24, ramGb: 32, unified: false },
  { text: "Jetson Orin Nano 8GB dev kit", gpus: 1, vramGb: 0, ramGb: 8, unified: true },
  { text: "ThinkPad T14 Ryzen 7 PRO 7840U w/ 780M iGPU, 32GB", gpus: 0, vramGb: 0, ramGb: 32, unified: false },
  { text: "RTX A6000 48GB x2, 256GB ECC", gpus: 2, vramGb: 96, ramGb: 256, unified: false },
  { text: "显卡 4060Ti 16G，内存 32G", gpus: 1, vramGb: 16, ramGb: 32, unified: false },
  { text: "old gaming pc, gtx 1080ti, 16gb ram", gpus: 1, vramGb: 11, ramGb: 16, unified: false },
  { text: "Threadripper box with three 3090s and 256 GB of RAM", gpus: 3, vramGb: 72, ramGb: 256, unified: false },
];

export const HOLDOUT_ANSWERS: readonly AnswerCase[] = [
  {
    id: "holdout-llama-table-8gb",
    lang: "en",
    hardware: "Laptop with 16GB RAM, RTX 3050 4GB",
    answer: `Here's what will run on your machine:

| Model | Size | Runs on your laptop? |
|---|---|---|
| Llama 3.2 3B | 2 GB | ✅ Yes, fully on GPU |
| Qwen2.5 7B | 4.7 GB | ✅ Yes, with some CPU offload |
| Llama 3.1 70B | 40 GB | ❌ No |
| Mixtral 8x7B | 26 GB | ❌ No |

**Recommendation:** start with \`llama3.2:3b\` for chat and \`nomic-embed-text\` for your notes.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "holdout-r1-think-zh",
    lang: "zh",
    hardware: "笔记本，16GB 内存，无独显",
    answer: `<think>
用户只有16GB内存，没有独显。DeepSeek-R1 70B 肯定跑不了，32B 也太大。考虑 Qwen2.5 7B 或者 DeepSeek-R1 7B。
</think>

## 计算层
推荐使用 **Qwen2.5 7B**（\`ollama pull qwen2.5:7b\`），纯 CPU 运行，速度大约每秒 5 个 token。

## 记忆层
嵌入模型用 bge-m3。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "holdout-oversized-prose-yi",
    lang: "en",
    hardware: "RTX 3060 12GB, 16GB RAM",
    answer: `For long-document summarisation I'd go with Yi 34B at Q4_K_M — it's excellent at long context. Pull it with \`ollama pull yi:34b\`. For embeddings use mxbai-embed-large.`,
    status: "warnings",
    flagged: ["yi:34b"],
  },
  {
    id: "holdout-mistral-upgrade",
    lang: "en",
    hardware: "Mac mini M2 16GB",
    answer: `### Compute layer
Run **Mistral Nemo 12B** (\`mistral-nemo\`) — it fits in the GPU share of your 16 GB.

### Upgrade path
Once you move to a 64 GB Mac, Llama 3.3 70B at Q4 becomes realistic, and Mixtral 8x22B would still be out of reach.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "holdout-gemma-fp16",
    lang: "en",
    hardware: "PC, RTX 4070 12GB, 32GB RAM",
    answer: `1. **Main model:** Gemma 2 9B.
   Run it in full precision (F16) for the best quality on summaries.
2. **Embeddings:** nomic-embed-text.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "holdout-zh-qianwen-oversized",
    lang: "zh",
    hardware: "台式机，RTX 4060 8GB，32GB 内存",
    answer: `主力模型推荐通义千问 Qwen2.5 72B，中文能力最强，直接 \`ollama run qwen2.5:72b\` 即可。辅助模型可以用 Llama 3.1 8B。`,
    status: "warnings",
    flagged: ["qwen2.5:72b"],
  },
  {
    id: "holdout-dual-gpu-70b",
    lang: "en",
    hardware: "2x RTX 3090 24GB, 128GB RAM",
    answer: `With 48 GB of VRAM across two cards you can run **Llama 3.3 70B** at Q4_K_M; Ollama splits the layers across both GPUs. Don't bother with Llama 3.1 405B — even at Q2 it needs well over 150 GB.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "holdout-unknown-size",
    lang: "en",
    hardware: "RTX 4090 24GB, 64GB RAM",
    answer: `Use \`ollama pull starling-lm-beta\` as your main chat model, and nomic-embed-text for embeddings.`,
    status: "unchecked",
    flagged: [],
  },
];

/** A fourth batch, written after the third passed: long plans, mixed verdicts, reasoning-model habits. */
import type { AnswerCase } from "./types";

export const ANSWERS_FOURTH: readonly AnswerCase[] = [
  {
    id: "fourth-long-plan-one-oversized-in-memory-layer",
    lang: "en",
    hardware: "RTX 3060 12GB, 32GB RAM, Ubuntu",
    answer: `# Your Local AI Stack

## Compute
Primary: **Qwen2.5 14B Instruct** (Q4_K_M) — about 9 GB, fits on the 3060.

## Memory
For re-ranking retrieved chunks, run **Llama 3.1 70B** as a judge model.

## Action
n8n with the Ollama node.`,
    status: "warnings",
    flagged: ["llama3.1:70b"],
  },
  {
    id: "fourth-hedged-maybe-later",
    lang: "en",
    hardware: "MacBook Pro M3 Pro 18GB",
    answer: `Start with Llama 3.1 8B. Maybe later, when you have a machine with 64 GB, look at Llama 3.3 70B.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "fourth-r1-style-final-answer-oversized",
    lang: "en",
    hardware: "Laptop, 16GB RAM, no GPU",
    answer: `<think>
The user wants the best quality. 16GB RAM, no GPU. A 7B or 8B model runs on CPU. But they asked for best quality...
</think>

**Final recommendation:** DeepSeek-R1 32B (\`deepseek-r1:32b\`) for the best reasoning quality.`,
    status: "warnings",
    flagged: ["deepseek-r1:32b"],
  },
  {
    id: "fourth-zh-table-with-chinese-verdicts",
    lang: "zh",
    hardware: "MacBook Air M3，16GB",
    answer: `| 模型 | 内存占用 | 是否推荐 |
|---|---|---|
| Qwen2.5 7B | 约 5GB | 推荐 |
| Qwen2.5 14B | 约 9GB | 可以尝试 |
| Qwen2.5 32B | 约 20GB | 不推荐（内存不足）|`,
    status: "ok",
    flagged: [],
  },
  {
    id: "fourth-zh-yi-34b-recommended-laptop",
    lang: "zh",
    hardware: "笔记本，16GB 内存，集显",
    answer: `建议使用零一万物的 Yi-34B-Chat，中文写作效果很好。`,
    status: "warnings",
    flagged: ["yi:34b"],
  },
  {
    id: "fourth-both-sizes-slash",
    lang: "en",
    hardware: "RTX 4060 Ti 16GB, 32GB RAM",
    answer: `Use Qwen2.5 7B for speed and Qwen2.5 14B for quality; both fit in 16 GB of VRAM.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "fourth-quant-q2-makes-it-fit",
    lang: "en",
    hardware: "RTX 3090 24GB, 32GB RAM",
    answer: `Run Llama 3.3 70B at Q2_K — it's a heavy quantization but it runs with some offloading.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "fourth-embedding-heavy-and-chat",
    lang: "en",
    hardware: "Laptop, 8GB RAM",
    answer: `Chat: \`qwen2.5:3b\`. Embeddings: \`qwen3-embedding:8b\` for the best retrieval quality.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "fourth-ollama-tag-with-quant-suffix-oversized",
    lang: "en",
    hardware: "RTX 4070 12GB, 16GB RAM",
    answer: `Pull \`qwen2.5:32b-instruct-q8_0\` for maximum fidelity.`,
    status: "warnings",
    flagged: ["qwen2.5:32b"],
  },
  {
    id: "fourth-rejected-then-recommended-elsewhere",
    lang: "en",
    hardware: "M2 MacBook Air 16GB",
    answer: `Gemma 3 27B is too large for 16 GB.

## Final stack
- Chat: Gemma 3 27B (the best writer)
- Embeddings: nomic-embed-text`,
    status: "warnings",
    flagged: ["gemma3:27b"],
  },
];

/**
 * English answers in the styles of several model families (Llama's tables, Qwen's headed lists,
 * Mistral's terse prose, Gemma's bold bullets, DeepSeek-R1's thinking), each with the verdict a
 * careful reader gives on the stated hardware.
 */
import type { AnswerCase } from "./types";

const M3_16 = "M3 MacBook Pro 16GB";
const RTX4090_64 = "PC, RTX 4090 24GB VRAM, 64GB RAM";
const RTX3060_16 = "RTX 3060 12GB, 16GB RAM";
const RTX3060_32 = "RTX 3060 12GB, 32GB RAM";
const LAPTOP_8 = "Laptop, 8GB RAM, no GPU";
const LAPTOP_16 = "Laptop, 16GB RAM, no GPU";

export const ANSWERS_EN: readonly AnswerCase[] = [
  {
    id: "llama-table-mac16",
    lang: "en",
    hardware: M3_16,
    answer: `## Compute layer

| Model | Memory needed | Fits your Mac? |
|-------|---------------|----------------|
| Llama 3.1 8B (Q4_K_M) | ~6 GB | ✅ Yes |
| Qwen2.5 14B (Q4_K_M) | ~11 GB | ✅ Yes, tight |
| Qwen2.5 32B | ~22 GB | ❌ No |
| Llama 3.1 70B | ~45 GB | ❌ No |

Go with **Llama 3.1 8B** as the daily driver and Qwen2.5 14B when you need more depth.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "dbrx-prose-oversized",
    lang: "en",
    hardware: "RTX 4090 24GB, 32GB RAM",
    answer: `If you want the strongest open model for analysis, run DBRX (132B) through Ollama and keep nomic-embed-text for your vault index.`,
    status: "warnings",
    flagged: ["dbrx"],
  },
  {
    id: "llama2-70b-tag",
    lang: "en",
    hardware: RTX3060_16,
    answer: `**Compute:** \`ollama pull llama2:70b\` — the 70B chat model gives the most thorough answers.
**Memory:** nomic-embed-text for embeddings.`,
    status: "warnings",
    flagged: ["llama2:70b"],
  },
  {
    id: "gemma-billion-parameters",
    lang: "en",
    hardware: LAPTOP_16,
    answer: `I'd suggest Google's Gemma 2 (27 billion parameters) as your main model: it writes very natural English and handles summaries well.`,
    status: "warnings",
    flagged: ["gemma2:27b"],
  },
  {
    id: "phi3-medium-tag",
    lang: "en",
    hardware: LAPTOP_8,
    answer: `For a CPU-only laptop, Microsoft's Phi-3 is a good compromise. Run \`ollama run phi3:medium\` for better reasoning than the mini model.`,
    status: "warnings",
    flagged: ["phi3:medium"],
  },
  {
    id: "mistral-full-precision",
    lang: "en",
    hardware: "GTX 1660 6GB, 8GB RAM",
    answer: `Run Mistral 7B in full precision (F16) so the answers are as good as the model can give. Ollama will put what it can on the 1660.`,
    status: "warnings",
    flagged: ["mistral:7b"],
  },
  {
    id: "quant-on-next-line",
    lang: "en",
    hardware: "RTX 4070 12GB, 16GB RAM",
    answer: `### Recommended models
- **Qwen2.5 32B Instruct**
  Quantisation: Q8_0 for the best quality on long reports.
- **nomic-embed-text** for the vault index.`,
    status: "warnings",
    flagged: ["qwen2.5:32b"],
  },
  {
    id: "gemma-at-8-bit",
    lang: "en",
    hardware: "GTX 1660 Super 6GB, 8GB RAM",
    answer: `Use Gemma 2 9B at 8-bit: the 4-bit version loses too much on multilingual text.`,
    status: "warnings",
    flagged: ["gemma2:9b"],
  },
  {
    id: "mixtral-dont-bother",
    lang: "en",
    hardware: RTX3060_16,
    answer: `Mixtral 8x7B is tempting because of its quality; don't bother with it on 12 GB of VRAM and 16 GB of RAM. Mistral 7B (\`mistral:7b\`) runs entirely on the GPU and is fast.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "table-no-column",
    lang: "en",
    hardware: RTX3060_32,
    answer: `| Model | Download | Runs here |
| --- | --- | --- |
| qwen2.5:14b | 9 GB | Yes |
| qwen2.5:72b | 47 GB | No |
| llama3.1:405b | 243 GB | No |

Pick **qwen2.5:14b**.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "upgrade-path-once-you-add-ram",
    lang: "en",
    hardware: RTX3060_16,
    answer: `Today: run **Llama 3.1 8B** on the GPU.

Later, once you add RAM (64 GB), Llama 3.3 70B becomes possible with CPU offloading, though slowly.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "r1-think-block",
    lang: "en",
    hardware: M3_16,
    answer: `<think>
The user has 16GB unified memory. Llama 3.1 70B needs ~40GB, impossible. Qwen2.5 32B needs 20GB, also too much. Qwen2.5 14B at Q4 is ~9GB — feasible. Llama 3.1 8B is safe.
</think>

**Compute layer:** Qwen2.5 14B (\`qwen2.5:14b\`) for drafting, Llama 3.1 8B for quick replies.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "cloud-comparison",
    lang: "en",
    hardware: "RTX 4070 12GB, 32GB RAM",
    answer: `Locally, run Qwen2.5 14B. For comparison, DeepSeek-V3 through the official API costs a few cents per million tokens, but your notes would leave the machine.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "offload-admission-runs",
    lang: "en",
    hardware: RTX3060_32,
    answer: `Your best quality option is Qwen2.5 32B. It is too big for the GPU alone; Ollama splits it with the CPU, so expect 3-5 tokens/s.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "offload-admission-does-not-run",
    lang: "en",
    hardware: RTX3060_32,
    answer: `Run Llama 3.3 70B. It's too big for your GPU alone, but Ollama will split it between the 3060 and system RAM.`,
    status: "warnings",
    flagged: ["llama3.3:70b"],
  },
  {
    id: "speech-and-embeddings",
    lang: "en",
    hardware: LAPTOP_8,
    answer: `- Chat: \`llama3.2:3b\`
- Speech to text: whisper large-v3 (via whisper.cpp)
- Embeddings: bge-m3`,
    status: "ok",
    flagged: [],
  },
  {
    id: "mixtral-8x22b-recommended",
    lang: "en",
    hardware: RTX4090_64,
    answer: `Go with Mixtral 8x22B: as a mixture of experts it only activates 39B parameters per token, so it is fast on a 4090.`,
    status: "warnings",
    flagged: ["mixtral:8x22b"],
  },
  {
    id: "qwen3-235b-a22b",
    lang: "en",
    hardware: RTX4090_64,
    answer: `Use Qwen3-235B-A22B. Only 22B parameters are active per token, so it feels like a 22B model.`,
    status: "warnings",
    flagged: ["qwen3:235b-a22b"],
  },
  {
    id: "qwen3-30b-a3b-fits",
    lang: "en",
    hardware: RTX4090_64,
    answer: `Your main model: **Qwen3 30B-A3B** (\`ollama pull qwen3:30b-a3b\`). It fits in the 4090's 24 GB and is very fast.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "hf-repo-oversized",
    lang: "en",
    hardware: "MacBook Pro M2 Pro 32GB",
    answer: `Download \`bartowski/Meta-Llama-3.1-70B-Instruct-GGUF\` (Q4_K_M) and import it into Ollama with a Modelfile.`,
    status: "warnings",
    flagged: ["llama3.1:70b"],
  },
  {
    id: "hf-repo-fits",
    lang: "en",
    hardware: RTX3060_16,
    answer: `Grab \`Qwen/Qwen2.5-7B-Instruct-GGUF\` at Q5_K_M; it fits the 3060 with room for a long context.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "falcon-180b",
    lang: "en",
    hardware: RTX4090_64,
    answer: `For a fully open licence, Falcon 180B is the model to run here.`,
    status: "warnings",
    flagged: ["falcon:180b"],
  },
  {
    id: "yi-34b-laptop",
    lang: "en",
    hardware: LAPTOP_8,
    answer: `Install \`yi:34b\` — it handles Chinese and English notes equally well.`,
    status: "warnings",
    flagged: ["yi:34b"],
  },
  {
    id: "command-r-plus",
    lang: "en",
    hardware: "Mac Studio M3 Max 64GB",
    answer: `For retrieval over your vault, Command R+ (104B) is purpose-built for RAG; run it with Ollama.`,
    status: "warnings",
    flagged: ["command-r-plus"],
  },
  {
    id: "nested-list-reject",
    lang: "en",
    hardware: "RTX 4070 12GB, 32GB RAM",
    answer: `- Models that won't fit:
  - Llama 3.1 70B
  - Qwen 2.5 72B
- Recommended:
  - Qwen 2.5 14B (Q4_K_M)
  - nomic-embed-text`,
    status: "ok",
    flagged: [],
  },
  {
    id: "avoid-list-coordination",
    lang: "en",
    hardware: RTX3060_16,
    answer: `Avoid Llama 3.3 70B, Qwen2.5 72B and Mixtral 8x22B on this box. Use Gemma 3 12B (\`gemma3:12b\`).`,
    status: "ok",
    flagged: [],
  },
  {
    id: "rather-than",
    lang: "en",
    hardware: LAPTOP_16,
    answer: `Run Gemma 3 12B rather than Gemma 3 27B; the CPU alone will be slow, but it works.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "bare-tag-latest-70b",
    lang: "en",
    hardware: "Mac mini M2 16GB",
    answer: `Simplest setup: \`ollama run llama3.3\` and point the plugin at it.`,
    status: "warnings",
    flagged: ["llama3.3:70b"],
  },
  {
    id: "sizeless-family-that-fits",
    lang: "en",
    hardware: "Laptop, 8GB RAM",
    answer: `Llama 3.2 is perfect for this laptop. Pull it with \`ollama pull llama3.2\`.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "unknown-model-no-size",
    lang: "en",
    hardware: RTX4090_64,
    answer: `Run \`ollama run dolphin3\` for uncensored drafting and nomic-embed-text for embeddings.`,
    status: "unchecked",
    flagged: [],
  },
  {
    id: "gpt-oss-120b-offload",
    lang: "en",
    hardware: RTX4090_64,
    answer: `OpenAI's gpt-oss-120b runs here with offloading; for speed, keep gpt-oss:20b as the everyday model.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "llava-34b",
    lang: "en",
    hardware: "GTX 1660 6GB, 16GB RAM",
    answer: `For reading screenshots, use LLaVA 34B (\`llava:34b\`).`,
    status: "warnings",
    flagged: ["llava:34b"],
  },
  {
    id: "codellama-70b",
    lang: "en",
    hardware: "RTX 4060 8GB, 32GB RAM",
    answer: `Coding: CodeLlama 70B is the strongest code model you can pull from Ollama's library.`,
    status: "warnings",
    flagged: ["codellama:70b"],
  },
  {
    id: "mistral-large-dual-gpu",
    lang: "en",
    hardware: "2x RTX 3090, 64GB RAM",
    answer: `With two 3090s, Mistral Large (123B) is within reach at Q4 if you let Ollama offload a third of it to RAM.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "llama4-scout",
    lang: "en",
    hardware: "MacBook Pro M3 Pro 36GB",
    answer: `Llama 4 Scout (109B total, 17B active) is the model I'd run: long context and fast thanks to MoE.`,
    status: "warnings",
    flagged: ["Llama 4 Scout"],
  },
  {
    id: "deepseek-v3-local",
    lang: "en",
    hardware: "2x RTX 4090, 128GB RAM",
    answer: `Run DeepSeek-V3 locally with Ollama for GPT-4-level answers.`,
    status: "warnings",
    flagged: ["deepseek-v3"],
  },
  {
    id: "baichuan-hyphen",
    lang: "en",
    hardware: LAPTOP_8,
    answer: `For Chinese notes, run Baichuan2-13B-Chat as a GGUF import.`,
    status: "warnings",
    flagged: ["Baichuan2-13B"],
  },
  {
    id: "benchmark-contrast",
    lang: "en",
    hardware: RTX3060_16,
    answer: `Llama 3.1 70B scores higher on benchmarks, but for you Llama 3.1 8B is the pick: it fits the 3060 entirely.`,
    status: "ok",
    flagged: [],
  },
  {
    id: "granite-phi4-mini",
    lang: "en",
    hardware: LAPTOP_8,
    answer: `1. \`granite3.3:2b\` for quick summaries
2. \`phi4-mini\` for reasoning
3. \`nomic-embed-text\` for embeddings`,
    status: "ok",
    flagged: [],
  },
  {
    id: "qwen-coder-4090",
    lang: "en",
    hardware: RTX4090_64,
    answer: `Code assistant: **Qwen2.5-Coder 32B** — \`ollama pull qwen2.5-coder:32b\`. It fits in VRAM at Q4_K_M.`,
    status: "ok",
    flagged: [],
  },
];

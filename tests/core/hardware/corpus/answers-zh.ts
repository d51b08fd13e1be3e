/** Chinese answers (Qwen and DeepSeek styles, tables, headed lists, thinking), with a careful reader's verdicts. */
import type { AnswerCase } from "./types";

const RTX4090_64 = "台式机，RTX 4090 显卡 24GB 显存，64GB 内存";
const RTX4060_16 = "RTX 4060 8GB，16GB 内存";

export const ANSWERS_ZH: readonly AnswerCase[] = [
  {
    id: "zh-llama-405b-paren",
    lang: "zh",
    hardware: RTX4090_64,
    answer: `## 计算层
主力模型：Llama 3.1（405B 参数），综合能力最强。嵌入模型：bge-m3。`,
    status: "warnings",
    flagged: ["llama3.1:405b"],
  },
  {
    id: "zh-qianwen-14b",
    lang: "zh",
    hardware: RTX4060_16,
    answer: `推荐千问 14B 作为主力模型，显存放不下的部分 Ollama 会自动卸载到内存，速度约每秒 6 个 token。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "zh-daibudong",
    lang: "zh",
    hardware: RTX4060_16,
    answer: `Llama 3.1 70B 你的显卡带不动，建议使用 Qwen2.5 7B（\`qwen2.5:7b\`）。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "zh-bujianyi",
    lang: "zh",
    hardware: "M2 MacBook Air，16GB 统一内存",
    answer: `### 模型选择
1. 主力：Qwen2.5 7B
2. 不建议使用 Qwen2.5 72B，需要 47GB 以上内存。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "zh-fangqi",
    lang: "zh",
    hardware: RTX4090_64,
    answer: `满血版 DeepSeek-R1 671B 需要 400GB 以上内存，放弃吧。本地用 DeepSeek-R1 32B 蒸馏版（\`deepseek-r1:32b\`）就够了。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "zh-r1-671b-recommended",
    lang: "zh",
    hardware: "RTX 4090 24GB，128GB 内存",
    answer: `推荐本地部署满血版 DeepSeek-R1 671B，推理能力最强，用 \`ollama run deepseek-r1:671b\` 启动。`,
    status: "warnings",
    flagged: ["deepseek-r1:671b"],
  },
  {
    id: "zh-shendu-distill-32b",
    lang: "zh",
    hardware: "RTX 4060 Ti 16GB，32GB 内存",
    answer: `推理任务推荐深度求索的 R1 蒸馏版 32B（DeepSeek-R1-Distill-Qwen-32B），部分层会放到 CPU 上，速度稍慢但可用。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "zh-table-check-cross",
    lang: "zh",
    hardware: "RTX 3060 12GB，16GB 内存",
    answer: `| 模型 | 显存需求 | 能否运行 |
|---|---|---|
| Qwen2.5 7B | 约 5GB | ✅ 可以 |
| Qwen2.5 14B | 约 10GB | ✅ 可以 |
| Qwen2.5 72B | 约 47GB | ❌ 不行 |

建议从 Qwen2.5 7B 开始。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "zh-think-then-oversized",
    lang: "zh",
    hardware: RTX4060_16,
    answer: `<think>
用户显卡是 4060 8GB，内存 16GB。Qwen2.5 7B 可以。不过用户想要最强效果……
</think>

## 计算层
推荐 Qwen2.5 32B（\`qwen2.5:32b\`），效果最好。`,
    status: "warnings",
    flagged: ["qwen2.5:32b"],
  },
  {
    id: "zh-upgrade",
    lang: "zh",
    hardware: RTX4060_16,
    answer: `目前使用 Llama 3.1 8B。以后升级到 64GB 内存后，可以尝试 Llama 3.3 70B。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "zh-tongyi-72b-recommended",
    lang: "zh",
    hardware: "笔记本，32GB 内存，无独显",
    answer: `中文写作首选通义千问 2.5 72B，理解能力远超小模型。`,
    status: "warnings",
    flagged: ["qwen2.5:72b"],
  },
  {
    id: "zh-yi-chinese-count",
    lang: "zh",
    hardware: "笔记本，8GB 内存",
    answer: `推荐使用 Yi 340亿参数版本，中文能力出色。`,
    status: "warnings",
    flagged: ["yi:34b"],
  },
  {
    id: "zh-cloud",
    lang: "zh",
    hardware: RTX4060_16,
    answer: `本地运行 Qwen2.5 7B；如果需要更强的能力，可以通过 API 调用云端的 Qwen2.5 72B，但数据会离开本机。`,
    status: "ok",
    flagged: [],
  },
  {
    id: "zh-gemma3-27b-int4",
    lang: "zh",
    hardware: "RTX 4090，24GB 显存，32GB 内存",
    answer: `多语言任务推荐 Gemma 3 27B，使用 4 位量化（Q4_K_M）可以完全放进显存。`,
    status: "ok",
    flagged: [],
  },
];

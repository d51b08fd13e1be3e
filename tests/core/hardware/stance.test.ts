/** Recommendation versus mention, sentence by sentence, English and Chinese. */
import { recognizeMentions } from "../../../src/core/hardware/recognize";
import { mentionStances } from "../../../src/core/hardware/stance";

function stances(text: string): [string, string][] {
  const mentions = recognizeMentions(text);
  return mentions.map((m, i) => [m.text, mentionStances(text, mentions)[i]]);
}

describe("mentionStances", () => {
  test.each<[string, [string, string][]]>([
    ["Use Qwen2.5 14B.", [["Qwen2.5 14B", "recommended"]]],
    ["Qwen2.5 14B handles long notes.", [["Qwen2.5 14B", "neutral"]]],
    ["Avoid Llama 3.3 70B, Qwen2.5 72B and Mixtral 8x22B.", [["Llama 3.3 70B", "rejected"], ["Qwen2.5 72B", "rejected"], ["Mixtral 8x22B", "rejected"]]],
    ["Use `llama3.1:8b`, since Llama 3.1 70B would not fit.", [["llama3.1:8b", "recommended"], ["Llama 3.1 70B", "rejected"]]],
    ["Mixtral 8x7B is tempting; don't bother with it.", [["Mixtral 8x7B", "rejected"]]],
    ["Qwen2.5 32B is too big for the GPU alone; Ollama splits it with the CPU.", [["Qwen2.5 32B", "neutral"]]],
    ["You won't be able to run Llama 3.1 70B here.", [["Llama 3.1 70B", "rejected"]]],
    ["- ~~Llama 3.1 70B~~ (too slow)", [["Llama 3.1 70B", "rejected"]]],
    ["| Llama 3.1 70B | 43 GB | OOM |", [["Llama 3.1 70B", "rejected"]]],
    ["| Qwen2.5 14B | 9 GB | ✅ |", [["Qwen2.5 14B", "recommended"]]],
    ["Can you run Llama 3.1 70B? No.", [["Llama 3.1 70B", "rejected"]]],
    ["What about Llama 3.1 70B? It needs 40 GB, more than you have.", [["Llama 3.1 70B", "rejected"]]],
    ["Llama 3.1 70B needs 40 GB; your 12 GB card can't.", [["Llama 3.1 70B", "rejected"]]],
    ["Once you add RAM, Llama 3.3 70B becomes possible.", [["Llama 3.3 70B", "rejected"]]],
    ["For comparison, DeepSeek-V3 through the API is cheap.", [["DeepSeek-V3", "rejected"]]],
    ["Run Gemma 3 12B rather than Gemma 3 27B.", [["Gemma 3 12B", "recommended"], ["Gemma 3 27B", "rejected"]]],
    ["## Models to avoid\n- Llama 3.1 405B", [["Llama 3.1 405B", "rejected"]]],
    ["- Won't fit:\n  - Qwen2.5 72B", [["Qwen2.5 72B", "rejected"]]],
    ["Qwen2.5 72B 无法在你的电脑上运行。", [["Qwen2.5 72B", "rejected"]]],
    ["不建议使用 Qwen2.5 72B。", [["Qwen2.5 72B", "rejected"]]],
    ["推荐 Qwen2.5 14B，显存不够的部分会卸载到内存。", [["Qwen2.5 14B", "recommended"]]],
    ["以后升级到 64GB 内存后，可以尝试 Llama 3.3 70B。", [["Llama 3.3 70B", "rejected"]]],
  ])("%j", (text, expected) => {
    expect(stances(text)).toEqual(expected);
  });
});

/** Recognising the models a plan recommends, however they are written. */
import { recognizeModels } from "../../../src/core/hardware/recognize";

function recognised(text: string): [string, string, string | undefined][] {
  return recognizeModels(text).map((m) => [m.text, m.facts.tag, m.facts.quantization]);
}

describe("recognizeModels", () => {
  test.each<[string, [string, string, string | undefined][]]>([
    ["Run `qwen2.5:14b` for email.", [["qwen2.5:14b", "qwen2.5:14b", "Q4_K_M"]]],
    ["Llama 3.1 70B handles the hard questions.", [["Llama 3.1 70B", "llama3.1:70b", "Q4_K_M"]]],
    ["Download Qwen2.5-32B-Instruct Q4_K_M from Hugging Face.", [["Qwen2.5-32B-Instruct", "qwen2.5:32b", "Q4_K_M"]]],
    ["Qwen2.5-32B-Instruct Q8_0 if you have room.", [["Qwen2.5-32B-Instruct", "qwen2.5:32b", "Q8_0"]]],
    ["`ollama pull llama3.1:8b-instruct-q8_0`", [["llama3.1:8b-instruct-q8_0", "llama3.1:8b", "Q8_0"]]],
    ["ollama run llama3.2", [["llama3.2", "llama3.2:3b", "Q4_K_M"]]],
    ["DeepSeek-R1-Distill-Qwen-32B thinks before it answers.", [["DeepSeek-R1-Distill-Qwen-32B", "deepseek-r1:32b", "Q4_K_M"]]],
    ["DeepSeek R1 70B", [["DeepSeek R1 70B", "deepseek-r1:70b", "Q4_K_M"]]],
    ["a Llama 70B is too big", [["Llama 70B", "llama3.3:70b", "Q4_K_M"]]],
    ["Gemma 3 27B or Mistral Small 24B", [["Gemma 3 27B", "gemma3:27b", "Q4_K_M"], ["Mistral Small 24B", "mistral-small:24b", "Q4_K_M"]]],
    ["Mistral 7B and Phi-4", [["Mistral 7B", "mistral:7b", "Q4_0"], ["Phi-4", "phi4:14b", "Q4_K_M"]]],
    ["Meta-Llama-3.1-70B-Instruct", [["Meta-Llama-3.1-70B-Instruct", "llama3.1:70b", "Q4_K_M"]]],
    ["Llama 3 8B (the original)", [["Llama 3 8B", "llama3.1:8b", "Q4_K_M"]]],
    ["Embeddings: nomic-embed-text or bge-m3.", [["nomic-embed-text", "nomic-embed-text", "F16"], ["bge-m3", "bge-m3", "F16"]]],
    ["使用 Qwen2.5 7B 模型，嵌入用 mxbai-embed-large。", [["Qwen2.5 7B", "qwen2.5:7b", "Q4_K_M"], ["mxbai-embed-large", "mxbai-embed-large", "F16"]]],
    // A family we know with a size we do not ship: its parameter count, at Ollama's default quantization.
    ["Qwen 2.5 13B", [["Qwen 2.5 13B", "Qwen 2.5 13B", "Q4_K_M"]]],
    // Mentioned twice, listed once.
    ["qwen2.5:14b … later qwen2.5:14b again, and Qwen 2.5 14B", [["qwen2.5:14b", "qwen2.5:14b", "Q4_K_M"]]],
  ])("%j", (text, expected) => {
    expect(recognised(text)).toEqual(expected);
  });

  test.each([
    "Open http://localhost:11434 or 127.0.0.1:11434",
    "foo:7b is not a model we know",
    "Use Qdrant and n8n; Docker 24.0; Python 3.12",
    "The RTX 4090 has 24GB; 70B models are big",
    "",
  ])("no models in %j", (text) => {
    expect(recognizeModels(text)).toEqual([]);
  });
});

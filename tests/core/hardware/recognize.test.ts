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
    // Llama 3 (April 2024) is its own Ollama model, served at Q4_0.
    ["Llama 3 8B (the original)", [["Llama 3 8B", "llama3:8b", "Q4_0"]]],
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
    "Use Qdrant and n8n; Docker 24.0; Python 3.12",
    "The RTX 4090 has 24GB; 70B models are big",
    "",
  ])("no models in %j", (text) => {
    expect(recognizeModels(text)).toEqual([]);
  });
});

describe("names outside the catalog and sizes anywhere in the phrase are never dropped", () => {
  test.each<[string, [string, string, string | undefined][]]>([
    // An Ollama tag of a family we do not know is a model of the size the tag says.
    ["foo:7b is not a model we know", [["foo:7b", "foo:7b", "Q4_K_M"]]],
    ["`yi:34b` and `llama2:70b`", [["yi:34b", "yi:34b", "Q4_0"], ["llama2:70b", "llama2:70b", "Q4_0"]]],
    ["`phi3:medium`", [["phi3:medium", "phi3:14b", "Q4_0"]]],
    ["DBRX (132B) is strong", [["DBRX (132B)", "dbrx:132b", "Q4_0"]]],
    ["Falcon 180B", [["Falcon 180B", "falcon:180b", "Q4_0"]]],
    ["Google's Gemma 2 (27 billion parameters)", [["Gemma 2 (27 billion", "gemma2:27b", "Q4_0"]]],
    ["Llama 3.1（405B 参数）", [["Llama 3.1（405B", "llama3.1:405b", "Q4_K_M"]]],
    ["千问 14B", [["千问 14B", "qwen3:14b", "Q4_K_M"]]],
    ["通义千问 2.5 72B", [["通义千问 2.5 72B", "qwen2.5:72b", "Q4_K_M"]]],
    ["Yi 340亿参数版本", [["Yi 340亿", "yi:34b", "Q4_0"]]],
    ["Mixtral 8x22B", [["Mixtral 8x22B", "mixtral:8x22b", "Q4_0"]]],
    ["Qwen3-235B-A22B", [["Qwen3-235B-A22B", "qwen3:235b-a22b", "Q4_K_M"]]],
    ["Baichuan2-13B-Chat", [["Baichuan2-13B", "Baichuan2-13B", "Q4_K_M"]]],
    ["`bartowski/Meta-Llama-3.1-70B-Instruct-GGUF`", [["Meta-Llama-3.1-70B", "llama3.1:70b", "Q4_K_M"]]],
    ["a 70B Llama", [["Llama", "llama3.3:70b", "Q4_K_M"]]],
    // Precision from the same sentence, or the line that follows.
    ["Mistral 7B in full precision (F16)", [["Mistral 7B", "mistral:7b", "F16"]]],
    ["Llama 3.1 8B at 8-bit", [["Llama 3.1 8B", "llama3.1:8b", "Q8_0"]]],
    ["- **Qwen2.5 32B**\n  Quantisation: Q8_0", [["Qwen2.5 32B", "qwen2.5:32b", "Q8_0"]]],
    ["| Qwen2.5 14B | 9 GB | q5_K_M |", [["Qwen2.5 14B", "qwen2.5:14b", "Q5_K_M"]]],
    // A size a tag names wins over a near one: 32B is the dense model, not the 30.5B MoE.
    ["通义千问 Qwen3 32B", [["通义千问 Qwen3 32B", "qwen3:32b", "Q4_K_M"]]],
    ["Qwen3 30B", [["Qwen3 30B", "qwen3:30b-a3b", "Q4_K_M"]]],
  ])("%j", (text, expected) => {
    expect(recognised(text)).toEqual(expected);
  });

  test("a name without a size keeps the sizes its family comes in", () => {
    const [mention] = recognizeModels("I recommend Llama 3.2 for this.");
    expect(mention.candidates?.map((e) => e.tag)).toEqual(["llama3.2:1b", "llama3.2:3b"]);
    expect(recognizeModels("Use `ollama run dolphin3`.").map((m) => [m.facts.tag, m.facts.paramsB])).toEqual([["dolphin3", undefined]]);
  });
});

/**
 * The wider Ollama library: models people pull and models answers recommend, beyond the popular
 * ones the fit table lists. The recognizer sizes any of these by name; the fit table and the
 * prompt keep to the shorter `CATALOG`.
 *
 * Parameter counts are the Ollama pages' (total for mixture-of-experts models), download sizes the
 * default tag's, and attention layouts the published configs (a fine-tune shares its base's).
 * DeepSeek V2/V3/R1 keep a compressed (MLA) cache: one 576-wide latent per layer and token.
 */
import { familyEntries as family, type CatalogEntry, type Defaults } from "./model-facts";

const LLAMA2_7: Defaults = { layers: 32, kvHeads: 32, headDim: 128, maxContext: 4096, quantization: "Q4_0" };
const LLAMA2_13: Defaults = { layers: 40, kvHeads: 40, headDim: 128, maxContext: 4096, quantization: "Q4_0" };
const LLAMA_70: Defaults = { layers: 80, kvHeads: 8, headDim: 128, maxContext: 4096, quantization: "Q4_0" };
const LLAMA3_8: Defaults = { layers: 32, kvHeads: 8, headDim: 128, maxContext: 8192, quantization: "Q4_0" };
const MISTRAL_7: Defaults = { layers: 32, kvHeads: 8, headDim: 128, maxContext: 32768, quantization: "Q4_0" };
const MLA: Defaults = { kvHeads: 1, headDim: 576, maxContext: 163840, quantization: "Q4_K_M" };

export const LIBRARY: readonly CatalogEntry[] = [
  ...family("llama", {}, [
    { ...LLAMA2_7, tag: "llama2:7b", name: "Llama 2 7B", paramsB: 6.74, downloadGb: 3.8, released: "2023-07", latest: true, aliases: ["Llama-2-7b-chat-hf"] },
    { ...LLAMA2_13, tag: "llama2:13b", name: "Llama 2 13B", paramsB: 13.0, downloadGb: 7.4, released: "2023-07", aliases: ["Llama-2-13b-chat-hf"] },
    { ...LLAMA_70, tag: "llama2:70b", name: "Llama 2 70B", paramsB: 69.0, downloadGb: 39, released: "2023-07", aliases: ["Llama-2-70b-chat-hf"] },
    { ...LLAMA3_8, tag: "llama3:8b", name: "Llama 3 8B", paramsB: 8.03, downloadGb: 4.7, released: "2024-04", latest: true, aliases: ["Meta-Llama-3-8B-Instruct"] },
    { ...LLAMA_70, maxContext: 8192, tag: "llama3:70b", name: "Llama 3 70B", paramsB: 70.6, downloadGb: 40, released: "2024-04", aliases: ["Meta-Llama-3-70B-Instruct"] },
    { layers: 40, kvHeads: 8, headDim: 128, maxContext: 131072, quantization: "Q4_K_M", visionParamsB: 0.9, tag: "llama3.2-vision:11b", name: "Llama 3.2 Vision 11B", paramsB: 10.7, downloadGb: 7.8, released: "2024-11", latest: true, aliases: ["Llama-3.2-11B-Vision-Instruct"] },
    { layers: 100, kvHeads: 8, headDim: 128, maxContext: 131072, quantization: "Q4_K_M", visionParamsB: 0.9, tag: "llama3.2-vision:90b", name: "Llama 3.2 Vision 90B", paramsB: 88.6, downloadGb: 55, released: "2024-11", aliases: ["Llama-3.2-90B-Vision-Instruct"] },
    { layers: 48, kvHeads: 8, headDim: 128, maxContext: 131072, quantization: "Q4_K_M", tag: "llama4:scout", name: "Llama 4 Scout", paramsB: 108.6, activeParamsB: 17, downloadGb: 67, released: "2025-04", latest: true, tags: ["llama4:16x17b"], variant: "scout", aliases: ["Llama-4-Scout-17B-16E-Instruct"] },
    { layers: 48, kvHeads: 8, headDim: 128, maxContext: 131072, quantization: "Q4_K_M", tag: "llama4:maverick", name: "Llama 4 Maverick", paramsB: 401.6, activeParamsB: 17, downloadGb: 245, released: "2025-04", tags: ["llama4:128x17b"], variant: "maverick", aliases: ["Llama-4-Maverick-17B-128E-Instruct"] },
    { ...LLAMA2_7, maxContext: 16384, tag: "codellama:7b", name: "Code Llama 7B", paramsB: 6.74, downloadGb: 3.8, released: "2023-08", latest: true, aliases: ["CodeLlama-7b-Instruct-hf"] },
    { ...LLAMA2_13, maxContext: 16384, tag: "codellama:13b", name: "Code Llama 13B", paramsB: 13.0, downloadGb: 7.4, released: "2023-08", aliases: ["CodeLlama-13b-Instruct-hf"] },
    { layers: 48, kvHeads: 8, headDim: 128, maxContext: 16384, quantization: "Q4_0", tag: "codellama:34b", name: "Code Llama 34B", paramsB: 33.7, downloadGb: 19, released: "2023-08", aliases: ["CodeLlama-34b-Instruct-hf"] },
    { ...LLAMA_70, tag: "codellama:70b", name: "Code Llama 70B", paramsB: 69.0, downloadGb: 39, released: "2024-01", aliases: ["CodeLlama-70b-Instruct-hf"] },
    { layers: 22, kvHeads: 4, headDim: 64, maxContext: 2048, quantization: "Q4_0", tag: "tinyllama:1.1b", name: "TinyLlama 1.1B", paramsB: 1.1, downloadGb: 0.638, released: "2024-01", latest: true },
    { ...LLAMA3_8, tag: "llava-llama3:8b", name: "LLaVA Llama 3 8B", paramsB: 8.35, visionParamsB: 0.3, quantization: "Q4_K_M", downloadGb: 5.5, released: "2024-05", latest: true },
    { ...LLAMA_70, maxContext: 131072, quantization: "Q4_K_M", tag: "nemotron:70b", name: "Llama 3.1 Nemotron 70B", paramsB: 70.6, downloadGb: 43, released: "2024-10", latest: true, aliases: ["Llama-3.1-Nemotron-70B-Instruct"] },
    { ...LLAMA3_8, maxContext: 131072, quantization: "Q4_0", tag: "hermes3:8b", name: "Hermes 3 8B", paramsB: 8.03, downloadGb: 4.7, released: "2024-08", latest: true },
    { ...LLAMA_70, maxContext: 131072, tag: "hermes3:70b", name: "Hermes 3 70B", paramsB: 70.6, downloadGb: 40, released: "2024-08" },
  ]),
  ...family("qwen", { headDim: 128, maxContext: 32768, quantization: "Q4_0" }, [
    { tag: "qwen:4b", name: "Qwen 1.5 4B", paramsB: 3.95, layers: 40, kvHeads: 20, downloadGb: 2.3, released: "2024-02", latest: true },
    { tag: "qwen:7b", name: "Qwen 1.5 7B", paramsB: 7.72, layers: 32, kvHeads: 32, downloadGb: 4.5, released: "2024-02" },
    { tag: "qwen:14b", name: "Qwen 1.5 14B", paramsB: 14.2, layers: 40, kvHeads: 40, downloadGb: 8.2, released: "2024-02" },
    { tag: "qwen:32b", name: "Qwen 1.5 32B", paramsB: 32.5, layers: 64, kvHeads: 8, downloadGb: 18, released: "2024-04" },
    { tag: "qwen:72b", name: "Qwen 1.5 72B", paramsB: 72.3, layers: 80, kvHeads: 64, downloadGb: 41, released: "2024-02" },
    { tag: "qwen:110b", name: "Qwen 1.5 110B", paramsB: 111, layers: 80, kvHeads: 8, downloadGb: 63, released: "2024-04" },
    { tag: "qwen2:1.5b", name: "Qwen 2 1.5B", paramsB: 1.54, layers: 28, kvHeads: 2, downloadGb: 0.935, released: "2024-06" },
    { tag: "qwen2:7b", name: "Qwen 2 7B", paramsB: 7.62, layers: 28, kvHeads: 4, downloadGb: 4.4, released: "2024-06", latest: true },
    { tag: "qwen2:72b", name: "Qwen 2 72B", paramsB: 72.7, layers: 80, kvHeads: 8, downloadGb: 41, released: "2024-06" },
    { tag: "qwen2-math:7b", name: "Qwen 2 Math 7B", paramsB: 7.62, layers: 28, kvHeads: 4, downloadGb: 4.4, released: "2024-08", latest: true },
    { tag: "qwen2-math:72b", name: "Qwen 2 Math 72B", paramsB: 72.7, layers: 80, kvHeads: 8, downloadGb: 41, released: "2024-08" },
  ]),
  ...family("qwen", { headDim: 128, maxContext: 32768, quantization: "Q4_K_M" }, [
    { tag: "qwen2.5-coder:1.5b", name: "Qwen 2.5 Coder 1.5B", paramsB: 1.54, layers: 28, kvHeads: 2, downloadGb: 0.986, released: "2024-11" },
    { tag: "qwen2.5-coder:3b", name: "Qwen 2.5 Coder 3B", paramsB: 3.09, layers: 36, kvHeads: 2, downloadGb: 1.9, released: "2024-11" },
    { tag: "qwen2.5-coder:7b", name: "Qwen 2.5 Coder 7B", paramsB: 7.62, layers: 28, kvHeads: 4, downloadGb: 4.7, released: "2024-11", latest: true, aliases: ["Qwen2.5-Coder-7B-Instruct"] },
    { tag: "qwen2.5-coder:14b", name: "Qwen 2.5 Coder 14B", paramsB: 14.8, layers: 48, kvHeads: 8, downloadGb: 9.0, released: "2024-11", aliases: ["Qwen2.5-Coder-14B-Instruct"] },
    { tag: "qwen2.5-coder:32b", name: "Qwen 2.5 Coder 32B", paramsB: 32.8, layers: 64, kvHeads: 8, downloadGb: 20, released: "2024-11", aliases: ["Qwen2.5-Coder-32B-Instruct"] },
    { tag: "qwen2.5vl:3b", name: "Qwen 2.5 VL 3B", paramsB: 3.75, layers: 36, kvHeads: 2, maxContext: 128000, downloadGb: 3.2, released: "2025-05" },
    { tag: "qwen2.5vl:7b", name: "Qwen 2.5 VL 7B", paramsB: 8.29, layers: 28, kvHeads: 4, maxContext: 128000, downloadGb: 6.0, released: "2025-05", latest: true, aliases: ["Qwen2.5-VL-7B-Instruct"] },
    { tag: "qwen2.5vl:32b", name: "Qwen 2.5 VL 32B", paramsB: 33.5, layers: 64, kvHeads: 8, maxContext: 128000, downloadGb: 21, released: "2025-05", aliases: ["Qwen2.5-VL-32B-Instruct"] },
    { tag: "qwen2.5vl:72b", name: "Qwen 2.5 VL 72B", paramsB: 73.4, layers: 80, kvHeads: 8, maxContext: 128000, downloadGb: 49, released: "2025-05", aliases: ["Qwen2.5-VL-72B-Instruct"] },
    { tag: "qwq:32b", name: "QwQ 32B", paramsB: 32.8, layers: 64, kvHeads: 8, maxContext: 40960, downloadGb: 20, released: "2025-03", latest: true, use: "reasoning", aliases: ["QwQ-32B"] },
    { tag: "qwen3-coder:30b", name: "Qwen 3 Coder 30B-A3B", paramsB: 30.5, activeParamsB: 3.3, layers: 48, kvHeads: 4, maxContext: 262144, downloadGb: 19, released: "2025-07", latest: true, aliases: ["Qwen3-Coder-30B-A3B-Instruct"] },
    { tag: "qwen3-coder:480b", name: "Qwen 3 Coder 480B-A35B", paramsB: 480, activeParamsB: 35, layers: 62, kvHeads: 8, maxContext: 262144, downloadGb: 290, released: "2025-07", aliases: ["Qwen3-Coder-480B-A35B-Instruct"] },
  ]),
  ...family("gemma", { headDim: 256, maxContext: 8192, quantization: "Q4_0" }, [
    { tag: "gemma:2b", name: "Gemma 2B", paramsB: 2.51, layers: 18, kvHeads: 1, downloadGb: 1.7, released: "2024-02", aliases: ["gemma-2b-it"] },
    { tag: "gemma:7b", name: "Gemma 7B", paramsB: 8.54, layers: 28, kvHeads: 16, downloadGb: 5.0, released: "2024-02", latest: true, aliases: ["gemma-7b-it"] },
    { tag: "codegemma:7b", name: "CodeGemma 7B", paramsB: 8.54, layers: 28, kvHeads: 16, downloadGb: 5.0, released: "2024-04", latest: true },
    { tag: "gemma3n:e2b", name: "Gemma 3n E2B", paramsB: 4.46, layers: 30, kvHeads: 2, maxContext: 32768, quantization: "Q4_K_M", downloadGb: 5.6, released: "2025-06", variant: "e2b" },
    { tag: "gemma3n:e4b", name: "Gemma 3n E4B", paramsB: 6.87, layers: 35, kvHeads: 2, maxContext: 32768, quantization: "Q4_K_M", downloadGb: 7.5, released: "2025-06", latest: true, variant: "e4b" },
  ]),
  ...family("mistral", { headDim: 128, kvHeads: 8 }, [
    { tag: "mixtral:8x7b", name: "Mixtral 8x7B", paramsB: 46.7, activeParamsB: 12.9, layers: 32, maxContext: 32768, quantization: "Q4_0", downloadGb: 26, released: "2023-12", latest: true, aliases: ["Mixtral-8x7B-Instruct-v0.1"] },
    { tag: "mixtral:8x22b", name: "Mixtral 8x22B", paramsB: 140.6, activeParamsB: 39, layers: 56, maxContext: 65536, quantization: "Q4_0", downloadGb: 80, released: "2024-04", aliases: ["Mixtral-8x22B-Instruct-v0.1"] },
    { tag: "mistral-small:22b", name: "Mistral Small 22B", paramsB: 22.2, layers: 56, maxContext: 32768, quantization: "Q4_0", downloadGb: 13, released: "2024-09", aliases: ["Mistral-Small-Instruct-2409"] },
    { tag: "mistral-small3.1:24b", name: "Mistral Small 3.1 24B", paramsB: 24.0, layers: 40, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 15, released: "2025-03", latest: true },
    { tag: "mistral-large:123b", name: "Mistral Large 123B", paramsB: 122.6, layers: 88, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 73, released: "2024-07", latest: true, aliases: ["Mistral-Large-Instruct-2407"] },
    { tag: "codestral:22b", name: "Codestral 22B", paramsB: 22.2, layers: 56, maxContext: 32768, quantization: "Q4_0", downloadGb: 13, released: "2024-05", latest: true, aliases: ["Codestral-22B-v0.1"] },
    { tag: "devstral:24b", name: "Devstral 24B", paramsB: 23.6, layers: 40, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 14, released: "2025-05", latest: true },
    { tag: "magistral:24b", name: "Magistral 24B", paramsB: 23.6, layers: 40, maxContext: 40960, quantization: "Q4_K_M", downloadGb: 14, released: "2025-06", latest: true, use: "reasoning" },
    { ...MISTRAL_7, tag: "mathstral:7b", name: "Mathstral 7B", paramsB: 7.25, downloadGb: 4.1, released: "2024-07", latest: true },
    { ...MISTRAL_7, tag: "llava:7b", name: "LLaVA 1.6 7B", paramsB: 7.24, visionParamsB: 0.3, downloadGb: 4.7, released: "2024-02", latest: true },
    { ...MISTRAL_7, tag: "zephyr:7b", name: "Zephyr 7B", paramsB: 7.24, downloadGb: 4.1, released: "2023-10", latest: true },
    { ...MISTRAL_7, tag: "openchat:7b", name: "OpenChat 7B", paramsB: 7.24, downloadGb: 4.1, released: "2023-11", latest: true },
    { ...MISTRAL_7, tag: "starling-lm:7b", name: "Starling LM 7B", paramsB: 7.24, downloadGb: 4.1, released: "2024-03", latest: true },
    { ...MISTRAL_7, tag: "wizardlm2:7b", name: "WizardLM-2 7B", paramsB: 7.24, downloadGb: 4.1, released: "2024-04", latest: true },
    { tag: "wizardlm2:8x22b", name: "WizardLM-2 8x22B", paramsB: 140.6, activeParamsB: 39, layers: 56, maxContext: 65536, quantization: "Q4_0", downloadGb: 80, released: "2024-04" },
    { tag: "dolphin-mixtral:8x7b", name: "Dolphin Mixtral 8x7B", paramsB: 46.7, activeParamsB: 12.9, layers: 32, maxContext: 32768, quantization: "Q4_0", downloadGb: 26, released: "2024-01", latest: true },
  ]),
  ...family("phi", { quantization: "Q4_0" }, [
    { tag: "phi:2.7b", name: "Phi-2 2.7B", paramsB: 2.78, layers: 32, kvHeads: 32, headDim: 80, maxContext: 2048, downloadGb: 1.6, released: "2023-12", latest: true, aliases: ["phi-2"] },
    { tag: "phi3:14b", name: "Phi-3 Medium 14B", paramsB: 14.0, layers: 40, kvHeads: 10, headDim: 128, maxContext: 4096, downloadGb: 7.9, released: "2024-05", variant: "medium", tags: ["phi3:medium"], aliases: ["Phi-3-medium-4k-instruct"] },
    { tag: "phi3.5:3.8b", name: "Phi-3.5 Mini 3.8B", paramsB: 3.82, layers: 32, kvHeads: 32, headDim: 96, maxContext: 131072, downloadGb: 2.2, released: "2024-08", latest: true, variant: "mini", aliases: ["Phi-3.5-mini-instruct"] },
    { tag: "phi4-mini:3.8b", name: "Phi-4 Mini 3.8B", paramsB: 3.84, layers: 32, kvHeads: 8, headDim: 128, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 2.5, released: "2025-02", latest: true, variant: "mini", aliases: ["Phi-4-mini-instruct"] },
    { tag: "phi4-reasoning:14b", name: "Phi-4 Reasoning 14B", paramsB: 14.7, layers: 40, kvHeads: 10, headDim: 128, maxContext: 32768, quantization: "Q4_K_M", downloadGb: 11, released: "2025-04", latest: true, use: "reasoning" },
  ]),
  ...family("deepseek-r1", { ...MLA, layers: 61, use: "reasoning" }, [
    { tag: "deepseek-r1:671b", name: "DeepSeek-R1 671B", paramsB: 671, activeParamsB: 37, downloadGb: 404, released: "2025-01", aliases: ["DeepSeek-R1-0528"] },
  ]),
  ...family("deepseek", MLA, [
    { tag: "deepseek-v3:671b", name: "DeepSeek-V3 671B", paramsB: 671, activeParamsB: 37, layers: 61, downloadGb: 404, released: "2024-12", latest: true, aliases: ["DeepSeek-V3-0324"] },
    { tag: "deepseek-coder-v2:16b", name: "DeepSeek-Coder-V2 Lite 16B", paramsB: 15.7, activeParamsB: 2.4, layers: 27, quantization: "Q4_0", downloadGb: 8.9, released: "2024-06", latest: true, aliases: ["DeepSeek-Coder-V2-Lite-Instruct"] },
    { tag: "deepseek-coder-v2:236b", name: "DeepSeek-Coder-V2 236B", paramsB: 236, activeParamsB: 21, layers: 60, quantization: "Q4_0", downloadGb: 133, released: "2024-06", aliases: ["DeepSeek-Coder-V2-Instruct"] },
    { tag: "deepseek-coder:6.7b", name: "DeepSeek Coder 6.7B", paramsB: 6.74, layers: 32, kvHeads: 32, headDim: 128, maxContext: 16384, quantization: "Q4_0", downloadGb: 3.8, released: "2023-11", aliases: ["deepseek-coder-6.7b-instruct"] },
    { tag: "deepseek-coder:33b", name: "DeepSeek Coder 33B", paramsB: 33.3, layers: 62, kvHeads: 8, headDim: 128, maxContext: 16384, quantization: "Q4_0", downloadGb: 19, released: "2023-11", aliases: ["deepseek-coder-33b-instruct"] },
  ]),
  ...family("other", { headDim: 128 }, [
    { tag: "command-r:35b", name: "Command R 35B", paramsB: 35.0, layers: 40, kvHeads: 8, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 19, released: "2024-08", latest: true, aliases: ["c4ai-command-r-08-2024"] },
    { tag: "command-r-plus:104b", name: "Command R+ 104B", paramsB: 104, layers: 64, kvHeads: 8, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 59, released: "2024-08", latest: true, aliases: ["c4ai-command-r-plus-08-2024"] },
    { tag: "command-r7b:7b", name: "Command R7B", paramsB: 8.03, layers: 32, kvHeads: 8, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 5.1, released: "2024-12", latest: true },
    { tag: "command-a:111b", name: "Command A 111B", paramsB: 111, layers: 64, kvHeads: 8, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 67, released: "2025-03", latest: true },
    { tag: "yi:6b", name: "Yi 6B", paramsB: 6.06, layers: 32, kvHeads: 4, maxContext: 4096, quantization: "Q4_0", downloadGb: 3.5, released: "2023-11", latest: true, aliases: ["Yi-6B-Chat"] },
    { tag: "yi:9b", name: "Yi 9B", paramsB: 8.83, layers: 48, kvHeads: 4, maxContext: 4096, quantization: "Q4_0", downloadGb: 5.0, released: "2024-03", aliases: ["Yi-9B"] },
    { tag: "yi:34b", name: "Yi 34B", paramsB: 34.4, layers: 60, kvHeads: 8, maxContext: 4096, quantization: "Q4_0", downloadGb: 19, released: "2023-11", aliases: ["Yi-34B-Chat"] },
    { tag: "falcon:7b", name: "Falcon 7B", paramsB: 7.2, layers: 32, kvHeads: 1, headDim: 64, maxContext: 2048, quantization: "Q4_0", downloadGb: 4.2, released: "2023-05", latest: true },
    { tag: "falcon:40b", name: "Falcon 40B", paramsB: 41.8, layers: 60, kvHeads: 8, headDim: 64, maxContext: 2048, quantization: "Q4_0", downloadGb: 24, released: "2023-05" },
    { tag: "falcon:180b", name: "Falcon 180B", paramsB: 179.5, layers: 80, kvHeads: 8, headDim: 64, maxContext: 2048, quantization: "Q4_0", downloadGb: 101, released: "2023-09" },
    { tag: "falcon3:7b", name: "Falcon 3 7B", paramsB: 7.46, layers: 28, kvHeads: 4, headDim: 256, maxContext: 32768, quantization: "Q4_K_M", downloadGb: 4.6, released: "2024-12" },
    { tag: "falcon3:10b", name: "Falcon 3 10B", paramsB: 10.3, layers: 40, kvHeads: 4, headDim: 256, maxContext: 32768, quantization: "Q4_K_M", downloadGb: 6.3, released: "2024-12", latest: true },
    { tag: "gpt-oss:20b", name: "gpt-oss 20B", paramsB: 20.9, activeParamsB: 3.6, layers: 24, kvHeads: 8, headDim: 64, maxContext: 131072, quantization: "MXFP4", downloadGb: 14, released: "2025-08", latest: true, aliases: ["gpt-oss-20b"] },
    { tag: "gpt-oss:120b", name: "gpt-oss 120B", paramsB: 116.8, activeParamsB: 5.1, layers: 36, kvHeads: 8, headDim: 64, maxContext: 131072, quantization: "MXFP4", downloadGb: 65, released: "2025-08", aliases: ["gpt-oss-120b"] },
    { tag: "granite3.3:2b", name: "Granite 3.3 2B", paramsB: 2.53, layers: 40, kvHeads: 8, headDim: 64, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 1.5, released: "2025-04" },
    { tag: "granite3.3:8b", name: "Granite 3.3 8B", paramsB: 8.17, layers: 40, kvHeads: 8, maxContext: 131072, quantization: "Q4_K_M", downloadGb: 4.9, released: "2025-04", latest: true },
    { tag: "granite-code:20b", name: "Granite Code 20B", paramsB: 20.1, layers: 52, kvHeads: 1, maxContext: 8192, quantization: "Q4_0", downloadGb: 12, released: "2024-05" },
    { tag: "granite-code:34b", name: "Granite Code 34B", paramsB: 33.7, layers: 88, kvHeads: 1, maxContext: 8192, quantization: "Q4_0", downloadGb: 19, released: "2024-05" },
    { tag: "llava:13b", name: "LLaVA 1.6 13B", paramsB: 13.4, visionParamsB: 0.3, layers: 40, kvHeads: 40, maxContext: 4096, quantization: "Q4_0", downloadGb: 8.0, released: "2024-02" },
    { tag: "llava:34b", name: "LLaVA 1.6 34B", paramsB: 34.8, visionParamsB: 0.3, layers: 60, kvHeads: 8, maxContext: 4096, quantization: "Q4_0", downloadGb: 20, released: "2024-02" },
    { tag: "minicpm-v:8b", name: "MiniCPM-V 2.6 8B", paramsB: 8.1, layers: 28, kvHeads: 4, maxContext: 32768, quantization: "Q4_0", downloadGb: 5.5, released: "2024-08", latest: true },
    { tag: "moondream:1.8b", name: "Moondream 2 1.8B", paramsB: 1.87, layers: 24, kvHeads: 32, headDim: 64, maxContext: 2048, quantization: "Q4_0", downloadGb: 1.7, released: "2024-04", latest: true },
    { tag: "dbrx:132b", name: "DBRX 132B", paramsB: 132, activeParamsB: 36, layers: 40, kvHeads: 8, maxContext: 32768, quantization: "Q4_0", downloadGb: 74, released: "2024-03", latest: true, aliases: ["dbrx-instruct"] },
    { tag: "starcoder2:15b", name: "StarCoder2 15B", paramsB: 16.0, layers: 40, kvHeads: 4, maxContext: 16384, quantization: "Q4_0", downloadGb: 9.1, released: "2024-02" },
    { tag: "starcoder2:3b", name: "StarCoder2 3B", paramsB: 3.03, layers: 30, kvHeads: 2, maxContext: 16384, quantization: "Q4_0", downloadGb: 1.7, released: "2024-02", latest: true },
    { tag: "solar:10.7b", name: "SOLAR 10.7B", paramsB: 10.7, layers: 48, kvHeads: 8, maxContext: 4096, quantization: "Q4_0", downloadGb: 6.1, released: "2023-12", latest: true },
    { tag: "glm4:9b", name: "GLM-4 9B", paramsB: 9.4, layers: 40, kvHeads: 2, maxContext: 131072, quantization: "Q4_0", downloadGb: 5.5, released: "2024-06", latest: true, aliases: ["glm-4-9b-chat"] },
    { tag: "internlm2:7b", name: "InternLM2.5 7B", paramsB: 7.74, layers: 32, kvHeads: 8, maxContext: 32768, quantization: "Q4_K_M", downloadGb: 4.5, released: "2024-07", latest: true },
    { tag: "internlm2:20b", name: "InternLM2.5 20B", paramsB: 19.9, layers: 48, kvHeads: 8, maxContext: 32768, quantization: "Q4_K_M", downloadGb: 11, released: "2024-07" },
    { tag: "aya:35b", name: "Aya 23 35B", paramsB: 35.0, layers: 40, kvHeads: 64, maxContext: 8192, quantization: "Q4_0", downloadGb: 20, released: "2024-05" },
    { tag: "smollm2:1.7b", name: "SmolLM2 1.7B", paramsB: 1.71, layers: 24, kvHeads: 32, headDim: 64, maxContext: 8192, quantization: "Q8_0", downloadGb: 1.8, released: "2024-11", latest: true },
    { tag: "olmo2:13b", name: "OLMo 2 13B", paramsB: 13.7, layers: 40, kvHeads: 40, maxContext: 4096, quantization: "Q4_K_M", downloadGb: 8.4, released: "2024-11" },
    { tag: "exaone3.5:32b", name: "EXAONE 3.5 32B", paramsB: 32.0, layers: 64, kvHeads: 8, maxContext: 32768, quantization: "Q4_K_M", downloadGb: 19, released: "2024-12" },
  ]),
  ...family("embedding", { kind: "embedding", use: "embedding", quantization: "F16", headDim: 64, maxContext: 512 }, [
    { tag: "all-minilm:22m", name: "all-minilm", paramsB: 0.023, layers: 6, kvHeads: 12, downloadGb: 0.046, released: "2024-02", latest: true, aliases: ["all-MiniLM-L6-v2"] },
    { tag: "snowflake-arctic-embed:335m", name: "snowflake-arctic-embed", paramsB: 0.335, layers: 24, kvHeads: 16, downloadGb: 0.669, released: "2024-04", latest: true },
    { tag: "snowflake-arctic-embed2:568m", name: "snowflake-arctic-embed2", paramsB: 0.568, layers: 24, kvHeads: 16, maxContext: 8192, downloadGb: 1.2, released: "2024-12", latest: true },
    { tag: "bge-large:335m", name: "bge-large", paramsB: 0.335, layers: 24, kvHeads: 16, downloadGb: 0.671, released: "2024-08", latest: true, aliases: ["bge-large-en-v1.5"] },
    { tag: "granite-embedding:278m", name: "granite-embedding", paramsB: 0.278, layers: 12, kvHeads: 12, downloadGb: 0.563, released: "2024-12", latest: true },
    { tag: "paraphrase-multilingual:278m", name: "paraphrase-multilingual", paramsB: 0.278, layers: 12, kvHeads: 12, downloadGb: 0.563, released: "2024-08", latest: true },
    { tag: "qwen3-embedding:8b", name: "Qwen3 Embedding 8B", paramsB: 7.57, layers: 36, kvHeads: 8, headDim: 128, maxContext: 32768, quantization: "Q4_K_M", downloadGb: 4.7, released: "2025-06", latest: true, aliases: ["Qwen3-Embedding-8B"] },
    { tag: "qwen3-embedding:0.6b", name: "Qwen3 Embedding 0.6B", paramsB: 0.6, layers: 28, kvHeads: 8, headDim: 128, maxContext: 32768, quantization: "Q8_0", downloadGb: 0.639, released: "2025-06", aliases: ["Qwen3-Embedding-0.6B"] },
  ]),
];

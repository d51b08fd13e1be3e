/**
 * The wider Ollama library: models people pull and models answers recommend, beyond the popular
 * ones the fit table lists. The recognizer sizes any of these by name; the fit table and the
 * prompt keep to the shorter `CATALOG`.
 *
 * Parameter counts are the Ollama pages' (total for mixture-of-experts models), download sizes the
 * default tag's, and attention layouts the published configs (a fine-tune shares its base's).
 * DeepSeek V3/R1 keep a compressed (MLA) cache: one 576-wide latent per layer and token.
 *
 * One row per model in the compact form `parseModelRows` reads (it ships in main.js, so names are
 * the tags and Hugging Face names are left to the prose recognizer).
 */
import { parseModelRows, type CatalogEntry, type Lineage } from "./model-facts";

const ROWS: Readonly<Partial<Record<Lineage, readonly string[]>>> = {
  "llama": [
    "llama2:7b||6.74|3.8|32 32 128 4096|Q4_0|2023-07|latest",
    "llama2:13b||13|7.4|40 40 128 4096|Q4_0|2023-07",
    "llama2:70b||69|39|80 8 128 4096|Q4_0|2023-07",
    "llama3:8b||8.03|4.7|32 8 128 8192|Q4_0|2024-04|latest",
    "llama3:70b||70.6|40|80 8 128 8192|Q4_0|2024-04",
    "llama3.2-vision:11b||10.7|7.8|40 8 128 131072|Q4_K_M|2024-11|latest vision=0.9",
    "llama3.2-vision:90b||88.6|55|100 8 128 131072|Q4_K_M|2024-11|vision=0.9",
    "llama4:scout||108.6|67|48 8 128 131072|Q4_K_M|2025-04|latest active=17 variant=scout tags=llama4:16x17b",
    "llama4:maverick||401.6|245|48 8 128 131072|Q4_K_M|2025-04|active=17 variant=maverick tags=llama4:128x17b",
    "codellama:7b||6.74|3.8|32 32 128 16384|Q4_0|2023-08|latest",
    "codellama:13b||13|7.4|40 40 128 16384|Q4_0|2023-08",
    "codellama:34b||33.7|19|48 8 128 16384|Q4_0|2023-08",
    "codellama:70b||69|39|80 8 128 4096|Q4_0|2024-01",
  ],
  "qwen": [
    "qwen:7b||7.72|4.5|32 32 128 32768|Q4_0|2024-02",
    "qwen:14b||14.2|8.2|40 40 128 32768|Q4_0|2024-02",
    "qwen:32b||32.5|18|64 8 128 32768|Q4_0|2024-04",
    "qwen:72b||72.3|41|80 64 128 32768|Q4_0|2024-02",
    "qwen:110b||111|63|80 8 128 32768|Q4_0|2024-04",
    "qwen2:1.5b||1.54|0.935|28 2 128 32768|Q4_0|2024-06",
    "qwen2:7b||7.62|4.4|28 4 128 32768|Q4_0|2024-06|latest",
    "qwen2:72b||72.7|41|80 8 128 32768|Q4_0|2024-06",
    "qwen2-math:7b||7.62|4.4|28 4 128 32768|Q4_0|2024-08|latest",
    "qwen2.5-coder:1.5b||1.54|0.986|28 2 128 32768|Q4_K_M|2024-11",
    "qwen2.5-coder:3b||3.09|1.9|36 2 128 32768|Q4_K_M|2024-11",
    "qwen2.5-coder:7b||7.62|4.7|28 4 128 32768|Q4_K_M|2024-11|latest",
    "qwen2.5-coder:14b||14.8|9|48 8 128 32768|Q4_K_M|2024-11",
    "qwen2.5-coder:32b||32.8|20|64 8 128 32768|Q4_K_M|2024-11",
    "qwen2.5vl:3b||3.75|3.2|36 2 128 128000|Q4_K_M|2025-05",
    "qwen2.5vl:7b||8.29|6|28 4 128 128000|Q4_K_M|2025-05|latest",
    "qwen2.5vl:32b||33.5|21|64 8 128 128000|Q4_K_M|2025-05",
    "qwen2.5vl:72b||73.4|49|80 8 128 128000|Q4_K_M|2025-05",
    "qwq:32b||32.8|20|64 8 128 40960|Q4_K_M|2025-03|latest reasoning",
    "qwen3-coder:30b||30.5|19|48 4 128 262144|Q4_K_M|2025-07|latest active=3.3",
    "qwen3-coder:480b||480|290|62 8 128 262144|Q4_K_M|2025-07|active=35",
  ],
  "gemma": [
    "gemma:2b||2.51|1.7|18 1 256 8192|Q4_0|2024-02",
    "gemma:7b||8.54|5|28 16 256 8192|Q4_0|2024-02|latest",
    "codegemma:7b||8.54|5|28 16 256 8192|Q4_0|2024-04|latest",
    "gemma3n:e2b||4.46|5.6|30 2 256 32768|Q4_K_M|2025-06|variant=e2b",
    "gemma3n:e4b||6.87|7.5|35 2 256 32768|Q4_K_M|2025-06|latest variant=e4b",
  ],
  "mistral": [
    "mixtral:8x7b||46.7|26|32 8 128 32768|Q4_0|2023-12|latest active=12.9",
    "mixtral:8x22b||140.6|80|56 8 128 65536|Q4_0|2024-04|active=39",
    "mistral-small:22b||22.2|13|56 8 128 32768|Q4_0|2024-09",
    "mistral-small3.1:24b||24|15|40 8 128 131072|Q4_K_M|2025-03|latest",
    "mistral-large:123b||122.6|73|88 8 128 131072|Q4_K_M|2024-07|latest",
    "codestral:22b||22.2|13|56 8 128 32768|Q4_0|2024-05|latest",
    "llava:7b||7.24|4.7|32 8 128 32768|Q4_0|2024-02|latest vision=0.3",
  ],
  "phi": [
    "phi:2.7b||2.78|1.6|32 32 80 2048|Q4_0|2023-12|latest",
    "phi3:14b||14|7.9|40 10 128 4096|Q4_0|2024-05|variant=medium tags=phi3:medium",
    "phi3.5:3.8b||3.82|2.2|32 32 96 131072|Q4_0|2024-08|latest variant=mini",
    "phi4-mini:3.8b||3.84|2.5|32 8 128 131072|Q4_K_M|2025-02|latest variant=mini",
  ],
  "deepseek-r1": [
    "deepseek-r1:671b||671|404|61 1 576 163840|Q4_K_M|2025-01|reasoning active=37",
  ],
  "deepseek": [
    "deepseek-v3:671b||671|404|61 1 576 163840|Q4_K_M|2024-12|latest active=37",
    "deepseek-coder-v2:16b||15.7|8.9|27 1 576 163840|Q4_0|2024-06|latest active=2.4",
    "deepseek-coder-v2:236b||236|133|60 1 576 163840|Q4_0|2024-06|active=21",
  ],
  "other": [
    "command-r:35b||35|19|40 8 128 131072|Q4_K_M|2024-08|latest",
    "command-r-plus:104b||104|59|64 8 128 131072|Q4_K_M|2024-08|latest",
    "yi:6b||6.06|3.5|32 4 128 4096|Q4_0|2023-11|latest",
    "yi:9b||8.83|5|48 4 128 4096|Q4_0|2024-03",
    "yi:34b||34.4|19|60 8 128 4096|Q4_0|2023-11",
    "falcon:7b||7.2|4.2|32 1 64 2048|Q4_0|2023-05|latest",
    "falcon:40b||41.8|24|60 8 64 2048|Q4_0|2023-05",
    "falcon:180b||179.5|101|80 8 64 2048|Q4_0|2023-09",
    "falcon3:7b||7.46|4.6|28 4 256 32768|Q4_K_M|2024-12",
    "falcon3:10b||10.3|6.3|40 4 256 32768|Q4_K_M|2024-12|latest",
    "gpt-oss:20b||20.9|14|24 8 64 131072|MXFP4|2025-08|latest active=3.6",
    "gpt-oss:120b||116.8|65|36 8 64 131072|MXFP4|2025-08|active=5.1",
    "granite3.3:2b||2.53|1.5|40 8 64 131072|Q4_K_M|2025-04",
    "granite3.3:8b||8.17|4.9|40 8 128 131072|Q4_K_M|2025-04|latest",
    "granite-code:20b||20.1|12|52 1 128 8192|Q4_0|2024-05",
    "granite-code:34b||33.7|19|88 1 128 8192|Q4_0|2024-05",
    "llava:13b||13.4|8|40 40 128 4096|Q4_0|2024-02|vision=0.3",
    "llava:34b||34.8|20|60 8 128 4096|Q4_0|2024-02|vision=0.3",
    "minicpm-v:8b||8.1|5.5|28 4 128 32768|Q4_0|2024-08|latest",
    "moondream:1.8b||1.87|1.7|24 32 64 2048|Q4_0|2024-04|latest",
    "dbrx:132b||132|74|40 8 128 32768|Q4_0|2024-03|latest active=36",
  ],
  "embedding": [
    "all-minilm:22m||0.023|0.046|6 12 64 512|F16|2024-02|latest embedding",
    "snowflake-arctic-embed:335m||0.335|0.669|24 16 64 512|F16|2024-04|latest embedding",
    "bge-large:335m||0.335|0.671|24 16 64 512|F16|2024-08|latest embedding",
    "qwen3-embedding:8b||7.57|4.7|36 8 128 32768|Q4_K_M|2025-06|latest embedding",
    "qwen3-embedding:0.6b||0.6|0.639|28 8 128 32768|Q8_0|2025-06|embedding",
  ],

};

/** Every library model, in the rows' order. */
export const LIBRARY: readonly CatalogEntry[] = parseModelRows(ROWS);

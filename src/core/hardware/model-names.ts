/**
 * Model family names as answers write them in prose, English and Chinese, and the Ollama families
 * each may mean.
 *
 * - `FAMILY_NAMES`: one entry per way of naming a family ("Llama 3.1", "千问", "Command R+").
 * - `familiesFor(name, match)`: the Ollama family keys a matched name points to.
 *
 * A name with a version or a variant ("Llama 3.3", "Phi-3 medium") points to one family; a bare
 * lineage word ("Qwen", "Llama") to all of them, and is only used when a size is written with it.
 */
export interface FamilyName {
  /** Matches the name and captures its version and variant words; no `g` flag, applied with sticky search. */
  re: RegExp;
  /** Ollama family keys this name may mean, from the capture groups. */
  families: (m: RegExpExecArray) => string[];
  /** Whether the name alone (no size) picks out a model or a family of sizes worth checking. */
  specific: (m: RegExpExecArray) => boolean;
}

const SEP = "[\\s_-]*";
const VERSION = `(?:${SEP}(\\d{1,2}(?:\\.\\d)?)(?![\\d.]*\\s*(?:b|bn|billion|m|亿|x\\d)(?![a-z])))?`;
const lower = (s: string | undefined) => (s ?? "").toLowerCase().replace(/[\s_-]+/g, "");

function re(source: string): RegExp {
  return new RegExp(source, "i");
}

export const FAMILY_NAMES: readonly FamilyName[] = [
  {
    re: re(`(?:deep${SEP}seek|深度求索)${SEP}(?:的)?${SEP}(r1|v3|v2\\.5|v2|coder${SEP}v2|coder|llm)?`),
    families: (m) => {
      const v = lower(m[1]);
      if (v === "r1" || v === "") return ["deepseek-r1"];
      if (v === "v3" || v === "v2.5" || v === "v2") return ["deepseek-v3"];
      return v === "coderv2" ? ["deepseek-coder-v2"] : v === "coder" ? ["deepseek-coder"] : ["deepseek-llm"];
    },
    specific: (m) => m[1] !== undefined,
  },
  {
    re: re(`code${SEP}llama`),
    families: () => ["codellama"],
    specific: () => true,
  },
  {
    re: re(`(?<![a-z])(?:meta${SEP})?llama${VERSION}(?:${SEP}(vision|scout|maverick|guard))?(?![a-z])`),
    families: (m) => {
      const variant = lower(m[2]);
      if (m[1] === undefined) return variant === "scout" || variant === "maverick" ? ["llama4"] : ["llama3.3", "llama3.2", "llama3.1", "llama3", "llama2", "llama4"];
      if (variant === "vision") return [`llama${m[1]}-vision`];
      return [`llama${m[1]}`];
    },
    specific: (m) => m[1] !== undefined || m[2] !== undefined,
  },
  {
    re: re(`(?:qwen|通义千问|千问|通义)${VERSION}(?:${SEP}(coder|vl|math|embedding))?(?![a-z])`),
    families: (m) => {
      const variant = lower(m[2]);
      const versions = m[1] !== undefined ? [m[1] === "1.5" ? "" : m[1]] : ["3", "2.5", "2", ""];
      const suffix = variant === "" ? "" : variant === "vl" ? "vl" : `-${variant}`;
      return versions.map((v) => `qwen${v}${suffix}`);
    },
    specific: (m) => m[1] !== undefined,
  },
  { re: re(`(?<![a-z])qwq(?![a-z])`), families: () => ["qwq"], specific: () => true },
  {
    re: re(`(?<![a-z])(code)?gemma${VERSION}(n)?(?![a-z])`),
    families: (m) => (m[1] ? ["codegemma"] : m[2] === undefined ? ["gemma3", "gemma2", "gemma"] : [`gemma${m[2] === "1" ? "" : m[2]}${m[3] ?? ""}`]),
    specific: (m) => m[1] !== undefined || m[2] !== undefined,
  },
  {
    re: re(`(?<![a-z])mistral${SEP}(small|nemo|large)?${VERSION}(?![a-z])`),
    families: (m) => {
      const variant = lower(m[1]);
      if (variant === "") return ["mistral"];
      if (variant === "small" && m[2] !== undefined && m[2].includes(".")) return [`mistral-small${m[2]}`, "mistral-small"];
      return [`mistral-${variant}`, ...(variant === "small" ? ["mistral-small3.1"] : [])];
    },
    specific: (m) => m[1] !== undefined,
  },
  { re: re(`(?<![a-z])(mixtral|codestral|devstral|magistral|mathstral)(?![a-z])`), families: (m) => [lower(m[1])], specific: () => true },
  {
    re: re(`(?<![a-z])phi${SEP}(\\d(?:\\.\\d)?)?(?:${SEP}(mini|medium|reasoning))?(?![a-z])`),
    families: (m) => {
      const v = m[1] === undefined || m[1] === "2" ? "" : m[1];
      const variant = lower(m[2]);
      if (variant === "reasoning" || (variant === "mini" && v === "4")) return [`phi${v}-${variant}`];
      return [`phi${v}`];
    },
    specific: (m) => m[1] !== undefined,
  },
  {
    re: re(`(?<![a-z])command${SEP}(r|a)(?:${SEP}(\\+|plus)|(7b))?(?![a-z])`),
    families: (m) => (lower(m[1]) === "a" ? ["command-a"] : m[3] ? ["command-r7b"] : m[2] ? ["command-r-plus"] : ["command-r"]),
    specific: () => true,
  },
  { re: re(`(?<![a-z])(?:gpt${SEP}oss)(?![a-z])`), families: () => ["gpt-oss"], specific: () => true },
  {
    re: re(`(?<![a-z])falcon${VERSION}(?![a-z])`),
    families: (m) => (m[1] === "3" ? ["falcon3"] : m[1] === undefined ? ["falcon", "falcon3"] : ["falcon"]),
    specific: () => false,
  },
  { re: re(`(?<![a-z])yi(?:${SEP}1\\.5)?(?![a-z])`), families: () => ["yi"], specific: () => false },
  {
    re: re(`(?<![a-z])granite${VERSION}(?:${SEP}(code|dense))?(?![a-z])`),
    families: (m) => (lower(m[2]) === "code" ? ["granite-code"] : ["granite3.3"]),
    specific: () => false,
  },
  { re: re(`(?<![a-z])llava(?:${SEP}(llama${SEP}3))?(?![a-z])`), families: (m) => (m[1] ? ["llava-llama3"] : ["llava"]), specific: () => false },
  { re: re(`(?<![a-z])star${SEP}coder${SEP}2?(?![a-z])`), families: () => ["starcoder2"], specific: () => false },
  { re: re(`(?<![a-z])dbrx(?![a-z])`), families: () => ["dbrx"], specific: () => true },
  { re: re(`(?<![a-z])(?:chat)?glm${SEP}4?(?![a-z])`), families: () => ["glm4"], specific: () => false },
  { re: re(`(?<![a-z])intern${SEP}lm${SEP}2?(?:\\.5)?(?![a-z])|书生`), families: () => ["internlm2"], specific: () => false },
  { re: re(`(?<![a-z])wizard${SEP}lm${SEP}2?(?![a-z])`), families: () => ["wizardlm2"], specific: () => false },
  { re: re(`(?<![a-z])(solar|aya|smollm2?|olmo${SEP}2?|exaone|nemotron|hermes${SEP}3?|zephyr|openchat|starling|tinyllama|minicpm|moondream|vicuna|orca${SEP}mini|dolphin|baichuan|百川|chatglm|grok|jamba|kimi|minimax|nous${SEP}hermes|mpt|bloom|stablelm|openhermes|neural${SEP}chat)${VERSION}(?![a-z])`), families: (m) => [lower(m[1])], specific: () => false },
];

/** The Ollama family keys `name` points to. */
export function familiesFor(name: FamilyName, m: RegExpExecArray): string[] {
  return name.families(m);
}

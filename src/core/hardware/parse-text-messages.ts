/** What the hardware text parser says about what it ignored or assumed, in English and Chinese. */
import type { PromptLanguage } from "../shared/language";
import { MAX_RAM_GB, MAX_VRAM_GB } from "./profile";

/** The parser's warnings, by language. */
export const PARSE_MESSAGES: Record<PromptLanguage, {
  empty: string;
  nothingFound: (text: string) => string;
  tooSmall: (raw: string) => string;
  vramTooBig: (raw: string) => string;
  ramTooBig: (raw: string) => string;
  storage: (raw: string) => string;
  vramNoGpu: (gb: string) => string;
  vramConflict: (name: string, values: string, used: string) => string;
  ramConflict: (values: string, used: string) => string;
  vramAboveTable: (name: string, table: string, stated: string) => string;
  vramBelowTable: (name: string, table: string, stated: string) => string;
  vramAmbiguous: (name: string, sizes: string, used: string) => string;
  vramUnknown: (name: string) => string;
  appleVram: (raw: string) => string;
  appleDiscrete: (names: string) => string;
  noGpuConflict: (names: string) => string;
  intel: (name: string) => string;
  or: string;
  and: string;
}> = {
  en: {
    empty: "No hardware described.",
    nothingFound: (text) => `Found no RAM, GPU or memory size in "${text}".`,
    tooSmall: (raw) => `Ignored "${raw}": not a usable memory size.`,
    vramTooBig: (raw) => `Ignored "${raw}" of VRAM: more than any GPU has (${MAX_VRAM_GB} GB).`,
    ramTooBig: (raw) => `Ignored "${raw}" of RAM: more than ${MAX_RAM_GB} GB is not plausible.`,
    storage: (raw) => `Ignored "${raw}": it looks like storage, not memory.`,
    vramNoGpu: (gb) => `VRAM given (${gb}) but no GPU named; assumed one GPU of unknown make.`,
    vramConflict: (name, values, used) => `VRAM of the ${name} given as ${values}; using the smaller, ${used}.`,
    ramConflict: (values, used) => `RAM given as ${values}; using the smaller, ${used}.`,
    vramAboveTable: (name, table, stated) => `The ${name} has ${table} of VRAM, not ${stated}; using ${table}.`,
    vramBelowTable: (name, table, stated) => `The ${name} usually has ${table} of VRAM; using the stated ${stated}.`,
    vramAmbiguous: (name, sizes, used) => `The ${name} comes with ${sizes} of VRAM; assumed ${used}. Write the size (e.g. "${name} 16GB") if yours has more.`,
    vramUnknown: (name) => `Don't know how much VRAM the ${name} has; add it (e.g. "${name} 12GB").`,
    appleVram: (raw) => `Apple Silicon has no separate VRAM; ignored "${raw}" (the GPU shares the unified memory).`,
    appleDiscrete: (names) => `Apple Silicon Macs cannot use ${names}; ignored it.`,
    noGpuConflict: (names) => `The description says there is no GPU but names ${names}; ignored the GPU.`,
    intel: (name) => `Ollama does not use Intel GPUs (${name}) by default; models are planned for the CPU.`,
    or: " or ",
    and: " and ",
  },
  zh: {
    empty: "没有填写硬件配置。",
    nothingFound: (text) => `在“${text}”中没有找到内存、显卡或容量信息。`,
    tooSmall: (raw) => `已忽略“${raw}”：不是可用的内存大小。`,
    vramTooBig: (raw) => `已忽略显存“${raw}”：超过任何显卡的容量（${MAX_VRAM_GB} GB）。`,
    ramTooBig: (raw) => `已忽略内存“${raw}”：超过 ${MAX_RAM_GB} GB，不合常理。`,
    storage: (raw) => `已忽略“${raw}”：看起来是硬盘容量，不是内存。`,
    vramNoGpu: (gb) => `给出了显存（${gb}）但没有写显卡型号；按一块未知型号的显卡处理。`,
    vramConflict: (name, values, used) => `${name} 的显存写了 ${values}；采用较小的 ${used}。`,
    ramConflict: (values, used) => `内存写了 ${values}；采用较小的 ${used}。`,
    vramAboveTable: (name, table, stated) => `${name} 的显存是 ${table}，不是 ${stated}；采用 ${table}。`,
    vramBelowTable: (name, table, stated) => `${name} 通常有 ${table} 显存；采用所写的 ${stated}。`,
    vramAmbiguous: (name, sizes, used) => `${name} 有 ${sizes} 显存的版本；按 ${used} 计算。如果你的更大，请写明（例如“${name} 16GB”）。`,
    vramUnknown: (name) => `不知道 ${name} 的显存大小；请补充（例如“${name} 12GB”）。`,
    appleVram: (raw) => `Apple 芯片没有独立显存；已忽略“${raw}”（GPU 与 CPU 共用统一内存）。`,
    appleDiscrete: (names) => `Apple 芯片的 Mac 无法使用 ${names}；已忽略。`,
    noGpuConflict: (names) => `描述中说没有显卡，却写了 ${names}；已忽略该显卡。`,
    intel: (name) => `Ollama 默认不使用 Intel 显卡（${name}）；按 CPU 运行来规划模型。`,
    or: " 或 ",
    and: "、",
  },
};

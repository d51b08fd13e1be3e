/**
 * The parts of the offline draft that depend on the machine and the vault: how hard the setup is
 * (from the GPU vendor and the OS), what will slow it down, and what the memory layer needs.
 *
 * - `draftDifficulty(profile, main, lang)`: the level and why.
 * - `draftBottlenecks(facts, lang)`: one line per bottleneck, numbers that agree with each other.
 * - `memoryLayer(facts, lang)`: embedding model, vault size, index size and where vectors live.
 */
import type { FitRow, FitTable } from "../hardware/fit-table";
import type { HardwareProfile } from "../hardware/profile";
import { formatGb, round1 } from "../hardware/units";
import type { PromptLanguage } from "../shared/language";
import { WORDS, type DifficultyReason } from "./offline-words";
import { indexEstimate, type VaultFacts } from "./vault-facts";

/** What the advice is computed from. */
export interface DraftFacts {
  profile: HardwareProfile;
  table: FitTable;
  main?: FitRow;
  embedding?: FitRow;
  multilingual: boolean;
  vault?: VaultFacts;
}

/** Past this many chunks a file-based index is slow to save and load: a vector database is better. */
const LARGE_INDEX_CHUNKS = 50_000;
/** Chunks embedded per second, roughly: on a GPU and on a CPU. */
const EMBED_RATE = { gpu: 40, cpu: 6 };

function reasons(profile: HardwareProfile, main: FitRow | undefined): { level: "easy" | "moderate" | "hard"; why: DifficultyReason[] } {
  const gpus = profile.gpus;
  const os = profile.os ?? "";
  const vendor = (name: string) => gpus.some((gpu) => gpu.vendor === name);
  if (vendor("apple")) return { level: "easy", why: ["apple"] };
  if (gpus.some((gpu) => /jetson/i.test(gpu.name ?? ""))) return { level: "hard", why: ["jetson"] };
  if (profile.unifiedMemory) return { level: "hard", why: ["unifiedOther"] };
  if (vendor("nvidia") || vendor("unknown")) return { level: "moderate", why: [os === "Windows" ? "nvidiaWindows" : os === "Linux" ? "nvidiaLinux" : "nvidia"] };
  if (vendor("amd")) return { level: "hard", why: [os === "Linux" ? "amdLinux" : os === "Windows" ? "amdWindows" : "amd"] };
  if (vendor("intel")) return { level: "moderate", why: ["intel"] };
  return { level: main === undefined ? "moderate" : "easy", why: ["cpu"] };
}

/** The setup's difficulty for this machine, with the reasons. */
export function draftDifficulty(profile: HardwareProfile, main: FitRow | undefined, lang: PromptLanguage): string {
  const w = WORDS[lang];
  const { level, why } = reasons(profile, main);
  const parts = why.map((reason) => w.why[reason]);
  const discrete = profile.gpus.filter((gpu) => gpu.vramGb !== undefined).length;
  if (discrete > 1) parts.push(w.multiGpu(discrete));
  if (!profile.unifiedMemory && profile.ramGb !== undefined && profile.ramGb < 16) parts.push(w.smallRam(formatGb(profile.ramGb)));
  const sep = lang === "zh" ? "；" : "; ";
  const body = parts.join(sep);
  return `${w.levels[level]}${lang === "zh" ? "。" : ". "}${body.charAt(0).toUpperCase()}${body.slice(1)}${lang === "zh" ? "。" : "."}`;
}

/** The bottlenecks of this machine for this stack; every figure is rounded once and compared rounded. */
export function draftBottlenecks(facts: DraftFacts, lang: PromptLanguage): string[] {
  const w = WORDS[lang];
  const { profile, table, main, embedding } = facts;
  const lines: string[] = [];
  if (!main) return lines;
  const need = main.fit.needGb ?? 0;
  const headroom = main.fit.headroomGb;
  // The GPU budget is the model's need plus what it leaves: the same figure the hardware line shows.
  const budget = headroom === null ? null : round1(need + headroom);
  if (main.fit.verdict === "cpu-only") lines.push(w.cpuOnly);
  else if (headroom !== null && round1(headroom) > 0) lines.push(w.spare(`\`${main.tag}\``, formatGb(headroom)));
  if (profile.unifiedMemory && main.fit.verdict === "fits-vram" && budget !== null) lines.push(w.unified(formatGb(budget), profile.os === "macOS"));
  if (profile.unifiedMemory || main.fit.verdict === "cpu-only") lines.push(w.bandwidth);
  if (embedding && main.fit.verdict === "fits-vram" && budget !== null) {
    const total = round1(need + (embedding.fit.needGb ?? 0));
    // Only when the rounded figures say so: "needs 5.7 GB, more than 5.7 GB" would contradict itself.
    if (total > budget) lines.push(w.bothModels(formatGb(total), formatGb(budget)));
  }
  if (table.rows.some((row) => row.fit.verdict === "partial-offload")) lines.push(w.partialOnly);
  if (profile.gpus.filter((gpu) => gpu.vramGb !== undefined).length > 1) lines.push(w.pcie);
  if (/laptop|notebook|macbook|笔记本|游戏本/i.test(profile.device ?? "") || profile.gpus.some((gpu) => /laptop/i.test(gpu.name ?? ""))) lines.push(w.thermals);
  if (facts.vault && facts.vault.chunks > 0) {
    const rate = main.fit.verdict === "cpu-only" ? EMBED_RATE.cpu : EMBED_RATE.gpu;
    const seconds = facts.vault.chunks / rate;
    // Under a minute is said as such (0), not rounded up to "about a minute".
    lines.push(w.indexTime(facts.vault.chunks, seconds < 60 ? 0 : Math.ceil(seconds / 60)));
  }
  return lines;
}

/** The memory layer: the embedding model and why, what the vault holds, where its vectors live. */
export function memoryLayer(facts: DraftFacts, lang: PromptLanguage): string[] {
  const w = WORDS[lang];
  const lines: string[] = [];
  const { embedding, vault } = facts;
  lines.push(embedding ? w.embedding(`\`${embedding.tag}\``, formatGb(embedding.fit.needGb ?? 0), w.embeddingWhy(facts.multilingual)) : w.noEmbedding);
  if (vault) {
    const dims = embedding?.tag.startsWith("bge-m3") || embedding?.tag.startsWith("mxbai") ? 1024 : 768;
    const size = indexEstimate(vault, dims);
    lines.push(w.vault(vault.notes, vault.cjkNotes, size.chunks, String(Math.round(size.megabytes))));
    lines.push(size.chunks > LARGE_INDEX_CHUNKS ? `${w.largeIndex} ${w.vectorDb}` : w.smallIndex);
  } else {
    lines.push(w.vaultUnknown, w.vectorDb);
  }
  lines.push(w.pipeline);
  return lines;
}

/**
 * The structured hardware profile as settings store it, and the profile a plan uses.
 *
 * - `StoredHardwareProfile`: plain JSON, detected on this machine or edited by hand. While the
 *   setting is null the profile is read from the free-text hardware description instead, so it
 *   never goes stale when the description changes.
 * - `sanitizeStoredProfile(raw)`: whatever `data.json` holds → a valid stored profile or null.
 * - `storeProfile(profile, source)`, `profileFromStored(stored)`: conversions.
 * - `profileFor(settings, text, lang)`: the one rule for which machine a plan, a fit mark or a
 *   draft is computed for.
 * - `parseGpuList(text)`: "RTX 4090 24GB; RTX 3090 24GB" as typed in settings → GPUs.
 */
import type { PromptLanguage } from "../shared/language";
import { parseHardwareText } from "./parse-text";
import { emptyProfile, MAX_RAM_GB, MAX_VRAM_GB, MIN_MEMORY_GB, type GpuInfo, type GpuVendor, type HardwareProfile } from "./profile";
import { formatGb } from "./units";

export interface StoredGpu {
  name: string;
  vendor: GpuVendor;
  /** null when unknown (Apple Silicon shares the RAM; nvidia-smi may not say). */
  vramGb: number | null;
}

export interface StoredHardwareProfile {
  device: string;
  cpu: string;
  gpus: StoredGpu[];
  ramGb: number | null;
  unifiedMemory: boolean;
  os: string;
  /** How the profile was made: "Detect my hardware", or edited field by field. */
  source: "detected" | "manual";
  /** ISO time of the last detection or edit. */
  updated: string;
}

const VENDORS: readonly GpuVendor[] = ["nvidia", "amd", "apple", "intel", "unknown"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown, max = 120): string {
  return typeof value === "string" ? value.replace(/\s+/g, " ").trim().slice(0, max) : "";
}

function size(value: unknown, max: number): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= MIN_MEMORY_GB && value <= max ? value : null;
}

/** A valid stored profile from anything read from disk, or null (read the description instead). */
export function sanitizeStoredProfile(raw: unknown): StoredHardwareProfile | null {
  if (!isRecord(raw)) return null;
  const gpus = (Array.isArray(raw.gpus) ? raw.gpus : []).filter(isRecord).slice(0, 16).map((gpu): StoredGpu => ({
    name: text(gpu.name) || "GPU",
    vendor: VENDORS.includes(gpu.vendor as GpuVendor) ? (gpu.vendor as GpuVendor) : "unknown",
    vramGb: size(gpu.vramGb, MAX_VRAM_GB),
  }));
  return {
    device: text(raw.device),
    cpu: text(raw.cpu),
    gpus,
    ramGb: size(raw.ramGb, MAX_RAM_GB),
    unifiedMemory: raw.unifiedMemory === true,
    os: text(raw.os, 40),
    source: raw.source === "detected" ? "detected" : "manual",
    updated: text(raw.updated, 40),
  };
}

/** A profile (parsed or detected) in its stored form. */
export function storeProfile(profile: HardwareProfile, source: StoredHardwareProfile["source"], now: Date): StoredHardwareProfile {
  return {
    device: profile.device ?? "",
    cpu: profile.cpu ?? "",
    gpus: profile.gpus.map((gpu) => ({ name: gpu.name ?? "GPU", vendor: gpu.vendor ?? "unknown", vramGb: gpu.vramGb ?? null })),
    ramGb: profile.ramGb ?? null,
    unifiedMemory: profile.unifiedMemory,
    os: profile.os ?? "",
    source,
    updated: now.toISOString(),
  };
}

/** The stored profile as the fit calculator reads it. */
export function profileFromStored(stored: StoredHardwareProfile): HardwareProfile {
  const profile = emptyProfile();
  if (stored.device) profile.device = stored.device;
  if (stored.cpu) profile.cpu = stored.cpu;
  if (stored.os) profile.os = stored.os;
  if (stored.ramGb !== null) profile.ramGb = stored.ramGb;
  profile.unifiedMemory = stored.unifiedMemory;
  profile.gpus = stored.gpus.map((gpu) => {
    const info: GpuInfo = { name: gpu.name, vendor: gpu.vendor };
    if (gpu.vramGb !== null) info.vramGb = gpu.vramGb;
    return info;
  });
  return profile;
}

/**
 * The machine a plan, a fit mark or a draft is computed for, given the hardware `text` the user
 * has in front of them: the stored (detected or edited) profile while that text is the settings'
 * description (surrounding whitespace aside), else `text` parsed. The stored profile describes the
 * settings' text, never one edited in a form or a code block.
 */
export function profileFor(settings: { hardware: string; hardwareProfile: StoredHardwareProfile | null }, text: string, lang: PromptLanguage): HardwareProfile {
  return settings.hardwareProfile && text.trim() === settings.hardware.trim() ? profileFromStored(settings.hardwareProfile) : parseHardwareText(text, lang);
}

/** GPUs typed in settings, one per line or separated by ";": each read like a description. */
export function parseGpuList(list: string, lang: PromptLanguage = "en"): { gpus: GpuInfo[]; warnings: string[] } {
  const gpus: GpuInfo[] = [];
  const warnings: string[] = [];
  for (const item of list.split(/[;\n；]/).map((part) => part.trim()).filter(Boolean)) {
    const parsed = parseHardwareText(item, lang);
    const found = parsed.gpus.filter((gpu) => gpu.vendor !== "apple");
    if (found.length === 0) {
      // A name the parser does not know is still a GPU; its size is whatever number was given.
      const vram = /(\d+(?:\.\d+)?)\s*gb/i.exec(item);
      const gb = vram ? Number(vram[1]) : Number.NaN;
      gpus.push({ name: item.replace(/\s*\d+(?:\.\d+)?\s*gb.*$/i, "").trim() || item, vendor: "unknown", ...(gb >= MIN_MEMORY_GB && gb <= MAX_VRAM_GB ? { vramGb: gb } : {}) });
      continue;
    }
    gpus.push(...found);
    warnings.push(...parsed.warnings.filter((w) => !/\bRAM\b|内存|No hardware|没有填写|Found no|没有找到/.test(w)));
  }
  return { gpus, warnings };
}

/** The GPUs as settings show them: "RTX 4090 24 GB; RTX 3090 24 GB". */
export function formatGpuList(gpus: readonly GpuInfo[]): string {
  return gpus
    .filter((gpu) => gpu.vendor !== "apple")
    .map((gpu) => `${gpu.name ?? "GPU"}${gpu.vramGb === undefined ? "" : ` ${formatGb(gpu.vramGb)}`}`)
    .join("; ");
}

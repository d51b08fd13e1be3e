/**
 * Memory of GPUs people name without saying how much VRAM they have.
 *
 * - `KnownGpu`: a card's display name, vendor and the VRAM sizes it ships with.
 * - `lookupGpu(vendor, key, laptop)`: the card for a normalised model key ("4060 ti", "7900 xtx").
 *
 * Several cards ship in more than one size; callers take the smallest and say so, because a
 * planner that assumes too much memory recommends models that cannot run.
 */
import type { GpuVendor } from "./profile";

export interface KnownGpu {
  vendor: GpuVendor;
  /** Every VRAM size this card ships with, smallest first. */
  vramGb: readonly number[];
}

// Desktop GeForce cards, by model number and suffix.
const NVIDIA_DESKTOP: Readonly<Record<string, readonly number[]>> = {
  "1060": [3, 6], "1070": [8], "1070 ti": [8], "1080": [8], "1080 ti": [11],
  "1650": [4], "1660": [6], "1660 super": [6], "1660 ti": [6],
  "2060": [6, 12], "2060 super": [8], "2070": [8], "2070 super": [8], "2080": [8], "2080 super": [8], "2080 ti": [11],
  "3050": [6, 8], "3060": [12], "3060 ti": [8], "3070": [8], "3070 ti": [8], "3080": [10], "3080 ti": [12], "3090": [24], "3090 ti": [24],
  "4060": [8], "4060 ti": [8, 16], "4070": [12], "4070 super": [12], "4070 ti": [12], "4070 ti super": [16],
  "4080": [16], "4080 super": [16], "4090": [24], "4090d": [24],
  "5060": [8], "5060 ti": [8, 16], "5070": [12], "5070 ti": [16], "5080": [16], "5090": [32],
};

// Laptop GPUs share the desktop names but not the memory (a "4090 Laptop" has 16 GB).
const NVIDIA_LAPTOP: Readonly<Record<string, readonly number[]>> = {
  "3050": [4], "3050 ti": [4], "3060": [6], "3070": [8], "3070 ti": [8], "3080": [8, 16], "3080 ti": [16],
  "4050": [6], "4060": [8], "4070": [8], "4080": [12], "4090": [16],
  "5060": [8], "5070": [8], "5070 ti": [12], "5080": [16], "5090": [24],
};

// Workstation and data-centre cards people run local models on.
const NVIDIA_PRO: Readonly<Record<string, readonly number[]>> = {
  "rtx a2000": [6, 12], "rtx a4000": [16], "rtx 2000 ada": [16], "rtx 4000 ada": [20], "rtx 4500 ada": [24], "rtx 5000 ada": [32],
  "titan rtx": [24], "titan v": [12], "titan xp": [12], "titan x": [12], "rtx a5000": [24], "rtx a6000": [48], "rtx 6000 ada": [48],
  "a100": [40, 80], "h100": [80], "h200": [141], "l40": [48], "l40s": [48], "l4": [24], "a10": [24], "a10g": [24], "a40": [48],
  "tesla t4": [16], "tesla p40": [24], "tesla p100": [16], "tesla v100": [16, 32],
};

const AMD: Readonly<Record<string, readonly number[]>> = {
  "470": [4, 8], "480": [4, 8], "570": [4, 8], "580": [4, 8], "590": [8], "5500 xt": [4, 8], "5600 xt": [6], "5700": [8], "5700 xt": [8],
  // Radeon Pro workstation cards.
  w6800: [32], w7600: [8], w7700: [16], w7800: [32], w7900: [48],
  // Instinct data-centre cards.
  mi50: [16, 32], mi60: [32], mi100: [32], mi210: [64], mi250: [128], mi250x: [128], mi300x: [192], mi325x: [256],
  "6600": [8], "6600 xt": [8], "6700 xt": [12], "6750 xt": [12], "6800": [16], "6800 xt": [16], "6900 xt": [16], "6950 xt": [16],
  "7600": [8], "7600 xt": [16], "7700 xt": [12], "7800 xt": [16], "7900 gre": [16], "7900 xt": [20], "7900 xtx": [24],
  "9060 xt": [8, 16], "9070": [16], "9070 xt": [16], "radeon vii": [16],
};

const INTEL: Readonly<Record<string, readonly number[]>> = {
  a380: [6], a580: [8], a750: [8], a770: [8, 16], b570: [10], b580: [12],
};

/** The card for a normalised model key, or undefined when we do not know it. */
export function lookupGpu(vendor: GpuVendor, key: string, laptop: boolean): KnownGpu | undefined {
  const table =
    vendor === "nvidia" ? (laptop ? NVIDIA_LAPTOP : { ...NVIDIA_DESKTOP, ...NVIDIA_PRO }) : vendor === "amd" ? (laptop ? {} : AMD) : vendor === "intel" ? INTEL : {};
  const vramGb = table[key];
  return vramGb === undefined ? undefined : { vendor, vramGb };
}

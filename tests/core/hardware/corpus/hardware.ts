/**
 * Hardware descriptions as people type them in forums, issues and notes, with the machine a
 * careful reader takes from each: how many GPUs, their VRAM in total, the RAM, unified or not.
 * Unified-memory machines (Apple, Jetson, AMD APUs with shared memory) count their chip as one GPU
 * with no VRAM of its own; integrated graphics on a PC count as no GPU.
 */
import type { HardwareCase } from "./types";

export const HARDWARE_CASES: readonly HardwareCase[] = [
  // Bare model numbers, no brand.
  { text: "3090, 64GB ram", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "4070ti + 32gb", gpus: 1, vramGb: 12, ramGb: 32, unified: false },
  { text: "i7-12700K / 4060 Ti 16GB / 64GB DDR5", gpus: 1, vramGb: 16, ramGb: 64, unified: false },
  { text: "7900 XTX and 64 GB of RAM on Linux", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "running a 3060 with 16 gigs of ram", gpus: 1, vramGb: 12, ramGb: 16, unified: false },
  { text: "5090 32GB, 96GB DDR5", gpus: 1, vramGb: 32, ramGb: 96, unified: false },
  { text: "2080 Super, 32 GB", gpus: 1, vramGb: 8, ramGb: 32, unified: false },
  { text: "1660 super 6gb and 16gb ram, windows 10", gpus: 1, vramGb: 6, ramGb: 16, unified: false },
  { text: "My PC: Ryzen 5 5600, 6700XT, 32GB", gpus: 1, vramGb: 12, ramGb: 32, unified: false },
  { text: "4080 super, 64gb", gpus: 1, vramGb: 16, ramGb: 64, unified: false },
  // Several GPUs.
  { text: "a pair of 4090s, 128GB RAM", gpus: 2, vramGb: 48, ramGb: 128, unified: false },
  { text: "2x3090 + 128gb ddr4", gpus: 2, vramGb: 48, ramGb: 128, unified: false },
  { text: "A4000 16GB x2, 64GB RAM", gpus: 2, vramGb: 32, ramGb: 64, unified: false },
  { text: "两张 4090，内存 128G", gpus: 2, vramGb: 48, ramGb: 128, unified: false },
  { text: "4x RTX 3090 (96GB VRAM total), 256GB RAM", gpus: 4, vramGb: 96, ramGb: 256, unified: false },
  { text: "dual 3060 12GB, 64GB system RAM", gpus: 2, vramGb: 24, ramGb: 64, unified: false },
  { text: "Server with 2 x Tesla P40 and 128GB", gpus: 2, vramGb: 48, ramGb: 128, unified: false },
  { text: "one 3090 and one 3060, 64GB ram", gpus: 2, vramGb: 36, ramGb: 64, unified: false },
  { text: "双卡 3090，内存 64GB", gpus: 2, vramGb: 48, ramGb: 64, unified: false },
  { text: "8x H100 80GB node, 2TB RAM", gpus: 8, vramGb: 640, ramGb: 2048, unified: false },
  // Laptops.
  { text: "3080 laptop GPU 16GB, 32GB RAM", gpus: 1, vramGb: 16, ramGb: 32, unified: false },
  { text: "Legion 5 with RTX 3060 mobile, 16GB", gpus: 1, vramGb: 6, ramGb: 16, unified: false },
  { text: "laptop: 4070 (8GB), 32 GB RAM", gpus: 1, vramGb: 8, ramGb: 32, unified: false },
  { text: "ROG Zephyrus G14, RTX 4090 Laptop, 32GB", gpus: 1, vramGb: 16, ramGb: 32, unified: false },
  { text: "游戏本 4060 8G显存 16G内存", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  { text: "Laptop, 8GB RAM, Intel UHD graphics", gpus: 0, vramGb: 0, ramGb: 8, unified: false },
  { text: "MacBook Air M2, 8GB", gpus: 1, vramGb: 0, ramGb: 8, unified: true },
  // Units and spellings.
  { text: "32 gigs of RAM and a 4090", gpus: 1, vramGb: 24, ramGb: 32, unified: false },
  { text: "RTX 3090 24GiB, 64GiB RAM", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "显卡 2080 8G，内存 16G", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  { text: "RTX4090 24G显存 + 64G内存", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "rtx 3070 w/ 8 gb vram & 32 gb ram", gpus: 1, vramGb: 8, ramGb: 32, unified: false },
  { text: "Ram: 64 GB | GPU: RTX 4090 | OS: Ubuntu 22.04", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "64GB RAM, 12GB VRAM (3060)", gpus: 1, vramGb: 12, ramGb: 64, unified: false },
  { text: "CPU: i9-13900K\nGPU: 4090\nRAM: 128GB", gpus: 1, vramGb: 24, ramGb: 128, unified: false },
  // Workstation, data-centre, other vendors.
  { text: "Workstation with an RTX A5000 and 128 GB ECC", gpus: 1, vramGb: 24, ramGb: 128, unified: false },
  { text: "Radeon Pro W7900 48GB, 128GB RAM", gpus: 1, vramGb: 48, ramGb: 128, unified: false },
  { text: "A100 80GB, 512GB RAM", gpus: 1, vramGb: 80, ramGb: 512, unified: false },
  { text: "L4 24GB cloud VM with 32GB RAM", gpus: 1, vramGb: 24, ramGb: 32, unified: false },
  { text: "Intel Arc B580 12GB, 32GB DDR5", gpus: 1, vramGb: 12, ramGb: 32, unified: false },
  { text: "Arc A770 16GB + 32GB RAM", gpus: 1, vramGb: 16, ramGb: 32, unified: false },
  { text: "RTX 6000 Ada, 256GB", gpus: 1, vramGb: 48, ramGb: 256, unified: false },
  { text: "Radeon VII 16GB, 32GB", gpus: 1, vramGb: 16, ramGb: 32, unified: false },
  { text: "RX 580 8GB, 16GB RAM", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  // Unified memory: Apple, Jetson, AMD APUs.
  { text: "M1 Max 64GB", gpus: 1, vramGb: 0, ramGb: 64, unified: true },
  { text: "MacBook Pro M3 Pro 18GB", gpus: 1, vramGb: 0, ramGb: 18, unified: true },
  { text: "Mac Studio M2 Ultra, 192 GB unified memory", gpus: 1, vramGb: 0, ramGb: 192, unified: true },
  { text: "苹果 M4 Max 128G", gpus: 1, vramGb: 0, ramGb: 128, unified: true },
  { text: "Jetson AGX Orin 64GB", gpus: 1, vramGb: 0, ramGb: 64, unified: true },
  { text: "Jetson Orin NX 16GB", gpus: 1, vramGb: 0, ramGb: 16, unified: true },
  { text: "Framework Desktop, Ryzen AI Max+ 395, 128GB", gpus: 1, vramGb: 0, ramGb: 128, unified: true },
  { text: "GMKtec EVO-X2 (Strix Halo) 64GB", gpus: 1, vramGb: 0, ramGb: 64, unified: true },
  // Integrated graphics: no dedicated VRAM.
  { text: "mini PC, Ryzen 9 8945HS with Radeon 780M, 64GB DDR5", gpus: 0, vramGb: 0, ramGb: 64, unified: false },
  { text: "Ryzen AI 9 HX 370 laptop (Radeon 890M), 32GB", gpus: 0, vramGb: 0, ramGb: 32, unified: false },
  { text: "Intel NUC, Iris Xe, 32GB", gpus: 0, vramGb: 0, ramGb: 32, unified: false },
  { text: "台式机，核显，32G 内存", gpus: 0, vramGb: 0, ramGb: 32, unified: false },
  // VRAM written before RAM, or only VRAM: a VRAM figure is never RAM.
  { text: "24GB VRAM, 32GB RAM", gpus: 1, vramGb: 24, ramGb: 32, unified: false },
  { text: "4090 24gb", gpus: 1, vramGb: 24, ramGb: undefined, unified: false },
  { text: "I have 12GB of VRAM on a 3060 and 32GB system memory", gpus: 1, vramGb: 12, ramGb: 32, unified: false },
  { text: "32GB DDR4, GTX 1070 8GB, 1TB NVMe", gpus: 1, vramGb: 8, ramGb: 32, unified: false },
  { text: "PC with 2070 super (8GB) and 16GB ram, Win 11", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  { text: "Ubuntu box, 3090 Ti, 128 GB RAM, 4 TB SSD", gpus: 1, vramGb: 24, ramGb: 128, unified: false },
];

/** A second batch, written after the first passed, in spellings the first did not use. */
export const HARDWARE_MORE: readonly HardwareCase[] = [
  { text: "Gaming PC (RTX 3070, 16 GB DDR4)", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  { text: "RTX 4060Ti 8GB + 32GB", gpus: 1, vramGb: 8, ramGb: 32, unified: false },
  { text: "GeForce RTX 3060 Ti / 32 GB RAM / Windows 11", gpus: 1, vramGb: 8, ramGb: 32, unified: false },
  { text: "MacBook Pro 14 M3 Max 36GB", gpus: 1, vramGb: 0, ramGb: 36, unified: true },
  { text: "Mac Studio (M1 Ultra, 128GB)", gpus: 1, vramGb: 0, ramGb: 128, unified: true },
  { text: "3x 3090, 192GB RAM", gpus: 3, vramGb: 72, ramGb: 192, unified: false },
  { text: "RTX 3090 + RTX 3090 (NVLink), 128GB", gpus: 2, vramGb: 48, ramGb: 128, unified: false },
  { text: "4090 + 3090, 96 GB RAM", gpus: 2, vramGb: 48, ramGb: 96, unified: false },
  { text: "i5-13400, 32G 内存，显卡 3060 12G", gpus: 1, vramGb: 12, ramGb: 32, unified: false },
  { text: "单卡 4090 24G，内存 64G", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "RX 6800 16GB, 32GB RAM, Linux (ROCm)", gpus: 1, vramGb: 16, ramGb: 32, unified: false },
  { text: "Raspberry Pi 5, 8GB RAM", gpus: 0, vramGb: 0, ramGb: 8, unified: false },
  { text: "old laptop with GTX 1050 Ti 4GB and 8GB ram", gpus: 1, vramGb: 4, ramGb: 8, unified: false },
  { text: "Tesla T4 16GB, 52GB RAM (Colab-like VM)", gpus: 1, vramGb: 16, ramGb: 52, unified: false },
  { text: "Ryzen 7 7700, RX 7800 XT, 64 GB", gpus: 1, vramGb: 16, ramGb: 64, unified: false },
];

/** A third batch, written after the second passed. */
export const HARDWARE_THIRD: readonly HardwareCase[] = [
  { text: "Windows PC, RTX 3070 8GB, 16GB RAM", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  { text: "Linux box, RX 6700 XT 12GB, 32GB RAM", gpus: 1, vramGb: 12, ramGb: 32, unified: false },
  { text: "Nvidia 4060 laptop, 16 GB", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  { text: "M2 Pro Mac mini 16GB", gpus: 1, vramGb: 0, ramGb: 16, unified: true },
  { text: "Desktop: Intel i7, 32GB RAM, GTX 1660 Ti", gpus: 1, vramGb: 6, ramGb: 32, unified: false },
  { text: "2 × RTX 4090 (24 GB each), 256 GB DDR5", gpus: 2, vramGb: 48, ramGb: 256, unified: false },
  { text: "RTX 5080 16G / 64G", gpus: 1, vramGb: 16, ramGb: 64, unified: false },
  { text: "显卡：RTX 3090 24G ×2；内存：128G", gpus: 2, vramGb: 48, ramGb: 128, unified: false },
  { text: "MacBook Pro M4 Pro with 24 GB unified memory", gpus: 1, vramGb: 0, ramGb: 24, unified: true },
  { text: "ThinkPad X1 Carbon, 16GB, no dedicated GPU", gpus: 0, vramGb: 0, ramGb: 16, unified: false },
  { text: "RTX 3060 (12 GB) + 64 GB RAM, Ubuntu 24.04", gpus: 1, vramGb: 12, ramGb: 64, unified: false },
  { text: "Home server: 2x Tesla P40 24GB, 256GB ECC, Proxmox", gpus: 2, vramGb: 48, ramGb: 256, unified: false },
  { text: "8GB ram laptop with an old GTX 960M", gpus: 1, vramGb: 0, ramGb: 8, unified: false },
  { text: "Mac Studio M3 Ultra 512GB", gpus: 1, vramGb: 0, ramGb: 512, unified: true },
  { text: "笔记本 RTX 4070 8G 显存，32G 内存", gpus: 1, vramGb: 8, ramGb: 32, unified: false },
];

/** A fourth batch: memory kits, pro cards and odd spellings. */
export const HARDWARE_FOURTH: readonly HardwareCase[] = [
  { text: "Ryzen 9 7950X, 2x32GB DDR5, RTX 4090", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "64GB (4x16GB) DDR4-3200, RTX 3080 Ti", gpus: 1, vramGb: 12, ramGb: 64, unified: false },
  { text: "Titan RTX 24GB, 64GB RAM", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "Quadro RTX 8000 48GB, 192GB RAM", gpus: 1, vramGb: 48, ramGb: 192, unified: false },
  { text: "RTX 4000 Ada 20GB in a small workstation, 64GB", gpus: 1, vramGb: 20, ramGb: 64, unified: false },
  { text: "Intel Core Ultra 7 155H laptop with Arc graphics, 32GB LPDDR5", gpus: 0, vramGb: 0, ramGb: 32, unified: false },
  { text: "GPU: none, RAM: 16GB", gpus: 0, vramGb: 0, ramGb: 16, unified: false },
  { text: "AMD Instinct MI210 64GB, 256GB RAM", gpus: 1, vramGb: 64, ramGb: 256, unified: false },
  { text: "RTX 4090 D 24GB + 96GB", gpus: 1, vramGb: 24, ramGb: 96, unified: false },
  { text: "MacBook Pro 16-inch, M1 Pro, 32 GB", gpus: 1, vramGb: 0, ramGb: 32, unified: true },
  // Found while probing: "8GB/256GB" is memory/storage, and "GB/s" is bandwidth.
  { text: "MacBook Air M1 8GB/256GB", gpus: 1, vramGb: 0, ramGb: 8, unified: true },
  { text: "RTX 3090 24GB, 936 GB/s bandwidth, 64GB RAM", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
];

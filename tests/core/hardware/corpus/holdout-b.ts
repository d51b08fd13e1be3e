/**
 * Second held-out batch, written by a fresh-eyes check before reading or changing the readers:
 * answers in the styles of several model families and hardware as typed in forums.
 */
import type { HardwareCase } from "./types";

export const HOLDOUT_B_HARDWARE: readonly HardwareCase[] = [
  { text: "3090ti 24gb, 64gb ddr5", gpus: 1, vramGb: 24, ramGb: 64, unified: false },
  { text: "rtx4060 8gb laptop, 16gb ram", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  { text: "M2 Max 32GB", gpus: 1, vramGb: 0, ramGb: 32, unified: true },
  { text: "Ryzen AI Max+ 395 128GB", gpus: 1, vramGb: 0, ramGb: 128, unified: true },
  { text: "2x 3090 + 128GB", gpus: 2, vramGb: 48, ramGb: 128, unified: false },
  { text: "Intel Arc A770 16G, 32G ram", gpus: 1, vramGb: 16, ramGb: 32, unified: false },
  { text: "显卡4070 12G 内存32G", gpus: 1, vramGb: 12, ramGb: 32, unified: false },
  { text: "笔记本 4060 8G，16G内存", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  { text: "Mac mini M4 24G", gpus: 1, vramGb: 0, ramGb: 24, unified: true },
  { text: "rtx 3080 10gb + 32 gb ram", gpus: 1, vramGb: 10, ramGb: 32, unified: false },
  { text: "gtx 1070 w/ 16gigs", gpus: 1, vramGb: 8, ramGb: 16, unified: false },
  { text: "64gb ddr5, no dedicated gpu", gpus: 0, vramGb: 0, ramGb: 64, unified: false },
  { text: "4090 and 3090 in one box, 128GB", gpus: 2, vramGb: 48, ramGb: 128, unified: false },
  { text: "MacBook Pro M3 Pro 18GB", gpus: 1, vramGb: 0, ramGb: 18, unified: true },
  { text: "Legion laptop rtx 4070 8gb 32gb ram", gpus: 1, vramGb: 8, ramGb: 32, unified: false },
  { text: "3x Tesla P40, 256gb ecc", gpus: 3, vramGb: 72, ramGb: 256, unified: false },
  { text: "i5 laptop, Iris Xe, 16gb ram", gpus: 0, vramGb: 0, ramGb: 16, unified: false },
  { text: "双3090 + 64G内存", gpus: 2, vramGb: 48, ramGb: 64, unified: false },
  { text: "RTX 4060ti 16g / 32g ddr4", gpus: 1, vramGb: 16, ramGb: 32, unified: false },
  { text: "64gb ddr5, rtx 5070 ti", gpus: 1, vramGb: 16, ramGb: 64, unified: false },
];

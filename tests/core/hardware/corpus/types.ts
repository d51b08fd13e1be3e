/** Shapes of the hand-written corpus: answers as models write them, hardware as people type it. */
import type { PromptLanguage } from "../../../../src/core/shared/language";

/** One model answer and the verdict a careful reader gives it on `hardware`. */
export interface AnswerCase {
  id: string;
  lang: PromptLanguage;
  hardware: string;
  answer: string;
  /** `fit_check` a careful reader would write: ok, warnings, or unchecked (a recommended model's size is unknown). */
  status: "ok" | "warnings" | "unchecked";
  /** Every model that must get a warning callout: Ollama tag, or the name as written for models outside the catalog. */
  flagged: string[];
}

/** One hardware description and the machine a careful reader takes from it. */
export interface HardwareCase {
  text: string;
  /** Entries in `gpus`: dedicated cards, or the one Apple/Jetson/APU chip of a unified-memory machine. */
  gpus: number;
  /** Sum of dedicated VRAM (0 when unified or none). */
  vramGb: number;
  /** System RAM (or the unified memory); undefined when not given. */
  ramGb?: number;
  unified: boolean;
}

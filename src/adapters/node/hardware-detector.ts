/**
 * "Detect my hardware" on desktop: RAM, CPU, platform and architecture from Node's `os`, GPUs from
 * `nvidia-smi` and `rocm-smi` when they are installed. Node modules are loaded only here, only on
 * desktop (guarded by Platform.isDesktop), so the plugin still loads on mobile. A tool that is
 * missing, fails, hangs or prints garbage yields no output; the core turns that into warnings.
 */
import { Platform } from "obsidian";
import type { DetectedFacts } from "../../core/hardware/detect";

/** Runs a tool and resolves its stdout, or undefined when it is missing, fails or times out. */
export type ToolRunner = (command: string, args: readonly string[]) => Promise<string | undefined>;

/** What detection reads from the machine; injectable so tests can run it on any platform. */
export interface DetectorBindings {
  totalRamBytes: () => number;
  cpuModel: () => string | undefined;
  platform: string;
  arch: string;
  run: ToolRunner;
}

/** How long a GPU tool may take; a hung driver must not hang the settings tab. */
export const TOOL_TIMEOUT_MS = 4000;
/** More output than this is not what we asked for. */
const MAX_OUTPUT_BYTES = 256 * 1024;

type ExecFile = (typeof import("child_process"))["execFile"];

/** A ToolRunner over child_process.execFile: no shell, a timeout, bounded output, killed when late. */
export function toolRunner(execFile: ExecFile, timeoutMs = TOOL_TIMEOUT_MS, env?: Record<string, string | undefined>): ToolRunner {
  return (command, args) =>
    new Promise((resolve) => {
      try {
        execFile(command, [...args], { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, encoding: "utf8", ...(env ? { env } : {}) }, (error, stdout) => {
          resolve(error ? undefined : String(stdout));
        });
      } catch {
        resolve(undefined);
      }
    });
}

/** The tools' output and the machine's basic facts. */
export async function detectFacts(bindings: DetectorBindings): Promise<DetectedFacts> {
  const facts: DetectedFacts = { platform: bindings.platform, arch: bindings.arch };
  const ram = bindings.totalRamBytes();
  if (Number.isFinite(ram) && ram > 0) facts.totalRamBytes = ram;
  const cpu = bindings.cpuModel();
  if (cpu) facts.cpuModel = cpu;
  // Apple Silicon has neither tool; asking would only cost time.
  if (bindings.platform === "darwin") return facts;
  const [nvidia, rocm] = await Promise.all([
    bindings.run("nvidia-smi", ["--query-gpu=name,memory.total", "--format=csv,noheader,nounits"]),
    bindings.run("rocm-smi", ["--showmeminfo", "vram", "--json"]),
  ]);
  if (nvidia !== undefined) facts.nvidiaSmiOutput = nvidia;
  if (rocm !== undefined) facts.rocmSmiOutput = rocm;
  return facts;
}

/** The real machine's bindings on desktop; null on mobile, where there is no Node. */
export async function desktopBindings(): Promise<DetectorBindings | null> {
  if (Platform.isDesktop) {
    // Loaded on demand and only on desktop: the bundle keeps these imports lazy.
    const os = await import("os");
    const childProcess = await import("child_process");
    return {
      totalRamBytes: () => os.totalmem(),
      cpuModel: () => os.cpus()[0]?.model,
      platform: os.platform(),
      arch: os.arch(),
      run: toolRunner(childProcess.execFile),
    };
  }
  return null;
}

/** Profiles from what the desktop adapter detected, including tool output that makes no sense. */
import { profileFromDetection } from "../../../src/core/hardware/detect";

const GIB = 2 ** 30;

describe("profileFromDetection", () => {
  test("a Linux PC with one NVIDIA card, as nvidia-smi prints it", () => {
    const profile = profileFromDetection({
      totalRamBytes: 64 * GIB,
      cpuModel: "AMD Ryzen 9 7950X 16-Core Processor   ",
      platform: "linux",
      arch: "x64",
      nvidiaSmiOutput: "NVIDIA GeForce RTX 4090, 24564\n",
    });
    expect(profile).toEqual({
      cpu: "AMD Ryzen 9 7950X 16-Core Processor",
      os: "Linux",
      ramGb: 64,
      unifiedMemory: false,
      gpus: [{ name: "RTX 4090", vendor: "nvidia", vramGb: 24 }],
      warnings: [],
    });
  });

  test("two cards, Windows line endings", () => {
    const profile = profileFromDetection({ totalRamBytes: 128 * GIB, platform: "win32", nvidiaSmiOutput: "NVIDIA GeForce RTX 3090, 24576\r\nNVIDIA GeForce RTX 3090, 24576\r\n" });
    expect(profile.gpus).toEqual([
      { name: "RTX 3090", vendor: "nvidia", vramGb: 24 },
      { name: "RTX 3090", vendor: "nvidia", vramGb: 24 },
    ]);
    expect(profile.os).toBe("Windows");
  });

  test("Apple Silicon: unified memory, the chip is the GPU, nvidia-smi is not consulted", () => {
    const profile = profileFromDetection({ totalRamBytes: 16 * GIB, cpuModel: "Apple M3", platform: "darwin", arch: "arm64", nvidiaSmiOutput: "NVIDIA GeForce RTX 4090, 24564" });
    expect(profile).toMatchObject({ unifiedMemory: true, ramGb: 16, os: "macOS", device: "Mac", gpus: [{ name: "Apple M3", vendor: "apple" }], warnings: [] });
  });

  test("an Intel Mac is not unified memory", () => {
    expect(profileFromDetection({ totalRamBytes: 16 * GIB, platform: "darwin", arch: "x64" }).unifiedMemory).toBe(false);
  });

  test("AMD cards from rocm-smi's JSON", () => {
    const rocm = JSON.stringify({ card0: { "VRAM Total Memory (B)": String(24 * GIB), "VRAM Total Used Memory (B)": "1" }, card1: { "VRAM Total Memory (B)": String(16 * GIB), "Card series": "Radeon RX 7800 XT" } });
    const profile = profileFromDetection({ totalRamBytes: 32 * GIB, platform: "linux", rocmSmiOutput: rocm });
    expect(profile.gpus).toEqual([
      { name: "AMD GPU (card0)", vendor: "amd", vramGb: 24 },
      { name: "Radeon RX 7800 XT", vendor: "amd", vramGb: 16 },
    ]);
    expect(profile.warnings).toEqual([]);
  });

  test.each<[string, string]>([
    ["NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.", "Could not read nvidia-smi's output"],
    ["\u001b[31m segfault \u001b[0m", "Could not read nvidia-smi's output"],
    ["RTX 4090, lots", "Could not read nvidia-smi's output"],
    ["RTX 4090, 99999999", "Could not read nvidia-smi's output"],
    ["RTX 4090, -1", "Could not read nvidia-smi's output"],
    ["name, memory.total [MiB]", "Could not read nvidia-smi's output"],
  ])("garbage from nvidia-smi (%j) adds no GPU and says so", (output, warning) => {
    const profile = profileFromDetection({ totalRamBytes: 32 * GIB, platform: "linux", nvidiaSmiOutput: output });
    expect(profile.gpus).toEqual([]);
    expect(profile.warnings.join("\n")).toContain(warning);
    expect(profile.ramGb).toBe(32);
  });

  test("a card whose memory nvidia-smi cannot report is kept with unknown VRAM", () => {
    const profile = profileFromDetection({ platform: "linux", totalRamBytes: 16 * GIB, nvidiaSmiOutput: "NVIDIA GeForce GTX 1650, [N/A]" });
    expect(profile.gpus).toEqual([{ name: "GTX 1650", vendor: "nvidia" }]);
    expect(profile.warnings).toEqual(["nvidia-smi did not report the memory of the GTX 1650."]);
  });

  test.each(["not json at all", "[]", "null", '{"system": {"driver": "6.0"}}', '{"card0": {"VRAM Total Memory (B)": "banana"}}'])("garbage from rocm-smi (%j) adds no sized GPU", (output) => {
    const profile = profileFromDetection({ platform: "linux", totalRamBytes: 16 * GIB, rocmSmiOutput: output });
    expect(profile.gpus.every((gpu) => gpu.vramGb === undefined)).toBe(true);
    expect(profile.warnings.length).toBeGreaterThan(0);
  });

  test("missing or silly facts leave fields unknown, in Chinese too", () => {
    expect(profileFromDetection({})).toEqual({ gpus: [], unifiedMemory: false, warnings: ["Could not read the RAM size."] });
    expect(profileFromDetection({ totalRamBytes: -5, nvidiaSmiOutput: "garbage" }, "zh").warnings).toEqual(["无法读取内存大小。", "无法解析 nvidia-smi 的输出（“garbage”）；没有添加 NVIDIA 显卡。"]);
    expect(profileFromDetection({ totalRamBytes: Number.NaN }).ramGb).toBeUndefined();
  });

  test("empty tool output (tool present, no cards) is not a problem", () => {
    expect(profileFromDetection({ totalRamBytes: 8 * GIB, nvidiaSmiOutput: "  \n", rocmSmiOutput: "" })).toEqual({ gpus: [], ramGb: 8, unifiedMemory: false, warnings: [] });
  });
});

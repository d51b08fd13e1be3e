/** The free-text hardware parser: what people write in settings, in English and Chinese, and nonsense. */
import fc from "fast-check";
import { parseHardwareText } from "../../../src/core/hardware/parse-text";
import { describeProfile, type HardwareProfile } from "../../../src/core/hardware/profile";

type Facts = Pick<HardwareProfile, "gpus" | "ramGb" | "unifiedMemory"> & Partial<Pick<HardwareProfile, "device" | "cpu" | "os">>;

function facts(text: string, lang: "en" | "zh" = "en"): Facts & { warnings: string[] } {
  const { warnings, ...rest } = parseHardwareText(text, lang);
  return { ...rest, warnings };
}

const RTX_4090 = { name: "RTX 4090", vendor: "nvidia", vramGb: 24 } as const;
const M3 = { name: "Apple M3", vendor: "apple" } as const;

describe("descriptions people write", () => {
  test.each<[string, Facts]>([
    ["PC, RTX 4090 24GB VRAM, 64GB RAM", { device: "PC", gpus: [RTX_4090], ramGb: 64, unifiedMemory: false }],
    ["M3 MacBook Pro 16GB", { device: "MacBook Pro", cpu: "Apple M3", os: "macOS", gpus: [M3], ramGb: 16, unifiedMemory: true }],
    ["台式机，RTX 4090 显卡 24GB 显存，64GB 内存", { device: "台式机", gpus: [RTX_4090], ramGb: 64, unifiedMemory: false }],
    ["电脑：RTX 4090（24GB 显存），内存 64GB", { gpus: [RTX_4090], ramGb: 64, unifiedMemory: false }],
    ["M3 MacBook Pro 16GB 统一内存", { device: "MacBook Pro", cpu: "Apple M3", os: "macOS", gpus: [M3], ramGb: 16, unifiedMemory: true }],
    ["苹果 M3 芯片 MacBook Pro，16GB 统一内存", { device: "MacBook Pro", cpu: "Apple M3", os: "macOS", gpus: [M3], ramGb: 16, unifiedMemory: true }],
    ["笔记本，8GB 内存，无独立显卡", { device: "笔记本", gpus: [], ramGb: 8, unifiedMemory: false }],
    ["Laptop, 8GB RAM", { device: "Laptop", gpus: [], ramGb: 8, unifiedMemory: false }],
    ["RTX 3060 12GB, 32GB RAM", { gpus: [{ name: "RTX 3060", vendor: "nvidia", vramGb: 12 }], ramGb: 32, unifiedMemory: false }],
    ["2x RTX 3090, 128GB RAM", { gpus: [{ name: "RTX 3090", vendor: "nvidia", vramGb: 24 }, { name: "RTX 3090", vendor: "nvidia", vramGb: 24 }], ramGb: 128, unifiedMemory: false }],
    ["two RTX 3090, 128GB", { gpus: [{ name: "RTX 3090", vendor: "nvidia", vramGb: 24 }, { name: "RTX 3090", vendor: "nvidia", vramGb: 24 }], ramGb: 128, unifiedMemory: false }],
    ["两张 RTX 3090 显卡，128GB 内存", { gpus: [{ name: "RTX 3090", vendor: "nvidia", vramGb: 24 }, { name: "RTX 3090", vendor: "nvidia", vramGb: 24 }], ramGb: 128, unifiedMemory: false }],
    ["Ryzen 7 7800X3D, RX 7900 XTX 24GB, 32GB DDR5, Windows 11", { cpu: "Ryzen 7 7800X3D", os: "Windows", gpus: [{ name: "RX 7900 XTX", vendor: "amd", vramGb: 24 }], ramGb: 32, unifiedMemory: false }],
    ["PC with RTX 5090 and 2TB SSD, 96GB DDR5", { device: "PC", gpus: [{ name: "RTX 5090", vendor: "nvidia", vramGb: 32 }], ramGb: 96, unifiedMemory: false }],
    ["RTX 4090 Laptop, 32GB RAM", { device: "Laptop", gpus: [{ name: "RTX 4090 Laptop", vendor: "nvidia", vramGb: 16 }], ramGb: 32, unifiedMemory: false }],
    ["Mac Studio M2 Ultra 192GB", { device: "Mac Studio", cpu: "Apple M2 Ultra", os: "macOS", gpus: [{ name: "Apple M2 Ultra", vendor: "apple" }], ramGb: 192, unifiedMemory: true }],
    ["ＲＴＸ ４０９０ ２４ＧＢ，６４ＧＢ 内存", { gpus: [RTX_4090], ramGb: 64, unifiedMemory: false }],
  ])("%s", (text, expected) => {
    expect(facts(text)).toEqual({ ...expected, warnings: [] });
  });

  test("the same machine described in English and Chinese gives the same profile", () => {
    const en = parseHardwareText("PC, RTX 4090 24GB VRAM, 64GB RAM", "en");
    const zh = parseHardwareText("台式机，RTX 4090 显卡 24GB 显存，64GB 内存", "zh");
    expect({ ...zh, device: undefined }).toEqual({ ...en, device: undefined });
  });

  test("profiles are described in one line for prompts and notes", () => {
    expect(describeProfile(parseHardwareText("PC, RTX 4090 24GB VRAM, 64GB RAM"), "en")).toBe("PC, RTX 4090 (24 GB VRAM), 64 GB RAM");
    expect(describeProfile(parseHardwareText("M3 MacBook Pro 16GB"), "en")).toBe("MacBook Pro, Apple M3, 16 GB unified memory (about 10.7 GB usable by the GPU), macOS");
    expect(describeProfile(parseHardwareText("M3 MacBook Pro 16GB"), "zh")).toBe("MacBook Pro，Apple M3，16 GB 统一内存（GPU 约可用 10.7 GB），macOS");
    expect(describeProfile(parseHardwareText("2x RTX 3090, 128GB RAM"), "en")).toBe("2 × RTX 3090 (24 GB VRAM each), 128 GB RAM");
    expect(describeProfile(parseHardwareText("Laptop, 8GB RAM"), "en")).toBe("Laptop, no GPU, 8 GB RAM");
    expect(describeProfile(parseHardwareText("nonsense"), "en")).toBe("hardware unknown");
  });
});

describe("doubtful or nonsense input: warnings and unknowns, never invented memory", () => {
  test.each<[string, "en" | "zh", Facts, RegExp]>([
    ["16GB VRAM", "en", { gpus: [{ vendor: "unknown", vramGb: 16 }], unifiedMemory: false }, /no GPU named/],
    ["16GB 显存", "zh", { gpus: [{ vendor: "unknown", vramGb: 16 }], unifiedMemory: false }, /没有写显卡型号/],
    ["0 GB", "en", { gpus: [], unifiedMemory: false }, /not a usable memory size/],
    ["0 GB", "zh", { gpus: [], unifiedMemory: false }, /不是可用的内存大小/],
    ["1 TB VRAM", "en", { gpus: [], unifiedMemory: false }, /more than any GPU has/],
    ["1 TB 显存", "zh", { gpus: [], unifiedMemory: false }, /超过任何显卡的容量/],
    ["1 TB VRAM, 32GB RAM", "en", { gpus: [], ramGb: 32, unifiedMemory: false }, /more than any GPU has/],
    ["999999GB RAM", "en", { gpus: [], unifiedMemory: false }, /not plausible/],
    ["asdf qwerty", "en", { gpus: [], unifiedMemory: false }, /Found no RAM, GPU or memory size/],
    ["", "en", { gpus: [], unifiedMemory: false }, /No hardware described/],
    ["   ", "zh", { gpus: [], unifiedMemory: false }, /没有填写硬件配置/],
    // Contradictions keep the smaller figure, so nothing is planned into memory that is not there.
    ["RTX 4090 48GB VRAM, 64GB RAM", "en", { gpus: [RTX_4090], ramGb: 64, unifiedMemory: false }, /has 24 GB of VRAM, not 48 GB/],
    ["64GB RAM, 32GB RAM", "en", { gpus: [], ramGb: 32, unifiedMemory: false }, /using the smaller, 32 GB/],
    ["RTX 4090 24GB VRAM, 64GB RAM, no GPU", "en", { gpus: [], ramGb: 64, unifiedMemory: false }, /says there is no GPU/],
    ["M3 MacBook Pro 16GB, 8GB VRAM", "en", { device: "MacBook Pro", cpu: "Apple M3", os: "macOS", gpus: [M3], ramGb: 16, unifiedMemory: true }, /no separate VRAM/],
    // Cards sold in several sizes: the smallest, said out loud.
    ["RTX 4060 Ti, 32GB RAM", "en", { gpus: [{ name: "RTX 4060 Ti", vendor: "nvidia", vramGb: 8 }], ramGb: 32, unifiedMemory: false }, /comes with 8 GB or 16 GB/],
    ["RTX 9999, 16GB RAM", "en", { gpus: [{ name: "RTX 9999", vendor: "nvidia" }], ramGb: 16, unifiedMemory: false }, /Don't know how much VRAM/],
  ])("%j (%s)", (text, lang, expected, warning) => {
    const { warnings, ...rest } = facts(text, lang);
    expect(rest).toEqual(expected);
    expect(warnings.join("\n")).toMatch(warning);
  });

  test("storage sizes are not mistaken for memory", () => {
    expect(facts("PC, 2TB NVMe, 32GB RAM")).toMatchObject({ ramGb: 32, warnings: [] });
    expect(facts("1TB").warnings.join()).toMatch(/looks like storage/);
  });

  test("never throws on any input", () => {
    for (const input of ["(((", "RTX", "GB GB GB", "M", "12345678901234567890GB", "\u0000", "RTX 4090 ".repeat(500), 42 as unknown as string]) {
      expect(() => parseHardwareText(input)).not.toThrow();
    }
  });
});

describe("properties", () => {
  const words = fc.constantFrom("RTX 4090", "RTX 3060", "M3", "MacBook Pro", "laptop", "PC", "VRAM", "RAM", "显存", "内存", "no GPU", "2x", "GB", "TB", "MB", ",", "，", " ", "unified", "DDR5", "SSD");
  const sizes = fc.oneof(fc.integer({ min: 0, max: 100000 }).map(String), fc.double({ min: -10, max: 1e7, noNaN: true }).map((n) => n.toFixed(1)));
  const text = fc.array(fc.oneof(words, sizes, fc.string({ maxLength: 6 })), { maxLength: 14 }).map((parts) => parts.join(" "));

  test("every size kept is a plausible memory size, whatever the text", () => {
    fc.assert(
      fc.property(text, fc.constantFrom("en" as const, "zh" as const), (input, lang) => {
        const profile = parseHardwareText(input, lang);
        const vramOk = profile.gpus.every((gpu) => gpu.vramGb === undefined || (gpu.vramGb >= 1 && gpu.vramGb <= 256));
        const ramOk = profile.ramGb === undefined || (profile.ramGb >= 1 && profile.ramGb <= 4096);
        return vramOk && ramOk;
      }),
      { numRuns: 500 },
    );
  });

  test("a stated VRAM size is never larger than what the named card ships with", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), (gb) => {
        const [gpu] = parseHardwareText(`RTX 4090 ${gb}GB VRAM, 32GB RAM`).gpus;
        return gpu.vramGb !== undefined && gpu.vramGb <= 24;
      }),
    );
  });

  test("a label between two sizes belongs to the size it precedes, and a RAM-sized figure after 'w/' is RAM", () => {
    const zh = parseHardwareText("显卡4070 12G 内存32G");
    expect([zh.gpus.map((g) => g.vramGb), zh.ramGb]).toEqual([[12], 32]);
    const chain = parseHardwareText("显卡 4060 8G 内存 16G 硬盘 1T");
    expect([chain.gpus.map((g) => g.vramGb), chain.ramGb]).toEqual([[8], 16]);
    const withRam = parseHardwareText("gtx 1070 w/ 16gigs");
    expect([withRam.gpus.map((g) => g.vramGb), withRam.ramGb]).toEqual([[8], 16]);
    const withVram = parseHardwareText("RTX 3090 with 24GB, 64GB RAM");
    expect([withVram.gpus.map((g) => g.vramGb), withVram.ramGb]).toEqual([[24], 64]);
  });
});

/** The stored hardware profile: migration from data.json, conversions, the GPU list typed in settings. */
import { parseHardwareText } from "../../../src/core/hardware/parse-text";
import { profileFor, formatGpuList, parseGpuList, profileFromStored, sanitizeStoredProfile, storeProfile } from "../../../src/core/hardware/stored-profile";
import { DEFAULT_SETTINGS, migrateSettings } from "../../../src/core/shared/settings";
import fc from "fast-check";

const NOW = new Date(Date.UTC(2026, 10, 27, 9, 0));

describe("migrateSettings: hardwareProfile", () => {
  test("defaults to null: the profile is read from the free-text description", () => {
    expect(DEFAULT_SETTINGS.hardwareProfile).toBeNull();
    const settings = migrateSettings({ version: 1, hardware: "PC, RTX 4090 24GB VRAM, 64GB RAM" });
    expect(settings.hardwareProfile).toBeNull();
    expect(profileFor(settings, settings.hardware, "en")).toEqual(parseHardwareText("PC, RTX 4090 24GB VRAM, 64GB RAM"));
  });

  test("sanitizeStoredProfile accepts its own output unchanged", () => {
    const stored = storeProfile(parseHardwareText("M3 MacBook Pro 16GB"), "manual", NOW);
    expect(sanitizeStoredProfile(stored)).toEqual(stored);
  });

  test("a stored profile survives a round trip through data.json", () => {
    const stored = storeProfile(parseHardwareText("2x RTX 3090, 128GB RAM, Ubuntu"), "detected", NOW);
    const settings = migrateSettings(JSON.parse(JSON.stringify({ version: 1, hardware: "", hardwareProfile: stored })));
    expect(settings.hardwareProfile).toEqual(stored);
    expect(profileFor(settings, settings.hardware, "en")).toMatchObject({ ramGb: 128, os: "Linux", gpus: [{ vramGb: 24 }, { vramGb: 24 }] });
  });

  test.each<[unknown, unknown]>([
    ["a string", null],
    [[1, 2], null],
    [null, null],
    [
      { gpus: [{ name: "RTX 4090", vendor: "nvidia", vramGb: 9999 }, "junk", { vendor: "martian" }], ramGb: -4, unifiedMemory: "yes", source: "hacked", cpu: 42 },
      { device: "", cpu: "", os: "", updated: "", ramGb: null, unifiedMemory: false, source: "manual", gpus: [{ name: "RTX 4090", vendor: "nvidia", vramGb: null }, { name: "GPU", vendor: "unknown", vramGb: null }] },
    ],
  ])("hand-edited junk %j is repaired, never trusted", (raw, expected) => {
    expect(migrateSettings({ version: 1, hardwareProfile: raw }).hardwareProfile).toEqual(expected);
  });
});

describe("conversions", () => {
  test("profile → stored → profile keeps every fact", () => {
    for (const text of ["PC, RTX 4090 24GB VRAM, 64GB RAM", "M3 MacBook Pro 16GB", "Laptop, 8GB RAM", "RTX 9999, 16GB RAM"]) {
      const profile = parseHardwareText(text);
      expect(profileFromStored(storeProfile(profile, "manual", NOW))).toEqual({ ...profile, warnings: [] });
    }
  });
});

describe("GPU list as typed in settings", () => {
  test.each<[string, string]>([
    ["RTX 4090 24GB", "RTX 4090 24 GB"],
    ["RTX 3090 24GB; RTX 3090 24GB", "RTX 3090 24 GB; RTX 3090 24 GB"],
    ["RX 7900 XTX\nArc A770 16GB", "RX 7900 XTX 24 GB; Arc A770 16 GB"],
    ["Quadro M6000 24GB", "Quadro M6000 24 GB"],
    ["Some card", "Some card"],
    ["", ""],
  ])("%j → %j", (typed, shown) => {
    expect(formatGpuList(parseGpuList(typed).gpus)).toBe(shown);
  });

  test("nonsense sizes are not kept", () => {
    expect(parseGpuList("Mystery 9000GB").gpus).toEqual([{ name: "Mystery", vendor: "unknown" }]);
    expect(parseGpuList("RTX 4090 48GB").warnings.join()).toContain("has 24 GB of VRAM, not 48 GB");
  });
});

describe("profileFor: one rule for which machine", () => {
  const stored = storeProfile(parseHardwareText("Mac Studio M2 Ultra 192GB"), "detected", NOW);
  const settings = migrateSettings({ version: 1, hardware: "my desk PC", hardwareProfile: stored });

  test.each<[string, string, "stored" | "parsed"]>([
    ["the settings' text", "my desk PC", "stored"],
    ["with a trailing space", "my desk PC ", "stored"],
    ["with a leading newline", "\nmy desk PC", "stored"],
    ["another machine", "RTX 4090 24GB, 64GB RAM", "parsed"],
    ["another machine in Chinese", "显卡 RTX 3060 12GB，内存 32GB", "parsed"],
    ["empty", "", "parsed"],
  ])("%s → the %s profile", (_name, text, expected) => {
    const profile = profileFor(settings, text, "en");
    expect(profile).toEqual(expected === "stored" ? profileFromStored(stored) : parseHardwareText(text, "en"));
  });

  test("whitespace around the settings' text never changes the machine", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \t\n]*$/), fc.stringMatching(/^[ \t\n]*$/), (before, after) => {
        expect(profileFor(settings, `${before}my desk PC${after}`, "zh")).toEqual(profileFromStored(stored));
      }),
    );
  });

  test("without a stored profile the text is always parsed", () => {
    const plain = migrateSettings({ version: 1, hardware: "my desk PC" });
    fc.assert(fc.property(fc.string(), (text) => expect(profileFor(plain, text, "en")).toEqual(parseHardwareText(text, "en"))));
  });
});

/**
 * Hardware detection through real child processes: fake `nvidia-smi` / `rocm-smi` scripts on a
 * temporary PATH that answer, fail, hang or print garbage.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { desktopBindings, detectFacts, toolRunner, type DetectorBindings } from "../../../src/adapters/node/hardware-detector";
import { profileFromDetection } from "../../../src/core/hardware/detect";

const GIB = 2 ** 30;
let bin: string;

async function tool(name: string, script: string): Promise<void> {
  const file = path.join(bin, name);
  await fs.writeFile(file, `#!/bin/sh\n${script}\n`);
  await fs.chmod(file, 0o755);
}

function bindings(timeoutMs = 2000): DetectorBindings {
  return { totalRamBytes: () => 64 * GIB, cpuModel: () => "AMD Ryzen 9 7950X", platform: "linux", arch: "x64", run: toolRunner(execFile, timeoutMs, { PATH: bin }) };
}

beforeEach(async () => {
  bin = await fs.mkdtemp(path.join(os.tmpdir(), "fake-tools-"));
});
afterEach(() => fs.rm(bin, { recursive: true, force: true }));

const describeUnix = process.platform === "win32" ? describe.skip : describe;

describeUnix("detectFacts with real processes", () => {
  test("reads nvidia-smi's CSV and the machine's RAM and CPU", async () => {
    await tool("nvidia-smi", 'echo "NVIDIA GeForce RTX 4090, 24564"');
    const facts = await detectFacts(bindings());
    expect(facts).toEqual({ platform: "linux", arch: "x64", totalRamBytes: 64 * GIB, cpuModel: "AMD Ryzen 9 7950X", nvidiaSmiOutput: "NVIDIA GeForce RTX 4090, 24564\n" });
    expect(profileFromDetection(facts)).toMatchObject({ ramGb: 64, gpus: [{ name: "RTX 4090", vendor: "nvidia", vramGb: 24 }], warnings: [] });
  });

  test("passes nvidia-smi the query it needs, and rocm-smi asks for JSON", async () => {
    await tool("nvidia-smi", 'echo "$@"');
    await tool("rocm-smi", 'echo "$@"');
    const facts = await detectFacts(bindings());
    expect(facts.nvidiaSmiOutput).toBe("--query-gpu=name,memory.total --format=csv,noheader,nounits\n");
    expect(facts.rocmSmiOutput).toBe("--showmeminfo vram --json\n");
  });

  test("missing tools: no GPU output, no error", async () => {
    const facts = await detectFacts(bindings());
    expect(facts).not.toHaveProperty("nvidiaSmiOutput");
    expect(facts).not.toHaveProperty("rocmSmiOutput");
    expect(profileFromDetection(facts)).toMatchObject({ gpus: [], ramGb: 64, warnings: [] });
  });

  test("a hanging nvidia-smi is killed at the timeout and counts as missing", async () => {
    await tool("nvidia-smi", "sleep 30");
    const started = Date.now();
    const facts = await detectFacts(bindings(300));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(facts).not.toHaveProperty("nvidiaSmiOutput");
  });

  test("a failing tool (driver not loaded, exit 9) counts as missing", async () => {
    await tool("nvidia-smi", "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"; exit 9");
    expect(await detectFacts(bindings())).not.toHaveProperty("nvidiaSmiOutput");
  });

  test("garbage output reaches the core, which adds no GPU and warns", async () => {
    await tool("nvidia-smi", "head -c 200 /dev/urandom | tr -dc 'a-z,0-9 \\n'; echo");
    await tool("rocm-smi", "echo '{not json'");
    const profile = profileFromDetection(await detectFacts(bindings()));
    expect(profile.gpus.every((gpu) => gpu.vramGb === undefined || gpu.vramGb <= 256)).toBe(true);
    expect(profile.warnings.join("\n")).toContain("Could not read rocm-smi's output");
  });

  test("macOS skips the GPU tools", async () => {
    await tool("nvidia-smi", 'echo "NVIDIA GeForce RTX 4090, 24564"');
    const facts = await detectFacts({ ...bindings(), platform: "darwin", arch: "arm64", cpuModel: () => "Apple M3 Pro" });
    expect(facts).toEqual({ platform: "darwin", arch: "arm64", totalRamBytes: 64 * GIB, cpuModel: "Apple M3 Pro" });
  });
});

test("desktopBindings reads the real machine on desktop", async () => {
  const real = await desktopBindings();
  expect(real).not.toBeNull();
  expect(real?.totalRamBytes()).toBe(os.totalmem());
  expect(real?.platform).toBe(os.platform());
});

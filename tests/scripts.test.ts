import { execFileSync } from "node:child_process";
import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { makeTempVault, removeTempVault } from "./harness/temp-vault";

const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

function run(script: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [TSX, path.join(ROOT, "scripts", script), ...args], { env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test("version-bump writes the new version to manifest.json and versions.json", async () => {
  const dir = await makeTempVault({
    "package.json": JSON.stringify({ version: "0.1.0" }),
    "manifest.json": JSON.stringify({ id: "ai-stack-planner", version: "0.1.0", minAppVersion: "1.8.7" }),
    "versions.json": JSON.stringify({ "0.1.0": "1.8.7" }),
  });
  try {
    run("version-bump.ts", [], { VERSION_BUMP_ROOT: dir, npm_package_version: "0.2.0" });
    expect(JSON.parse(await fs.readFile(path.join(dir, "manifest.json"), "utf8"))).toEqual({ id: "ai-stack-planner", version: "0.2.0", minAppVersion: "1.8.7" });
    expect(JSON.parse(await fs.readFile(path.join(dir, "versions.json"), "utf8"))).toEqual({ "0.1.0": "1.8.7", "0.2.0": "1.8.7" });
  } finally {
    await removeTempVault(dir);
  }
});

test("manifest.json and versions.json agree with package.json", async () => {
  const pkg = JSON.parse(await fs.readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  const manifest = JSON.parse(await fs.readFile(path.join(ROOT, "manifest.json"), "utf8")) as { id: string; name: string; version: string; minAppVersion: string };
  const versions = JSON.parse(await fs.readFile(path.join(ROOT, "versions.json"), "utf8")) as Record<string, string>;
  expect(manifest).toMatchObject({ id: "ai-stack-planner", name: "AI Stack Planner", version: pkg.version });
  expect(versions[pkg.version]).toBe(manifest.minAppVersion);
});

test("install-plugin copies the built files into the vault's config folder", async () => {
  const vault = await makeTempVault({ ".my-config/app.json": "{}" });
  try {
    const out = run("install-plugin.ts", [vault]);
    const target = path.join(vault, ".my-config/plugins/ai-stack-planner");
    expect(out).toContain(`Installed main.js, manifest.json, styles.css into ${target}`);
    for (const file of ["main.js", "manifest.json", "styles.css"]) {
      expect(await fs.readFile(path.join(target, file))).toEqual(await fs.readFile(path.join(ROOT, file)));
    }
  } finally {
    await removeTempVault(vault);
  }
});

describe("check-node-version (run by .ci/run before anything is installed)", () => {
  const check = (version: string) => {
    try {
      return { code: 0, out: execFileSync(process.execPath, [path.join(ROOT, "scripts/check-node-version.mjs")], { env: { CHECK_NODE_VERSION: version }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
    } catch (error) {
      const failed = error as { status: number; stderr: string };
      return { code: failed.status, out: failed.stderr };
    }
  };

  test("accepts the Node versions package.json declares and refuses older ones", async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(">=20.19.0");
    expect(check("v20.19.0")).toEqual({ code: 0, out: 'Node v20.19.0 satisfies engines.node ">=20.19.0".\n' });
    expect(check("v22.12.0").code).toBe(0);
    expect(check("v20.18.3")).toEqual({ code: 1, out: 'Node v20.18.3 is not one this project supports (engines.node ">=20.19.0").\n' });
    expect(check("v18.20.4").code).toBe(1);
  });

  test("the Node running the tests is one of them", () => {
    expect(check(process.version).code).toBe(0);
  });
});

describe("release files", () => {
  test("the release workflow builds on a version tag and attaches main.js, manifest.json and styles.css", async () => {
    const { parse } = await import("yaml");
    const workflow = parse(await fs.readFile(path.join(ROOT, ".github/workflows/release.yml"), "utf8")) as {
      on: { push: { tags: string[] } };
      jobs: { build: { permissions: Record<string, string>; steps: { run?: string; with?: Record<string, string> }[] } };
    };
    expect(workflow.on.push.tags).toEqual(["*"]);
    expect(workflow.jobs.build.permissions.contents).toBe("write");
    const runs = workflow.jobs.build.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("npm ci");
    expect(runs).toContain("npm test");
    expect(runs).toMatch(/gh release create "\$tag" [^]*main\.js manifest\.json styles\.css/);
    const node = workflow.jobs.build.steps.find((s) => s.with?.["node-version"])?.with?.["node-version"];
    expect(node).toBe("20.x");
  });

  test("every release has CHANGELOG notes; a version without them stops the release", () => {
    const section = (version: string) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [path.join(ROOT, "scripts/changelog-section.mjs"), version], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
      } catch (error) {
        return { code: (error as { status: number }).status, out: (error as { stderr: string }).stderr };
      }
    };
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "manifest.json"), "utf8")) as { version: string };
    const notes = section(manifest.version);
    expect(notes.code).toBe(0);
    expect(notes.out).toContain("### Added");
    expect(notes.out).not.toContain("## [");
    expect(section("99.0.0")).toEqual({ code: 1, out: 'CHANGELOG.md has no "## [99.0.0]" section.\n' });
  });

  test("LICENSE is the MIT licence package.json names", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { license: string };
    expect(pkg.license).toBe("MIT");
    const license = readFileSync(path.join(ROOT, "LICENSE"), "utf8");
    expect(license.split("\n")[0]).toBe("MIT License");
    expect(license).toMatch(/^Copyright \(C\) \d{4} by AI Stack Planner team$/m);
  });
});

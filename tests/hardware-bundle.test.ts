/**
 * The built bundle on a phone: Node built-ins do not exist there. The hardware detector's lazy
 * requires must not run at load time, and without a desktop the detect command is not offered.
 */
import path from "node:path";
import type { App as AppOriginal, PluginManifest } from "obsidian";
import { loadPlugin, readManifest, REPO_ROOT } from "./harness/plugin-harness";

type PluginClass = new (app: AppOriginal, manifest: PluginManifest) => { load(): void; onload(): unknown };

const noNode = (name: string) => () => {
  throw new Error(`${name} is not available on mobile`);
};

test("the bundle loads with os and child_process missing, and offers no detection on mobile", async () => {
  jest.resetModules();
  jest.doMock("os", noNode("os"));
  jest.doMock("child_process", noNode("child_process"));
  // The fresh registry's mock is the one the bundle's require("obsidian") gets.
  const { App, Platform, Plugin } = jest.requireActual<typeof import("obsidian-test-mocks/obsidian")>("obsidian");
  const desktop = Platform.isDesktop;
  Platform.isDesktop = false;
  try {
    const exported = jest.requireActual<{ default: PluginClass }>(path.join(REPO_ROOT, "main.js"));
    const app = App.createConfigured__();
    const instance = new exported.default(app.asOriginalType__(), readManifest());
    const mock = Plugin.fromOriginalType2__(instance as never);
    await loadPlugin(instance);
    expect(mock.loaded__).toBe(true);
    expect(mock.commands__.has("detect-hardware")).toBe(false);
    expect(mock.commands__.has("write-offline-draft")).toBe(true);
    // And the modules really are unavailable in this test: requiring them throws.
    expect(() => jest.requireMock<object>("os")).toThrow("os is not available on mobile");
  } finally {
    Platform.isDesktop = desktop;
    jest.dontMock("os");
    jest.dontMock("child_process");
  }
});

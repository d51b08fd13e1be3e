/**
 * The browser check: `npm run test:browser` (and `npm run screenshots`). It renders the panel in
 * headless Chromium through playwright-core and needs /usr/bin/chromium (Debian's `chromium`
 * package; .ci/run installs it). `npm test` does not run it.
 */
import { shared } from "./jest.config.mjs";

export default {
  ...shared,
  displayName: "browser",
  testMatch: ["**/*-browser.test.ts"],
  testTimeout: 120000,
};

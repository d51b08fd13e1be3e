import { checkOllamaHost, isLoopbackHostname } from "../../../src/core/shared/host-policy";

describe("isLoopbackHostname", () => {
  test.each([
    ["localhost", true],
    ["LOCALHOST", true],
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["::1", true],
    ["[::1]", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.5", false],
    ["192.168.1.20", false],
    ["127.0.0.1.example.com", false],
    ["localhost.evil.com", false],
    ["128.0.0.1", false],
    ["127.0.0.300", false],
    ["ollama.example.com", false],
  ])("%s → %s", (host, expected) => {
    expect(isLoopbackHostname(host)).toBe(expected);
  });
});

describe("checkOllamaHost", () => {
  test("the default host is allowed with no warnings", () => {
    expect(checkOllamaHost("http://127.0.0.1:11434", false)).toEqual({ baseUrl: "http://127.0.0.1:11434", warnings: [], isLoopback: true });
  });

  test.each([
    ["localhost:11434", "http://localhost:11434"],
    ["http://localhost:11434/", "http://localhost:11434"],
    ["  http://[::1]:11434  ", "http://[::1]:11434"],
    ["localhost", "http://localhost:11434"],
    ["http://127.0.0.1", "http://127.0.0.1:11434"],
    ["0.0.0.0", "http://0.0.0.0:11434"],
    ["http://localhost:80", "http://localhost"],
  ])("%s is normalised to %s", (raw, baseUrl) => {
    expect(checkOllamaHost(raw, false).baseUrl).toBe(baseUrl);
  });

  test("a remote host is refused without the opt-in, naming the setting", () => {
    const check = checkOllamaHost("http://192.168.1.20:11434", false);
    expect(check.baseUrl).toBeUndefined();
    expect(check.error).toContain('Turn on "Allow a non-local Ollama host"');
    expect(check.error).toContain("leaves this machine");
  });

  test("with the opt-in a remote https host gets one warning, plain http a second one", () => {
    const https = checkOllamaHost("https://ollama.example.com", true);
    expect(https.baseUrl).toBe("https://ollama.example.com");
    expect(https.warnings).toHaveLength(1);
    const http = checkOllamaHost("http://ollama.example.com:11434", true);
    expect(http.baseUrl).toBe("http://ollama.example.com:11434");
    expect(http.warnings).toHaveLength(2);
    expect(http.warnings[1]).toContain("plain http");
  });

  test.each([
    ["", "empty"],
    ["http://", "isn't a valid"],
    ["ftp://127.0.0.1:11434", "http or https"],
    ["http://user:pw@127.0.0.1:11434", "isn't a valid"],
    ["http://127.0.0.1:11434/?q=1", "isn't a valid"],
    ["http://exa mple.com", "isn't a valid"],
  ])("%j is an invalid host (%s)", (raw, fragment) => {
    const check = checkOllamaHost(raw, true);
    expect(check.baseUrl).toBeUndefined();
    expect(check.error).toContain(fragment);
  });
});

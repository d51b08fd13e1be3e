import net from "node:net";
import { FakeOllama } from "./fake-ollama";
import { blockedDestinations } from "./network-guard";

test("the guard blocks and records a connection beyond loopback before any packet is sent", () => {
  // 192.0.2.1 is TEST-NET-1; the guard throws before the socket connects, so nothing is sent.
  expect(() => net.connect(11434, "192.0.2.1")).toThrow("network-guard: blocked a connection to 192.0.2.1");
  expect(() => net.connect({ host: "example.com", port: 443 })).toThrow("blocked a connection to example.com");
  expect(blockedDestinations(true)).toEqual(["192.0.2.1", "example.com"]);
});

test("fetch (what the ollama client uses) goes through the guard too", async () => {
  await expect(fetch("http://192.0.2.1:11434/api/tags")).rejects.toThrow();
  expect(blockedDestinations(true)).toEqual(["192.0.2.1"]);
});

test("loopback connections pass through", async () => {
  const fake = await FakeOllama.start();
  try {
    const res = await fetch(`${fake.url}/api/version`);
    expect(res.status).toBe(200);
    expect(blockedDestinations()).toEqual([]);
  } finally {
    await fake.close();
  }
});

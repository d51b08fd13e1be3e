/**
 * Records every outgoing TCP connection a test file makes and fails the file if any goes
 * anywhere but this machine's loopback: the privacy promise, checked over the whole suite.
 */
import net from "node:net";

// 0.0.0.0 as a destination means this machine, as the host policy also treats it.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|0\.0\.0\.0)$/i;
const forbidden: string[] = [];

type ConnectFn = (...args: unknown[]) => net.Socket;
const proto = net.Socket.prototype as unknown as { connect: ConnectFn };
const originalConnect = proto.connect;

function destinationOf(args: unknown[]): string | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === "object") {
    const opts = first as { host?: string; path?: string };
    if (opts.path) return undefined; // unix socket: never leaves the machine
    return opts.host ?? "localhost";
  }
  if (typeof first === "number") return typeof args[1] === "string" ? args[1] : "localhost";
  return undefined;
}

proto.connect = function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const host = destinationOf(args);
  if (host !== undefined && !LOOPBACK.test(host)) {
    forbidden.push(host);
    throw new Error(`network-guard: blocked a connection to ${host}`);
  }
  return originalConnect.apply(this, args);
};

/** Destinations blocked so far in this test file; `clear` forgets them (for the guard's own test). */
export function blockedDestinations(clear = false): string[] {
  const copy = [...forbidden];
  if (clear) forbidden.length = 0;
  return copy;
}

afterAll(() => {
  expect(forbidden).toEqual([]);
});

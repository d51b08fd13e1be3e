/**
 * A fake n8n on 127.0.0.1 for "Check my stack": real HTTP, the two endpoints the check uses
 * (`GET /healthz`, the public API's `GET /api/v1/workflows` with `X-N8N-API-KEY`), and the ways a
 * real setup goes wrong: healthy, something else on the port (wrong answer), a redirect elsewhere.
 * "Down" is a closed port: see `unusedLoopbackPort`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake answers. */
export type FakeN8nMode = "healthy" | "wrong-answer" | "redirect";

/** One request the fake received. */
export interface FakeN8nRequest {
  method: string;
  path: string;
  apiKey: string | undefined;
}

export class FakeN8n {
  readonly requests: FakeN8nRequest[] = [];
  mode: FakeN8nMode = "healthy";
  /** Names of the workflows n8n holds, served two per page to exercise the cursor. */
  workflows: string[] = [];
  apiKey = "test-key";

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  /** Starts the fake on a free loopback port. */
  static async start(): Promise<FakeN8n> {
    let fake: FakeN8n | undefined;
    const server = http.createServer((req, res) => fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake = new FakeN8n(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", this.url);
    const key = req.headers["x-n8n-api-key"];
    this.requests.push({ method: req.method ?? "", path: `${url.pathname}${url.search}`, apiKey: typeof key === "string" ? key : undefined });
    if (this.mode === "redirect") {
      res.writeHead(302, { Location: "http://192.0.2.1/healthz" }).end();
      return;
    }
    if (this.mode === "wrong-answer") {
      res.writeHead(200, { "Content-Type": "text/html" }).end("<html><body>Welcome to nginx!</body></html>");
      return;
    }
    if (url.pathname === "/healthz") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ status: "ok" }));
      return;
    }
    if (url.pathname === "/api/v1/workflows") {
      if (key !== this.apiKey) {
        res.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ message: "unauthorized" }));
        return;
      }
      const start = Number(url.searchParams.get("cursor") ?? "0");
      const data = this.workflows.slice(start, start + 2).map((name, i) => ({ id: String(start + i + 1), name, active: false }));
      const nextCursor = start + 2 < this.workflows.length ? String(start + 2) : null;
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ data, nextCursor }));
      return;
    }
    res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ message: "not found" }));
  }

  /** Stops the server and drops open connections. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

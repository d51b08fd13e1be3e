/**
 * A tiny loopback HTTP server for the red-team tests: it logs every request (path and body) and
 * answers with whatever the test's handler does (redirect, stall, flood). `close()` destroys open
 * sockets, so a stalled response never outlives its test file.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface LoggedRequest {
  method: string;
  path: string;
  body: string;
}

export type AttackHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export class AttackServer {
  readonly requests: LoggedRequest[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  /** Starts a server on a free loopback port; `handler` answers every request. */
  static async start(handler: AttackHandler): Promise<AttackServer> {
    let self: AttackServer | null = null;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        self?.requests.push({ method: req.method ?? "", path: req.url ?? "", body });
        handler(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    self = new AttackServer(server, `http://127.0.0.1:${port}`);
    return self;
  }

  /** Every request body received so far, joined. */
  bodies(): string {
    return this.requests.map((r) => r.body).join("\n");
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A handler that redirects every request, same path, to `target` with `status`. */
export function redirectTo(target: () => string, status = 307): AttackHandler {
  return (req, res) => {
    res.writeHead(status, { location: `${target()}${req.url ?? "/"}` });
    res.end();
  };
}

import { createServer, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A load balancer on loopback, as small as the replicas test needs and behaving as nginx does with
 * its defaults: requests go round-robin to the upstreams; a request whose connection is refused
 * (a replica killed or still starting) goes to the next one; a request already sent to an upstream
 * that dies is not sent again (POST is not idempotent: `proxy_next_upstream` stops there) and
 * gets a 502.
 */
export class RoundRobinProxy {
  /** Answers each upstream (by index) sent back. */
  readonly served: number[];
  /** Requests that got a 502 (their upstream died with them, or none was up). */
  failed = 0;
  /** Where it listens, once started. */
  port = 0;
  private next = 0;
  private server: Server | undefined;

  constructor(private readonly upstreams: number[]) {
    this.served = upstreams.map(() => 0);
  }

  async start(): Promise<number> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const attempt = (tries: number): void => {
          const index = this.next++ % this.upstreams.length;
          let connected = false;
          const up = request(
            {
              host: "127.0.0.1",
              port: this.upstreams[index],
              method: req.method,
              path: req.url,
              headers: { ...req.headers, connection: "close" },
              agent: false,
            },
            (upRes) => {
              const parts: Buffer[] = [];
              upRes.on("data", (c: Buffer) => parts.push(c));
              upRes.on("end", () => {
                this.served[index] = (this.served[index] ?? 0) + 1;
                res.writeHead(upRes.statusCode ?? 502, upRes.headers).end(Buffer.concat(parts));
              });
              upRes.on("error", () => this.fail(res));
            },
          );
          up.on("socket", (s) => s.on("connect", () => (connected = true)));
          up.on("error", () => {
            if (!connected && tries + 1 < this.upstreams.length) attempt(tries + 1);
            else this.fail(res);
          });
          up.end(body);
        };
        attempt(0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  private fail(res: ServerResponse): void {
    if (res.headersSent) return void res.destroy();
    this.failed++;
    res.writeHead(502).end("bad gateway");
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

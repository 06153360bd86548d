import { describe, expect, it } from "vitest";
import { freePort, useMain } from "./main-helpers.js";

/**
 * The web pages behind a reverse proxy (TRUST_PROXY_HOPS=1), through the real process: each
 * person behind the proxy has their own search budget (before, the socket was always the
 * proxy's, so one person's searches used up everyone's), and a header the client wrote itself
 * cannot buy a fresh budget.
 */
describe("web pages behind a proxy", () => {
  let web = "";
  useMain("web-proxy", async () => {
    const port = await freePort();
    web = `http://127.0.0.1:${port}`;
    const env = {
      HEALTH_PORT: String(port),
      PUBLIC_URL: web,
      TRUST_PROXY_HOPS: "1",
      RATE_LIMIT_COMMANDS: "1",
      RATE_LIMIT_WINDOW_SECONDS: "600",
      STORE: "off",
    };
    return { env, readyPort: port };
  });

  const search = (forwardedFor: string) =>
    fetch(`${web}/?q=${encodeURIComponent("--restart")}`, { headers: { "x-forwarded-for": forwardedFor } }).then(
      (r) => r.status,
    );

  it("limits each client the proxy names, not the proxy", async () => {
    expect(await search("198.51.100.1")).toBe(200);
    expect(await search("198.51.100.1")).toBe(429);
    // Another person behind the same proxy still has a budget.
    expect(await search("198.51.100.2")).toBe(200);
    // Entries a client wrote itself sit left of what the proxy added: never read.
    expect(await search("203.0.113.77, 198.51.100.2")).toBe(429);
  });
});

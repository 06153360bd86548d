import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { clientAddress } from "../../src/web/client-address.js";

describe("the web pages' client address", () => {
  it("is the socket's without trusted proxies: X-Forwarded-For is whatever the client wrote", () => {
    expect(clientAddress("203.0.113.9", "10.0.0.1", 0)).toBe("203.0.113.9");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("behind N proxies is the address the outermost one saw, read from the right", () => {
    // client 198.51.100.7 → ingress (adds 198.51.100.7) → nginx (adds the ingress) → bot (socket: nginx)
    expect(clientAddress("10.0.0.3", "198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.3", "198.51.100.7", 1)).toBe("198.51.100.7");
    // A client that writes its own header only adds entries further left, which are never read.
    expect(clientAddress("10.0.0.3", "1.2.3.4, 198.51.100.7", 1)).toBe("198.51.100.7");
  });

  it("falls back to the leftmost entry when the chain is shorter than the proxies, and to the socket without a header", () => {
    expect(clientAddress("10.0.0.3", "198.51.100.7", 3)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.3", undefined, 1)).toBe("10.0.0.3");
    expect(clientAddress("10.0.0.3", " , ", 1)).toBe("10.0.0.3");
  });

  it("never returns more than 64 characters, so a forged header cannot grow the limiters' keys", () => {
    expect(clientAddress("10.0.0.3", `${"a".repeat(5000)}`, 1)).toHaveLength(64);
  });

  it("TRUST_PROXY_HOPS is a whole number from 0 to 10, 0 by default", () => {
    const load = (env: Record<string, string>) => loadConfig(env, "/nonexistent/.env");
    expect(load({}).TRUST_PROXY_HOPS).toBe(0);
    expect(load({ TRUST_PROXY_HOPS: "2" }).TRUST_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "11", "1.5", "0x1", "one"])
      expect(() => load({ TRUST_PROXY_HOPS: bad }), bad).toThrow(/TRUST_PROXY_HOPS/);
  });
});

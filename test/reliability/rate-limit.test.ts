import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRateLimiter, resolveRateLimiter } from "../../src/adapters/rate-limit.js";
import { ConfigSchema, rateLimitSettings } from "../../src/config.js";
import { rateLimitMessage } from "../../src/render/wording.js";

describe("token bucket rate limiter", () => {
  it("allows the burst, refuses the next with a wait, and refills over the window", () => {
    let t = 0;
    const limiter = createRateLimiter({ commands: 10, windowSeconds: 30, now: () => t });
    for (let i = 0; i < 10; i++) expect(limiter.take("slack:U1").allowed).toBe(true);
    const refused = limiter.take("slack:U1");
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 3 });
    t += 3000;
    expect(limiter.take("slack:U1").allowed).toBe(true);
    expect(limiter.take("slack:U1").allowed).toBe(false);
    t += 30_000;
    for (let i = 0; i < 10; i++) expect(limiter.take("slack:U1").allowed).toBe(true);
    expect(limiter.take("slack:U1").allowed).toBe(false);
  });

  it("keeps users, platforms and kinds apart", () => {
    const limiter = createRateLimiter({ commands: 1, autocomplete: 2, now: () => 0 });
    expect(limiter.take("slack:U1").allowed).toBe(true);
    expect(limiter.take("slack:U1").allowed).toBe(false);
    expect(limiter.take("discord:U1").allowed).toBe(true);
    expect(limiter.take("slack:U2").allowed).toBe(true);
    expect(limiter.take("slack:U1", "autocomplete").allowed).toBe(true);
    expect(limiter.take("slack:U1", "autocomplete").allowed).toBe(true);
    expect(limiter.take("slack:U1", "autocomplete").allowed).toBe(false);
  });

  it("never allows more than capacity + refill in any run of requests (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }),
        (cap, win, gaps) => {
          let t = 0;
          const limiter = createRateLimiter({ commands: cap, windowSeconds: win, now: () => t });
          let allowed = 0;
          for (const g of gaps) {
            t += g;
            const d = limiter.take("k");
            if (d.allowed) allowed++;
            else expect(d.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          }
          expect(allowed).toBeLessThanOrEqual(cap + Math.floor((t / 1000) * (cap / win)) + 1);
        },
      ),
    );
  });

  it("holds memory bounded: idle buckets are pruned once maxKeys is reached", () => {
    let t = 0;
    const limiter = createRateLimiter({ commands: 5, windowSeconds: 1, maxKeys: 100, now: () => t });
    for (let i = 0; i < 10_000; i++) {
      t += 50;
      limiter.take(`slack:U${i}`);
    }
    expect(limiter.size).toBeLessThanOrEqual(101);
  });

  it("reads its budget from the config and can be turned off", () => {
    const config = ConfigSchema.parse({});
    expect(config.RATE_LIMIT_COMMANDS).toBe(10);
    expect(config.RATE_LIMIT_WINDOW_SECONDS).toBe(30);
    expect(config.RATE_LIMIT_AUTOCOMPLETE).toBe(60);
    const limiter = createRateLimiter(rateLimitSettings({ ...config, RATE_LIMIT_COMMANDS: 2 }));
    expect(limiter.take("a").allowed && limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(resolveRateLimiter(false)).toBeUndefined();
    expect(resolveRateLimiter(undefined)).toBeDefined();
    expect(rateLimitMessage(2.2)).toBe("You're asking fast — try again in 3 s.");
  });
});

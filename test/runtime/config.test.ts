import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, discordSharding, loadConfig } from "../../src/config.js";
import { planAdapters } from "../../src/runtime/adapters.js";
import { freePort, kill, startMain } from "../e2e/main-helpers.js";

const NO_DOTENV = "/nonexistent/.env";

describe("configuration errors", () => {
  it("a Slack bot token alone names both variables that could complete it, and where to find them", () => {
    const error = (() => {
      try {
        loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" }, NO_DOTENV);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("SLACK_APP_TOKEN");
    expect(message).toContain("SLACK_SIGNING_SECRET");
    expect(message).toMatch(/App-Level Tokens/);
    expect(message).not.toContain("xoxb-1");
  });

  it("a signing secret without a bot token names SLACK_BOT_TOKEN", () => {
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: "s" }, NO_DOTENV)).toThrow(/SLACK_BOT_TOKEN is missing/);
  });

  it("a malformed value names the variable", () => {
    expect(() => loadConfig({ HEALTH_PORT: "70000" }, NO_DOTENV)).toThrow(/HEALTH_PORT/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xapp-wrong-kind", SLACK_SIGNING_SECRET: "s" }, NO_DOTENV)).toThrow(
      /SLACK_BOT_TOKEN: must be a bot token/,
    );
  });

  it("main stops with the message alone (no stack trace) and exit code 1", async () => {
    const child = startMain(
      { SLACK_BOT_TOKEN: "xoxb-partial-secret-value", HEALTH_PORT: String(await freePort()) },
      { stdin: "ignore" },
    );
    const { code } = await child.exited;
    expect(code).toBe(1);
    const err = child.stderr();
    expect(err).toContain("Incomplete configuration");
    expect(err).toContain("SLACK_APP_TOKEN");
    expect(err).not.toMatch(/\n\s+at /);
    expect(err + child.stdout()).not.toContain("xoxb-partial-secret-value");
  }, 60_000);

  it("main refuses DISCORD_PORT equal to HEALTH_PORT", async () => {
    const port = String(await freePort());
    const child = startMain(
      { DISCORD_PUBLIC_KEY: "a".repeat(64), DISCORD_APPLICATION_ID: "123", DISCORD_PORT: port, HEALTH_PORT: port },
      { stdin: "ignore" },
    );
    const { code } = await child.exited;
    expect(code).toBe(1);
    expect(child.stderr()).toMatch(/DISCORD_PORT \(\d+\) must differ from HEALTH_PORT/);
  }, 60_000);
});

describe("configuration edge cases (issue 17, point 6)", () => {
  const load = (env: Record<string, string>) => loadConfig(env, NO_DOTENV);
  const refused = (env: Record<string, string>): string => {
    try {
      load(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error(`accepted ${JSON.stringify(env)}`);
  };

  it("an empty port is unset: HEALTH_PORT= listens on 3000, DISCORD_PORT= leaves the endpoint off", () => {
    expect(load({ HEALTH_PORT: "" }).HEALTH_PORT).toBe(3000);
    const c = load({ DISCORD_PORT: "", DISCORD_PUBLIC_KEY: "a".repeat(64), DISCORD_APPLICATION_ID: "1" });
    expect(c.DISCORD_PORT).toBeUndefined();
    expect(planAdapters(c).discordHttp).toBe(false);
    expect(load({ HEALTH_PORT: " 8080 " }).HEALTH_PORT).toBe(8080);
  });

  it("ports are decimal integers up to 65535: 0x10, 1e3, 80.5, -1 and 65536 name the variable", () => {
    for (const value of ["0x10", "1e3", "80.5", "-1", "65536", "abc"]) {
      expect(refused({ HEALTH_PORT: value })).toMatch(/HEALTH_PORT: must be a decimal port number/);
      expect(refused({ DISCORD_PORT: value })).toMatch(/DISCORD_PORT: must be a decimal port number/);
    }
    // 0 stays "any free port": the tests' in-process runtimes rely on it.
    expect(load({ HEALTH_PORT: "0" }).HEALTH_PORT).toBe(0);
  });

  it("the other numbers are decimal too, and empty means the default", () => {
    expect(load({ RATE_LIMIT_COMMANDS: "", RATE_LIMIT_WINDOW_SECONDS: "" })).toMatchObject({
      RATE_LIMIT_COMMANDS: 10,
      RATE_LIMIT_WINDOW_SECONDS: 30,
    });
    expect(refused({ RATE_LIMIT_COMMANDS: "0x10" })).toMatch(/RATE_LIMIT_COMMANDS/);
    expect(refused({ RATE_LIMIT_WINDOW_SECONDS: "1e3" })).toMatch(/RATE_LIMIT_WINDOW_SECONDS/);
    expect(load({ RATE_LIMIT_WINDOW_SECONDS: "1.5" }).RATE_LIMIT_WINDOW_SECONDS).toBe(1.5);
  });

  it("INDEX_FILE under /proc, /sys or /dev, or on a folder, is refused at start with its name", () => {
    for (const file of ["/dev/zero", "/proc/self/fd/0", "/proc/self/index.json", "/sys/index.json", "/dev/shm/../null"])
      expect(refused({ INDEX_FILE: file })).toMatch(/INDEX_FILE .* cannot live under \/proc, \/sys or \/dev/);
    expect(refused({ INDEX_FILE: tmpdir() })).toMatch(/INDEX_FILE .* is not a regular file/);
    expect(refused({ STORE_FILE: "/dev/zero" })).toMatch(/STORE_FILE .* cannot live under/);
    expect(refused({ KNOWLEDGE_DIR: "/proc/self" })).toMatch(/KNOWLEDGE_DIR/);
  });

  it("a link to /dev/zero is followed before it is judged", async () => {
    const { symlinkSync } = await import("node:fs");
    const dir = mkdtempSync(join(tmpdir(), "config-link-"));
    symlinkSync("/dev/zero", join(dir, "index.json"));
    expect(refused({ INDEX_FILE: join(dir, "index.json") })).toMatch(/resolves to \/dev\/zero/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("main stops at once with the message when INDEX_FILE is under /proc (it used to start and never save)", async () => {
    const started = Date.now();
    const child = startMain(
      { INDEX_FILE: "/proc/self/index.json", HEALTH_PORT: String(await freePort()) },
      { stdin: "ignore" },
    );
    // Before the fix it started and kept running: don't leave it behind.
    const timer = setTimeout(() => kill(child), 20_000);
    const { code } = await child.exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(child.stderr()).toMatch(/INDEX_FILE \(\/proc\/self\/index\.json\) resolves to/);
    expect(child.stderr()).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});

describe("Discord gateway sharding settings (issue 16)", () => {
  const load = (env: Record<string, string>) => loadConfig({ DISCORD_TOKEN: "t.o.k", ...env }, NO_DOTENV);

  it("reads the shards a process holds and the shard count", () => {
    expect(discordSharding(load({}))).toBeUndefined();
    expect(discordSharding(load({ DISCORD_SHARD_COUNT: "auto" }))).toEqual({ shards: "auto" });
    expect(discordSharding(load({ DISCORD_SHARD_COUNT: "3" }))).toEqual({ shards: [0, 1, 2], shardCount: 3 });
    expect(discordSharding(load({ DISCORD_SHARD_COUNT: "8", DISCORD_SHARDS: "1, 4-6" }))).toEqual({
      shards: [1, 4, 5, 6],
      shardCount: 8,
    });
  });

  it("a replica with DISCORD_SHARDS=none never connects to the gateway (the HTTP endpoint still can)", () => {
    const c = load({ DISCORD_SHARDS: "none" });
    expect(discordSharding(c)).toBe("none");
    expect(planAdapters(c).discordGateway).toBe(false);
    expect(planAdapters(load({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARDS: "1" })).discordGateway).toBe(true);
  });

  it("refuses shard ids without a count, beyond the count, or that are not ids", () => {
    expect(() => load({ DISCORD_SHARDS: "0" })).toThrow(/DISCORD_SHARDS=0 needs DISCORD_SHARD_COUNT/);
    expect(() => load({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARDS: "1-3" })).toThrow(
      /shard 2, 3 does not exist with DISCORD_SHARD_COUNT=2 \(shard ids go from 0 to 1\)/,
    );
    expect(() => load({ DISCORD_SHARDS: "first" })).toThrow(/must be shard ids such as 0/);
    expect(() => load({ DISCORD_SHARD_COUNT: "0" })).toThrow(/must be `auto` or a whole number/);
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { freePort, startMain } from "../e2e/main-helpers.js";

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

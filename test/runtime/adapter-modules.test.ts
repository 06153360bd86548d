import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A fresh process creates the runtime for one platform and reports which chat libraries it has
 * loaded (discord.js and Bolt are CommonJS: importing them fills require's cache). In-process,
 * the test runner's other files may have loaded either already.
 */
function librariesLoaded(env: Record<string, string>): { discord: boolean; bolt: boolean } {
  const script = `
    import { createRequire } from "node:module";
    import { loadConfig } from "./src/config.ts";
    import { createLogger } from "./src/logger.ts";
    import { createRuntime } from "./src/runtime/create-runtime.ts";
    const config = loadConfig(${JSON.stringify({ HEALTH_PORT: "0", HOST: "127.0.0.1", ...env })}, "/nonexistent/.env");
    await createRuntime({ config, logger: createLogger({ level: "silent" }), console: false, defaultMetrics: false, exit: () => {} });
    const keys = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify({
      discord: keys.some((k) => k.includes("/node_modules/discord.js/")),
      bolt: keys.some((k) => k.includes("/node_modules/@slack/bolt/")),
    }));
    process.exit(0);
  `;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`child failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { discord: boolean; bolt: boolean };
}

describe("a replica loads only the chat libraries of the platforms it runs", () => {
  it("Slack only: no discord.js", () => {
    expect(librariesLoaded({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret" })).toEqual({
      discord: false,
      bolt: true,
    });
  });

  it("Discord only: no Bolt", () => {
    expect(librariesLoaded({ DISCORD_TOKEN: "discord.test.token" })).toEqual({ discord: true, bolt: false });
  });
});

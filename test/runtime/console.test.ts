import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../src/adapters/console/index.js";
import type { Bot } from "../../src/answer/bot.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { silentLogger } from "../../src/logger.js";

function streams(tty = false) {
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = Object.assign(new PassThrough(), { isTTY: tty, columns: 80 });
  let text = "";
  output.on("data", (c: Buffer) => (text += c.toString("utf8")));
  return { input, output, text: () => text };
}

describe("console adapter", () => {
  let bot: Bot;
  const tmp = mkdtempSync(join(tmpdir(), "notes-console-unit-"));
  beforeAll(async () => {
    bot = await loadBot({ logger: silentLogger });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("answers piped lines in order, with or without /docker, without prompts or colours, and closes on EOF", async () => {
    const s = streams();
    const c = createConsoleAdapter({ bot, logger: silentLogger, input: s.input, output: s.output });
    c.start();
    expect(c.connected).toBe(true);
    s.input.end("/docker explain --restart\n\nexplain --volume\n");
    await c.closed;
    expect(c.connected).toBe(false);
    const out = s.text();
    expect(out).toContain("unless-stopped");
    expect(out.indexOf("7. 自动重启")).toBeGreaterThanOrEqual(0);
    expect(out.indexOf("7. 自动重启")).toBeLessThan(out.indexOf("4. 挂载卷"));
    expect(out).not.toContain("docker> ");
    expect(out).not.toContain("\x1b[");
  });

  it("leaves on `exit`, ignoring what follows", async () => {
    const s = streams();
    const c = createConsoleAdapter({ bot, logger: silentLogger, input: s.input, output: s.output });
    c.start();
    s.input.write("exit\n");
    await c.closed;
    s.input.end("/docker explain --restart\n");
    expect(s.text()).not.toContain("unless-stopped");
  });

  it("on a terminal: prompt, colours, and history saved to a file", async () => {
    const s = streams(true);
    const historyFile = join(tmp, "data", "console-history");
    const c = createConsoleAdapter({ bot, logger: silentLogger, input: s.input, output: s.output, historyFile });
    c.start();
    s.input.write("/docker explain --restart\r");
    await new Promise((r) => setTimeout(r, 300));
    s.input.write("\x04"); // Ctrl-D on an empty line
    await c.closed;
    expect(s.text()).toContain("docker> ");
    expect(s.text()).toContain("\x1b[1m");
    expect(readFileSync(historyFile, "utf8").split("\n")[0]).toBe("/docker explain --restart");
  });

  it("an unexpected error is answered briefly and the prompt stays up", async () => {
    const s = streams();
    const failing: Bot = { ask: () => Promise.reject(new Error("index exploded")), autocomplete: async () => [] };
    const c = createConsoleAdapter({ bot: failing, logger: silentLogger, input: s.input, output: s.output });
    c.start();
    s.input.end("explain --restart\n");
    await c.closed;
    expect(s.text()).toMatch(/^Sorry, something went wrong/);
    expect(s.text()).not.toContain("index exploded");
  });
});

import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot, createDiscordHttpServer } from "../../src/adapters/discord/index.js";
import { createSlackApp, type SlackApp } from "../../src/adapters/slack/index.js";
import type { Bot } from "../../src/answer/bot.js";
import { MAX_RAW_LENGTH } from "../../src/answer/parse-command.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { FakeDiscordGateway } from "./fakes/discord-gateway.js";
import { slashCommand as discordCommand, userMessage } from "./fakes/discord-payloads.js";
import { BOT_USER, FakeDiscordRest } from "./fakes/discord-rest.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { loadTestBot } from "./fakes/slack-bot.js";
import { postSigned, slashCommand } from "./fakes/slack-payloads.js";
import { type FakeSocketMode, startFakeSocketMode } from "./fakes/slack-socket.js";

/**
 * Issue 17, point 4: a signed 3.5 MB slash command was logged whole (40 of 1.2 MB made 50 MB of
 * log). Over-long text is cut before anything logs or parses it, on every path, and the HTTP
 * servers refuse bodies over 1 MB. Each test measures the bytes logged (at debug level, the
 * worst case) and the longest text the core was asked.
 */
const ONE_MB = 1_000_000;
const SIGNING_SECRET = "long-input-signing-secret-0123";

/** A real pino logger at debug level that counts what it writes. */
function countingLogger(): { logger: Logger; bytes: () => number; longestLine: () => number } {
  let bytes = 0;
  let longest = 0;
  const logger = createLogger({
    level: "debug",
    destination: {
      write: (s: string) => {
        bytes += Buffer.byteLength(s);
        longest = Math.max(longest, s.length);
      },
    },
  });
  return { logger, bytes: () => bytes, longestLine: () => longest };
}

/** The core, recording the length of the longest text it was asked since the last `longest()`. */
function measuring(bot: Bot): Bot & { longest: () => number } {
  let longest = 0;
  return {
    longest: () => {
      const seen = longest;
      longest = 0;
      return seen;
    },
    ask: (input, options) => {
      longest = Math.max(longest, (typeof input === "string" ? input : input.text).length);
      return bot.ask(input, options);
    },
    autocomplete: (partial) => bot.autocomplete(partial),
  };
}

describe("Slack: a 1 MB signed slash command", () => {
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let http: SlackApp;
  let socketApp: SlackApp;
  let base = "";
  const httpLog = countingLogger();
  const socketLog = countingLogger();
  let bot: ReturnType<typeof measuring>;

  beforeAll(async () => {
    api = await startFakeSlackApi();
    socket = await startFakeSocketMode();
    api.setSocketUrl(socket.url);
    bot = measuring(await loadTestBot());
    const common = {
      bot,
      botToken: "xoxb-long",
      apiUrl: api.apiUrl,
      retryConfig: { retries: 0 },
      rateLimiter: false as const,
    };
    http = createSlackApp({
      ...common,
      logger: httpLog.logger,
      signingSecret: SIGNING_SECRET,
      port: 0,
      host: "127.0.0.1",
    });
    await http.start();
    base = `http://127.0.0.1:${http.address()?.port}`;
    socketApp = createSlackApp({ ...common, logger: socketLog.logger, appToken: "xapp-long" });
    await socketApp.start();
    await socket.connected;
  });
  afterAll(async () => {
    await http?.stop();
    await socketApp?.stop();
    await socket?.closed;
    await socket?.close();
    await api?.close();
  });

  it("over HTTP: answered 'too long', under 8 KB of log in all, the core sees at most 2,001 characters", async () => {
    const form = new URLSearchParams(slashCommand("x".repeat(ONE_MB), api.responseUrl("long"))).toString();
    expect(form.length).toBeGreaterThan(ONE_MB);
    const before = httpLog.bytes();
    const res = await postSigned(`${base}/slack/events`, form, { secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/too long/);
    const logged = httpLog.bytes() - before;
    // The measured figure, for the report.
    process.stdout.write(`[long-input] Slack HTTP, 1 MB signed command: ${logged} bytes of log\n`);
    expect(logged).toBeLessThan(8 * 1024);
    expect(httpLog.longestLine()).toBeLessThan(8 * 1024);
    expect(bot.longest()).toBeLessThanOrEqual(MAX_RAW_LENGTH + 1);
  });

  it("over HTTP: a 3.5 MB body is refused with 413 before it is read", async () => {
    const form = new URLSearchParams(slashCommand("x".repeat(3_500_000), api.responseUrl("huge"))).toString();
    const before = httpLog.bytes();
    const res = await postSigned(`${base}/slack/events`, form, { secret: SIGNING_SECRET }).catch(() => undefined);
    // Either the 413 arrives, or the server closed the connection while the client still sent.
    if (res) expect(res.status).toBe(413);
    expect(httpLog.bytes() - before).toBeLessThan(2 * 1024);
  });

  it("over Socket Mode: the same, at debug level (Bolt logs every envelope there)", async () => {
    const before = socketLog.bytes();
    const ack = await socket.send("slash_commands", slashCommand("y".repeat(ONE_MB), api.responseUrl("long-s")));
    expect(JSON.stringify(ack.payload)).toMatch(/too long/);
    const logged = socketLog.bytes() - before;
    process.stdout.write(`[long-input] Slack Socket Mode, 1 MB command: ${logged} bytes of log\n`);
    expect(logged).toBeLessThan(24 * 1024);
    expect(socketLog.longestLine()).toBeLessThan(8 * 1024);
    expect(bot.longest()).toBeLessThanOrEqual(MAX_RAW_LENGTH + 1);
  });
});

describe("Discord: 1 MB of text over HTTP and over the gateway", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const publicHex = Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url").toString("hex");
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  const log = countingLogger();
  let bot: ReturnType<typeof measuring>;
  let server: ReturnType<typeof createDiscordHttpServer>;
  let discord: ReturnType<typeof createDiscordBot>;
  let port = 0;

  beforeAll(async () => {
    bot = measuring(await loadTestBot());
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    server = createDiscordHttpServer({ bot, logger: log.logger, publicKey: publicHex, rateLimiter: false, apiUrl });
    port = await server.start(0, "127.0.0.1");
    discord = createDiscordBot({ bot, logger: log.logger, token: "long-token", apiUrl, rateLimiter: false });
    await discord.start();
  });
  afterAll(async () => {
    await server?.stop();
    await discord?.stop();
    await gateway.stop();
    await rest.stop();
  });

  it("HTTP: a signed interaction with a 1 MB option: the core sees at most 2,001 characters, the log stays small", async () => {
    const raw = JSON.stringify(discordCommand("search", { query: "z".repeat(ONE_MB - 2000) }));
    const ts = String(Math.floor(Date.now() / 1000));
    const before = log.bytes();
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-signature-ed25519": sign(null, Buffer.from(ts + raw), privateKey).toString("hex"),
        "x-signature-timestamp": ts,
      },
      body: raw,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/too long/);
    // The option is cut to 2,001 characters; the command's text adds the subcommand's name.
    expect(bot.longest()).toBeLessThanOrEqual(MAX_RAW_LENGTH + 1 + "search ".length);
    expect(log.bytes() - before).toBeLessThan(8 * 1024);
  });

  it("gateway: a mention of 1 MB: the core sees at most 2,001 characters, the log stays small", async () => {
    const before = log.bytes();
    const since = rest.requests.length;
    gateway.dispatch("MESSAGE_CREATE", userMessage(`<@${BOT_USER.id}> ${"w".repeat(ONE_MB)}`, { mentionsBot: true }));
    const reply = await rest.waitFor(
      (q) => q.method === "POST" && /^\/channels\/\d+\/messages$/.test(q.path),
      since,
      10_000,
    );
    expect(JSON.stringify(reply.body)).toMatch(/too long/);
    expect(bot.longest()).toBeLessThanOrEqual(MAX_RAW_LENGTH + 1);
    expect(log.bytes() - before).toBeLessThan(8 * 1024);
  });
});

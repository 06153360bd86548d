import { generateKeyPairSync, sign } from "node:crypto";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { slackSignature } from "./fakes/slack-payloads.js";
import { expectSurvivesFuzz, probe } from "./http-fuzz.js";
import { type Child, eventually, freePort, useMain } from "./main-helpers.js";

/**
 * Point 1 of issue 17: one request must never stop the bot. Every HTTP surface of the running
 * process (`node src/main.ts`, as deployed) gets fuzzed over raw TCP; the process must still be
 * running and answering /healthz afterwards, and its log must hold no uncaught exception and no
 * unhandled rejection.
 */
const RUNS = 150;
const SIGNING_SECRET = "fuzz-signing-secret-0123456789";
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const publicHex = Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url").toString("hex");

const slackSign = (body: Buffer) => {
  const ts = Math.floor(Date.now() / 1000);
  return {
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": slackSignature(SIGNING_SECRET, ts, body.toString("utf8")),
  };
};
const discordSign = (body: Buffer) => {
  const ts = String(Math.floor(Date.now() / 1000));
  return {
    "x-signature-ed25519": sign(null, Buffer.concat([Buffer.from(ts), body]), privateKey).toString("hex"),
    "x-signature-timestamp": ts,
  };
};

/**
 * A client that sends headers announcing a 100-byte body, then 10 bytes, then nothing: how long
 * until the server gives up on it (Node's default is 300 s, checked every 30 s). Stops waiting at 20 s.
 */
function slowBodyHeldMs(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"type":`,
      );
    });
    const timer = setTimeout(() => socket.destroy(), 20_000);
    // Read (and drop) what comes back, or the server's close is never seen.
    socket.resume();
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

function expectCleanLog(child: Child): void {
  const log = child.stderr();
  expect(log).not.toContain("uncaught exception");
  expect(log).not.toContain("unhandled promise rejection");
  expect(child.proc.exitCode).toBeNull();
}

describe("fuzz: the health server (headless, Socket Mode and Discord set-ups)", () => {
  let port = 0;
  const main = useMain("fuzz-health", async () => {
    port = await freePort();
    return { env: { HEALTH_PORT: String(port) }, readyPort: port };
  });

  it("answers GET // (the reported crash) with a 404 and keeps running", async () => {
    for (const path of ["//", "//@", "/%", "/.."]) expect(await probe("127.0.0.1", port, path)).toBe(404);
    expect(await probe("127.0.0.1", port, "/healthz")).toBe(200);
    expectCleanLog(main.child());
  });

  it(`survives ${RUNS} fuzzed requests`, async () => {
    const seen = await expectSurvivesFuzz({ port, paths: ["/healthz", "/readyz", "/metrics"] }, { runs: RUNS });
    expect(seen.get(404)).toBeGreaterThan(0);
    expectCleanLog(main.child());
  }, 120_000);

  it("cuts a slow body within seconds, not Node's 300 s", async () => {
    expect(await probe("127.0.0.1", port, "/healthz")).toBe(200);
    const held = await slowBodyHeldMs(port, "/healthz");
    // Held open for a while (the server waits for the rest), then closed by the server.
    expect(held).toBeGreaterThan(500);
    expect(held).toBeLessThan(15_000);
  }, 30_000);

  it("caps open connections (256), and probes work again once they are gone", async () => {
    const sockets: Socket[] = [];
    let closedEarly = 0;
    await Promise.all(
      Array.from(
        { length: 300 },
        () =>
          new Promise<void>((resolve) => {
            const s = connect({ host: "127.0.0.1", port }, () => resolve());
            s.on("error", () => resolve());
            s.on("close", () => closedEarly++);
            sockets.push(s);
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(closedEarly).toBeGreaterThanOrEqual(300 - 256);
    for (const s of sockets) s.destroy();
    await eventually(async () => (await probe("127.0.0.1", port, "/healthz")) === 200, 5000, "/healthz 200");
  });
});

describe("fuzz: the Slack HTTP receiver and the Discord interactions endpoint", () => {
  let slackApi: FakeSlackApi;
  let slackPort = 0;
  let discordPort = 0;
  const main = useMain("fuzz-webhooks", async () => {
    slackApi = await startFakeSlackApi();
    slackPort = await freePort();
    discordPort = await freePort();
    const env = {
      HEALTH_PORT: String(slackPort),
      SLACK_BOT_TOKEN: "xoxb-fuzz-0001",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi.apiUrl,
      DISCORD_PUBLIC_KEY: publicHex,
      DISCORD_APPLICATION_ID: "900000000000000009",
      DISCORD_PORT: String(discordPort),
      // Fuzzed signed commands would otherwise spend the budget and turn answers into notices.
      RATE_LIMIT_COMMANDS: "100000",
    };
    return { env, readyPort: slackPort };
  });
  afterAll(async () => {
    await slackApi?.close();
  });

  it("answers a signed Slack body of JSON null with 400, not an open socket", async () => {
    const { exchange } = await import("./http-fuzz.js");
    for (const [type, body] of [
      ["application/json", "null"],
      ["application/x-www-form-urlencoded", "payload=null"],
    ] as const) {
      const raw = Buffer.from(body);
      const headers = Object.entries({ "content-type": type, ...slackSign(raw) })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("");
      const got = await exchange(
        "127.0.0.1",
        slackPort,
        Buffer.concat([
          Buffer.from(`POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-length: ${raw.length}\r\n${headers}\r\n`),
          raw,
        ]),
        3000,
      );
      expect(got.timedOut, body).toBe(false);
      expect(got.statuses, body).toEqual([400]);
    }
    expectCleanLog(main.child());
  });

  it(`the Slack receiver (and the probes it serves) survives ${RUNS} fuzzed requests, half of them signed`, async () => {
    await expectSurvivesFuzz(
      { port: slackPort, paths: ["/slack/events", "/healthz", "/readyz", "/metrics"], sign: slackSign },
      { runs: RUNS },
    );
    expectCleanLog(main.child());
  }, 120_000);

  it("cuts slow bodies on both servers within seconds, not Node's 300 s", async () => {
    expect(await probe("127.0.0.1", slackPort, "/healthz")).toBe(200);
    const held = await Promise.all([slowBodyHeldMs(slackPort, "/slack/events"), slowBodyHeldMs(discordPort, "/")]);
    for (const ms of held) {
      expect(ms).toBeGreaterThan(500);
      expect(ms).toBeLessThan(15_000);
    }
  }, 30_000);

  it(`the Discord endpoint survives ${RUNS} fuzzed requests, half of them signed`, async () => {
    const seen = await expectSurvivesFuzz(
      {
        port: discordPort,
        paths: ["/", "/interactions"],
        sign: discordSign,
        health: { port: slackPort, path: "/healthz" },
      },
      { runs: RUNS },
    );
    expect(seen.get(400)).toBeGreaterThan(0);
    expectCleanLog(main.child());
  }, 120_000);
});

describe("fuzz: the web pages (PUBLIC_URL), on their own port and beside /healthz", () => {
  let healthPort = 0;
  let webPort = 0;
  const paths = [
    "/",
    "/?q=--restart",
    "/?q=%E6%80%8E%E4%B9%88%E8%AE%A9%E5%AE%B9%E5%99%A8%E8%87%AA%E5%8A%A8%E9%87%8D%E5%90%AF",
    "/s/docker-run",
    "/s/docker-run/docker-run%E7%9A%84%E9%85%8D%E7%BD%AE%E5%91%BD%E4%BB%A4",
    "/admin",
    "/admin/login",
    "/admin/logout",
    "/admin/data.json",
    "/assets/web.css",
    "/assets/uplot.js",
  ];
  const main = useMain("fuzz-web", async (tmp) => {
    healthPort = await freePort();
    webPort = await freePort();
    const env = {
      HEALTH_PORT: String(healthPort),
      WEB_PORT: String(webPort),
      STORE_FILE: join(tmp, "store.sqlite"),
      PUBLIC_URL: `http://127.0.0.1:${webPort}`,
      ADMIN_TOKEN: "fuzz-admin-token-0123456789",
      RATE_LIMIT_COMMANDS: "100000",
    };
    return { env, readyPort: healthPort };
  });

  it("serves the pages, and 404s the targets issue 17 crashed on", async () => {
    expect(await probe("127.0.0.1", webPort, "/")).toBe(200);
    expect(await probe("127.0.0.1", webPort, "/s/docker-run")).toBe(200);
    for (const path of ["//", "//@", "/%", "/..", "/%2e%2e/", "/s/../admin", "/s/%", "/s/%E0%A4%A"])
      expect(await probe("127.0.0.1", webPort, path)).toBe(404);
    expectCleanLog(main.child());
  });

  it(`the web server survives ${RUNS} fuzzed requests`, async () => {
    const seen = await expectSurvivesFuzz({ port: webPort, paths }, { runs: RUNS });
    expect(seen.get(200)).toBeGreaterThan(0);
    expectCleanLog(main.child());
  }, 120_000);

  it("cuts a slow sign-in body within seconds", async () => {
    // A JSON body is no sign-in form: the answer (401) may come before the body does; either way
    // the connection is not held open for Node's 300 s.
    const held = await slowBodyHeldMs(webPort, "/admin/login");
    expect(held).toBeLessThan(15_000);
  }, 30_000);
});

describe("fuzz: the web pages sharing HEALTH_PORT with the probes", () => {
  let port = 0;
  const main = useMain("fuzz-web-shared", async () => {
    port = await freePort();
    const env = {
      HEALTH_PORT: String(port),
      STORE: "off",
      PUBLIC_URL: "https://notes.example.com",
      RATE_LIMIT_COMMANDS: "100000",
    };
    return { env, readyPort: port };
  });

  it(`survives ${RUNS} fuzzed requests to pages and probes alike (/admin is off without ADMIN_TOKEN)`, async () => {
    expect(await probe("127.0.0.1", port, "/admin")).toBe(404);
    await expectSurvivesFuzz(
      {
        port,
        paths: [
          "/",
          "/?q=cmd%20vs%20entrypoint",
          "/s/docker-run",
          "/healthz",
          "/readyz",
          "/metrics",
          "/assets/copy.js",
        ],
      },
      { runs: RUNS },
    );
    expectCleanLog(main.child());
  }, 120_000);
});

import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordHttpServer, type DiscordHttpServer } from "../../src/adapters/discord/index.js";
import { isFreshTimestamp } from "../../src/adapters/discord/signature.js";
import { loadKnowledgeBase } from "../../src/search/knowledge-base.js";
import { fakeBot } from "./fakes/discord-fake-bot.js";
import { captureLogger } from "./fakes/slack-bot.js";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const publicHex = Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url").toString("hex");

describe("Discord HTTP: signatures on every request", () => {
  let server: DiscordHttpServer;
  let port = 0;
  beforeAll(async () => {
    server = createDiscordHttpServer({
      bot: fakeBot(),
      logger: captureLogger().logger,
      publicKey: publicHex,
      rateLimiter: false,
    });
    port = await server.start(0, "127.0.0.1");
  });
  afterAll(() => server.stop());

  const post = (raw: string, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: raw,
    }).then((r) => r.status);
  const signed = (raw: string, ts: number) => ({
    "x-signature-ed25519": sign(null, Buffer.from(String(ts) + raw), privateKey).toString("hex"),
    "x-signature-timestamp": String(ts),
  });

  it("accepts a fresh signed PING", async () => {
    const raw = JSON.stringify({ type: 1 });
    expect(await post(raw, signed(raw, Math.floor(Date.now() / 1000)))).toBe(200);
  });

  it("refuses a replayed request: a valid signature over a timestamp 10 minutes old", async () => {
    const raw = JSON.stringify({ type: 1 });
    expect(await post(raw, signed(raw, Math.floor(Date.now() / 1000) - 600))).toBe(401);
  });

  it("refuses malformed headers: non-hex, short, duplicated-looking, non-numeric timestamp", async () => {
    const raw = JSON.stringify({ type: 1 });
    const ts = Math.floor(Date.now() / 1000);
    const good = signed(raw, ts);
    for (const headers of [
      { ...good, "x-signature-ed25519": "g".repeat(128) },
      { ...good, "x-signature-ed25519": good["x-signature-ed25519"].slice(0, 64) },
      { ...good, "x-signature-timestamp": `${ts}abc` },
      { ...good, "x-signature-timestamp": "" },
      { "x-signature-ed25519": good["x-signature-ed25519"] },
    ])
      expect(await post(raw, headers)).toBe(401);
    expect(isFreshTimestamp("1e9")).toBe(false);
  });
});

describe("knowledge faults: a corrupt or truncated index is rebuilt, and the log says why", () => {
  const dir = mkdtempSync(join(tmpdir(), "kb-faults-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, content] of [
    ["truncated", '{"manifest":{"format":1,"toolVersion":"0","segmenter":"intl","files":[]},"orama":{"docs":'],
    ["garbage", "\u0000\u0001 not json at all"],
    ["wrong shape", '{"manifest":{"format":1,"segmenter":"intl","files":[]},"orama":{"internalDocumentIDStore":7}}'],
  ] as const) {
    it(`${name} index.json`, async () => {
      writeFileSync(join(dir, "notes.md"), "# Restart\n\nUse `--restart unless-stopped`.\n");
      const indexFile = join(dir, `${name.replace(" ", "-")}.json`);
      writeFileSync(indexFile, content);
      const { logger, lines } = captureLogger();
      const kb = await loadKnowledgeBase({ knowledgeDir: dir, rootDir: dir, indexFile, segmenter: "intl", logger });
      expect(kb.origin.from).toBe("build");
      expect(kb.manifest.sectionCount).toBe(1);
      const warn = lines.find((l) => l.msg === "rebuilding the index in memory");
      expect(String(warn?.reason)).toMatch(/snapshot/);
    });
  }
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { postSigned, slashCommand } from "./fakes/slack-payloads.js";
import { type Child, eventually, freePort, kill, startMain } from "./main-helpers.js";

/**
 * Issue 17, point 2, as it was found: the bot as deployed, notes with `environ.md →
 * /proc/self/environ` and a note that simply contains the bot token; `/docker search …` over signed
 * Slack HTTP must never answer with a token, and the log must name what was refused or withheld.
 */
const BOT_TOKEN = "xoxb-111122223333-leakcheck-e2e0token";
const SIGNING_SECRET = "leakcheck-signing-secret-0123456789abcdef";
/** Only in the process's environment (so only in /proc/self/environ): a search for it finds that file. */
const MARKER = "zqxjvenvironmarker";

describe("secrets never reach an answer (the bot as deployed, Slack HTTP)", () => {
  const tmp = mkdtempSync(join(tmpdir(), "notes-leak-"));
  const notes = join(tmp, "knowledge");
  let api: FakeSlackApi;
  let child: Child | undefined;
  let base = "";

  beforeAll(async () => {
    mkdirSync(notes);
    writeFileSync(join(notes, "run.md"), "# Docker run\n\n## 自动重启\n\n`--restart` 让容器自动重启。\n");
    // A maintainer pasted the token into the notes by mistake.
    writeFileSync(
      join(notes, "tokens.md"),
      `# Tokens\n\n## xoxb bot token\n\nThe xoxb token of our bot is ${BOT_TOKEN} (do not share).\n`,
    );
    symlinkSync("/proc/self/environ", join(notes, "environ.md"));
    api = await startFakeSlackApi();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = startMain(
      {
        HEALTH_PORT: String(port),
        HOST: "127.0.0.1",
        KNOWLEDGE_DIR: notes,
        // Even with outside links allowed, /proc stays closed.
        KNOWLEDGE_FOLLOW_OUTSIDE_LINKS: "true",
        INDEX_FILE: join(tmp, "index.json"),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: api.apiUrl,
        LEAK_MARKER: MARKER,
      },
      { stdin: "ignore" },
    );
    await eventually(async () => (await fetch(`${base}/readyz`)).status === 200, 60_000, "/readyz 200");
  }, 90_000);

  afterAll(async () => {
    kill(child);
    await api?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const ask = async (text: string): Promise<string> => {
    const form = new URLSearchParams(slashCommand(text, api.responseUrl("leak"))).toString();
    const res = await postSigned(`${base}/slack/events`, form, { secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    return res.text();
  };

  it("does not index /proc/self/environ, and the log names the link", async () => {
    for (const q of [`search ${MARKER}`, "search SLACK_SIGNING_SECRET", "search PATH HOME"]) {
      const reply = await ask(q);
      expect(reply, q).not.toContain(BOT_TOKEN);
      expect(reply, q).not.toContain(SIGNING_SECRET);
      expect(reply, q).not.toContain("environ.md");
    }
    expect(child!.stderr()).toMatch(/"code":"refused-link".*environ\.md:1: links to \/proc\/\d+\/environ/);
  });

  it("withholds an answer whose note contains the token, and logs which section to fix", async () => {
    for (const q of ["search xoxb", "explain xoxb bot token", "topics"]) {
      const reply = await ask(q);
      expect(reply, q).not.toContain(BOT_TOKEN);
      expect(reply, q).not.toContain("leakcheck-e2e0token");
    }
    expect(await ask("search xoxb")).toContain("own secrets");
    const withheld = child!
      .stderr()
      .split("\n")
      .filter((l) => l.includes("answer withheld"));
    expect(withheld.length).toBeGreaterThan(0);
    expect(withheld[0]).toContain("tokens.md#xoxb-bot-token");
    expect(child!.stderr()).not.toContain(BOT_TOKEN);
    // Answers without the secret are untouched.
    expect(await ask("explain --restart")).toContain("自动重启");
  });
});

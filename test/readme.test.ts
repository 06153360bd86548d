import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { SCREENSHOTS_DIR, screenshotPages } from "../scripts/screenshots.js";
import { BOT_PERMISSIONS } from "../src/adapters/discord/register.js";
import type { Bot } from "../src/answer/bot.js";
import { parseAdminCommand } from "../src/answer/commands.js";
import { loadBot } from "../src/answer/load-bot.js";
import { renderText } from "../src/render/text.js";
import { ROOT } from "./helpers.js";

/** The README is for users: every command it shows must work as shown. */
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
let bot: Bot;
beforeAll(async () => {
  bot = await loadBot({
    knowledgeDir: join(ROOT, "knowledge"),
    indexFile: join(ROOT, "test/fixtures/no-such-index.json"),
    rootDir: ROOT,
  });
});

describe("README", () => {
  it("shows the answer the bot really gives to /docker explain --restart", async () => {
    const shown = /you> \/docker explain --restart\n\n([\s\S]*?)\n~~~/.exec(readme)![1]!;
    const real = renderText(await bot.ask("/docker explain --restart"));
    expect(real.startsWith(shown)).toBe(true);
  });

  it("shows only /docker examples the bot answers (and the one it should not)", async () => {
    const examples = [...new Set([...readme.matchAll(/`(\/docker [^`]+)`/g)].map((m) => m[1]!))].filter(
      (e) => !/[<[…]/.test(e) && e !== "/docker",
    );
    expect(examples.length).toBeGreaterThanOrEqual(15);
    for (const e of examples) {
      // Admin commands never reach the search: they must parse as one.
      if (/^\/docker admin\b/.test(e)) {
        expect(parseAdminCommand(e), e).toBeDefined();
        continue;
      }
      const a = await bot.ask(e);
      expect(a.type, e).not.toBe("invalid");
      expect(a.matched, e).toBe(!e.includes("--gpus"));
    }
  });

  it("names only npm scripts that exist", () => {
    const used = [...readme.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(3);
    for (const s of used) expect(Object.keys(pkg.scripts), s).toContain(s);
    for (const s of ["start", "test"]) expect(Object.keys(pkg.scripts)).toContain(s);
  });

  it("documents every configuration variable that .env.example documents", () => {
    const config = readFileSync(join(ROOT, "src/config.ts"), "utf8");
    const vars = [...config.matchAll(/^\s+([A-Z][A-Z_]+):/gm)].map((m) => m[1]!);
    const undocumented = vars.filter((v) => !readme.includes(v) && !["LOG_PRETTY", "HOST", "SEGMENTER"].includes(v));
    expect(undocumented).toEqual([]);
  });
});

/** The set-up docs an admin follows: each point that once made a first set-up fail. */
describe("set-up docs (README, docs/discord.md, docs/slack.md, slack/manifest.yml)", () => {
  const read = (p: string) => readFileSync(join(ROOT, p), "utf8");
  const discordDoc = read("docs/discord.md");
  const slackDoc = read("docs/slack.md");
  const manifest = parseYaml(read("slack/manifest.yml")) as {
    display_information: { name: string };
    features: { bot_user: { display_name: string } };
  };
  const section = (text: string, heading: string) => {
    const from = text.indexOf(heading);
    const to = text.indexOf("\n## ", from + heading.length);
    return text.slice(from, to < 0 ? undefined : to);
  };

  it("Discord: invite before discord:register, and say what 403 / 50001 means", () => {
    for (const [name, text] of [
      ["README", section(readme, "## Discord")],
      ["docs/discord.md", discordDoc],
    ] as const) {
      const invite = text.search(/[Ii]nvite the bot (first|before)/);
      expect(invite, name).toBeGreaterThan(-1);
      expect(invite, name).toBeLessThan(text.indexOf("npm run discord:register"));
      expect(text, name).toMatch(/403[^\n]*50001|50001[^\n]*403/);
    }
  });

  it("Discord: the invite's permissions are the code's, Send Messages in Threads included", () => {
    expect(BOT_PERMISSIONS & (1n << 38n)).toBe(1n << 38n);
    for (const text of [readme, discordDoc]) {
      const found = [...text.matchAll(/permissions=(\d+)/g)].map((m) => BigInt(m[1]!));
      expect(found.length).toBeGreaterThan(0);
      for (const p of found) expect(p).toBe(BOT_PERMISSIONS);
      expect(text).toContain("Send Messages in Threads");
    }
  });

  it("Discord: Public Bot off for private notes; DMs need the global registration", () => {
    for (const text of [section(readme, "## Discord"), discordDoc]) expect(text).toMatch(/\*\*Public Bot\*\* off/);
    expect(discordDoc).toMatch(/DMs to the\s+bot need the global registration/);
    expect(section(readme, "## Discord")).toMatch(/globally, which DMs to the bot need/);
  });

  it("Slack: one bot name everywhere, invited to a channel before it is mentioned", () => {
    const name = manifest.features.bot_user.display_name;
    expect(manifest.display_information.name).toBe(name);
    for (const [file, text] of [
      ["README", readme],
      ["docs/slack.md", slackDoc],
      ["docs/discord.md", discordDoc],
    ] as const) {
      // Every mention of a bot in an example (`@everyone` is about pings, not a name).
      const named = [...text.matchAll(/`@([\w-]+)[ `]/g)]
        .map((m) => m[1]!)
        .filter((n) => !["everyone", "here"].includes(n));
      expect(named.length, file).toBeGreaterThan(0);
      for (const n of named) expect(n, `${file}: @${n}`).toBe(name);
    }
    for (const text of [section(readme, "## Slack"), slackDoc]) {
      expect(text).toContain(`/invite @${name}`);
      expect(text).toMatch(/Invite\s+the bot to the channel first|Before mentioning the bot in a\s+channel, invite it/);
    }
  });

  it("Slack: HTTP mode needs HTTPS in front, and /metrics is not on the public port", () => {
    for (const text of [section(readme, "## Slack"), slackDoc]) {
      expect(text).toMatch(/HTTPS/);
      expect(text).toMatch(/TLS proxy/);
      expect(text).toContain("METRICS_PORT");
      expect(text).toMatch(/`\/metrics`\s+is\s+(not served|\*\*not\*\*)/);
    }
  });

  it("shows pictures of a Slack and a Discord answer, and of the web pages, that exist", () => {
    const pictures = [...readme.matchAll(/(?:!\[[^\]]*\]\(|<img src=")(docs\/screenshots\/[^)"]+)/g)].map((m) => m[1]!);
    expect(pictures).toEqual([
      "docs/screenshots/slack.png",
      "docs/screenshots/discord.png",
      "docs/screenshots/web-section.png",
      "docs/screenshots/web-search.png",
      "docs/screenshots/web-dashboard.png",
      "docs/screenshots/web-mobile.png",
    ]);
    for (const p of pictures) expect(existsSync(join(ROOT, p)), p).toBe(true);
    expect(pkg.scripts.screenshots).toBeDefined();
    expect(pkg.scripts["screenshots:web"]).toBeDefined();
  });

  it("pictures what the renderers draw today (else: npm run screenshots)", async () => {
    const pages = await screenshotPages();
    for (const [name, html] of Object.entries(pages))
      expect(readFileSync(join(SCREENSHOTS_DIR, `${name}.html`), "utf8"), `docs/screenshots/${name}.html`).toBe(html);
  });
});

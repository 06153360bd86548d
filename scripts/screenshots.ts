/**
 * `npm run screenshots`: pictures of a Slack and a Discord answer for the README, in English and
 * Chinese, drawn from the real renderers (so they stay true; test/readme.test.ts fails when the
 * committed HTML no longer matches what the renderers produce). Writes docs/screenshots/*.html,
 * then screenshots them with Chromium (playwright-core driving Debian's /usr/bin/chromium;
 * CHROMIUM_PATH overrides). `--html` writes the HTML only.
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBot } from "../src/answer/load-bot.js";
import { silentLogger } from "../src/logger.js";
import { renderAnswer } from "../src/render/discord/index.js";
import type { Locale } from "../src/render/i18n/locale.js";
import { renderSlackAnswer } from "../src/render/slack/index.js";
import { launchChromium } from "./chromium.js";
import { DISCORD_CSS, discordMessageHtml } from "./screenshots/discord-html.js";
import { SLACK_CSS, slackMessageHtml } from "./screenshots/slack-html.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SCREENSHOTS_DIR = join(ROOT, "docs/screenshots");
const LINKS = { template: "https://github.com/org/notes/blob/main/{file}#L{line}", knowledgeDir: "knowledge" };

/** What the pictures show: the same two questions on both platforms. */
export const QUESTIONS: { text: string; locale: Locale }[] = [
  { text: "explain --restart", locale: "en" },
  { text: "怎么查看容器日志", locale: "zh-CN" },
];

function page(css: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><style>${css}</style></head>\n<body><div class="row">\n${body}\n</div></body></html>\n`;
}

/** The two pages' HTML, from the bot's real answers and the real renderers. */
export async function screenshotPages(): Promise<{ slack: string; discord: string }> {
  const bot = await loadBot({
    logger: silentLogger,
    knowledgeDir: join(ROOT, "knowledge"),
    rootDir: ROOT,
    indexFile: join(ROOT, "test/fixtures/no-such-index.json"),
  });
  const slack: string[] = [];
  const discord: string[] = [];
  for (const q of QUESTIONS) {
    const answer = await bot.ask(q.text);
    slack.push(
      slackMessageHtml(renderSlackAnswer(answer, { locale: q.locale, links: LINKS }), `/docker ${q.text}`, q.locale),
    );
    const message = renderAnswer(answer, { locale: q.locale, links: LINKS, ref: `t${q.text}` }, (t) => `t${t}`);
    discord.push(discordMessageHtml(message, `/docker ${q.text}`, q.locale));
  }
  return { slack: page(SLACK_CSS, slack.join("\n")), discord: page(DISCORD_CSS, discord.join("\n")) };
}

async function main(): Promise<void> {
  const pages = await screenshotPages();
  for (const [name, html] of Object.entries(pages)) writeFileSync(join(SCREENSHOTS_DIR, `${name}.html`), html);
  if (process.argv.includes("--html")) return;
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1300, height: 400 }, deviceScaleFactor: 1 });
    for (const name of Object.keys(pages)) {
      await tab.goto(`file://${join(SCREENSHOTS_DIR, `${name}.html`)}`);
      await tab.locator(".row").screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) });
      console.log(`wrote docs/screenshots/${name}.png`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

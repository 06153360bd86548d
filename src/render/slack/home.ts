import { COMMAND_PREFIX, COMMANDS } from "../../answer/commands.js";
import type { TopicsAnswer } from "../../answer/types.js";
import { enumerate, t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import { context, header, type SlackBlock, section } from "./blocks.js";
import { escapeSlack } from "./escape.js";
import { SLACK_LIMITS } from "./limits.js";
import { markdownToMrkdwn } from "./mrkdwn.js";

/** Slack's App Home tab: a `home` view of at most 100 blocks. */
export const HOME_MAX_BLOCKS = 100;
/** How many top topics (the outline's first two levels) the page lists. */
const TOP_TOPICS = 12;

export interface HomeView {
  type: "home";
  blocks: SlackBlock[];
}

export interface HomeContent {
  locale: Locale;
  /** The notes' outline (`topics`), for the top topics. */
  topics?: TopicsAnswer | undefined;
  /** The gaps summary (markdown), for admins when the store is on. */
  gaps?: string | undefined;
}

/**
 * What the bot can do, five example questions (the first example of each command, from the
 * command definitions), the notes' top topics and, for admins, what the notes are missing. Every
 * word from the catalogue; every text clipped to Block Kit's limits.
 */
export function renderSlackHome(content: HomeContent): HomeView {
  const { locale } = content;
  const examples = COMMANDS.map((c) => c.examples[0])
    .filter((e): e is string => Boolean(e))
    .slice(0, 5)
    .map((e) => `• \`/${COMMAND_PREFIX} ${escapeSlack(e)}\``);
  const top = (content.topics?.outline ?? []).filter((e) => e.depth <= 1).slice(0, TOP_TOPICS);
  const blocks: SlackBlock[] = [
    header(escapeSlack(t(locale, "home.title"))),
    context(escapeSlack(t(locale, "home.intro"))),
    { type: "divider" },
    section(
      `*${escapeSlack(t(locale, "home.canDoTitle"))}*\n${markdownToMrkdwn(
        t(locale, "home.canDo", { prefix: COMMAND_PREFIX, shortcut: t(locale, "commands.askMessage.name") }),
      )}`,
    ),
    section(`*${escapeSlack(t(locale, "home.examplesTitle"))}*\n${examples.join("\n")}`),
  ];
  if (top.length)
    blocks.push(
      section(
        `*${escapeSlack(t(locale, "home.topicsTitle"))}*\n${escapeSlack(
          enumerate(
            locale,
            top.map((e) => e.title),
          ),
        )}`,
      ),
    );
  if (content.gaps)
    blocks.push(
      { type: "divider" },
      section(`*${escapeSlack(t(locale, "home.gapsTitle"))}*\n${markdownToMrkdwn(content.gaps)}`),
    );
  return { type: "home", blocks: blocks.slice(0, Math.min(HOME_MAX_BLOCKS, SLACK_LIMITS.blocks)) };
}

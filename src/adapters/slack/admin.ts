import { looksLikeAdmin, parseAdminCommand } from "../../answer/commands.js";
import type { AdminCommands } from "../../answer/hooks.js";
import { t } from "../../render/i18n/catalogue.js";
import type { Locale } from "../../render/i18n/locale.js";
import { markdownToMrkdwn, renderSlackNotice, type SlackMessage } from "../../render/slack/index.js";

export interface SlackAdminOptions {
  admin?: AdminCommands;
  /** Slack user ids allowed (ADMIN_USER_IDS). */
  adminUserIds: readonly string[];
}

/**
 * `/docker admin gaps [7d]` and `/docker admin reload`: the reply for an admin command, or
 * undefined when the text is an ordinary question. Users not in ADMIN_USER_IDS are told so.
 */
export function slackAdminReply(
  text: string,
  userId: string,
  options: SlackAdminOptions,
  locale: Locale = "en",
): Promise<SlackMessage> | undefined {
  if (!looksLikeAdmin(text)) return undefined;
  const notice = (markdown: string) => Promise.resolve(renderSlackNotice(markdownToMrkdwn(markdown)));
  if (!options.adminUserIds.includes(userId)) {
    return notice(t(locale, "admin.notAllowed"));
  }
  const command = parseAdminCommand(text);
  if (!command) return notice(t(locale, "admin.usage"));
  if (!options.admin) return notice(t(locale, "admin.unavailable"));
  const run = command.name === "gaps" ? options.admin.gaps(command.since, locale) : options.admin.reload(locale);
  return run.then((markdown) => renderSlackNotice(markdownToMrkdwn(markdown)));
}

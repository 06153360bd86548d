import { looksLikeAdmin, parseAdminCommand } from "../../answer/commands.js";
import type { AdminCommands } from "../../answer/hooks.js";
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
): Promise<SlackMessage> | undefined {
  if (!looksLikeAdmin(text)) return undefined;
  const notice = (markdown: string) => Promise.resolve(renderSlackNotice(markdownToMrkdwn(markdown)));
  if (!options.adminUserIds.includes(userId)) {
    return notice("Admin commands are for the users listed in `ADMIN_USER_IDS` (ask whoever runs the bot).");
  }
  const command = parseAdminCommand(text);
  if (!command) return notice("Admin commands: `/docker admin gaps [7d|24h|2w]`, `/docker admin reload`.");
  if (!options.admin) return notice("Admin commands are not available in this process.");
  const run = command.name === "gaps" ? options.admin.gaps(command.since) : options.admin.reload();
  return run.then((markdown) => renderSlackNotice(markdownToMrkdwn(markdown)));
}

import { randomBytes } from "node:crypto";
import type { Logger } from "../../logger.js";
import type { SlackMessage } from "../../render/slack/index.js";
import { renderSlackNotice } from "../../render/slack/index.js";

/**
 * The one place a handler failure becomes a log line plus a short private apology. The id
 * joins the two, so a user can quote it and we can find the stack.
 */
export function reportError(logger: Logger, err: unknown, context: Record<string, unknown>): SlackMessage {
  const errorId = randomBytes(4).toString("hex");
  logger.error({ err, errorId, ...context }, "slack handler failed");
  return renderSlackNotice(`Sorry, something went wrong while answering. (error id \`${errorId}\`)`);
}

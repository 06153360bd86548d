export { renderSlackAnswer, renderSlackNotice, type SlackRenderOptions } from "./render-answer.js";
export { ACTION_IDS, decodeActionValue, encodeActionValue, type ActionState } from "./action-value.js";
export { escapeSlack, slackLink, slackMention } from "./escape.js";
export { markdownToMrkdwn, inlineToMrkdwn } from "./mrkdwn.js";
export { SLACK_LIMITS } from "./limits.js";
export type { SlackBlock, SlackMessage, ButtonElement } from "./blocks.js";

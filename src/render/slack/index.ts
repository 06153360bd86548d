export { ACTION_IDS, type ActionState, decodeActionValue, encodeActionValue } from "./action-value.js";
export type { ButtonElement, SlackBlock, SlackMessage } from "./blocks.js";
export { escapeSlack, slackLink, slackMention } from "./escape.js";
export { decodeReasonMeta, REASON_MODAL, type ReasonMeta, reasonModal } from "./feedback-modal.js";
export { HOME_MAX_BLOCKS, type HomeView, renderSlackHome } from "./home.js";
export { SLACK_LIMITS } from "./limits.js";
export { inlineToMrkdwn, markdownToMrkdwn } from "./mrkdwn.js";
export { renderSlackAnswer, renderSlackNotice, type SlackRenderOptions } from "./render-answer.js";

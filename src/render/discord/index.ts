export { type ButtonAction, type ButtonState, decodeCustomId, encodeCustomId, isSnowflake } from "./custom-id.js";
export { codeBlock, cutMarkdown } from "./cut.js";
export { LIMITS } from "./limits.js";
export { toDiscordMarkdown } from "./markdown.js";
export { type DiscordModal, MAX_REASON_LENGTH, REASON_INPUT, reasonModal } from "./modal.js";
export { NO_MENTIONS, renderAnswer, renderExamples, renderNotice, renderShared } from "./render.js";
export * from "./types.js";

export * from "./types.js";
export { LIMITS } from "./limits.js";
export { cutMarkdown, codeBlock, truncate } from "./cut.js";
export { QueryRefs, commandText, decodeCustomId, encodeCustomId, type ButtonAction, type ButtonState } from "./custom-id.js";
export { renderAnswer, renderExamples, renderShared, renderNotice, NO_MENTIONS } from "./render.js";
export { toDiscordMarkdown, sourceLink } from "./markdown.js";

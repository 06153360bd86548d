export { buildCommandData, type CommandJson } from "./command-data.js";
export { createDiscordBot, type DiscordBot, type DiscordBotOptions } from "./gateway.js";
export {
  createDiscordHttpServer,
  createDiscordInteractionsHandler,
  type DiscordHttpOptions,
  type DiscordHttpServer,
} from "./http-interactions.js";
export { QueryRefs } from "./query-refs.js";
export {
  BOT_PERMISSIONS,
  describeRegistration,
  explainRegisterError,
  inviteUrl,
  type RegisterOptions,
  type RegisterResult,
  registerCommands,
} from "./register.js";

export { createDiscordBot, type DiscordBot, type DiscordBotOptions } from "./gateway.js";
export { createDiscordHttpServer, createDiscordInteractionsHandler, type DiscordHttpOptions, type DiscordHttpServer } from "./http-interactions.js";
export { registerCommands, describeRegistration, type RegisterOptions, type RegisterResult } from "./register.js";
export { buildCommandData, type CommandJson } from "./command-data.js";
export { QueryRefs } from "../../render/discord/index.js";

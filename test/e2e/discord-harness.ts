import { afterAll, beforeAll } from "vitest";
import { createDiscordBot, type DiscordBot, type DiscordBotOptions } from "../../src/adapters/discord/index.js";
import type { CallbackBody } from "./discord-helpers.js";
import { FakeDiscordGateway, MESSAGE_CONTENT_INTENT } from "./fakes/discord-gateway.js";
import { FakeDiscordRest, type RecordedRequest } from "./fakes/discord-rest.js";

export interface DiscordHarness {
  rest: FakeDiscordRest;
  gateway: FakeDiscordGateway;
  /** The bot under test (set once the describe block's beforeAll has run). */
  discord: () => DiscordBot;
  /** Dispatches an interaction through the gateway and waits for the bot's callback request. */
  callback: (payload: { id: string; token: string }) => Promise<RecordedRequest>;
  /** …and returns the callback's body. */
  interact: (payload: { id: string; token: string }) => Promise<CallbackBody>;
}

/**
 * The real discord.js client against the loopback fakes (REST and gateway), started before the
 * enclosing describe block's tests and stopped after them. `options` gives what the test varies
 * (the bot, the logger, answer channels…); the token, the API URL and no rate limiter are set here
 * unless given. `messageContent` grants the privileged Message Content intent.
 */
export function useDiscordGateway(
  options: () => Promise<Omit<DiscordBotOptions, "token" | "apiUrl">> | Omit<DiscordBotOptions, "token" | "apiUrl">,
  setup: { messageContent?: boolean } = {},
): DiscordHarness {
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  let discord: DiscordBot | undefined;

  beforeAll(async () => {
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    if (setup.messageContent) gateway.privilegedIntents = MESSAGE_CONTENT_INTENT;
    discord = createDiscordBot({ token: "fake-token", apiUrl, rateLimiter: false, ...(await options()) });
    await discord.start();
  });

  afterAll(async () => {
    await discord?.stop();
    await gateway.stop();
    await rest.stop();
  });

  const callback = async (payload: { id: string; token: string }) => {
    const since = rest.requests.length;
    gateway.dispatch("INTERACTION_CREATE", payload);
    const path = `/interactions/${payload.id}/${payload.token}/callback`;
    return rest.waitFor((q) => q.method === "POST" && q.path === path, since);
  };
  return {
    rest,
    gateway,
    discord: () => {
      if (!discord) throw new Error("the Discord bot starts in beforeAll: use it inside a test");
      return discord;
    },
    callback,
    interact: async (payload) => (await callback(payload)).body as CallbackBody,
  };
}

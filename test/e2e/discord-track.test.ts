import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot } from "../../src/adapters/discord/index.js";
import { captureLogger } from "./discord-helpers.js";
import { fakeBot } from "./fakes/discord-fake-bot.js";
import { FakeDiscordGateway } from "./fakes/discord-gateway.js";
import { slashCommand } from "./fakes/discord-payloads.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";

/**
 * Shutdown waits for what `track` counts: it must cover the reply being sent, not only the
 * answer being built (the same gap the Slack shutdown test found).
 */
describe("discord gateway: in-flight tracking", () => {
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  const events: string[] = [];
  let discord: ReturnType<typeof createDiscordBot>;

  beforeAll(async () => {
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    const track = async <T>(work: () => Promise<T>): Promise<T> => {
      events.push("start");
      try {
        return await work();
      } finally {
        events.push(`end after ${rest.requests.filter((r) => r.path.endsWith("/callback")).length} callbacks`);
      }
    };
    discord = createDiscordBot({
      bot: fakeBot({ delayMs: 50 }),
      logger: captureLogger().logger,
      token: "fake-token",
      apiUrl,
      track,
    });
    await discord.start();
  });
  afterAll(async () => {
    await discord.stop();
    await gateway.stop();
    await rest.stop();
  });

  it("counts an interaction as in flight until its callback has been sent", async () => {
    gateway.dispatch("INTERACTION_CREATE", slashCommand("explain", { topic: "--restart" }));
    await rest.waitFor((q) => q.path.endsWith("/callback"), 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(["start", "end after 1 callbacks"]);
  });
});

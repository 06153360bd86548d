/**
 * `npm run discord:register`: registers `/docker` with Discord (to DISCORD_GUILD_ID when set,
 * instantly; else globally) and prints what it registered, or what to do when Discord refused
 * (a server the bot was not invited to answers 403 / 50001). Settings come from src/config.ts,
 * the only reader of the environment (and .env).
 */
import { describeRegistration, explainRegisterError, registerCommands } from "../src/adapters/discord/register.js";
import { loadConfig } from "../src/config.js";

let options: { applicationId: string; guildId?: string | undefined } | undefined;
try {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new Error(
      "set DISCORD_TOKEN (Developer Portal › Bot › Reset Token) and DISCORD_APPLICATION_ID (General Information); see docs/discord.md",
    );
  }
  options = { applicationId: config.DISCORD_APPLICATION_ID, guildId: config.DISCORD_GUILD_ID };
  const result = await registerCommands({
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: config.DISCORD_GUILD_ID,
    apiUrl: config.DISCORD_API_URL,
  });
  console.log(describeRegistration(result));
} catch (err) {
  const why = options ? explainRegisterError(err, options) : err instanceof Error ? err.message : String(err);
  console.error(`discord:register failed: ${why}`);
  process.exitCode = 1;
}

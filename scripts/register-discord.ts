/**
 * `npm run discord:register`: registers `/docker` with Discord (to DISCORD_GUILD_ID when set,
 * instantly; else globally) and prints what it registered. Settings come from src/config.ts,
 * the only reader of the environment (and .env).
 */
import { describeRegistration, registerCommands } from "../src/adapters/discord/register.js";
import { loadConfig } from "../src/config.js";

try {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new Error(
      "set DISCORD_TOKEN (Developer Portal › Bot › Reset Token) and DISCORD_APPLICATION_ID (General Information); see docs/discord.md",
    );
  }
  const result = await registerCommands({
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: config.DISCORD_GUILD_ID,
    apiUrl: config.DISCORD_API_URL,
  });
  console.log(describeRegistration(result));
} catch (err) {
  console.error(`discord:register failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

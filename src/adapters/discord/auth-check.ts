import { CredentialsRejectedError } from "../connect-retry.js";

/** The gateway closed with 4004 (authentication failed) after IDENTIFY. */
export class TokenRejectedClose extends Error {
  override name = "TokenRejectedClose";
  constructor() {
    super("the Discord gateway closed with 4004 (authentication failed)");
  }
}

/**
 * A `CredentialsRejectedError` naming DISCORD_TOKEN when Discord refused the token: discord.js's
 * `TokenInvalid` (a 401 on GET /gateway/bot, or no token), a 401 from REST, a gateway close 4004.
 * Anything else (no network, 5xx, no READY in time) is retried.
 */
export function rejectedDiscordToken(error: unknown): CredentialsRejectedError | undefined {
  const e = error as { code?: unknown; status?: unknown } | undefined;
  const rejected = e?.code === "TokenInvalid" || e?.status === 401 || error instanceof TokenRejectedClose;
  if (!rejected) return undefined;
  return new CredentialsRejectedError(
    "DISCORD_TOKEN",
    `Discord rejected DISCORD_TOKEN (${(error as Error).message}). Copy the bot token again: Developer Portal › ` +
      "your application › Bot › Reset Token.",
    { cause: error },
  );
}

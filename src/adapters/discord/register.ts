import { DiscordAPIError, REST, Routes } from "discord.js";
import { buildCommandData, type RegisteredCommandJson } from "./command-data.js";

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register to one guild (instant) instead of globally (may take up to an hour to appear). */
  guildId?: string | undefined;
  /** REST base such as `https://discord.com/api` (a proxy or a test fake). */
  apiUrl?: string | undefined;
}

export interface RegisterResult {
  scope: "guild" | "global";
  route: string;
  body: RegisteredCommandJson[];
  /** What Discord answered: the registered commands with their ids. */
  registered: unknown;
}

/** Bulk-overwrites the application's commands with `/docker` (PUT: idempotent). */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const body = buildCommandData();
  const registered = await rest.put(route, { body });
  return { scope: options.guildId ? "guild" : "global", route, body, registered };
}

/** One line per subcommand, for the script's output. */
export function describeRegistration(result: RegisterResult): string {
  const lines = [
    `Registered ${result.body.length} command(s) ${result.scope === "guild" ? "to the guild (available now)" : "globally (may take up to an hour)"}: ${result.route}`,
  ];
  for (const command of result.body) {
    if (command.type === 3) {
      lines.push(`  ${command.name} (on any message: Apps › ${command.name})`);
      continue;
    }
    for (const sub of command.options) {
      const args = (sub.options ?? []).map((o) => (o.required ? `${o.name}:` : `[${o.name}:]`)).join(" ");
      lines.push(`  /${command.name} ${sub.name} ${args}`.trimEnd());
    }
  }
  return lines.join("\n");
}

/**
 * The permissions the bot asks for when invited: View Channels, Send Messages, Embed Links, Read
 * Message History and Send Messages in Threads (without the last, mentions in threads and forum
 * posts get no answer).
 */
export const BOT_PERMISSIONS =
  (1n << 10n) | // View Channels
  (1n << 11n) | // Send Messages
  (1n << 14n) | // Embed Links
  (1n << 16n) | // Read Message History
  (1n << 38n); // Send Messages in Threads

/** The invite link for the bot, with its scopes and permissions. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${BOT_PERMISSIONS}`;
}

/**
 * What to do about a failed registration, in words: Discord answers a guild registration with
 * 403 Missing Access (code 50001) when the bot was never invited to that server, and 401 for a
 * wrong token.
 */
export function explainRegisterError(
  err: unknown,
  options: Pick<RegisterOptions, "applicationId" | "guildId">,
): string {
  if (err instanceof DiscordAPIError || (typeof err === "object" && err !== null && "status" in err)) {
    const { status, code } = err as { status?: number; code?: number | string };
    if (status === 403 || code === 50001) {
      return [
        `Discord answered 403 Missing Access (code 50001): the bot is not in the server ${options.guildId ?? "(global registration)"}.`,
        "Invite it first (scopes bot and applications.commands), then run npm run discord:register again:",
        `  ${inviteUrl(options.applicationId)}`,
        "Or unset DISCORD_GUILD_ID to register globally (needed for DMs; may take up to an hour to appear).",
      ].join("\n");
    }
    if (status === 401)
      return "Discord answered 401 Unauthorized: DISCORD_TOKEN is wrong or was reset (Developer Portal › Bot › Reset Token).";
  }
  return err instanceof Error ? err.message : String(err);
}

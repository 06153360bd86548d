import { REST, Routes } from "discord.js";
import { buildCommandData, type CommandJson } from "./command-data.js";

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
  body: CommandJson[];
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
    for (const sub of command.options) {
      const args = (sub.options ?? []).map((o) => (o.required ? `${o.name}:` : `[${o.name}:]`)).join(" ");
      lines.push(`  /${command.name} ${sub.name} ${args}`.trimEnd());
    }
  }
  return lines.join("\n");
}

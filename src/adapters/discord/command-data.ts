import {
  ADMIN_COMMAND,
  ADMIN_COMMANDS,
  type AdminCommandDefinition,
  COMMAND_PREFIX,
  COMMANDS,
  type CommandDefinition,
  MESSAGE_COMMAND,
} from "../../answer/commands.js";
import { truncate } from "../../render/cut-text.js";
import { type PlainKey, t } from "../../render/i18n/catalogue.js";
import type { Locale } from "../../render/i18n/locale.js";

/**
 * The `/docker` registration JSON, generated from the command definitions so Discord, the text
 * grammar and help never disagree, with the names and descriptions Chinese clients show taken
 * from the message catalogue. Plain API JSON (option types: 1 subcommand, 3 string, 5 boolean,
 * 6 user) so it compares exactly with what the REST API receives.
 */
export const PUBLIC_OPTION = "public";
/** "An answer for @someone": posted in the channel, mentioning only that member. */
export const TARGET_OPTION = "target";
/** Discord allows 6000 characters per string option; the grammar wants short input. */
const MAX_OPTION_LENGTH = 200;
/** Discord's locales for the catalogue's Chinese (its own tags happen to be ours). */
const DISCORD_LOCALES: readonly Exclude<Locale, "en">[] = ["zh-CN", "zh-TW"];

export type Localizations = Partial<Record<(typeof DISCORD_LOCALES)[number], string>>;

export interface CommandOptionJson {
  type: 1 | 3 | 5 | 6;
  name: string;
  name_localizations?: Localizations;
  description: string;
  description_localizations?: Localizations;
  required?: boolean;
  autocomplete?: boolean;
  max_length?: number;
  options?: CommandOptionJson[];
}

export interface CommandJson {
  type: 1;
  name: string;
  description: string;
  description_localizations: Localizations;
  /** 0 guild, 1 the bot's DMs: the command works in both. */
  contexts: number[];
  /** 0 guild install. */
  integration_types: number[];
  options: CommandOptionJson[];
  /** Who sees the command by default (a permission bitfield); server admins may change it. */
  default_member_permissions?: string;
}

/**
 * A message context-menu command (type 3): Discord shows it under Apps on every message and
 * sends the message itself with the interaction. It has a name and no description or options.
 */
export interface MessageCommandJson {
  type: 3;
  name: string;
  name_localizations: Localizations;
  contexts: number[];
  integration_types: number[];
}

export type RegisteredCommandJson = CommandJson | MessageCommandJson;

/** Discord's limit for descriptions is 100 characters, in every language. */
function description(key: PlainKey): { description: string; description_localizations: Localizations } {
  const localized: Localizations = {};
  for (const l of DISCORD_LOCALES) localized[l] = truncate(t(l, key), 100);
  return { description: truncate(t("en", key), 100), description_localizations: localized };
}

/** Localized names: the definition's own name stays the default (interactions always carry it). */
function names(key: PlainKey): Localizations {
  const localized: Localizations = {};
  for (const l of DISCORD_LOCALES) localized[l] = t(l, key);
  return localized;
}

/** Manage Server: the admin command is hidden from everyone else by default. */
export const MANAGE_GUILD_PERMISSION = String(1 << 5);

function subcommand(def: CommandDefinition): CommandOptionJson {
  const options: CommandOptionJson[] = def.options.map((o) => ({
    type: 3,
    name: o.name,
    name_localizations: names(`options.${o.name}.name`),
    ...description(`options.${o.name}.description`),
    required: o.required,
    autocomplete: o.autocomplete,
    max_length: MAX_OPTION_LENGTH,
  }));
  // Optional options must follow required ones: `public` and `target` go last.
  options.push(
    {
      type: 5,
      name: PUBLIC_OPTION,
      name_localizations: names("options.public.name"),
      ...description("options.public.description"),
      required: false,
    },
    {
      type: 6,
      name: TARGET_OPTION,
      name_localizations: names("options.target.name"),
      ...description("options.target.description"),
      required: false,
    },
  );
  return {
    type: 1,
    name: def.name,
    name_localizations: names(`commands.${def.name}.name`),
    ...description(`commands.${def.name}.description`),
    options,
  };
}

export function buildCommandData(): RegisteredCommandJson[] {
  return [
    {
      type: 1,
      name: COMMAND_PREFIX,
      ...description("commands.docker.description"),
      contexts: [0, 1],
      integration_types: [0],
      options: COMMANDS.map(subcommand),
    },
    {
      type: 1,
      name: ADMIN_COMMAND,
      ...description("admin.description"),
      // Servers only: the permission means nothing in DMs.
      contexts: [0],
      integration_types: [0],
      default_member_permissions: MANAGE_GUILD_PERMISSION,
      options: ADMIN_COMMANDS.map(adminSubcommand),
    },
    {
      type: 3,
      name: MESSAGE_COMMAND.name,
      name_localizations: names("commands.askMessage.name"),
      contexts: [0, 1],
      integration_types: [0],
    },
  ];
}

function adminSubcommand(def: AdminCommandDefinition): CommandOptionJson {
  return {
    type: 1,
    name: def.name,
    name_localizations: names(`admin.${def.name}.name`),
    ...description(`admin.${def.name}.description`),
    options: def.options.map((o) => ({
      type: 3,
      name: o.name,
      name_localizations: names(`options.${o.name}.name`),
      ...description(`options.${o.name}.description`),
      required: o.required,
      max_length: 10,
    })),
  };
}

import {
  ADMIN_COMMAND,
  ADMIN_COMMANDS,
  type AdminCommandDefinition,
  COMMAND_PREFIX,
  COMMANDS,
  type CommandDefinition,
} from "../../answer/commands.js";
import { truncate } from "../../render/cut-text.js";

/**
 * The `/docker` registration JSON, generated from the command definitions so Discord, the text
 * grammar and help never disagree. Plain API JSON (option types: 1 subcommand, 3 string,
 * 5 boolean) so it compares exactly with what the REST API receives.
 */
export const PUBLIC_OPTION = "public";
/** Discord allows 6000 characters per string option; the grammar wants short input. */
const MAX_OPTION_LENGTH = 200;

export interface CommandOptionJson {
  type: 1 | 3 | 5;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  max_length?: number;
  options?: CommandOptionJson[];
}

export interface CommandJson {
  type: 1;
  name: string;
  description: string;
  /** 0 guild, 1 the bot's DMs: the command works in both. */
  contexts: number[];
  /** 0 guild install. */
  integration_types: number[];
  options: CommandOptionJson[];
  /** Who sees the command by default (a permission bitfield); server admins may change it. */
  default_member_permissions?: string;
}

/** Manage Server: the admin command is hidden from everyone else by default. */
export const MANAGE_GUILD_PERMISSION = String(1 << 5);

function clip(text: string, max = 100): string {
  return truncate(text, max);
}

function subcommand(def: CommandDefinition): CommandOptionJson {
  const options: CommandOptionJson[] = def.options.map((o) => ({
    type: 3,
    name: o.name,
    description: clip(o.description),
    required: o.required,
    autocomplete: o.autocomplete,
    max_length: MAX_OPTION_LENGTH,
  }));
  // Optional options must follow required ones: `public` goes last.
  options.push({
    type: 5,
    name: PUBLIC_OPTION,
    description: "Post the answer in the channel for everyone (default: only you see it)",
    required: false,
  });
  return { type: 1, name: def.name, description: clip(def.description), options };
}

export function buildCommandData(): CommandJson[] {
  return [
    {
      type: 1,
      name: COMMAND_PREFIX,
      description: "Ask the team's Docker notes",
      contexts: [0, 1],
      integration_types: [0],
      options: COMMANDS.map(subcommand),
    },
    {
      type: 1,
      name: ADMIN_COMMAND,
      description: "For the notes' maintainers: what the notes are missing, reload",
      // Servers only: the permission means nothing in DMs.
      contexts: [0],
      integration_types: [0],
      default_member_permissions: MANAGE_GUILD_PERMISSION,
      options: ADMIN_COMMANDS.map(adminSubcommand),
    },
  ];
}

function adminSubcommand(def: AdminCommandDefinition): CommandOptionJson {
  return {
    type: 1,
    name: def.name,
    description: clip(def.description),
    options: def.options.map((o) => ({
      type: 3,
      name: o.name,
      description: clip(o.description),
      required: o.required,
      max_length: 10,
    })),
  };
}

import { COMMAND_PREFIX, COMMANDS, type CommandDefinition } from "../../answer/commands.js";
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
}

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
  ];
}

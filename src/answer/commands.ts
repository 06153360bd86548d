import type { CommandName } from "./types.js";

/**
 * Command definitions as data: the single source for Discord registration, the chat grammar,
 * help text and the CLI. Adding a command here adds it everywhere.
 */
export interface OptionDefinition {
  name: string;
  description: string;
  required: boolean;
  /** Offer ranked choices (flags, section titles) while the user types (Discord). */
  autocomplete: boolean;
}

export interface CommandDefinition {
  name: CommandName;
  description: string;
  /** Positional options, in the order the text grammar reads them. */
  options: OptionDefinition[];
  /** Shown in help; each is valid input after `/docker `. */
  examples: string[];
}

export const COMMAND_PREFIX = "docker";

export const COMMANDS: readonly CommandDefinition[] = [
  {
    name: "explain",
    description: "Explain a docker flag or topic from the notes",
    options: [
      {
        name: "topic",
        description: "A flag such as --restart, or a topic (English or 中文)",
        required: true,
        autocomplete: true,
      },
    ],
    examples: ["explain --restart", "explain host network", "explain 端口映射"],
  },
  {
    name: "compare",
    description: "Compare two things side by side (CMD vs ENTRYPOINT, image vs container)",
    options: [
      { name: "a", description: "The first thing to compare", required: true, autocomplete: true },
      { name: "b", description: "The second thing to compare", required: true, autocomplete: true },
    ],
    examples: ["compare cmd entrypoint", "compare image vs container", "镜像 和 容器 的区别"],
  },
  {
    name: "search",
    description: "Search the notes for any question",
    options: [
      { name: "query", description: "A question or keywords, English or 中文", required: true, autocomplete: false },
    ],
    examples: ["search limit cpu usage", "怎么把主机端口映射到容器"],
  },
  {
    name: "examples",
    description: "Only the runnable examples for a flag or topic",
    options: [{ name: "topic", description: "A flag such as -p, or a topic", required: true, autocomplete: true }],
    examples: ["examples --volume", "examples 后台运行"],
  },
  {
    name: "topics",
    description: "The outline of the notes, or of one heading",
    options: [
      { name: "heading", description: "Show only the headings below this one", required: false, autocomplete: true },
    ],
    examples: ["topics", "topics docker network"],
  },
  {
    name: "help",
    description: "How to ask the bot",
    options: [],
    examples: ["help"],
  },
];

export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((c) => c.name === name.toLowerCase());
}

/**
 * Admin commands: Slack reads `/docker admin <name> [since]` (users in ADMIN_USER_IDS); Discord
 * registers them as `/docker-admin <name>`, for members with Manage Server.
 */
export const ADMIN_COMMAND = "docker-admin";

export interface AdminCommandDefinition {
  name: "gaps" | "reload";
  description: string;
  options: OptionDefinition[];
  examples: string[];
}

export const ADMIN_COMMANDS: readonly AdminCommandDefinition[] = [
  {
    name: "gaps",
    description: "What the notes are missing: unanswered questions and the sections with the most 👎",
    options: [
      { name: "since", description: "How far back: 7d, 24h or 2w (default 7d)", required: false, autocomplete: false },
    ],
    examples: ["admin gaps", "admin gaps 30d"],
  },
  {
    name: "reload",
    description: "Re-read the notes now (after editing them)",
    options: [],
    examples: ["admin reload"],
  },
];

/** `admin gaps 7d` / `/docker admin reload` → the admin command; undefined for anything else. */
export function parseAdminCommand(text: string): { name: "gaps" | "reload"; since?: string } | undefined {
  const m = /^\s*(?:\/?docker\s+)?admin\s+(gaps|reload)\b\s*(\S+)?\s*$/i.exec(text);
  if (!m) return undefined;
  const name = m[1]!.toLowerCase() as "gaps" | "reload";
  return m[2] && name === "gaps" ? { name, since: m[2] } : { name };
}

/** True for text that asks for an admin command at all (even a malformed one). */
export function looksLikeAdmin(text: string): boolean {
  return /^\s*(?:\/?docker\s+)?admin\b/i.test(text);
}

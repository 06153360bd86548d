import type { CommandName } from "./types.js";

/**
 * Command definitions as data: the single source for Discord registration, the chat grammar,
 * help text and the CLI. Adding a command here adds it everywhere. Their words (descriptions, and
 * the localized names Discord shows) are in the message catalogue under `commands.<name>` and
 * `options.<name>` (locales/*.yml), so every language reads the same definition.
 */
export type OptionName = "topic" | "first" | "second" | "query" | "heading" | "since";

export interface OptionDefinition {
  name: OptionName;
  required: boolean;
  /** Offer ranked choices (flags, section titles) while the user types (Discord). */
  autocomplete: boolean;
}

export interface CommandDefinition {
  name: CommandName;
  /** Positional options, in the order the text grammar reads them. */
  options: OptionDefinition[];
  /** Shown in help; each is valid input after `/docker `. */
  examples: string[];
}

export const COMMAND_PREFIX = "docker";

export const COMMANDS: readonly CommandDefinition[] = [
  {
    name: "explain",
    options: [
      {
        name: "topic",
        required: true,
        autocomplete: true,
      },
    ],
    examples: ["explain --restart", "explain host network", "explain 端口映射"],
  },
  {
    name: "compare",
    options: [
      { name: "first", required: true, autocomplete: true },
      { name: "second", required: true, autocomplete: true },
    ],
    examples: ["compare cmd entrypoint", "compare image vs container", "镜像 和 容器 的区别"],
  },
  {
    name: "search",
    options: [{ name: "query", required: true, autocomplete: false }],
    examples: ["search limit cpu usage", "怎么把主机端口映射到容器"],
  },
  {
    name: "examples",
    options: [{ name: "topic", required: true, autocomplete: true }],
    examples: ["examples --volume", "examples 后台运行"],
  },
  {
    name: "topics",
    options: [{ name: "heading", required: false, autocomplete: true }],
    examples: ["topics", "topics docker network"],
  },
  {
    name: "help",
    options: [],
    examples: ["help"],
  },
];

/**
 * "Ask the notes" on any message: the message's text is the question, answered privately to the
 * one who used it, with Share (into the message's thread on Slack, as a reply on Discord). One
 * definition: Discord registers it as a message context-menu command (type 3, shown by its
 * name), Slack's manifest declares it as a message shortcut with this callback id, help lists it.
 * Its localized names are `commands.askMessage.name` in locales/*.yml.
 */
export interface MessageCommandDefinition {
  /** What Discord and Slack show in the message's menu (Discord: 1–32 characters). */
  name: string;
  /** The Slack shortcut's `callback_id` (slack/manifest.yml). */
  callbackId: string;
}

export const MESSAGE_COMMAND: MessageCommandDefinition = { name: "Ask the notes", callbackId: "docker_ask_message" };

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
  options: OptionDefinition[];
  examples: string[];
}

export const ADMIN_COMMANDS: readonly AdminCommandDefinition[] = [
  {
    name: "gaps",
    options: [{ name: "since", required: false, autocomplete: false }],
    examples: ["admin gaps", "admin gaps 30d"],
  },
  {
    name: "reload",
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

import { APP_ID, CHANNEL_ID, GUILD_ID } from "./discord-gateway.js";
import { BOT_USER } from "./discord-rest.js";

export const USER = {
  id: "700000000000000001",
  username: "alice",
  discriminator: "0",
  avatar: null,
  global_name: "Alice",
  bot: false,
};
const MEMBER = {
  user: USER,
  roles: [],
  joined_at: "2024-01-01T00:00:00.000Z",
  deaf: false,
  mute: false,
  flags: 0,
  permissions: "0",
};

let counter = 0;
const nextId = (): string => String(600000000000000000n + BigInt(++counter));

type Option = { type: number; name: string; value?: string | boolean; focused?: boolean };

/** Who sends an interaction, in which client language (default: alice, en-US). */
export interface Sender {
  user?: typeof USER;
  locale?: string;
}

/** Another member of the guild: a stranger to alice's answers. */
export const BOB = { ...USER, id: "700000000000000002", username: "bob", global_name: "Bob" };

/** Fields every interaction needs, or discord.js throws while handling it. */
function base(type: number, dm: boolean, sender: Sender = {}): Record<string, unknown> {
  const id = nextId();
  const user = sender.user ?? USER;
  return {
    id,
    application_id: APP_ID,
    type,
    token: `tok-${id}`,
    version: 1,
    locale: sender.locale ?? "en-US",
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 8_388_608,
    ...(dm
      ? { user, channel_id: "800000000000000077", channel: { id: "800000000000000077", type: 1 }, context: 1 }
      : {
          guild_id: GUILD_ID,
          guild_locale: "en-US",
          member: { ...MEMBER, user },
          channel_id: CHANNEL_ID,
          channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID },
          context: 0,
        }),
  };
}

/** `/docker <sub> name:value …` (type 2). */
export function slashCommand(
  sub: string,
  options: Record<string, string | boolean>,
  dm = false,
  sender: Sender = {},
): Record<string, unknown> & { id: string; token: string } {
  const opts: Option[] = Object.entries(options).map(([name, value]) => ({
    // `target` is a user option (type 6): its value is the member's id.
    type: typeof value === "boolean" ? 5 : name === "target" ? 6 : 3,
    name,
    value,
  }));
  return {
    ...base(2, dm, sender),
    data: { id: "555", name: "docker", type: 1, options: [{ type: 1, name: sub, options: opts }] },
  } as never;
}

/** Autocomplete (type 4) with `focused` on the option being typed. */
export function autocomplete(
  sub: string,
  name: string,
  value: string,
): Record<string, unknown> & { id: string; token: string } {
  return {
    ...base(4, false),
    data: {
      id: "555",
      name: "docker",
      type: 1,
      options: [{ type: 1, name: sub, options: [{ type: 3, name, value, focused: true }] }],
    },
  } as never;
}

/** A button click (type 3) on a message the bot sent. */
export function buttonClick(
  customId: string,
  ephemeral = true,
  sender: Sender = {},
): Record<string, unknown> & { id: string; token: string } {
  return {
    ...base(3, false, sender),
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: nextId(),
      channel_id: CHANNEL_ID,
      author: BOT_USER,
      content: "",
      embeds: [],
      components: [],
      flags: ephemeral ? 64 : 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: 0,
    },
  } as never;
}

/** A user message (MESSAGE_CREATE), in the guild channel or a DM (`channel_type` 1 lets discord.js make the uncached DM channel). */
export function userMessage(
  content: string,
  opts: {
    dm?: boolean;
    mentionsBot?: boolean;
    author?: typeof USER;
    channelId?: string;
    /** A reply to this message (sent in full as Discord does, as `referenced_message`). */
    replyTo?: Record<string, unknown> & { id: string };
  } = {},
): Record<string, unknown> & { id: string } {
  const author = opts.author ?? USER;
  const reply = opts.replyTo;
  return {
    ...(reply
      ? {
          message_reference: { message_id: reply.id, channel_id: opts.channelId ?? CHANNEL_ID, guild_id: GUILD_ID },
          referenced_message: reply,
        }
      : {}),
    id: nextId(),
    channel_id: opts.dm ? "800000000000000077" : (opts.channelId ?? CHANNEL_ID),
    channel_type: opts.dm ? 1 : 0,
    ...(opts.dm ? {} : { guild_id: GUILD_ID, member: { ...MEMBER, user: undefined } }),
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: opts.mentionsBot ? [BOT_USER] : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: reply ? 19 : 0,
  };
}

/** `/docker-admin <sub>` (type 2) from a member holding `permissions` (a decimal bitfield; 32 = Manage Server). */
export function adminCommand(
  sub: string,
  options: Record<string, string>,
  permissions: string,
): Record<string, unknown> & { id: string; token: string } {
  const b = base(2, false);
  return {
    ...b,
    member: { ...MEMBER, permissions },
    data: {
      id: "556",
      name: "docker-admin",
      type: 1,
      options: [
        { type: 1, name: sub, options: Object.entries(options).map(([name, value]) => ({ type: 3, name, value })) },
      ],
    },
  } as never;
}

/** A submitted modal (type 5): one row per text input. */
export function modalSubmit(
  customId: string,
  fields: Record<string, string>,
): Record<string, unknown> & { id: string; token: string } {
  return {
    ...base(5, false),
    data: {
      custom_id: customId,
      components: Object.entries(fields).map(([id, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: id, value }],
      })),
    },
  } as never;
}

/** "Ask the notes" (a message context-menu command, type 2 with data.type 3) on `target`. */
export function messageContextMenu(
  target: Record<string, unknown> & { id: string },
  sender: Sender = {},
): Record<string, unknown> & { id: string; token: string } {
  return {
    ...base(2, false, sender),
    data: {
      id: "557",
      name: "Ask the notes",
      type: 3,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    },
  } as never;
}

import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  Routes,
} from "discord.js";
import type { DiscordMessage } from "../../render/discord/index.js";
import type { Responder } from "./incoming.js";

/** The renderer's API JSON as discord.js options (discord.js sends embeds and rows as given). */
export function toDiscordJs(
  message: DiscordMessage,
): InteractionEditReplyOptions & { allowedMentions: { parse: []; repliedUser: false; users?: string[] } } {
  const users = message.allowed_mentions.users;
  return {
    // An empty string clears the content of the message being replaced.
    content: message.content ?? "",
    embeds: message.embeds,
    components: message.components,
    // Nobody is pinged but the one member an answer is for (the `target` option).
    allowedMentions: { parse: [], repliedUser: false, ...(users?.length ? { users } : {}) },
  };
}

function replyOptions(message: DiscordMessage, ephemeral: boolean): InteractionReplyOptions {
  const { content, ...rest } = toDiscordJs(message);
  return {
    ...rest,
    ...(content ? { content } : {}),
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  } as InteractionReplyOptions;
}

type Replyable =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction
  | ModalSubmitInteraction;

export function gatewayResponder(interaction: Replyable | AutocompleteInteraction): Responder {
  let responded = false;
  const replyable = (): Replyable => {
    if (interaction.isAutocomplete()) throw new Error("autocomplete interactions can only respond with choices");
    return interaction;
  };
  return {
    get responded() {
      return responded;
    },
    async reply(message, ephemeral) {
      responded = true;
      await replyable().reply(replyOptions(message, ephemeral));
    },
    async update(message) {
      responded = true;
      const i = replyable();
      if (!i.isButton()) throw new Error("only button interactions can update their message");
      await i.update(toDiscordJs(message));
    },
    async defer(ephemeral, forUpdate) {
      responded = true;
      const i = replyable();
      if (forUpdate && i.isButton()) await i.deferUpdate();
      else await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    },
    async edit(message) {
      await replyable().editReply(toDiscordJs(message));
    },
    async modal(modal) {
      responded = true;
      const i = replyable();
      if (!i.isButton()) throw new Error("only button interactions can open a modal here");
      await i.showModal(modal);
    },
    async choices(choices) {
      responded = true;
      if (!interaction.isAutocomplete()) throw new Error("only autocomplete interactions take choices");
      await interaction.respond(choices);
    },
    async replyTo(messageId, message) {
      // The bot's own post (Send Messages), a reply that pings nobody, the replied-to author included.
      await interaction.client.rest.post(Routes.channelMessages(interaction.channelId ?? ""), {
        body: {
          ...message,
          allowed_mentions: { ...message.allowed_mentions, parse: [], replied_user: false },
          message_reference: { message_id: messageId, fail_if_not_exists: false },
        },
      });
    },
    async remove() {
      const i = replyable();
      if (!i.isButton()) throw new Error("only button interactions can delete their message");
      // After a deferred update, the interaction's "original" message is the one the button is on.
      if (!responded) await i.deferUpdate();
      responded = true;
      await i.deleteReply();
    },
  };
}

/**
 * A message that mentions the bot, or a DM: every response is a reply to it (no deadline, so no
 * deferral). `responded` turns true only once a reply went out, so a failed answer's apology is
 * a reply too.
 */
export function messageResponder(message: Message): Responder {
  let responded = false;
  const reply = async (m: DiscordMessage): Promise<void> => {
    await message.reply(toDiscordJs(m) as Parameters<Message["reply"]>[0]);
    responded = true;
  };
  const unsupported = async (): Promise<never> => {
    throw new Error("a message can only be answered with a reply");
  };
  return {
    get responded() {
      return responded;
    },
    reply,
    edit: reply,
    update: unsupported,
    defer: unsupported,
    choices: unsupported,
    remove: unsupported,
    modal: unsupported,
  };
}

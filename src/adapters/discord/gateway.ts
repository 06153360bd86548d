import { Client, Events, GatewayIntentBits, type Interaction, type Message, MessageFlags, Partials } from "discord.js";
import type { Bot } from "../../answer/bot.js";
import { isChatter } from "../../answer/chatter.js";
import type { AdminCommands, FeedbackSink } from "../../answer/hooks.js";
import { boundInput } from "../../answer/parse-command.js";
import type { Logger } from "../../logger.js";
import { decodeCustomId } from "../../render/discord/index.js";
import type { Locale } from "../../render/i18n/locale.js";
import type { SourceLinks } from "../../render/source-link.js";
import { type ConnectRetryOptions, connectWithBackoff, describeFailure } from "../connect-retry.js";
import type { RateLimiter } from "../rate-limit.js";
import { rejectedDiscordToken, TokenRejectedClose } from "./auth-check.js";
import { gatewayResponder, messageResponder } from "./gateway-responder.js";
import { createHandlerContext, type HandlerContext, handleIncoming } from "./handlers.js";
import { boundIncoming, type Incoming } from "./incoming.js";
import { stripMention } from "./message-text.js";
import type { QueryRefs } from "./query-refs.js";

export interface DiscordBotOptions {
  bot: Bot;
  logger: Logger;
  token: string;
  /** REST base such as `https://discord.com/api` (a REST proxy such as @discordjs/proxy, or a test fake). */
  apiUrl?: string;
  /** Where source links point (`KNOWLEDGE_SOURCE_URL`, relative to `KNOWLEDGE_DIR`). */
  links?: SourceLinks;
  /** The language of mentions that show none and of clients we don't speak (DEFAULT_LOCALE). */
  defaultLocale?: Locale;
  /** Defer interactions whose answer takes longer than this (default 2000 ms). */
  deferAfterMs?: number;
  /**
   * Button state for long queries. Pass one instance to both the gateway and the HTTP endpoint:
   * with an Interactions Endpoint URL set, clicks on the gateway's mention replies arrive over HTTP.
   */
  refs?: QueryRefs;
  /** How long one login waits for READY (default 30 s) before it is retried. */
  readyTimeoutMs?: number;
  /**
   * Login at start: a rejected token (401, gateway close 4004) stops the start
   * (`CredentialsRejectedError` naming DISCORD_TOKEN); an unreachable API or gateway is retried
   * with this backoff (default 1 s doubling to 30 s) while `connected` stays false.
   */
  connectRetry?: ConnectRetryOptions;
  /**
   * Per-user limit keyed `discord:<user id>` (default: 10 commands / 30 s, autocomplete 60).
   * Pass one instance to the gateway and the HTTP endpoint; `false` turns it off.
   */
  rateLimiter?: RateLimiter | false;
  /**
   * Wraps the whole handling of each event (answer and reply), so a shutdown can wait for
   * replies to be sent, not only for answers to be built.
   */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
  /** 👍/👎 and the 👎 modal's answer. */
  feedback?: FeedbackSink;
  /** `/docker-admin gaps|reload`. */
  admin?: AdminCommands;
  /**
   * Channels where every top-level question gets a confident answer (ANSWER_CHANNELS). Needs the
   * privileged Message Content intent: the bot asks for it, and when Discord refuses (close 4014:
   * not enabled in the Developer Portal) it logs that answer channels are off and starts without.
   */
  answerChannels?: readonly string[];
  /**
   * The gateway shards this process holds (DISCORD_SHARDS / DISCORD_SHARD_COUNT): Discord sends a
   * server's events to the shard `(guild_id >> 22) % shardCount` only, so replicas holding
   * different shards never see the same event. Default: discord.js's own choice.
   */
  sharding?: { shards: number[] | "auto"; shardCount?: number };
}

export interface DiscordBot {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True between READY and a disconnect: for /readyz. */
  readonly connected: boolean;
  /** The underlying discord.js client (tests, metrics). */
  readonly client: Client;
  /** Answer channels are on: configured, and Discord granted the Message Content intent. */
  readonly answerChannels: boolean;
}

/** Discord's close code for an IDENTIFY asking for a privileged intent the application was not granted. */
const DISALLOWED_INTENTS = 4014;

class DisallowedIntents extends Error {
  override name = "DisallowedIntents";
}

export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const logger = options.logger.child({ adapter: "discord" });
  const ctx = createHandlerContext({ ...options, logger });
  const answerChannels = new Set(options.answerChannels ?? []);
  /** A client is built with its intents fixed: dropping Message Content after a 4014 takes a new one. */
  const makeClient = (content: boolean) =>
    new Client({
      // Non-privileged by default: bots still receive the content of messages that mention them,
      // replies that ping them, and DMs. Answer channels read every message: Message Content.
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.DirectMessages,
        ...(content ? [GatewayIntentBits.MessageContent] : []),
      ],
      // DM channels are not cached up front; without this partial, DM messages are dropped.
      partials: [Partials.Channel],
      rest: options.apiUrl ? { api: options.apiUrl } : {},
      allowedMentions: { parse: [], repliedUser: false },
      ...(options.sharding ? { shards: options.sharding.shards } : {}),
      ...(options.sharding?.shardCount ? { shardCount: options.sharding.shardCount } : {}),
    });
  let withContent = answerChannels.size > 0;
  let client = makeClient(withContent);
  let connected = false;
  const stopping = new AbortController();

  /** One login, resolved at READY; rejected on a failed login, a close with 4004, or no READY in time. */
  const loginOnce = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    let onReady: ((c: Client<true>) => void) | undefined;
    let onClose: ((event: { code: number }) => void) | undefined;
    let rejectedClose = false;
    let disallowed = false;
    const ready = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error("discord gateway: no READY in time")),
        options.readyTimeoutMs ?? 30_000,
      );
      onReady = (c) => {
        connected = true;
        logger.info(
          {
            user: c.user.tag,
            guilds: c.guilds.cache.size,
            shards: c.ws.shards.map((s) => s.id),
            shardCount: c.options.shardCount,
          },
          "discord gateway ready",
        );
        resolve();
      };
      // 4004 answers IDENTIFY: login() then rejects with a bare "Authentication failed".
      onClose = ({ code }) => {
        if (code === DISALLOWED_INTENTS) {
          disallowed = true;
          reject(new DisallowedIntents());
        }
        if (code !== 4004) return;
        rejectedClose = true;
        reject(new TokenRejectedClose());
      };
      client.once(Events.ClientReady, onReady);
      client.on(Events.ShardDisconnect, onClose);
    });
    ready.catch(() => undefined);
    try {
      // Listen before login: READY can arrive before login() resolves.
      await client.login(options.token);
      await ready;
    } catch (error) {
      // A half-open session would go on reconnecting by itself beside the next attempt.
      await client.destroy().catch(() => undefined);
      throw rejectedClose ? new TokenRejectedClose() : disallowed ? new DisallowedIntents() : error;
    } finally {
      clearTimeout(timer);
      if (onReady) client.off(Events.ClientReady, onReady);
      if (onClose) client.off(Events.ShardDisconnect, onClose);
    }
  };

  const track = options.track ?? (<T>(work: () => Promise<T>) => work());
  const listen = (c: Client): void => {
    c.on(Events.InteractionCreate, (interaction) => void track(() => onInteraction(ctx, interaction)));
    c.on(
      Events.MessageCreate,
      (message) => void track(() => onMessage(ctx, c, message, withContent ? answerChannels : new Set())),
    );
    c.on(Events.ShardDisconnect, () => {
      connected = false;
      logger.warn("discord gateway disconnected");
    });
    c.on(Events.ShardResume, () => (connected = true));
    c.on(Events.ShardReady, () => (connected = true));
    c.on(Events.Error, (err) => logger.error({ err }, "discord client error"));
  };
  listen(client);

  return {
    get connected() {
      return connected;
    },
    get client() {
      return client;
    },
    get answerChannels() {
      return withContent && answerChannels.size > 0;
    },
    async start() {
      const login = async (): Promise<void> => {
        try {
          await loginOnce();
        } catch (error) {
          if (!(error instanceof DisallowedIntents) || !withContent) throw error;
          // Start anyway, without the privileged intent: everything else works without it.
          withContent = false;
          client = makeClient(false);
          listen(client);
          logger.warn(
            { closeCode: DISALLOWED_INTENTS, answerChannels: [...answerChannels] },
            "discord answer channels are off: the Message Content intent is privileged and not enabled for this bot " +
              "(Developer Portal › Bot › Privileged Gateway Intents › Message Content Intent); starting without it",
          );
          await loginOnce();
        }
      };
      await connectWithBackoff(login, {
        ...options.connectRetry,
        signal: stopping.signal,
        classify: rejectedDiscordToken,
        onRetry: (error, delayMs, attempt) =>
          logger.warn(
            { reason: describeFailure(error), retryInMs: delayMs, attempt },
            "discord login failed; retrying (/readyz stays 503 until Discord answers)",
          ),
      });
    },
    async stop() {
      stopping.abort();
      connected = false;
      await client.destroy();
    },
  };
}

function toIncoming(interaction: Interaction): Incoming | undefined {
  if (interaction.isChatInputCommand()) {
    const options: Record<string, string | number | boolean> = {};
    for (const o of interaction.options.data[0]?.options ?? []) {
      if (o.value !== undefined) options[o.name] = o.value;
    }
    return {
      kind: "command",
      userId: interaction.user.id,
      locale: interaction.locale,
      subcommand: interaction.options.getSubcommand(false) ?? "",
      options,
      command: interaction.commandName,
      ...(interaction.memberPermissions ? { permissions: interaction.memberPermissions.bitfield.toString() } : {}),
    };
  }
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return {
      kind: "autocomplete",
      userId: interaction.user.id,
      locale: interaction.locale,
      subcommand: interaction.options.getSubcommand(false) ?? "",
      focused: { name: focused.name, value: String(focused.value) },
    };
  }
  if (interaction.isMessageContextMenuCommand()) {
    return {
      kind: "context",
      userId: interaction.user.id,
      locale: interaction.locale,
      messageId: interaction.targetMessage.id,
      channelId: interaction.channelId,
      text: interaction.targetMessage.content,
    };
  }
  if (interaction.isButton()) {
    return {
      kind: "component",
      userId: interaction.user.id,
      locale: interaction.locale,
      customId: interaction.customId,
      messageEphemeral: interaction.message.flags.has(MessageFlags.Ephemeral),
    };
  }
  if (interaction.isModalSubmit()) {
    const fields: Record<string, string> = {};
    for (const [id, field] of interaction.fields.fields) {
      if ("value" in field && typeof field.value === "string") fields[id] = field.value;
    }
    return {
      kind: "modal",
      userId: interaction.user.id,
      locale: interaction.locale,
      customId: interaction.customId,
      fields,
    };
  }
  return undefined;
}

async function onInteraction(ctx: HandlerContext, interaction: Interaction): Promise<void> {
  const raw = toIncoming(interaction);
  const incoming = raw && boundIncoming(raw);
  if (!incoming) return;
  if (
    !interaction.isChatInputCommand() &&
    !interaction.isMessageContextMenuCommand() &&
    !interaction.isAutocomplete() &&
    !interaction.isButton() &&
    !interaction.isModalSubmit()
  )
    return;
  await handleIncoming(ctx, incoming, gatewayResponder(interaction));
}

async function onMessage(ctx: HandlerContext, client: Client, message: Message, answerChannels: Set<string>) {
  const me = client.user;
  if (!me || message.author.bot || message.author.id === me.id) return;
  const isDm = !message.inGuild();
  const mentioned = message.mentions.users.has(me.id);
  // A reply to one of the bot's answers: read with the question that answer was for.
  const replyToMe = message.reference?.messageId !== undefined && message.mentions.repliedUser?.id === me.id;
  const topic = replyToMe ? await replyTopic(message, me.id, ctx) : undefined;
  let surface: Extract<Incoming, { kind: "message" }>["surface"];
  if (topic) surface = "followup";
  else if (isDm) surface = "dm";
  else if (mentioned) surface = "mention";
  else if (answerChannels.has(message.channelId) && !message.reference && !isChatter(message.content))
    surface = "channel";
  else return;
  // Without Message Content (or a ping) a reply arrives without its text: nothing to read.
  const text = stripMention(boundInput(message.content), me.id);
  if (!text && (surface === "followup" || surface === "channel")) return;
  const incoming = boundIncoming({
    kind: "message",
    userId: message.author.id,
    surface,
    // Cut before the mention is stripped: a megabyte of text costs no regex pass.
    text,
    messageId: message.id,
    channelId: message.channelId,
    ...(topic ? { topic } : {}),
  });
  await handleIncoming(ctx, incoming, messageResponder(message));
}

/**
 * The question the bot's message answered, read back from Discord (never from memory, so any
 * replica reads the same): the message it replied to (a mention, an "Ask the notes" message, an
 * answer channel question), else the question its buttons carry (`t<text>` custom ids).
 */
async function replyTopic(message: Message, botId: string, ctx: HandlerContext): Promise<string | undefined> {
  try {
    const answer = await message.fetchReference();
    if (answer.author.id !== botId) return undefined;
    const asked = answer.reference?.messageId
      ? await answer.channel.messages.fetch(answer.reference.messageId).catch(() => undefined)
      : undefined;
    const text = asked ? stripMention(boundInput(asked.content), botId) : "";
    if (text) return text;
    for (const row of answer.components)
      for (const c of "components" in row ? row.components : []) {
        const ref = "customId" in c && c.customId ? decodeCustomId(c.customId)?.ref : undefined;
        if (ref?.startsWith("t") && ref.length > 1) return ref.slice(1);
      }
  } catch (err) {
    ctx.logger.warn({ err, message: message.id }, "could not read the message replied to; answered without it");
  }
  return undefined;
}

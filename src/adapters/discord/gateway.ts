import { Client, Events, GatewayIntentBits, type Interaction, type Message, MessageFlags, Partials } from "discord.js";
import type { Bot } from "../../answer/bot.js";
import type { AdminCommands, FeedbackSink } from "../../answer/hooks.js";
import { boundInput } from "../../answer/parse-command.js";
import type { Logger } from "../../logger.js";
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
}

export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const logger = options.logger.child({ adapter: "discord" });
  const ctx = createHandlerContext({ ...options, logger });
  const client = new Client({
    // Non-privileged only: bots still receive the content of messages that mention them and DMs.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached up front; without this partial, DM messages are dropped.
    partials: [Partials.Channel],
    rest: options.apiUrl ? { api: options.apiUrl } : {},
    allowedMentions: { parse: [], repliedUser: false },
    ...(options.sharding ? { shards: options.sharding.shards } : {}),
    ...(options.sharding?.shardCount ? { shardCount: options.sharding.shardCount } : {}),
  });
  let connected = false;
  const stopping = new AbortController();

  /** One login, resolved at READY; rejected on a failed login, a close with 4004, or no READY in time. */
  const loginOnce = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    let onReady: ((c: Client<true>) => void) | undefined;
    let onClose: ((event: { code: number }) => void) | undefined;
    let rejectedClose = false;
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
      throw rejectedClose ? new TokenRejectedClose() : error;
    } finally {
      clearTimeout(timer);
      if (onReady) client.off(Events.ClientReady, onReady);
      if (onClose) client.off(Events.ShardDisconnect, onClose);
    }
  };

  const track = options.track ?? (<T>(work: () => Promise<T>) => work());
  client.on(Events.InteractionCreate, (interaction) => void track(() => onInteraction(ctx, interaction)));
  client.on(Events.MessageCreate, (message) => void track(() => onMessage(ctx, client, message)));
  client.on(Events.ShardDisconnect, () => {
    connected = false;
    logger.warn("discord gateway disconnected");
  });
  client.on(Events.ShardResume, () => (connected = true));
  client.on(Events.ShardReady, () => (connected = true));
  client.on(Events.Error, (err) => logger.error({ err }, "discord client error"));

  return {
    get connected() {
      return connected;
    },
    client,
    async start() {
      await connectWithBackoff(loginOnce, {
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
    !interaction.isAutocomplete() &&
    !interaction.isButton() &&
    !interaction.isModalSubmit()
  )
    return;
  await handleIncoming(ctx, incoming, gatewayResponder(interaction));
}

async function onMessage(ctx: HandlerContext, client: Client, message: Message): Promise<void> {
  const me = client.user;
  if (!me || message.author.bot || message.author.id === me.id) return;
  const isDm = !message.inGuild();
  if (!isDm && !message.mentions.users.has(me.id)) return;
  const incoming = boundIncoming({
    kind: "message",
    userId: message.author.id,
    surface: isDm ? "dm" : "mention",
    // Cut before the mention is stripped: a megabyte of text costs no regex pass.
    text: stripMention(boundInput(message.content), me.id),
    messageId: message.id,
    channelId: message.channelId,
  });
  await handleIncoming(ctx, incoming, messageResponder(message));
}

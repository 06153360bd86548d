import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { REST, Routes } from "discord.js";
import { z } from "zod";
import type { Bot, Choice } from "../../answer/bot.js";
import type { AdminCommands, FeedbackSink } from "../../answer/hooks.js";
import { createGuardedServer, HTTP_LIMITS, HttpError, readBody, sendJson } from "../../http/index.js";
import type { Logger } from "../../logger.js";
import type { DiscordMessage } from "../../render/discord/index.js";
import { t } from "../../render/i18n/catalogue.js";
import { type Locale, supportedLocale } from "../../render/i18n/locale.js";
import type { SourceLinks } from "../../render/source-link.js";
import type { RateLimiter } from "../rate-limit.js";
import { createHandlerContext, type HandlerContext, handleIncoming } from "./handlers.js";
import { boundIncoming, EPHEMERAL, type Incoming, type Responder } from "./incoming.js";
import type { QueryRefs } from "./query-refs.js";
import { isFreshTimestamp, publicKeyFromHex, verifyDiscordSignature } from "./signature.js";

export interface DiscordHttpOptions {
  bot: Bot;
  logger: Logger;
  /** The application's public key (hex), from the Developer Portal. */
  publicKey: string;
  /** REST base for follow-ups of deferred answers (default Discord's). */
  apiUrl?: string;
  /** Where source links point (`KNOWLEDGE_SOURCE_URL`, relative to `KNOWLEDGE_DIR`). */
  links?: SourceLinks;
  /** The language of clients we don't speak and questions that show none (DEFAULT_LOCALE). */
  defaultLocale?: Locale;
  deferAfterMs?: number;
  /**
   * Button state for long queries. Pass one instance to both the gateway and the HTTP endpoint:
   * with an Interactions Endpoint URL set, clicks on the gateway's mention replies arrive over HTTP.
   */
  refs?: QueryRefs;
  /**
   * Per-user limit keyed `discord:<user id>` (default: 10 commands / 30 s, autocomplete 60).
   * Pass the gateway's instance so both count together; `false` turns it off.
   */
  rateLimiter?: RateLimiter | false;
  /** As for the gateway: wraps each interaction's handling, follow-ups included, for shutdown. */
  track?: Track;
  /** 👍/👎 and the 👎 modal's answer. */
  feedback?: FeedbackSink;
  /** `/docker-admin gaps|reload`. */
  admin?: AdminCommands;
}

type Track = <T>(work: () => Promise<T>) => Promise<T>;
const untracked: Track = (work) => work();

/**
 * The fields of an interaction this endpoint reads, checked before any is used: a signed body is
 * Discord's, but a shape we do not expect (`null`, options that are not a list) must be a 400,
 * not a TypeError. Every object is loose: Discord adds fields all the time.
 */
type RawOption = {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  focused?: boolean | undefined;
  options?: RawOption[] | undefined;
};
const RawOptionSchema: z.ZodType<RawOption> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    type: z.number(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(RawOptionSchema).optional(),
  }),
);
const RawInteractionSchema = z.looseObject({
  type: z.number().int(),
  token: z.string().optional(),
  application_id: z.string().optional(),
  locale: z.string().optional(),
  data: z
    .looseObject({
      name: z.string().optional(),
      options: z.array(RawOptionSchema).optional(),
      custom_id: z.string().optional(),
      component_type: z.number().optional(),
      /** Commands: 1 chat input, 3 a message context-menu command (with `target_id` and the message in `resolved`). */
      type: z.number().optional(),
      target_id: z.string().optional(),
      resolved: z
        .looseObject({ messages: z.record(z.string(), z.looseObject({ content: z.string().optional() })).optional() })
        .optional(),
      /** Modal submissions: rows of text inputs. */
      components: z
        .array(
          z.looseObject({
            components: z
              .array(z.looseObject({ custom_id: z.string().optional(), value: z.unknown().optional() }))
              .optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  member: z
    .looseObject({ user: z.looseObject({ id: z.string() }).optional(), permissions: z.string().optional() })
    .nullish(),
  user: z.looseObject({ id: z.string() }).nullish(),
  message: z.looseObject({ flags: z.number().optional() }).nullish(),
  channel_id: z.string().optional(),
});
type RawInteraction = z.infer<typeof RawInteractionSchema>;

/**
 * A node:http request handler for Discord's HTTP interactions (the webhook alternative to the
 * gateway): verifies the Ed25519 signature, answers PING, and runs the same handlers.
 */
export function createDiscordInteractionsHandler(
  options: DiscordHttpOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const logger = options.logger.child({ adapter: "discord-http" });
  const key = publicKeyFromHex(options.publicKey);
  const ctx = createHandlerContext({ ...options, logger });
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {});

  return (req, res) => {
    void (async () => {
      if (req.method !== "POST") return send(res, 405, { error: "POST only" });
      const raw = await readBody(req, HTTP_LIMITS.maxBodyBytes);
      const ok = verifyDiscordSignature(
        key,
        header(req, "x-signature-ed25519"),
        header(req, "x-signature-timestamp"),
        raw,
      );
      if (!ok) return send(res, 401, { error: "invalid request signature" });
      // A captured request replayed later carries a valid signature over its old timestamp.
      if (!isFreshTimestamp(header(req, "x-signature-timestamp")))
        return send(res, 401, { error: "stale request timestamp" });
      let json: unknown;
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        return send(res, 400, { error: "invalid JSON" });
      }
      const parsed = RawInteractionSchema.safeParse(json);
      if (!parsed.success) return send(res, 400, { error: "not an interaction" });
      const interaction = parsed.data;
      if (interaction.type === 1) return send(res, 200, { type: 1 });
      const converted = toIncoming(interaction);
      const incoming = converted && boundIncoming(converted);
      if (!incoming || !interaction.token || !interaction.application_id)
        return send(res, 400, { error: "unsupported interaction type" });
      send(
        res,
        200,
        await respondTo(
          ctx,
          rest,
          { token: interaction.token, application_id: interaction.application_id },
          incoming,
          options.track ?? untracked,
        ),
      );
    })().catch((err: unknown) => {
      if (err instanceof HttpError) {
        if (!res.headersSent) res.writeHead(err.status, { connection: "close" }).end();
        return;
      }
      logger.error({ err }, "discord http request failed");
      if (!res.headersSent) send(res, 500, { error: "internal error" });
    });
  };
}

/** Runs the handlers and resolves with the first response's JSON; later edits go over REST. */
function respondTo(
  ctx: HandlerContext,
  rest: REST,
  interaction: { token: string; application_id: string; locale?: string | undefined },
  incoming: Incoming,
  track: Track,
): Promise<object> {
  return new Promise<object>((resolve) => {
    let responded = false;
    const first = (body: object): void => {
      responded = true;
      resolve(body);
    };
    const data = (m: DiscordMessage, ephemeral: boolean): object => (ephemeral ? { ...m, flags: EPHEMERAL } : m);
    const responder: Responder = {
      get responded() {
        return responded;
      },
      reply: async (m, ephemeral) => first({ type: 4, data: data(m, ephemeral) }),
      update: async (m) => first({ type: 7, data: { content: "", ...m } }),
      defer: async (ephemeral, forUpdate) =>
        first(forUpdate ? { type: 6 } : { type: 5, data: ephemeral ? { flags: EPHEMERAL } : {} }),
      edit: async (m) => {
        if (!responded) return first({ type: 4, data: m });
        await rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token), {
          body: { content: "", ...m },
          auth: false,
        });
      },
      choices: async (choices: Choice[]) => first({ type: 8, data: { choices } }),
      // A deferred update, then the webhook's "original" message (the one the button is on) goes.
      remove: async () => {
        if (!responded) first({ type: 6 });
        await rest.delete(Routes.webhookMessage(interaction.application_id, interaction.token), { auth: false });
      },
      modal: async (modal) => first({ type: 9, data: modal }),
    };
    void track(() => handleIncoming(ctx, incoming, responder)).finally(() => {
      if (!responded)
        first({
          type: 4,
          data: {
            content: t(supportedLocale(interaction.locale) ?? ctx.defaultLocale, "notice.couldNotAnswer"),
            flags: EPHEMERAL,
            allowed_mentions: { parse: [] },
          },
        });
    });
  });
}

function toIncoming(i: RawInteraction): Incoming | undefined {
  const userId = i.member?.user?.id ?? i.user?.id ?? "";
  const locale = i.locale ? { locale: i.locale } : {};
  const sub = i.data?.options?.find((o) => o.type === 1);
  if (i.type === 2 && i.data?.type === 3 && i.data.target_id) {
    // "Ask the notes": Discord sends the message itself with the interaction.
    const target = i.data.resolved?.messages?.[i.data.target_id];
    return {
      kind: "context",
      userId,
      ...locale,
      messageId: i.data.target_id,
      channelId: i.channel_id ?? "",
      text: target?.content ?? "",
    };
  }
  if (i.type === 2) {
    const options: Record<string, string | number | boolean> = {};
    for (const o of sub?.options ?? []) if (o.value !== undefined) options[o.name] = o.value;
    return {
      kind: "command",
      userId,
      ...locale,
      subcommand: sub?.name ?? "",
      options,
      ...(i.data?.name ? { command: i.data.name } : {}),
      ...(i.member?.permissions ? { permissions: i.member.permissions } : {}),
    };
  }
  if (i.type === 4) {
    const focused = sub?.options?.find((o) => o.focused);
    return {
      kind: "autocomplete",
      userId,
      ...locale,
      subcommand: sub?.name ?? "",
      focused: { name: focused?.name ?? "", value: String(focused?.value ?? "") },
    };
  }
  if (i.type === 3 && i.data?.custom_id) {
    return {
      kind: "component",
      userId,
      ...locale,
      customId: i.data.custom_id,
      messageEphemeral: ((i.message?.flags ?? 0) & EPHEMERAL) !== 0,
    };
  }
  if (i.type === 5 && i.data?.custom_id) {
    const fields: Record<string, string> = {};
    for (const row of i.data.components ?? [])
      for (const c of row.components ?? [])
        if (typeof c.value === "string" && c.custom_id) fields[c.custom_id] = c.value;
    return { kind: "modal", userId, ...locale, customId: i.data.custom_id, fields };
  }
  return undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, status: number, body: object): void {
  sendJson(res, status, body);
}

export interface DiscordHttpServer {
  /** Resolves with the bound port (0 picks a free one). */
  start(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
  readonly server: Server;
}

export function createDiscordHttpServer(options: DiscordHttpOptions): DiscordHttpServer {
  const server = createGuardedServer(createDiscordInteractionsHandler(options), {
    name: "discord-http",
    logger: options.logger,
  });
  return {
    server,
    start: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

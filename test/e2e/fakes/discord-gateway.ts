import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { BOT_USER } from "./discord-rest.js";

export const GUILD_ID = "800000000000000001";
export const CHANNEL_ID = "800000000000000002";
export const APP_ID = "900000000000000009";
/** Message Content (1 << 15), Guild Members (1 << 1), Presences (1 << 8). */
export const MESSAGE_CONTENT_INTENT = 1 << 15;
const PRIVILEGED = MESSAGE_CONTENT_INTENT | (1 << 1) | (1 << 8);

/** The shard Discord sends a server's events to: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Discord's gateway on loopback: HELLO, READY and GUILD_CREATE after IDENTIFY (else the client
 * waits 15 s for the guild), heartbeat ACKs, and `dispatch()` for events. RESUME (op 6) is
 * answered with RESUMED, or with INVALID_SESSION when `refuseResume` is set; `sendOp()` and
 * `closeClient()` let fault tests reconnect the client. Sharding as Discord does it: each
 * connection IDENTIFYs with `shard: [id, count]`, READY lists the servers of that shard, and a
 * server's events go to the connection holding `shardOf(guild_id, count)` only (DMs to shard 0).
 */
export class FakeDiscordGateway {
  private wss: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  /** Identified connections and the shard each holds. */
  private readonly shards = new Map<WebSocket, [number, number]>();
  private seq = 0;
  /** The servers the bot is in (default the one fake guild). */
  guilds: string[] = [GUILD_ID];
  /** Every dispatch and the shard it went to (undefined: the latest connection, unsharded). */
  readonly dispatched: Array<{ t: string; shard: number | undefined }> = [];
  readonly identifies: unknown[] = [];
  /** RESUME payloads (op 6) received: `{ token, session_id, seq }`. */
  readonly resumes: unknown[] = [];
  /** Websocket connections accepted so far. */
  connections = 0;
  /** Answer RESUME with INVALID_SESSION (d: false), forcing a new IDENTIFY. */
  refuseResume = false;
  /** Answer IDENTIFY with close code 4004 (authentication failed), as Discord does for a bad token. */
  rejectIdentify = false;
  /**
   * Privileged intents enabled for the application in the Developer Portal (bits: 1 << 15
   * Message Content, 1 << 1 Guild Members, 1 << 8 Presences). An IDENTIFY asking for any other
   * privileged one is refused with close code 4014, as Discord does.
   */
  privilegedIntents = 0;
  /** While set, READY (and GUILD_CREATE) wait for it: lets a test watch a client that is connecting but not ready. */
  readyGate: Promise<void> | undefined;

  async start(): Promise<string> {
    this.wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => this.wss?.once("listening", resolve));
    this.wss.on("connection", (socket) => {
      this.socket = socket;
      this.connections++;
      socket.on("close", () => this.shards.delete(socket));
      socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
      socket.on("message", (raw) => {
        const msg = JSON.parse((raw as Buffer).toString("utf8")) as { op: number; d: unknown };
        if (msg.op === 1) socket.send(JSON.stringify({ op: 11 }));
        if (msg.op === 2) {
          this.identifies.push(msg.d);
          const shard = (msg.d as { shard?: [number, number] }).shard ?? [0, 1];
          this.shards.set(socket, shard);
          if (this.rejectIdentify) {
            socket.close(4004, "Authentication failed.");
            return;
          }
          const asked = (msg.d as { intents?: number }).intents ?? 0;
          if (asked & PRIVILEGED & ~this.privilegedIntents) {
            socket.close(4014, "Disallowed intent(s).");
            return;
          }
          if (this.readyGate) {
            void this.readyGate.then(() => this.ready(socket, shard));
            return;
          }
          this.ready(socket, shard);
        }
        if (msg.op === 6) {
          this.resumes.push(msg.d);
          if (this.refuseResume) this.sendOp(9, false);
          else this.dispatch("RESUMED", {});
        }
      });
    });
    return this.url;
  }

  private ready(socket: WebSocket, [id, count]: [number, number]): void {
    const mine = this.guilds.filter((g) => shardOf(g, count) === id);
    this.send(socket, "READY", {
      v: 10,
      session_id: id === 0 ? "fake-session" : `fake-session-${id}`,
      resume_gateway_url: this.url,
      user: BOT_USER,
      application: { id: APP_ID, flags: 0 },
      guilds: mine.map((g) => ({ id: g, unavailable: true })),
      shard: [id, count],
    });
    for (const guild of mine) this.send(socket, "GUILD_CREATE", this.guild(guild));
  }

  private guild(id: string): Record<string, unknown> {
    const channel = id === GUILD_ID ? CHANNEL_ID : String(BigInt(id) + 1n);
    return {
      id,
      name: "Fake guild",
      icon: null,
      owner_id: "1",
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      system_channel_flags: 0,
      premium_tier: 0,
      preferred_locale: "en-US",
      nsfw_level: 0,
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: new Date().toISOString(),
      roles: [],
      emojis: [],
      stickers: [],
      members: [],
      presences: [],
      voice_states: [],
      threads: [],
      stage_instances: [],
      guild_scheduled_events: [],
      channels: [{ id: channel, type: 0, name: "general", position: 0, permission_overwrites: [], guild_id: id }],
    };
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss?.address() as AddressInfo).port}`;
  }

  /**
   * Sends an event: with several shards connected, only to the one holding its server (DMs to
   * shard 0); else to the latest connection. Returns the shard it went to.
   */
  dispatch(t: string, d: unknown): number | undefined {
    let target = this.socket;
    let shard: number | undefined;
    if (this.shards.size > 1) {
      const guild = (d as { guild_id?: string }).guild_id;
      for (const [socket, [id, count]] of this.shards) {
        if ((guild ? shardOf(guild, count) : 0) === id) {
          target = socket;
          shard = id;
        }
      }
      if (shard === undefined) throw new Error(`fake gateway: no connection holds the shard of ${guild ?? "DMs"}`);
    }
    if (!target) throw new Error("fake gateway: no client connected");
    this.send(target, t, d);
    this.dispatched.push({ t, shard });
    return shard;
  }

  private send(socket: WebSocket, t: string, d: unknown): void {
    socket.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  /** A non-dispatch payload (op 7 RECONNECT, op 9 INVALID_SESSION, …) on the current connection. */
  sendOp(op: number, d: unknown): void {
    if (!this.socket) throw new Error("fake gateway: no client connected");
    this.socket.send(JSON.stringify({ op, d }));
  }

  /** Ends the current connection: a close frame with `code`, or a dropped TCP connection (the client sees 1006). */
  closeClient(code: number | "terminate"): void {
    if (!this.socket) throw new Error("fake gateway: no client connected");
    if (code === "terminate") this.socket.terminate();
    else this.socket.close(code);
  }

  async stop(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }
}

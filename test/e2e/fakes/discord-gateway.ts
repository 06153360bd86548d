import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { BOT_USER } from "./discord-rest.js";

export const GUILD_ID = "800000000000000001";
export const CHANNEL_ID = "800000000000000002";
export const APP_ID = "900000000000000009";
/** Message Content (1 << 15), Guild Members (1 << 1), Presences (1 << 8). */
export const MESSAGE_CONTENT_INTENT = 1 << 15;
const PRIVILEGED = MESSAGE_CONTENT_INTENT | (1 << 1) | (1 << 8);

/**
 * Discord's gateway on loopback: HELLO, READY and GUILD_CREATE after IDENTIFY (else the client
 * waits 15 s for the guild), heartbeat ACKs, and `dispatch()` for events. RESUME (op 6) is
 * answered with RESUMED, or with INVALID_SESSION when `refuseResume` is set; `sendOp()` and
 * `closeClient()` let fault tests reconnect the client.
 */
export class FakeDiscordGateway {
  private wss: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private seq = 0;
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
      socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
      socket.on("message", (raw) => {
        const msg = JSON.parse((raw as Buffer).toString("utf8")) as { op: number; d: unknown };
        if (msg.op === 1) socket.send(JSON.stringify({ op: 11 }));
        if (msg.op === 2) {
          this.identifies.push(msg.d);
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
            void this.readyGate.then(() => this.ready());
            return;
          }
          this.ready();
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

  private ready(): void {
    this.dispatch("READY", {
      v: 10,
      session_id: "fake-session",
      resume_gateway_url: this.url,
      user: BOT_USER,
      application: { id: APP_ID, flags: 0 },
      guilds: [{ id: GUILD_ID, unavailable: true }],
      shard: [0, 1],
    });
    this.dispatch("GUILD_CREATE", {
      id: GUILD_ID,
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
      channels: [
        { id: CHANNEL_ID, type: 0, name: "general", position: 0, permission_overwrites: [], guild_id: GUILD_ID },
      ],
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss?.address() as AddressInfo).port}`;
  }

  dispatch(t: string, d: unknown): void {
    if (!this.socket) throw new Error("fake gateway: no client connected");
    this.socket.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
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

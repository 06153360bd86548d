import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSocketMode {
  /** The URL apps.connections.open should hand out. */
  url: string;
  /** Resolves when the app's client connected and got `hello`. */
  connected: Promise<void>;
  /** Resolves when the app's socket closed (wait for it before ending a test file). */
  closed: Promise<void>;
  /** Sends an envelope and resolves with the app's ack for it. */
  send(
    type: string,
    payload: Record<string, unknown>,
    options?: { acceptsResponsePayload?: boolean; timeoutMs?: number },
  ): Promise<SocketAck>;
  close(): Promise<void>;
  /** Connections open now (each replica in Socket Mode opens its own). */
  open(): number;
  /** Acks received from each connection, in the order they connected. */
  readonly acksByConnection: number[];
}

/**
 * A Socket Mode endpoint: says hello, delivers envelopes, collects acks by envelope id. With
 * several connections (replicas; Slack allows up to 10 per app) each envelope goes to one of them,
 * round-robin, as Slack spreads them.
 */
export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const pending = new Map<string, (ack: SocketAck) => void>();
  const sockets: WebSocket[] = [];
  const acksByConnection: number[] = [];
  let turn = 0;
  let onConnected!: () => void;
  let onClosed!: () => void;
  const connected = new Promise<void>((r) => (onConnected = r));
  const closed = new Promise<void>((r) => (onClosed = r));
  let counter = 0;

  wss.on("connection", (ws) => {
    const index = acksByConnection.push(0) - 1;
    sockets.push(ws);
    ws.on("message", (data) => {
      const ack = JSON.parse((data as Buffer).toString("utf8")) as SocketAck;
      if (pending.has(ack.envelope_id)) acksByConnection[index] = (acksByConnection[index] ?? 0) + 1;
      pending.get(ack.envelope_id)?.(ack);
      pending.delete(ack.envelope_id);
    });
    ws.on("close", () => {
      sockets.splice(sockets.indexOf(ws), 1);
      onClosed();
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake", approximate_connection_time: 3600 },
        connection_info: { app_id: "A1" },
      }),
    );
    onConnected();
  });

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake`,
    connected,
    closed,
    acksByConnection,
    open: () => sockets.length,
    send(type, payload, options = {}) {
      const socket = sockets[turn++ % Math.max(1, sockets.length)];
      if (!socket) return Promise.reject(new Error("the app is not connected"));
      counter += 1;
      const envelope_id = `env-${counter}`;
      const ack = new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ack for ${type} ${envelope_id}`)),
          options.timeoutMs ?? 5000,
        );
        pending.set(envelope_id, (a) => (clearTimeout(timer), resolve(a)));
      });
      socket.send(
        JSON.stringify({
          envelope_id,
          type,
          accepts_response_payload: options.acceptsResponsePayload ?? type !== "events_api",
          retry_attempt: 0,
          retry_reason: "",
          payload,
        }),
      );
      return ack;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

import type { ServerOptions } from "node:http";

/**
 * Limits every HTTP server of the bot runs with (the health server, the Slack HTTP receiver, the
 * Discord interactions endpoint). Node's defaults suit a general web server, not a webhook
 * receiver: a request may take 300 s to arrive, an idle socket is never closed and connections
 * are unbounded, so a few slow clients could hold a server's sockets and memory.
 */
export interface HttpLimits {
  /** Whole request (headers and body) must arrive within this (Node default 300 s). */
  requestTimeoutMs: number;
  /** Headers must arrive within this (Node default 60 s). */
  headersTimeoutMs: number;
  /** An idle keep-alive socket is closed after this (Node default 5 s). */
  keepAliveTimeoutMs: number;
  /** A socket with no traffic at all for this long is destroyed (Node default: never). */
  idleTimeoutMs: number;
  /** Open connections per server; more are refused (Node default: unbounded). */
  maxConnections: number;
  /** Header lines per request (Node default 2000). */
  maxHeadersCount: number;
  /** Request bodies above this are refused with 413 before they are read (Slack's and Discord's payloads are a few KB). */
  maxBodyBytes: number;
}

/**
 * Slack and Discord send small requests and expect an answer within 3 s; probes are tiny. A
 * body is 1 MB at most (a block_actions payload carries the whole message it came from: up to
 * 50 blocks of 3,000 characters). 256 connections is far above what a bot's webhooks and
 * probes open, and bounds what slow clients can hold.
 */
export const HTTP_LIMITS: Readonly<HttpLimits> = {
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 5_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxConnections: 256,
  maxHeadersCount: 100,
  maxBodyBytes: 1024 * 1024,
};

/** Options for `http.createServer`: the timeouts, checked every second (Node checks every 30 s by default). */
export function serverOptions(limits: HttpLimits = HTTP_LIMITS): ServerOptions {
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1000,
    // Also a cap on header bytes (Node's default, 16 KB), stated so it is not lost in a refactor.
    maxHeaderSize: 16 * 1024,
  };
}

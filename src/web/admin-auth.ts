import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createRateLimiter, type LocalRateLimiter } from "../adapters/rate-limit.js";

/**
 * /admin's sign-in: the token is typed once (a POST form), compared in constant time, and traded
 * for a signed session cookie. Attempts are rate-limited per client and overall, so guessing a
 * 16+ character token over the network is hopeless even before the timing is constant.
 */
export interface AdminAuth {
  /** True when `given` is the token: sha-256 of both, compared with `timingSafeEqual` (equal lengths, constant time). */
  checkToken(given: string): boolean;
  /** Spends one attempt for this client; the seconds to wait when over the budget. */
  attempt(client: string): { allowed: boolean; retryAfterSeconds: number };
  /** A new session cookie's value: `<expiry>.<nonce>.<hmac>`. */
  issue(): string;
  /** The cookie's value is ours and not expired. */
  verify(value: string | undefined): boolean;
  /** `Set-Cookie` for a new session (or, with no value, for signing out). */
  setCookie(value?: string): string;
  readonly cookieName: string;
}

export interface AdminAuthOptions {
  token: string;
  /** Secure cookies (PUBLIC_URL is https). */
  secure: boolean;
  /** Where the cookie is sent (`/admin`, under the site's base path). */
  path: string;
  /** Session length (default 8 h). */
  sessionSeconds?: number;
  /** Attempts per client per minute (default 5) and for everyone together (default 30). */
  perClient?: number;
  overall?: number;
  now?: () => number;
}

const COOKIE = "notes_admin";

export function createAdminAuth(o: AdminAuthOptions): AdminAuth {
  const now = o.now ?? (() => Date.now());
  const sessionMs = (o.sessionSeconds ?? 8 * 3600) * 1000;
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  const expected = digest(o.token);
  // Sessions survive a restart and work on every replica (same token, same key); a new token ends them all.
  const key = createHmac("sha256", "docker-notes-bot admin session v1").update(o.token).digest();
  const sign = (payload: string) => createHmac("sha256", key).update(payload).digest("base64url");
  const perClient: LocalRateLimiter = createRateLimiter({ commands: o.perClient ?? 5, windowSeconds: 60, now });
  const overall: LocalRateLimiter = createRateLimiter({ commands: o.overall ?? 30, windowSeconds: 60, now });
  const attributes = `Path=${o.path}; HttpOnly; SameSite=Strict${o.secure ? "; Secure" : ""}`;
  return {
    cookieName: COOKIE,
    checkToken: (given) => timingSafeEqual(digest(given), expected),
    attempt(client) {
      const mine = perClient.take(`admin:${client}`);
      if (!mine.allowed) return mine;
      return overall.take("admin:*");
    },
    issue() {
      const payload = `${now() + sessionMs}.${randomBytes(12).toString("base64url")}`;
      return `${payload}.${sign(payload)}`;
    },
    verify(value) {
      if (!value || value.length > 200) return false;
      const dot = value.lastIndexOf(".");
      if (dot < 0) return false;
      const payload = value.slice(0, dot);
      const given = Buffer.from(value.slice(dot + 1));
      const want = Buffer.from(sign(payload));
      if (given.length !== want.length || !timingSafeEqual(given, want)) return false;
      const expiry = Number(payload.split(".")[0]);
      return Number.isFinite(expiry) && expiry > now();
    },
    setCookie: (value) =>
      value
        ? `${COOKIE}=${value}; Max-Age=${Math.floor(sessionMs / 1000)}; ${attributes}`
        : `${COOKIE}=; Max-Age=0; ${attributes}`,
  };
}

import { CredentialsRejectedError } from "../connect-retry.js";

/**
 * `auth.test` answers that mean the token itself is bad (wrong, revoked, for an uninstalled app
 * or a deactivated workspace): no retry can fix them. Other errors (`ratelimited`,
 * `internal_error`, `fatal_error`, a timeout, no network) are retried.
 */
const REJECTED = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
  "team_disabled",
  "ekm_access_denied",
]);

/** A `CredentialsRejectedError` naming SLACK_BOT_TOKEN when Slack refused it, else undefined. */
export function rejectedSlackToken(error: unknown): CredentialsRejectedError | undefined {
  const e = error as { code?: unknown; data?: { error?: unknown } } | undefined;
  if (e?.code !== "slack_webapi_platform_error" || typeof e.data?.error !== "string") return undefined;
  if (!REJECTED.has(e.data.error)) return undefined;
  return new CredentialsRejectedError(
    "SLACK_BOT_TOKEN",
    `Slack rejected SLACK_BOT_TOKEN (auth.test: ${e.data.error}). Copy the Bot User OAuth Token (xoxb-…) ` +
      "from your Slack app › OAuth & Permissions again (reinstall the app if it was revoked).",
    { cause: error },
  );
}

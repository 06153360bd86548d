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

const WHERE = {
  SLACK_BOT_TOKEN:
    "auth.test; copy the Bot User OAuth Token (xoxb-…) from your Slack app › OAuth & Permissions again (reinstall the app if it was revoked)",
  SLACK_APP_TOKEN:
    "apps.connections.open; generate an App-Level Token (xapp-…) with connections:write in your Slack app › Basic Information",
} as const;

/** A `CredentialsRejectedError` naming the variable when Slack refused its token, else undefined. */
export function rejectedSlackToken(
  error: unknown,
  variable: keyof typeof WHERE = "SLACK_BOT_TOKEN",
): CredentialsRejectedError | undefined {
  const e = error as { code?: unknown; data?: { error?: unknown } } | undefined;
  if (e?.code !== "slack_webapi_platform_error" || typeof e.data?.error !== "string") return undefined;
  if (!REJECTED.has(e.data.error)) return undefined;
  const [call, fix] = WHERE[variable].split("; ");
  return new CredentialsRejectedError(
    variable,
    `Slack rejected ${variable} (${call}: ${e.data.error}). To fix, ${fix}.`,
    {
      cause: error,
    },
  );
}

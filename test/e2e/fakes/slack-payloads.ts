import { createHmac } from "node:crypto";

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:" + ts + ":" + body). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedPostOptions {
  secret: string;
  timestamp?: number;
  contentType?: string;
  /** Overrides the computed signature (bad signature tests). */
  signature?: string;
}

/** POSTs a string body (fetch would add `; charset=utf-8` to URLSearchParams, which Bolt refuses). */
export async function postSigned(url: string, body: string, options: SignedPostOptions): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? slackSignature(options.secret, timestamp, body),
    },
    body,
  });
}

export function slashCommand(text: string, responseUrl: string, user = "UALICE01"): Record<string, string> {
  return {
    token: "verification-token",
    team_id: "T1",
    team_domain: "team",
    channel_id: "C_GENERAL",
    channel_name: "general",
    user_id: user,
    user_name: "alice",
    command: "/docker",
    text,
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: "1.2.3",
  };
}

export function blockActions(
  actionId: string,
  value: string,
  responseUrl: string,
  options: { ephemeral?: boolean; user?: string } = {},
) {
  return {
    type: "block_actions",
    user: { id: options.user ?? "UALICE01", username: "alice", name: "alice", team_id: "T1" },
    api_app_id: "A1",
    token: "verification-token",
    container: {
      type: "message",
      message_ts: "1700000000.000100",
      channel_id: "C_GENERAL",
      is_ephemeral: options.ephemeral ?? true,
    },
    trigger_id: "1.2.4",
    team: { id: "T1", domain: "team" },
    channel: { id: "C_GENERAL", name: "general" },
    response_url: responseUrl,
    actions: [
      {
        action_id: actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "x" },
        value,
        type: "button",
        action_ts: "1700000001.000200",
      },
    ],
  };
}

export function eventCallback(event: Record<string, unknown>, id = "Ev1") {
  return {
    token: "verification-token",
    team_id: "T1",
    api_app_id: "A1",
    event,
    type: "event_callback",
    event_id: id,
    event_time: 1700000000,
    authorizations: [{ team_id: "T1", user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
  };
}

/** A modal submitted (view_submission) with one plain-text input's value. */
export function viewSubmission(
  callbackId: string,
  privateMetadata: string,
  input: { blockId: string; actionId: string; value: string | null },
  user = "UALICE01",
) {
  return {
    type: "view_submission",
    team: { id: "T1", domain: "team" },
    user: { id: user, username: "alice", name: "alice", team_id: "T1" },
    api_app_id: "A1",
    token: "verification-token",
    trigger_id: "1.2.5",
    view: {
      id: "V1",
      team_id: "T1",
      type: "modal",
      callback_id: callbackId,
      private_metadata: privateMetadata,
      hash: "h1",
      state: { values: { [input.blockId]: { [input.actionId]: { type: "plain_text_input", value: input.value } } } },
      blocks: [],
    },
  };
}

/** "Ask the notes" used on a message (a message shortcut, `message_action`). */
export function messageShortcut(
  message: { text: string; ts: string; thread_ts?: string; user?: string },
  responseUrl: string,
  options: { user?: string; callbackId?: string; channel?: string } = {},
) {
  return {
    type: "message_action",
    callback_id: options.callbackId ?? "docker_ask_message",
    trigger_id: "1.2.6",
    message_ts: message.ts,
    response_url: responseUrl,
    action_ts: "1700000002.000300",
    token: "verification-token",
    is_enterprise_install: false,
    enterprise: null,
    team: { id: "T1", domain: "team" },
    user: { id: options.user ?? "UALICE01", username: "alice", name: "alice", team_id: "T1" },
    channel: { id: options.channel ?? "C_GENERAL", name: "general" },
    message: { type: "message", user: message.user ?? "UBOB0001", ...message },
  };
}

/** The App Home tab opened (`app_home_opened`). */
export function appHomeOpened(user = "UALICE01", tab: "home" | "messages" = "home") {
  return { type: "app_home_opened", user, channel: "D_ALICE", tab, event_ts: "1700000500.000100" };
}

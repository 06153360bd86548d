import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { boundInput } from "../../answer/parse-command.js";

/**
 * Global middleware, registered before every listener: the text a user typed (a slash command's
 * `text`, a mention's or DM's `event.text`) is cut by `boundInput` in the payload itself, so no
 * handler logs, cleans or parses more than the grammar would ever accept. HTTP and Socket Mode
 * alike (the HTTP body itself is capped by the server in front of Bolt).
 */
export const boundSlackText: Middleware<AnyMiddlewareArgs> = async ({ body, next }) => {
  const b = body as { text?: unknown; event?: { text?: unknown }; message?: { text?: unknown } };
  if (typeof b.text === "string") b.text = boundInput(b.text);
  // A message shortcut's question is the message's text.
  if (b.message && typeof b.message.text === "string") b.message.text = boundInput(b.message.text);
  if (b.event && typeof b.event.text === "string") b.event.text = boundInput(b.event.text);
  await next();
};

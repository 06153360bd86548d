import type { App } from "@slack/bolt";
import { renderSlackHome } from "../../render/slack/index.js";
import { logFailure, overLimit } from "../turn.js";
import type { SlackContext } from "./handlers.js";

/**
 * The App Home tab (`app_home_opened` → `views.publish`): what the bot can do, example questions,
 * the notes' top topics and, for users in ADMIN_USER_IDS when the store is on, the gaps summary.
 * Each opening spends one of the user's tokens: over the budget the page they already have stays.
 */
export function registerHome(app: App, ctx: SlackContext): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    const log = ctx.logger.child({ user: event.user, where: "home" });
    const asker = { platform: "slack" as const, surface: "home" as const, userId: event.user };
    if ((await overLimit(ctx, asker, log)) !== undefined) return;
    try {
      const locale = ctx.defaultLocale;
      const outline = await ctx.bot.ask("topics", { platform: "slack" });
      const admin = ctx.admin?.admin;
      const isAdmin = ctx.admin?.adminUserIds.includes(event.user) === true;
      const gaps = isAdmin && admin && admin.storeOn !== false ? await admin.gaps("7d", locale) : undefined;
      const view = renderSlackHome({
        locale,
        topics: outline.type === "topics" ? outline : undefined,
        gaps,
      });
      await client.views.publish({ user_id: event.user, view: view });
      log.info({ blocks: view.blocks.length, admin: isAdmin }, "slack app home published");
    } catch (err) {
      logFailure(log, "slack", err, { where: "app_home_opened" });
    }
  });
}

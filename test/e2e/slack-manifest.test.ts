import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Manifest {
  features: { slash_commands: { command: string }[]; app_home: { messages_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

describe("slack/manifest.yml", () => {
  const manifest = parse(readFileSync(new URL("../../slack/manifest.yml", import.meta.url), "utf8")) as Manifest;

  it("declares /docker, the two events, interactivity and Socket Mode", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/docker"]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_mention", "message.im"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it("asks only for the scopes the adapter uses", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "app_mentions:read",
      "chat:write",
      "commands",
      "im:history",
    ]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MESSAGE_COMMAND } from "../../src/answer/commands.js";

interface Manifest {
  features: {
    slash_commands: { command: string }[];
    app_home: { messages_tab_enabled: boolean; home_tab_enabled: boolean };
    shortcuts: { name: string; type: string; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

describe("slack/manifest.yml", () => {
  it("declares 'Ask the notes' as a message shortcut with the command definition's callback id", () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ name: MESSAGE_COMMAND.name, type: "message", callback_id: MESSAGE_COMMAND.callbackId }),
    ]);
  });

  const manifest = parse(readFileSync(new URL("../../slack/manifest.yml", import.meta.url), "utf8")) as Manifest;

  it("declares /docker, the events, interactivity and Socket Mode", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/docker"]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "message.channels",
      "message.im",
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it("asks only for the scopes the adapter uses", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "app_mentions:read",
      "channels:history",
      "chat:write",
      "commands",
      "im:history",
    ]);
  });
});

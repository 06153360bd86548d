import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommandData, describeRegistration, registerCommands } from "../../src/adapters/discord/index.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";

const pub = {
  type: 5,
  name: "public",
  description: "Post the answer in the channel for everyone (default: only you see it)",
  required: false,
};
const target = {
  type: 6,
  name: "target",
  description: "Post the answer for this member (mentions only them)",
  required: false,
};
const str = (name: string, description: string, required: boolean, autocomplete: boolean) => ({
  type: 3,
  name,
  description,
  required,
  autocomplete,
  max_length: 200,
});

/** Written out by hand: a change to the command definitions must show up here on purpose. */
const EXPECTED = [
  {
    type: 1,
    name: "docker",
    description: "Ask the team's Docker notes",
    contexts: [0, 1],
    integration_types: [0],
    options: [
      {
        type: 1,
        name: "explain",
        description: "Explain a docker flag or topic from the notes",
        options: [str("topic", "A flag such as --restart, or a topic (English or 中文)", true, true), pub, target],
      },
      {
        type: 1,
        name: "compare",
        description: "Compare two things side by side (CMD vs ENTRYPOINT, image vs container)",
        options: [
          str("first", "The first thing to compare, e.g. cmd", true, true),
          str("second", "The second thing to compare, e.g. entrypoint", true, true),
          pub,
          target,
        ],
      },
      {
        type: 1,
        name: "search",
        description: "Search the notes for any question",
        options: [str("query", "A question or keywords, English or 中文", true, false), pub, target],
      },
      {
        type: 1,
        name: "examples",
        description: "Only the runnable examples for a flag or topic",
        options: [str("topic", "A flag such as --restart, or a topic (English or 中文)", true, true), pub, target],
      },
      {
        type: 1,
        name: "topics",
        description: "The outline of the notes, or of one heading",
        options: [str("heading", "Show only the headings below this one", false, true), pub, target],
      },
      { type: 1, name: "help", description: "How to ask the bot", options: [pub, target] },
    ],
  },
  {
    type: 1,
    name: "docker-admin",
    description: "For the notes' maintainers: what the notes are missing, reload",
    contexts: [0],
    integration_types: [0],
    // Manage Server: hidden from other members by default.
    default_member_permissions: "32",
    options: [
      {
        type: 1,
        name: "gaps",
        description: "What the notes are missing: unanswered questions and the sections with the most 👎",
        options: [
          {
            type: 3,
            name: "since",
            description: "How far back: 7d, 24h or 2w (default 7d)",
            required: false,
            max_length: 10,
          },
        ],
      },
      { type: 1, name: "reload", description: "Re-read the notes now (after editing them)", options: [] },
    ],
  },
  { type: 3, name: "Ask the notes", contexts: [0, 1], integration_types: [0] },
];

/** The registration without its translations (those are checked on their own below). */
function english(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value: unknown) =>
    key === "name_localizations" || key === "description_localizations" ? undefined : value,
  );
}

describe("command localizations", () => {
  it("names and describes /docker, every subcommand and option in zh-CN and zh-TW", () => {
    const [docker] = buildCommandData().filter((c) => c.type === 1);
    expect(docker?.description_localizations).toEqual({
      "zh-CN": "查询团队的 Docker 笔记",
      "zh-TW": "查詢團隊的 Docker 筆記",
    });
    const subs = docker?.options ?? [];
    expect(subs.map((s) => s.name_localizations)).toEqual([
      { "zh-CN": "解释", "zh-TW": "解釋" },
      { "zh-CN": "比较", "zh-TW": "比較" },
      { "zh-CN": "搜索", "zh-TW": "搜尋" },
      { "zh-CN": "示例", "zh-TW": "範例" },
      { "zh-CN": "目录", "zh-TW": "目錄" },
      { "zh-CN": "帮助", "zh-TW": "說明" },
    ]);
    for (const entry of [...subs, ...subs.flatMap((s) => s.options ?? [])]) {
      for (const locale of ["zh-CN", "zh-TW"] as const) {
        expect(entry.name_localizations?.[locale], entry.name).toBeTruthy();
        expect(entry.description_localizations?.[locale], entry.name).toMatch(/\p{Script=Han}/u);
      }
    }
    const compare = subs.find((s) => s.name === "compare");
    expect(compare?.options?.map((o) => o.name_localizations?.["zh-TW"])).toEqual(["第一項", "第二項", "公開", "傳給"]);
  });

  it("names the message context-menu command in zh-CN and zh-TW, within Discord's 32 characters", () => {
    const menu = buildCommandData().find((c) => c.type === 3);
    expect(menu?.name).toBe("Ask the notes");
    expect(menu?.name_localizations).toEqual({ "zh-CN": "向笔记提问", "zh-TW": "向筆記提問" });
    for (const name of [menu?.name, ...Object.values(menu?.name_localizations ?? {})])
      expect(name?.length).toBeLessThanOrEqual(32);
  });
});

describe("npm run discord:register", () => {
  const rest = new FakeDiscordRest();
  let apiUrl = "";
  beforeAll(async () => {
    apiUrl = await rest.start();
  });
  afterAll(async () => {
    await rest.stop();
  });

  it("PUTs the /docker command to the guild when a guild id is given", async () => {
    const since = rest.requests.length;
    const result = await registerCommands({ token: "t0ken", applicationId: "111", guildId: "222", apiUrl });
    const put = await rest.waitFor((r) => r.method === "PUT", since);
    expect(put.path).toBe("/applications/111/guilds/222/commands");
    expect(put.headers.authorization).toBe("Bot t0ken");
    expect(english(put.body)).toEqual(EXPECTED);
    expect(result.scope).toBe("guild");
    expect((result.registered as Array<{ id: string }>)[0]?.id).toBe("5000");
    const printed = describeRegistration(result);
    expect(printed).toContain("to the guild");
    expect(printed).toContain("/docker compare first: second:");
    expect(printed).toContain("/docker topics [heading:] [public:]");
  });

  it("PUTs globally without a guild id", async () => {
    const since = rest.requests.length;
    const result = await registerCommands({ token: "t0ken", applicationId: "111", apiUrl });
    const put = await rest.waitFor((r) => r.method === "PUT", since);
    expect(put.path).toBe("/applications/111/commands");
    expect(english(put.body)).toEqual(EXPECTED);
    expect(describeRegistration(result)).toContain("globally");
  });

  it("npm run discord:register reads the config, PUTs to the guild and prints what it registered", async () => {
    const since = rest.requests.length;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/register-discord.ts"], {
      env: {
        ...process.env,
        DISCORD_TOKEN: "script-token",
        DISCORD_APPLICATION_ID: "333",
        DISCORD_GUILD_ID: "444",
        DISCORD_API_URL: apiUrl,
      },
    });
    const put = await rest.waitFor((r) => r.method === "PUT", since);
    expect(put.path).toBe("/applications/333/guilds/444/commands");
    expect(put.headers.authorization).toBe("Bot script-token");
    expect(english(put.body)).toEqual(EXPECTED);
    expect(stdout).toContain("Registered 3 command(s) to the guild");
    expect(stdout).toContain("Ask the notes (on any message");
    expect(stdout).toContain("/docker explain topic: [public:]");
  });

  it("stays within Discord's registration limits", () => {
    for (const sub of buildCommandData().flatMap((command) => {
      if (command.type === 3) return [];
      expect(command.options.length).toBeLessThanOrEqual(25);
      return command.options;
    })) {
      expect(sub.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      expect(sub.description.length).toBeLessThanOrEqual(100);
      const required = (sub.options ?? []).map((o) => o.required === true);
      // Required options must come first.
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it("explains a 403 / 50001 (the bot is not in that server): invite first, with the link", async () => {
    const refusing = createServer((_req, res) => {
      res
        .writeHead(403, { "content-type": "application/json" })
        .end(JSON.stringify({ message: "Missing Access", code: 50001 }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/api`;
      const failed = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/register-discord.ts"], {
        env: {
          ...process.env,
          DISCORD_TOKEN: "t",
          DISCORD_APPLICATION_ID: "333",
          DISCORD_GUILD_ID: "444",
          DISCORD_API_URL: url,
        },
      }).catch((e: { code: number; stderr: string }) => e);
      expect((failed as { code: number }).code).toBe(1);
      const stderr = (failed as { stderr: string }).stderr;
      expect(stderr).toContain("403 Missing Access (code 50001): the bot is not in the server 444");
      expect(stderr).toContain(
        "https://discord.com/oauth2/authorize?client_id=333&scope=bot+applications.commands&permissions=274877991936",
      );
      expect(stderr).toContain("unset DISCORD_GUILD_ID to register globally");
    } finally {
      refusing.close();
    }
  });
});

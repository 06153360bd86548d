import { execFile } from "node:child_process";
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
        options: [str("topic", "A flag such as --restart, or a topic (English or 中文)", true, true), pub],
      },
      {
        type: 1,
        name: "compare",
        description: "Compare two things side by side (CMD vs ENTRYPOINT, image vs container)",
        options: [
          str("a", "The first thing to compare", true, true),
          str("b", "The second thing to compare", true, true),
          pub,
        ],
      },
      {
        type: 1,
        name: "search",
        description: "Search the notes for any question",
        options: [str("query", "A question or keywords, English or 中文", true, false), pub],
      },
      {
        type: 1,
        name: "examples",
        description: "Only the runnable examples for a flag or topic",
        options: [str("topic", "A flag such as -p, or a topic", true, true), pub],
      },
      {
        type: 1,
        name: "topics",
        description: "The outline of the notes, or of one heading",
        options: [str("heading", "Show only the headings below this one", false, true), pub],
      },
      { type: 1, name: "help", description: "How to ask the bot", options: [pub] },
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
];

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
    expect(JSON.parse(JSON.stringify(put.body))).toEqual(EXPECTED);
    expect(result.scope).toBe("guild");
    expect((result.registered as Array<{ id: string }>)[0]?.id).toBe("5000");
    const printed = describeRegistration(result);
    expect(printed).toContain("to the guild");
    expect(printed).toContain("/docker compare a: b:");
    expect(printed).toContain("/docker topics [heading:] [public:]");
  });

  it("PUTs globally without a guild id", async () => {
    const since = rest.requests.length;
    const result = await registerCommands({ token: "t0ken", applicationId: "111", apiUrl });
    const put = await rest.waitFor((r) => r.method === "PUT", since);
    expect(put.path).toBe("/applications/111/commands");
    expect(JSON.parse(JSON.stringify(put.body))).toEqual(EXPECTED);
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
    expect(JSON.parse(JSON.stringify(put.body))).toEqual(EXPECTED);
    expect(stdout).toContain("Registered 2 command(s) to the guild");
    expect(stdout).toContain("/docker explain topic: [public:]");
  });

  it("stays within Discord's registration limits", () => {
    for (const sub of buildCommandData().flatMap((command) => {
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
});

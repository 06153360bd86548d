import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/answer/bot.js";
import { createBot } from "../../src/answer/create-bot.js";
import { withholdSecrets } from "../../src/answer/withhold-secrets.js";
import { ConfigSchema, loadConfig, SECRET_SETTINGS, secretValues } from "../../src/config.js";
import { renderAnswer } from "../../src/render/discord/index.js";
import { renderSlackAnswer } from "../../src/render/slack/index.js";
import { problemMessage } from "../../src/render/wording.js";
import { buildKnowledgeBase } from "../../src/search/knowledge-base.js";

const TOKEN = "xoxb-9999-8888-secretvalue_with*markdown*";
const NOTES = {
  "tokens.md": `# Tokens\n\n## Bot token\n\nThe bot token is ${TOKEN}.\n\n## Safe\n\nNothing secret about restart policies.\n`,
  "title.md": `# ${TOKEN.slice(0, 12)}\n\n## ${TOKEN}\n\nA heading holding the token.\n`,
};

describe("withholdSecrets: the one place every reply passes through", () => {
  const root = mkdtempSync(join(tmpdir(), "withhold-"));
  let core: Bot;
  let guarded: Bot;
  const withheld: { query: string; sections: string[] }[] = [];
  beforeAll(async () => {
    mkdirSync(join(root, "k"));
    for (const [name, text] of Object.entries(NOTES)) writeFileSync(join(root, "k", name), text);
    const kb = await buildKnowledgeBase({ knowledgeDir: join(root, "k"), rootDir: root, segmenter: "intl" });
    core = createBot(() => kb.engine);
    guarded = withholdSecrets(core, { secrets: [TOKEN, "s"], onWithheld: (w) => withheld.push(w) });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("replaces an answer holding a secret, names the section, and keeps the secret out of the log record", async () => {
    const raw = await core.ask("search bot token");
    expect(JSON.stringify(raw)).toContain(TOKEN);
    const answer = await guarded.ask("search bot token");
    expect(JSON.stringify(answer)).not.toContain(TOKEN);
    expect(answer).toMatchObject({ type: "invalid", matched: false, problem: { kind: "withheld" } });
    expect(answer.type === "invalid" && problemMessage(answer.problem)).toMatch(/own secrets/);
    // Every section of the answer that holds the secret is named (the heading one may rank too).
    expect(withheld.at(-1)?.query).toBe("search bot token");
    expect(withheld.at(-1)?.sections).toContain("k/tokens.md#bot-token");
    expect(withheld.at(-1)?.sections.every((id) => id.startsWith("k/tokens.md#") || id.includes("secretvalue"))).toBe(
      true,
    );
    // Rendered for either platform, nothing of the token is left.
    expect(JSON.stringify(renderSlackAnswer(answer))).not.toContain("secretvalue");
    expect(JSON.stringify(renderAnswer(answer, {}))).not.toContain("secretvalue");
  });

  it("a query that is the secret itself is not echoed in the log record", async () => {
    await guarded.ask(`search ${TOKEN}`);
    expect(JSON.stringify(withheld.at(-1))).not.toContain(TOKEN);
  });

  it("leaves other answers alone, drops autocomplete choices holding the secret, ignores too-short secrets", async () => {
    // Equal but for the random id every fresh answer gets.
    const { id: _a, ...kept } = await guarded.ask("search restart policies");
    const { id: _b, ...plain } = await core.ask("search restart policies");
    expect(kept).toEqual(plain);
    // The heading lost its emphasis markers when parsed (`…_withmarkdown`): still recognised.
    expect(JSON.stringify(await core.autocomplete("xoxb"))).toContain("secretvalue");
    expect(JSON.stringify(await guarded.autocomplete("xoxb"))).not.toContain("secretvalue");
    const loose = withholdSecrets(core, { secrets: ["s", "abc"] });
    expect((await loose.ask("search bot token")).type).toBe("sections");
  });
});

describe("secret settings", () => {
  // Named like secrets but meant to be public.
  const PUBLIC = new Set(["DISCORD_PUBLIC_KEY"]);
  it("every setting named like a secret is in SECRET_SETTINGS (so answers are checked for it)", () => {
    const named = Object.keys(ConfigSchema.shape).filter(
      (k) => /TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|_KEY$|API_KEY|COOKIE/.test(k) && !PUBLIC.has(k),
    );
    expect(named.length).toBeGreaterThanOrEqual(4);
    expect([...SECRET_SETTINGS].sort()).toEqual(expect.arrayContaining(named.sort()));
  });

  it("a database URL's password is a secret on its own", () => {
    const c = loadConfig(
      { DATABASE_URL: "postgres://bot:s3cr%40t-password@db:5432/notes", STORE_HASH_SECRET: "0123456789abcdef0123" },
      "/nonexistent/.env",
    );
    expect(secretValues(c)).toEqual(
      expect.arrayContaining([
        "s3cr@t-password",
        "0123456789abcdef0123",
        "postgres://bot:s3cr%40t-password@db:5432/notes",
      ]),
    );
  });
});

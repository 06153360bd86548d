import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { QueryRefs } from "../../src/adapters/discord/query-refs.js";
import type { Bot } from "../../src/answer/bot.js";
import { loadBot } from "../../src/answer/load-bot.js";
import type { Answer, AnswerSection } from "../../src/answer/types.js";
import { silentLogger } from "../../src/logger.js";
import {
  type DiscordMessage,
  LIMITS,
  renderAnswer,
  renderExamples,
  renderShared,
} from "../../src/render/discord/index.js";
import { renderSlackAnswer, SLACK_LIMITS, type SlackMessage } from "../../src/render/slack/index.js";
import { answerMessage } from "../../src/render/wording.js";
import { answerArbitrary } from "../render/answer-arbitrary.js";

/**
 * Any command text gets an answer (never an exception), and any answer, for the real notes or
 * generated, renders within every Slack and Discord limit with no active mention.
 */
const HOSTILE = [
  "",
  " ",
  "x".repeat(100 * 1024),
  "🐳🐳🐳",
  "\u202Eexplain --restart",
  "\u200B\u200B",
  "\u0000\u0007",
  "?!?!...,,,",
  "@everyone",
  "@here",
  "<!channel>",
  "<!here>",
  "<@123>",
  "<@U12345>",
  "<#C123|general>",
  "<@&987>",
  "**bold** _it_ `code` ```fence",
  "<script>alert(1)</script>",
  "[click](javascript:alert(1))",
  "explain <!channel>",
  "compare <!here> vs @everyone",
  "topics <@U1>",
  "examples ``` ",
  "search \u0000",
  "explain",
  "compare",
  "compare a",
  "/docker",
  "/docker help",
  "help me",
  "容器 vs 镜像",
  "explain --restart".repeat(40),
  "\uD800",
  "\n\n\n",
];

/** Every string in Slack's message that Slack would parse for mentions and links. */
function slackTexts(m: SlackMessage): string[] {
  const out = [m.text];
  for (const b of m.blocks) {
    if (b.type === "section") out.push(...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text));
    if (b.type === "context") out.push(...b.elements.map((e) => e.text));
  }
  return out;
}

export function checkSlack(m: SlackMessage, sharedBy?: string): void {
  expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of m.blocks) {
    if (b.type === "header") {
      expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
      expect(b.text.text.trim().length).toBeGreaterThan(0);
    }
    if (b.type === "section") {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
      expect((b.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.field);
      expect(b.text || b.fields?.length).toBeTruthy();
    }
    if (b.type === "context") {
      expect(b.elements.length).toBeGreaterThan(0);
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
      for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
    }
    if (b.type === "actions") {
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
      for (const e of b.elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
        expect((e.value ?? "").length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
        expect(e.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
      }
      expect(new Set(b.elements.map((e) => e.action_id)).size).toBe(b.elements.length);
    }
  }
  for (const [i, text] of slackTexts(m).entries()) {
    // Block texts may not be empty; the top-level fallback may (blocks carry the message).
    if (i > 0) expect(text.trim().length).toBeGreaterThan(0);
    // Every `<` left is one of our links: `<http…|label>` or the sharer's own `<@U…>`.
    const stripped = text
      .replace(/<(?:https?:\/\/|mailto:)[^<>|\s]*\|[^<>]*>/g, "")
      .replace(sharedBy ? `<@${sharedBy}>` : /(?!)/, "")
      // A `>` opening a line is Slack's quote marker, inert on its own.
      .replace(/^>/gm, "");
    expect(stripped, text).not.toMatch(/[<>]/);
    expect(stripped).not.toMatch(/<[!@#]/);
  }
}

export function checkDiscord(m: DiscordMessage): void {
  expect(m.allowed_mentions.parse).toEqual([]);
  expect((m.content ?? "").length).toBeLessThanOrEqual(LIMITS.content);
  expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const e of m.embeds) {
    expect((e.title ?? "").length).toBeLessThanOrEqual(LIMITS.title);
    expect((e.description ?? "").length).toBeLessThanOrEqual(LIMITS.description);
    expect((e.footer?.text ?? "").length).toBeLessThanOrEqual(LIMITS.footer);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(f.name.trim().length && f.value.trim().length).toBeGreaterThan(0);
    }
    total +=
      (e.title ?? "").length +
      (e.description ?? "").length +
      (e.footer?.text ?? "").length +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    if (e.url) expect(e.url).toMatch(/^https?:\/\//);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedsTotal);
  expect(m.components.length).toBeLessThanOrEqual(LIMITS.rows);
  for (const row of m.components) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const b of row.components) {
      expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect((b.label ?? "").length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  }
}

function renderEverywhere(answer: Answer): void {
  const refs = new QueryRefs();
  const refFor = (t: string) => refs.refFor(t);
  for (const page of [0, 1, 5]) {
    checkSlack(
      renderSlackAnswer(answer, { page, links: { template: "https://github.com/org/notes/blob/main/{file}#L{line}" } }),
    );
    checkSlack(renderSlackAnswer(answer, { page, examplesOnly: true }));
    checkSlack(renderSlackAnswer(answer, { page, sharedBy: "U0ALICE" }), "U0ALICE");
    checkDiscord(
      renderAnswer(
        answer,
        { page, ref: refs.refFor(answer.query), links: { template: "https://x.test/{file}#L{line}" } },
        refFor,
      ),
    );
    checkDiscord(renderAnswer(answer, { page, isPublic: true }));
    checkDiscord(renderExamples(answer, page));
    checkDiscord(renderShared(answer, "700000000000000001", { page }));
  }
}

describe("any command text through the real index", () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await loadBot({ logger: silentLogger });
  });

  it("answers hostile fixed inputs with an answer or a clear message, rendering safely", async () => {
    for (const text of HOSTILE) {
      const answer = await bot.ask(text);
      expect(answer.type).toBeDefined();
      if (!answer.matched)
        expect(
          (answerMessage(answer) ?? "").length + (answer.type === "miss" ? answer.suggestions.length : 0),
          text.slice(0, 40),
        ).toBeGreaterThan(0);
      expect(answer.query.length).toBeLessThanOrEqual(2000);
      renderEverywhere(answer);
    }
  });

  it("answers random text (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 300 }),
          fc
            .array(
              fc.constantFrom(
                ...HOSTILE.filter((h) => h.length < 100),
                "explain ",
                "compare ",
                " vs ",
                "--restart",
                "容器",
                "docker",
              ),
              { maxLength: 8 },
            )
            .map((a) => a.join(" ")),
        ),
        async (text) => {
          const answer = await bot.ask(text);
          expect(typeof answer.matched).toBe("boolean");
          renderEverywhere(answer);
          const choices = await bot.autocomplete(text);
          expect(choices.length).toBeLessThanOrEqual(25);
        },
      ),
      { numRuns: 150 },
    );
  });
});

const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom(
    ...HOSTILE.filter((h) => h.length < 5000),
    "```",
    "`",
    "<https://evil.test|click>",
    "&amp;",
    "&lt;!channel&gt;",
    "|",
    "[a](https://x.test/<!channel>)",
    "*".repeat(300),
  ),
  fc.string({ maxLength: 6000 }),
);
const section: fc.Arbitrary<AnswerSection> = fc.record({
  id: fc.string({ maxLength: 120 }),
  headingPath: fc.array(nasty, { minLength: 1, maxLength: 8 }),
  title: nasty,
  summary: fc.oneof(
    nasty,
    fc.array(nasty, { maxLength: 10 }).map((a) => a.join("\n\n")),
  ),
  examples: fc.array(fc.record({ lang: fc.oneof(fc.constantFrom("bash", "", "yaml"), nasty), code: nasty }), {
    maxLength: 60,
  }),
  source: fc.record({
    file: fc.oneof(fc.constant("knowledge/docker-notes.md"), fc.string({ maxLength: 200 })),
    line: fc.integer({ min: 1, max: 1e6 }),
  }),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
});
const answer = answerArbitrary({ text: nasty, section });

describe("any generated answer renders within limits, with no active mention (property)", () => {
  it("Slack and Discord", () => {
    fc.assert(
      fc.property(answer, (a) => renderEverywhere(a)),
      { numRuns: 300 },
    );
  });
});

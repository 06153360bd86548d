import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderSlackAnswer, SLACK_LIMITS, type SlackMessage } from "../../src/render/slack/index.js";
import { answerArbitrary } from "./answer-arbitrary.js";
import { buttons, makeAnswer, makeSection, texts } from "./slack-helpers.js";

const SOURCE_URL = "https://github.com/org/notes/blob/main/{file}#L{line}";

function expectWithinLimits({ blocks, text }: SlackMessage): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallback);
  for (const t of texts(blocks)) {
    const max = t.where.endsWith("header")
      ? SLACK_LIMITS.header
      : t.where.includes("field")
        ? SLACK_LIMITS.field
        : t.where.includes("button")
          ? SLACK_LIMITS.buttonText
          : SLACK_LIMITS.text;
    expect(t.text.length, t.where).toBeLessThanOrEqual(max);
    expect(t.text.length, `${t.where} is empty`).toBeGreaterThan(0);
  }
  const ids = buttons(blocks).map((b) => b.action_id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const b of buttons(blocks)) expect((b.value ?? "").length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
  for (const b of blocks) {
    if (b.type === "actions") expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
    if (b.type === "section" && b.fields) expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
  }
}

const huge = makeSection({
  title: "很长的标题 ".repeat(60),
  summary: Array.from(
    { length: 800 },
    (_, i) => `- **item ${i}** 使用 \`--restart\` 见 [doc](https://docs.docker.com/x?a=${i})`,
  )
    .join("\n")
    .slice(0, 20_000),
  examples: Array.from({ length: 30 }, (_, i) => ({
    lang: "bash",
    code: `docker run --restart unless-stopped img${i}\n`.repeat(i === 0 ? 200 : 3),
  })),
});

describe("Slack limits", () => {
  it("a 20,000-character section with 30 examples fits: prose cut first, whole code lines, what was left out and a link", () => {
    expect(huge.summary.length).toBe(20_000);
    const message = renderSlackAnswer(makeAnswer({ sections: [huge, makeSection()] }), {
      links: { template: SOURCE_URL },
    });
    expectWithinLimits(message);
    const all = texts(message.blocks).map((t) => t.text);
    const summary = all.find((t) => t.includes("item 0"))!;
    expect(summary.length).toBeGreaterThan(2500);
    // Cut after a whole list item, not inside one.
    expect(summary).toMatch(/\)>…?$|…$/);
    // The 8,000-character first example keeps whole lines only, its fence closed.
    const first = all.find((t) => t.includes("img0"))!;
    expect(first).toMatch(/img0\n```$/);
    for (const line of first.split("\n").slice(2, -1)) expect(line).toBe("docker run --restart unless-stopped img0");
    expect(all.filter((t) => t.startsWith("*bash*\n```")).length).toBeGreaterThanOrEqual(1);
    const note = all.find((t) => t.startsWith("_Not shown here:"))!;
    expect(note).toMatch(/paragraph/);
    expect(note).toMatch(/lines? of an example/);
    expect(note).toContain(
      "<https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L224|knowledge/docker-notes.md:224>",
    );
    // The header is clipped, the buttons survive.
    expect(all[0]!.endsWith("…")).toBe(true);
    expect(buttons(message.blocks).map((b) => b.action_id)).toContain("docker_share");
  });

  it("examples past the block budget are counted, not dropped silently", () => {
    const many = makeSection({ examples: Array.from({ length: 80 }, (_, i) => ({ lang: "sh", code: `echo ${i}` })) });
    const message = renderSlackAnswer(makeAnswer({ sections: [many] }));
    expectWithinLimits(message);
    const all = texts(message.blocks).map((t) => t.text);
    const shown = all.filter((t) => t.startsWith("*sh*")).length;
    expect(shown).toBeGreaterThan(30);
    expect(all).toContain(`_Not shown here: ${80 - shown} examples._ The whole section: knowledge/docker-notes.md:224`);
  });

  it("without a source template the note names the file and line", () => {
    const message = renderSlackAnswer(makeAnswer({ sections: [huge] }));
    expectWithinLimits(message);
    expect(texts(message.blocks).some((t) => t.text.endsWith("The whole section: knowledge/docker-notes.md:224"))).toBe(
      true,
    );
  });

  it("never cuts inside a link or an entity", () => {
    const summary = "&".repeat(2990) + "<<<" + "[x](https://a.b/" + "c".repeat(50) + ")";
    const message = renderSlackAnswer(makeAnswer({ sections: [makeSection({ summary })] }));
    const text = texts(message.blocks).find((t) => t.text.startsWith("&amp;"))!.text;
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/^(&amp;)+…$/);
  });

  it("a huge outline, long suggestions and a long query stay within limits", () => {
    const outline = Array.from({ length: 3000 }, (_, i) => ({
      id: `${i}`,
      title: `标题 ${i} `.repeat(5),
      level: 2,
      depth: i % 4,
      source: { file: "k.md", line: i },
    }));
    expectWithinLimits(
      renderSlackAnswer(
        { type: "topics", command: "topics", query: "topics", matched: true, outline },
        { links: { template: SOURCE_URL } },
      ),
    );
    const suggestions = Array.from({ length: 40 }, (_, i) => `建议 ${i} `.repeat(400));
    const query = "q".repeat(5000);
    expectWithinLimits(
      renderSlackAnswer({
        type: "miss",
        command: "explain",
        matched: false,
        query,
        reason: { kind: "not-found", searched: "x".repeat(9000), unknownFlags: [] },
        suggestions,
      }),
    );
    expectWithinLimits(
      renderSlackAnswer(makeAnswer({ query, sections: [makeSection({ id: "i".repeat(3000) }), makeSection()] })),
    );
  });

  it("holds for any answer (property)", () => {
    const text = fc.string({ unit: "binary", maxLength: 4000 });
    const section = fc.record({
      id: fc.string({ maxLength: 300 }),
      headingPath: fc.array(text, { maxLength: 6 }),
      title: text,
      summary: text,
      examples: fc.array(fc.record({ lang: fc.string({ maxLength: 20 }), code: text }), { maxLength: 40 }),
      source: fc.record({ file: fc.string({ maxLength: 100 }), line: fc.nat() }),
      score: fc.double({ min: 0.01, max: 1, noNaN: true }),
    });
    const answer = answerArbitrary({ text, section, maxSections: 4, maxSuggestions: 30 });
    fc.assert(
      fc.property(answer, fc.nat(5), fc.boolean(), (a, page, examplesOnly) => {
        expectWithinLimits(renderSlackAnswer(a, { page, examplesOnly, links: { template: SOURCE_URL } }));
      }),
      { numRuns: 150 },
    );
  });
});

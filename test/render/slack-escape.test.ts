import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { renderSlackAnswer } from "../../src/render/slack/index.js";
import { makeAnswer, makeSection, texts, unexpectedMarkup } from "./slack-helpers.js";

const NASTY = "ping <!channel> and <!here> and <@U123> or <https://evil.example|a safe link> & keep &lt; literal";

function allTexts(answer: Answer = makeAnswer(), options = {}) {
  const { text, blocks } = renderSlackAnswer(answer, options);
  return [text, ...texts(blocks).map((t) => t.text)];
}

describe("Slack escaping", () => {
  const answer = makeAnswer({
    query: "explain <!channel>",
    sections: [
      makeSection({
        title: `Title ${NASTY}`,
        headingPath: [`Path <@U123>`, "x > y"],
        summary: `${NASTY}\n- **<!here>** in bold\n\`<!channel> in code\``,
        examples: [{ lang: "<lang>", code: `echo "${NASTY}"\n\`\`\`\nmore` }],
      }),
      makeSection({ id: "second" }),
    ],
  });

  it("turns every special character from the notes into an entity", () => {
    const all = allTexts(answer).join("\n");
    for (const bad of ["<!channel>", "<!here>", "<@U123>", "<https://evil.example|"]) expect(all).not.toContain(bad);
    expect(all).toContain("&lt;!channel&gt;");
    expect(all).toContain("&lt;@U123&gt;");
    // A literal `&lt;` in the notes is shown as written, not as `<`.
    expect(all).toContain("&amp;lt; literal");
    expect(all).toContain("x &gt; y");
  });

  it("leaves no markup but our own links, in every block", () => {
    for (const t of allTexts(answer, { links: { template: "https://github.com/o/n/blob/main/{file}#L{line}" } }))
      expect(unexpectedMarkup(t)).toEqual([]);
  });

  it("a fence inside an example cannot end the code block early", () => {
    const example = allTexts(answer).find((t) => t.startsWith("*&lt;lang&gt;*"))!;
    expect(example.match(/```/g)).toHaveLength(2);
  });

  it("escapes queries, messages and suggestions of a miss", () => {
    const miss: Answer = {
      type: "miss",
      command: "explain",
      matched: false,
      query: "<!everyone>",
      reason: { kind: "not-found", searched: NASTY, unknownFlags: [{ long: NASTY, short: "<@U1>", meaning: NASTY }] },
      suggestions: ["<@U999>"],
    };
    const all = allTexts(miss);
    for (const t of all) expect(unexpectedMarkup(t)).toEqual([]);
    expect(all.join("\n")).toContain("&lt;@U999&gt;");
  });

  it("the only mention in a shared answer is the sharer", () => {
    for (const t of allTexts(answer, { sharedBy: "U0SHARER" })) expect(unexpectedMarkup(t, "U0SHARER")).toEqual([]);
    expect(allTexts(answer, { sharedBy: "U0SHARER" }).join("\n")).toContain("<@U0SHARER>");
  });

  it("holds for any text in any field (property)", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        "<!channel>",
        "<@U1>",
        "<",
        ">",
        "&",
        "&lt;",
        "**",
        "`",
        "[a](https://x.y)",
        "```",
        "\n",
        "- ",
        "|",
      ),
      fc.string({ maxLength: 5 }),
    );
    const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, text, text, text, (title, summary, code, query) => {
        const a = makeAnswer({
          query,
          sections: [makeSection({ title, summary, headingPath: [title], examples: [{ lang: "sh", code }] })],
        });
        for (const t of allTexts(a)) expect(unexpectedMarkup(t)).toEqual([]);
        const miss: Answer = {
          type: "miss",
          command: "search",
          query,
          matched: false,
          reason: { kind: "not-found", searched: summary, unknownFlags: [{ long: code, meaning: summary }] },
          suggestions: [title],
        };
        for (const t of allTexts(miss)) expect(unexpectedMarkup(t)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

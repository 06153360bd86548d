import { describe, expect, it } from "vitest";
import { renderAnswer } from "../../src/render/discord/index.js";
import { renderSlackAnswer } from "../../src/render/slack/index.js";
import { sourceHref } from "../../src/render/source-link.js";
import { answer, section } from "./discord-fixtures.js";

const TEMPLATE = "https://github.com/org/notes/blob/main/{file}#L{line}";

describe("source links, one encoding for every platform", () => {
  it("encodes each path segment: `#`, `?`, spaces and Chinese stay inside the path", () => {
    expect(sourceHref(TEMPLATE, { file: "knowledge/c#.md", line: 3 })).toBe(
      "https://github.com/org/notes/blob/main/knowledge/c%23.md#L3",
    );
    expect(sourceHref(TEMPLATE, { file: "knowledge/why?/笔记 一.md", line: 9 })).toBe(
      "https://github.com/org/notes/blob/main/knowledge/why%3F/%E7%AC%94%E8%AE%B0%20%E4%B8%80.md#L9",
    );
  });

  it("gives no link without a template or for a template that is not http(s)", () => {
    expect(sourceHref(undefined, { file: "a.md", line: 1 })).toBeUndefined();
    expect(sourceHref("javascript:alert('{file}')", { file: "a.md", line: 1 })).toBeUndefined();
  });

  it("links `c#.md` on Discord and on Slack to the same URL", () => {
    const a = answer({ sections: [section({ source: { file: "knowledge/c#.md", line: 12 } })] });
    const url = "https://github.com/org/notes/blob/main/knowledge/c%23.md#L12";
    expect(renderAnswer(a, { sourceUrl: TEMPLATE }).embeds[0]?.url).toBe(url);
    expect(JSON.stringify(renderSlackAnswer(a, { sourceUrl: TEMPLATE }).blocks)).toContain(
      `<${url}|knowledge/c#.md:12>`,
    );
  });
});

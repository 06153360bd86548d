import { describe, expect, it } from "vitest";
import { renderAnswer } from "../../src/render/discord/index.js";
import { renderSlackAnswer } from "../../src/render/slack/index.js";
import { pathInNotes, sectionHref } from "../../src/render/source-link.js";
import { answer, section } from "./discord-fixtures.js";

const TEMPLATE = "https://github.com/org/notes/blob/main/{file}#L{line}";
const href = (file: string, line: number, knowledgeDir?: string) =>
  sectionHref({ template: TEMPLATE, knowledgeDir }, { source: { file, line } });

describe("source links, one encoding for every platform", () => {
  it("encodes each path segment: `#`, `?`, spaces, parentheses and Chinese stay inside the path", () => {
    expect(href("knowledge/c#.md", 3)).toBe("https://github.com/org/notes/blob/main/knowledge/c%23.md#L3");
    expect(href("knowledge/why?/笔记 一.md", 9)).toBe(
      "https://github.com/org/notes/blob/main/knowledge/why%3F/%E7%AC%94%E8%AE%B0%20%E4%B8%80.md#L9",
    );
    // `)` would end a Discord markdown link; `'` an HTML attribute.
    expect(href("knowledge/run (old)'s.md", 1)).toBe(
      "https://github.com/org/notes/blob/main/knowledge/run%20%28old%29%27s.md#L1",
    );
  });

  it("fills {file} relative to KNOWLEDGE_DIR: a notes repository's own layout", () => {
    expect(href("knowledge/docker-notes.md", 224, "knowledge")).toBe(
      "https://github.com/org/notes/blob/main/docker-notes.md#L224",
    );
    expect(href("notes/docker/run.md", 5, "./notes/")).toBe("https://github.com/org/notes/blob/main/docker/run.md#L5");
    // Files shown from the working directory (KNOWLEDGE_DIR=.) keep their path.
    expect(pathInNotes("docker-notes.md", ".")).toBe("docker-notes.md");
    expect(pathInNotes("elsewhere/a.md", "knowledge")).toBe("elsewhere/a.md");
  });

  it("gives no link without a template or for a template that is not http(s)", () => {
    expect(sectionHref(undefined, { source: { file: "a.md", line: 1 } })).toBeUndefined();
    expect(
      sectionHref({ template: "javascript:alert('{file}')" }, { source: { file: "a.md", line: 1 } }),
    ).toBeUndefined();
  });

  it("links `c#.md` and `run (old).md` on Discord and on Slack to the same URL", () => {
    const links = { template: TEMPLATE, knowledgeDir: "knowledge" };
    for (const [file, url] of [
      ["knowledge/c#.md", "https://github.com/org/notes/blob/main/c%23.md#L12"],
      ["knowledge/run (old).md", "https://github.com/org/notes/blob/main/run%20%28old%29.md#L12"],
    ] as const) {
      const a = answer({ sections: [section({ source: { file, line: 12 } })] });
      expect(renderAnswer(a, { links }).embeds[0]?.url).toBe(url);
      expect(JSON.stringify(renderSlackAnswer(a, { links }).blocks)).toContain(`<${url}|${file}:12>`);
    }
  });
});

describe("link order: the web page, then KNOWLEDGE_SOURCE_URL, then file:line", () => {
  const target = { source: { file: "knowledge/docker-notes.md", line: 224 }, permalink: "docker-run/7-自动重启" };
  const page = "https://notes.example.com/s/docker-run/7-%E8%87%AA%E5%8A%A8%E9%87%8D%E5%90%AF";

  it("links the section's page when PUBLIC_URL is set, whatever the template", () => {
    expect(sectionHref({ publicUrl: "https://notes.example.com", template: TEMPLATE }, target)).toBe(page);
    expect(sectionHref({ publicUrl: "https://notes.example.com/" }, target)).toBe(page);
    // Behind a proxy under a path prefix.
    expect(sectionHref({ publicUrl: "https://example.com/notes" }, target)).toBe(
      "https://example.com/notes/s/docker-run/7-%E8%87%AA%E5%8A%A8%E9%87%8D%E5%90%AF",
    );
  });

  it("falls back on the source template, then on nothing (file:line as text)", () => {
    const noPermalink = { source: target.source };
    expect(sectionHref({ publicUrl: "https://notes.example.com", template: TEMPLATE }, noPermalink)).toBe(
      "https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L224",
    );
    expect(sectionHref({ template: TEMPLATE }, target)).toBe(
      "https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L224",
    );
    expect(sectionHref({}, target)).toBeUndefined();
    expect(sectionHref({ publicUrl: "javascript:alert(1)//" }, target)).toBeUndefined();
  });

  it("is the link Slack, Discord and the console show", async () => {
    const { renderText } = await import("../../src/render/text.js");
    const links = { publicUrl: "https://notes.example.com", template: TEMPLATE, knowledgeDir: "knowledge" };
    const a = answer({ sections: [section({ source: target.source, permalink: target.permalink })] });
    expect(renderAnswer(a, { links }).embeds[0]?.url).toBe(page);
    expect(JSON.stringify(renderSlackAnswer(a, { links }).blocks)).toContain(`<${page}|knowledge/docker-notes.md:224>`);
    expect(renderText(a, { links })).toContain(`knowledge/docker-notes.md:224  ${page}`);
    // Without PUBLIC_URL: the template's link; without either, the plain file:line.
    expect(renderText(a, {})).toContain("knowledge/docker-notes.md:224\n");
  });
});

import { describe, expect, it } from "vitest";
import type { Section } from "../../src/knowledge/types.js";
import { MARKDOWN_IS_TEXT } from "../../src/search/compact-index.js";
import { buildSectionIndex, compactSectionIndex, loadSectionIndex } from "../../src/search/section-index.js";
import { encodeSnapshot, readBody, readHeader } from "../../src/search/snapshot-file.js";
import { language } from "../helpers.js";

/**
 * Issue 18, round 3: a section whose markdown is its text is stored with the text only, and
 * loaded with one string for both; every other section is stored and loaded as it is.
 */
describe("compact index", () => {
  const section = (id: string, text: string, markdown?: string): Section => ({
    id: `f.md#${id}`,
    file: "f.md",
    line: 1,
    level: 2,
    slug: id,
    title: id,
    headingPath: [id],
    text,
    examples: [],
    ...(markdown === undefined ? {} : { markdown }),
  });
  const sections = [
    section("plain", "Restart the container.", "Restart the container."),
    section("code", "Run it:", "Run it:\n\n```bash\ndocker run web\n```"),
    section("none", "No markdown kept."),
  ];

  it("stores a markdown equal to the text once, and loads both as one string", () => {
    const compact = compactSectionIndex(buildSectionIndex(structuredClone(sections), language().analyzer));
    expect(compact.sections.map((s) => s.markdown)).toEqual([MARKDOWN_IS_TEXT, sections[1]!.markdown, undefined]);
    const bytes = encodeSnapshot({}, compact);
    const head = readHeader(bytes);
    if (typeof head === "string") throw new Error(head);
    const loaded = loadSectionIndex(readBody(bytes, head.bodyAt, head.header.members)).sections;
    expect(loaded).toEqual(sections);
    expect("markdown" in loaded[2]!).toBe(false);
  });
});

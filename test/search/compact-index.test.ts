import { describe, expect, it } from "vitest";
import type { Section } from "../../src/knowledge/types.js";
import { SAME } from "../../src/search/compact-index.js";
import { buildSectionIndex, compactSectionIndex, loadSectionIndex } from "../../src/search/section-index.js";
import { encodeSnapshot, readBody, readHeader } from "../../src/search/snapshot-file.js";
import { language } from "../helpers.js";

/**
 * Issue 18, round 3: text the sections repeat (a markdown that is the text, the previous
 * section's file, the parent's id) is stored once and loaded as one string; the sections load as
 * they were.
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
    { ...section("code", "Run it:", "Run it:\n\n```bash\ndocker run web\n```"), parentId: "f.md#plain" },
    { ...section("none", "No markdown kept."), file: "g.md", parentId: "g.md#gone" },
  ];

  it("stores a markdown equal to the text, a file equal to the previous one and a parent listed once", async () => {
    const compact = compactSectionIndex(buildSectionIndex(structuredClone(sections), language().analyzer));
    expect(compact.sections.map((s) => [s.markdown, s.file, s.parentId])).toEqual([
      [SAME, "f.md", undefined],
      [sections[1]!.markdown, SAME, 0],
      [undefined, "g.md", "g.md#gone"],
    ]);
    const bytes = encodeSnapshot({}, compact);
    const head = readHeader(bytes);
    if (typeof head === "string") throw new Error(head);
    const loaded = loadSectionIndex(await readBody(bytes, head.bodyAt, head.header.members)).sections;
    expect(loaded).toEqual(sections);
    expect("markdown" in loaded[2]!).toBe(false);
  });

  it("refuses a file or a parent that refers to no section", () => {
    const compact = compactSectionIndex(buildSectionIndex(structuredClone(sections), language().analyzer));
    const noFile = structuredClone(compact);
    noFile.sections[0]!.file = SAME;
    expect(() => loadSectionIndex(noFile)).toThrow(/section 0 has no file/);
    const orphan = structuredClone(compact);
    orphan.sections[1]!.parentId = 7;
    expect(() => loadSectionIndex(orphan)).toThrow(/parent is not listed/);
  });
});

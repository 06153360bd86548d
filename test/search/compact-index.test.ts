import { describe, expect, it } from "vitest";
import type { Section } from "../../src/knowledge/types.js";
import { POOL_SECTIONS, POOLED, POOLED_WIDE, SAME } from "../../src/search/compact-index.js";
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
      [POOLED, SAME, 0],
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

  /**
   * Issue 18, round 4: each block of sections keeps its texts in two long strings (one byte a
   * character, and the texts with wider characters), cut back into the sections when loaded.
   */
  it("pools each block's texts, one-byte texts apart from wider ones, and loads them back as they were", async () => {
    const many: Section[] = Array.from({ length: POOL_SECTIONS * 2 + 7 }, (_, i) => ({
      ...section(`s${i}`, i % 3 ? `Text ${i} about volumes.` : `容器 ${i} 的卷`, i % 2 ? `md ${i} é` : undefined),
      permalink: `p/s${i}`,
      examples:
        i % 4
          ? []
          : [
              { lang: "bash", code: `docker run ${i}` },
              { lang: "text", code: "" },
            ],
    }));
    const compact = compactSectionIndex(buildSectionIndex(structuredClone(many), language().analyzer));
    // The texts are in the pools only, on each block's first section.
    const withPool = compact.sections.flatMap((s, i) => (s.pool ? [i] : []));
    expect(withPool).toEqual([0, POOL_SECTIONS, POOL_SECTIONS * 2]);
    expect(compact.sections[3]).toMatchObject({ id: POOLED, title: POOLED, text: POOLED_WIDE, markdown: POOLED });
    expect(compact.sections[4]!.examples.map((e) => e.code)).toEqual([POOLED, POOLED]);
    // Stored as V8 holds them: Latin-1, one byte a character; UTF-16, two.
    const pool = compact.sections[POOL_SECTIONS]!.pool!;
    const narrow = Buffer.from(pool.narrow).toString("latin1");
    expect(narrow).toContain(`Text ${POOL_SECTIONS + 2} about volumes.`);
    expect(narrow).toContain(`md ${POOL_SECTIONS + 1} é`);
    expect(narrow).not.toContain(`Text ${POOL_SECTIONS - 1} about`);
    expect(pool.narrow.length).toBe(narrow.length);
    const wide = Buffer.from(pool.wide).toString("utf16le");
    expect(wide).toContain(`容器 ${POOL_SECTIONS + 1} 的卷`);
    expect(pool.wide.length).toBe(wide.length * 2);
    const bytes = encodeSnapshot({}, compact);
    const head = readHeader(bytes);
    if (typeof head === "string") throw new Error(head);
    const loaded = loadSectionIndex(await readBody(bytes, head.bodyAt, head.header.members)).sections;
    expect(loaded).toEqual(many);
    expect(loaded.some((s) => "pool" in s)).toBe(false);
  });

  it("refuses a section whose text its pool lacks", () => {
    const compact = compactSectionIndex(buildSectionIndex(structuredClone(sections), language().analyzer));
    const short = structuredClone(compact);
    short.sections[0]!.pool!.lengths.pop();
    expect(() => loadSectionIndex(short)).toThrow(/section 2 has a text its pool lacks/);
    const unmarked = structuredClone(compact);
    (unmarked.sections[1] as { text: unknown }).text = "inline";
    expect(() => loadSectionIndex(unmarked)).toThrow(/section 1 has a text its pool lacks/);
    const truncated = structuredClone(compact);
    truncated.sections[0]!.pool!.narrow = truncated.sections[0]!.pool!.narrow.subarray(0, 30);
    expect(() => loadSectionIndex(truncated)).toThrow(/has a text its pool lacks/);
    const damaged = structuredClone(compact);
    (damaged.sections[0]!.pool as { narrow: unknown }).narrow = "text";
    expect(() => loadSectionIndex(damaged)).toThrow(/section 0 has a damaged pool/);
  });
});

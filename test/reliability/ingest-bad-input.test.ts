import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { afterAll, describe, expect, it } from "vitest";
import { loadKnowledge, MAX_FILE_BYTES } from "../../src/knowledge/load-knowledge.js";
import { CHUNK_CHARS, parseInChunks } from "../../src/knowledge/parse-budget.js";
import { parseFile } from "../../src/knowledge/parse-file.js";
import type { Section } from "../../src/knowledge/types.js";
import { getSearchLanguage } from "../../src/search/knowledge-base.js";

/**
 * Ingestion meets anything: random text and bytes, huge and pathological markdown. It never
 * throws, finishes in bounded time, and every section it returns is well-formed.
 */
const flags = getSearchLanguage("intl").flags;

function wellFormed(sections: Section[], file: string): void {
  const ids = new Set<string>();
  for (const s of sections) {
    expect(s.file).toBe(file);
    expect(s.title.trim().length, JSON.stringify(s.title)).toBeGreaterThan(0);
    expect(s.headingPath.length).toBeGreaterThan(0);
    expect(s.headingPath.at(-1)).toBe(s.title);
    expect(s.headingPath.every((h) => typeof h === "string" && h.trim().length > 0)).toBe(true);
    expect(Number.isInteger(s.line) && s.line >= 1).toBe(true);
    expect(s.level).toBeGreaterThanOrEqual(0);
    expect(s.level).toBeLessThanOrEqual(6);
    expect(ids.has(s.id), `duplicate id ${s.id}`).toBe(false);
    ids.add(s.id);
    expect(s.text).not.toContain("\0");
    for (const e of s.examples) expect(e.code.trim().length).toBeGreaterThan(0);
  }
  for (const s of sections) if (s.parentId) expect(ids.has(s.parentId)).toBe(true);
}

/** Markdown-ish fragments, so random documents hit the parser's interesting paths. */
const TOKENS = [
  "# ",
  "## ",
  "###### ",
  "####### ",
  "\n",
  "\n\n",
  "```",
  "```bash\n",
  "~~~",
  "    ",
  "> ",
  "- ",
  "* ",
  "1. ",
  "**",
  "*",
  "_",
  "`",
  "[",
  "](",
  ")",
  "<div>",
  "</div>",
  "<!--",
  "-->",
  "<!-- TOC -->",
  "---\n",
  "...",
  "|",
  "|---|",
  "\0",
  "\uFFFD",
  "\uD800",
  "\u200B",
  "\u202E",
  "🐳",
  "容器",
  "--restart",
  "-p 8080:80",
  "title: x\n",
  ":\n",
  "\r\n",
  "\t",
  "&amp;",
  "<@123>",
  "@everyone",
  "<!channel>",
  "#",
  " ",
  "a",
  "docker run",
];
const markdownish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((t) => t.join(""));
const anyText = fc.oneof(
  markdownish,
  fc.string({ unit: "binary", maxLength: 500 }),
  fc.string({ unit: "grapheme", maxLength: 500 }),
);

describe("parseFile on any input (property)", () => {
  it("never throws and returns well-formed sections", () => {
    fc.assert(
      fc.property(anyText, (source) => {
        const { sections, issues } = parseFile(source, "knowledge/any.md", flags);
        wellFormed(sections, "knowledge/any.md");
        for (const i of issues) expect(i.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it("front matter that is not YAML (or not a mapping) is reported, and the body still parses", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("[unclosed", "a: b: c", "- list", "42", '"str"', "{{}}", "*alias", "\t: bad", "&a [*a, *a]"),
        markdownish,
        (fm, body) => {
          const { sections } = parseFile(`---\n${fm}\n---\n# Real heading\n${body}`, "knowledge/fm.md", flags);
          wellFormed(sections, "knowledge/fm.md");
          expect(sections.some((s) => s.title === "Real heading")).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});

/**
 * CPU milliseconds `fn` takes in this process (vitest runs each file in its own fork). CPU time,
 * not wall time: a loaded machine stretches wall time several-fold (a shared 2-core box at load 20
 * made a 3 s parse take 22 s), while what the budget prevents (11 s and 16 s+ of CPU) shows either way.
 */
function cpuMs<T>(fn: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}

/** Each case: source, and what must hold besides well-formed sections. The budget is counts, not timing; the CPU ceiling is generous. */
const PATHOLOGICAL: Array<[string, () => string]> = [
  ["10,000 headings", () => Array.from({ length: 10_000 }, (_, i) => `## heading ${i}\ntext ${i}\n`).join("\n")],
  ["10,000 identical headings", () => "## 总结\n\n".repeat(10_000)],
  ["10,000 nested blockquotes", () => ">".repeat(10_000) + " deep"],
  ["blockquote staircase", () => Array.from({ length: 5000 }, (_, i) => ">".repeat(i % 200) + " x").join("\n")],
  ["10,000 nested list markers on one line", () => "- ".repeat(10_000) + "x"],
  [
    "list indentation staircase",
    () => Array.from({ length: 3000 }, (_, i) => " ".repeat((i % 500) * 2) + "- item").join("\n"),
  ],
  ["unmatched emphasis run", () => "*a".repeat(50_000)],
  ["mixed emphasis run", () => "**a_".repeat(30_000)],
  ["unclosed links", () => "[a](b".repeat(30_000)],
  ["bracket soup", () => "[".repeat(30_000) + "x" + "](".repeat(20_000)],
  ["unclosed fences", () => "```\n".repeat(5000) + "# after"],
  ["HTML soup", () => "<div><script>alert(1)</script><img src=x onerror=1>".repeat(5000)],
  ["NUL bytes everywhere", () => "# T\0itle\n\0\0text\0\n```\0\ncode\0\n```\n".repeat(1000)],
  ["lone surrogates", () => "# \uD800\uDC00\uDFFF heading\n\uD800 text\n".repeat(1000)],
];

describe("parseFile on pathological markdown (regression cases)", () => {
  for (const [name, make] of PATHOLOGICAL) {
    it(`${name}: parses within the budget`, () => {
      const source = make();
      const {
        result: { sections },
        ms,
      } = cpuMs(() => parseFile(source, "knowledge/p.md", flags));
      // Before the budget: 10,000 headings took 11 s, the emphasis runs 16 s+, deep quotes overflowed the stack.
      expect(ms).toBeLessThan(8_000);
      wellFormed(sections, "knowledge/p.md");
      // The CPU ceiling is the check; the wall-clock timeout only stops a hang (a loaded CI
      // machine can stretch 3 s of CPU into 40 s of wall time).
    }, 120_000);
  }

  it("10,000 headings keep their lines and unique ids", () => {
    const { sections } = parseFile(
      Array.from({ length: 10_000 }, (_, i) => `## h${i}\n`).join("\n"),
      "knowledge/h.md",
      flags,
    );
    expect(sections).toHaveLength(10_000);
    expect(sections[9999]?.line).toBe(2 * 9999 + 1);
  });

  it("an emphasis run is shown literally and reported, not dropped", () => {
    const { sections, issues } = parseFile("# Run\n\n" + "*a".repeat(20_000) + "\n", "knowledge/e.md", flags);
    expect(sections[0]?.text.length).toBeGreaterThan(20_000);
    expect(issues.some((i) => i.code === "markup-escaped" && i.line === 3)).toBe(true);
  });

  it("chunked parsing of a large file gives the same tree positions as parsing it whole", () => {
    const notes = readFileSync("knowledge/docker-notes.md", "utf8");
    const big = Array.from({ length: 4 }, () => notes).join("\n");
    expect(big.length).toBeGreaterThan(CHUNK_CHARS * 2);
    const processor = unified().use(remarkParse);
    const whole = processor.parse(big);
    const chunked = parseInChunks(big, (s) => processor.parse(s));
    const shape = (r: Root) =>
      r.children.map(
        (c) => `${c.type}@${c.position?.start.line}:${c.position?.start.offset}-${c.position?.end.offset}`,
      );
    expect(shape(chunked)).toEqual(shape(whole));
  });
});

describe("loadKnowledge on a hostile folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "bad-notes-"));
  afterAll(() => {
    chmodSync(join(dir, "unreadable.md"), 0o644);
    rmSync(dir, { recursive: true, force: true });
  });

  it("skips and reports by path what it can't read or must not parse; parses the rest", () => {
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "good.md"), "# Good\n\nrestart policy --restart\n");
    writeFileSync(join(dir, "huge.md"), "# Huge\n" + "x".repeat(10 * 1024 * 1024));
    writeFileSync(join(dir, "binary.md"), Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(
      join(dir, "sub", "invalid-utf8.md"),
      Buffer.concat([
        Buffer.from("# Bytes\n"),
        Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe, 0x00]),
      ]),
    );
    writeFileSync(join(dir, "deep.md"), "# Deep\n" + ">".repeat(10_000) + " x\n");
    writeFileSync(join(dir, "unreadable.md"), "# Secret\n");
    chmodSync(join(dir, "unreadable.md"), 0o000);
    const { result: k, ms } = cpuMs(() => loadKnowledge(dir, flags, dir));
    expect(ms).toBeLessThan(10_000);
    wellFormed(
      k.sections.filter((s) => s.file === "good.md"),
      "good.md",
    );
    expect(k.sections.some((s) => s.title === "Good")).toBe(true);
    expect(k.sections.some((s) => s.title === "Bytes")).toBe(true);
    expect(k.sections.some((s) => s.title === "Deep")).toBe(true);
    const huge = k.issues.find((i) => i.file === "huge.md");
    expect(huge).toMatchObject({ severity: "error", code: "skipped-file" });
    expect(huge?.message).toContain(String(MAX_FILE_BYTES));
    // Root can read anything: the unreadable case only holds for other users.
    if (process.getuid?.() !== 0)
      expect(k.issues.find((i) => i.file === "unreadable.md")).toMatchObject({ code: "unreadable-file" });
    for (const file of new Set(k.sections.map((s) => s.file)))
      wellFormed(
        k.sections.filter((s) => s.file === file),
        file,
      );
  });
});

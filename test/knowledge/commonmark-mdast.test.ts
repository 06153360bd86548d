import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommonMark } from "../../src/knowledge/commonmark-mdast.js";
import { parseFile, parseWithRemark } from "../../src/knowledge/parse-file.js";
import { flags } from "../helpers.js";

/**
 * The sections (and repairs) read with commonmark.js must be exactly those read with remark,
 * the parser they replaced (issue 18): the same text, markdown, examples, titles and lines.
 */
const same = (source: string) =>
  expect(parseFile(source, "knowledge/f.md", flags)).toStrictEqual(
    parseFile(source, "knowledge/f.md", flags, parseWithRemark),
  );

/** Lines that make CommonMark's blocks and inlines meet in many ways (containers, code, laziness, blanks). */
const LINE = fc.constantFrom(
  "# Title",
  "## Run `docker run -restart` *now*",
  '### [Link](#anchor) and <a name="x"></a>text',
  "Setext heading",
  "===",
  "---",
  "***",
  "paragraph with **strong** and _em_ and `code` -rm",
  "text with trailing spaces   ",
  "hard break  ",
  "line\\",
  "- item",
  "- [toc](#toc)",
  "  - [nested](#nested)",
  "* star item",
  "1. ordered",
  "2) other",
  "3. step three",
  "+ plus item",
  "   1. nested ordered",
  "  > quote in a list",
  "## Closed heading ##",
  "#hashtag",
  "\\# escaped heading",
  '# Entity &amp; [link](http://x "title") <b>html</b>',
  "Text then `code",
  "still code` closed",
  "trailing tab\t",
  "-",
  "  continued",
  "    indented code",
  "\tindented with a tab",
  "      deeper",
  "> quote",
  "> > nested quote",
  ">",
  "> ```bash",
  "> docker ps",
  "> ```",
  "```",
  "```bash",
  "```js title",
  "~~~",
  "````",
  "  ```",
  "docker run --rm -it ubuntu",
  "# comment in code",
  "<div>",
  "</div>",
  "<!-- comment -->",
  "<!-- TOC -->",
  "| a | b |",
  "|---|---|",
  "![alt *x*](img.png)",
  "<https://example.com>",
  "&amp; &copy; \\* escaped",
  "中文段落，`--memory` 限制内存",
  "",
  "",
  "",
  "   ",
  "    ",
  "\t",
);

describe("commonmark.js read as remark reads it", () => {
  it("gives remark's sections over random documents", () => {
    fc.assert(
      fc.property(fc.array(LINE, { maxLength: 40 }), fc.boolean(), (lines, newline) => {
        same(lines.join("\n") + (newline ? "\n" : ""));
      }),
      { numRuns: 400 },
    );
  });

  it("gives remark's sections for every fixture and the notes", () => {
    const files = [
      "knowledge/docker-notes.md",
      ...readdirSync("test/fixtures", { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".md"))
        .map((f) => join("test/fixtures", f)),
    ];
    for (const f of files) same(readFileSync(f, "utf8"));
  });

  it("leaves link reference definitions and unclosed fences to remark", () => {
    expect(parseCommonMark("[a]: /url\n\nSee [a].\n")).toBeUndefined();
    expect(parseCommonMark("# A\n\n```bash\ndocker ps\n")).toBeUndefined();
    expect(parseCommonMark("- x\n  ```\n  y\n- z\n")).toBeUndefined();
    expect(parseCommonMark("# A\n\n```bash\ndocker ps\n```\n")).toBeDefined();
    // Where remark leaves the spec (each found by the random documents above).
    for (const source of [
      "    code\n\n2) other\n---",
      "    indented code\n-",
      "    indented code\n2) other\n---",
      ">\n      deeper\n    \ndocker run",
      "> quote\n>\n\tindented\n\tindented",
      "-\n   \n    indented code\n\tindented with a tab",
    ]) {
      expect(parseCommonMark(source)).toBeUndefined();
      same(source);
    }
    same("[a]: /url\n\n# See [a]\n\ntext [a]\n");
    same("# A\n\n```bash\ndocker ps\n\n\n");
  });

  it("ends blocks as remark does: trailing spaces, blank lines indented as code", () => {
    for (const source of [
      "    a\n    \n  \n    \nx\n",
      "    a\n   \nx",
      "text   \n\n```js  \ncode\n```   \n\n> q\nlazy\n",
      "> ```console\n> $ docker ps\n> ```\n>\n> after\n",
      "- ```\n  x\n  ```\n- after\n",
    ])
      same(source);
  });
});

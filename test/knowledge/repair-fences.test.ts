import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/knowledge/parse-file.js";
import { repairFences } from "../../src/knowledge/repair-fences.js";
import { flags } from "../helpers.js";

const fixture = readFileSync(new URL("../fixtures/broken-fences.md", import.meta.url), "utf8");

describe("repairFences", () => {
  it("unwraps a bare fence that wraps an indented fenced block, keeping line numbers", () => {
    const { source, repairs } = repairFences(fixture);
    expect(repairs.map((r) => r.line)).toEqual([11, 23]);
    expect(source.split("\n")).toHaveLength(fixture.split("\n").length);
    expect(source).toContain('  ```bash\n  docker run --rm my_image echo "Hello"\n  ```');
  });

  it("leaves ordinary fences alone", () => {
    const md = "```bash\ndocker ps\n```\n\n```\nplain\n```\n";
    expect(repairFences(md)).toEqual({ source: md, repairs: [] });
  });

  it("leaves a fence that shows markdown with a longer outer fence alone", () => {
    const md = "````\n```bash\necho hi\n```\n````\n";
    expect(repairFences(md).repairs).toEqual([]);
  });

  it("makes every heading a section with the right parent (without the repair, headings are swallowed)", () => {
    const { sections } = parseFile(fixture, "fixture.md", flags);
    expect(sections.map((s) => s.headingPath.join(" > "))).toEqual([
      "Run",
      "Run > Options",
      "Run > Options > 1. Name",
      "Run > Options > 2. Remove",
      "Run > Options > 3. User",
      "Run > Standard input",
      "Run > Standard input > 1. -i (Interactive) option",
    ]);
    const remove = sections.find((s) => s.title === "2. Remove")!;
    expect(remove.examples).toEqual([{ lang: "bash", code: 'docker run --rm my_image echo "Hello"' }]);
    expect(remove.text).toContain("remove the container when it exits");
    expect(remove.text).not.toContain("```");
  });

  it("finds every heading of the team's notes, including 11-15 and the stdin chapter", () => {
    const notes = readFileSync(new URL("../../knowledge/docker-notes.md", import.meta.url), "utf8");
    const { sections } = parseFile(notes, "knowledge/docker-notes.md", flags);
    const headingLines = notes.split("\n").flatMap((l, i) => (/^#{1,6} /.test(l) ? [i + 1] : []));
    // Comment lines inside code blocks look like headings to a line scan; every real heading must be a section.
    const real = headingLines.filter((n) => sections.some((s) => s.line === n));
    expect(real.length).toBe(sections.length);
    for (const n of ["11. 指定容器用户", "15. 查看容器日志"]) {
      expect(sections.find((s) => s.title === n)?.headingPath.slice(0, 2)).toEqual([
        "Docker run",
        "docker run的配置命令",
      ]);
    }
    expect(sections.find((s) => s.title === "docker run stdin 容器标准输入")?.level).toBe(2);
    expect(sections.find((s) => s.title === "7. 自动重启")?.line).toBe(224);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dedent, guessLang } from "../../src/knowledge/guess-lang.js";
import { parseFile } from "../../src/knowledge/parse-file.js";
import { flags } from "../helpers.js";

const read = (name: string) => readFileSync(new URL(`../fixtures/notes/${name}`, import.meta.url), "utf8");

describe("parseFile", () => {
  it("reads front matter (title roots the paths) and never indexes it as text", () => {
    const { sections, title } = parseFile(read("front-matter.md"), "notes/front-matter.md", flags);
    expect(title).toBe("Volumes guide");
    const root = sections[0]!;
    expect(root).toMatchObject({
      level: 0,
      title: "Volumes guide",
      line: 1,
      text: "Volumes keep data outside the container.",
    });
    expect(sections.map((s) => s.text).join("\n")).not.toContain("description");
  });

  it("drops inline HTML in headings and strips backticks and emphasis from heading paths", () => {
    const { sections } = parseFile(read("front-matter.md"), "notes/front-matter.md", flags);
    const create = sections.find((s) => s.slug === "create-a-volume")!;
    expect(create.title).toBe("Create a volume");
    expect(create.headingPath).toEqual(["Volumes guide", "Create a volume"]);
    expect(create.line).toBe(8);
    expect(create.examples).toEqual([{ lang: "bash", code: "docker volume create data" }]);
  });

  it("tells duplicate titles apart by their parents, with unique ids", () => {
    const { sections } = parseFile(read("front-matter.md"), "notes/front-matter.md", flags);
    const summaries = sections.filter((s) => s.title === "总结");
    expect(summaries.map((s) => s.headingPath)).toEqual([
      ["Volumes guide", "总结"],
      ["Volumes guide", "总结", "总结"],
    ]);
    expect(new Set(summaries.map((s) => s.id)).size).toBe(2);
    expect(summaries[1]!.parentId).toBe(summaries[0]!.id);
  });

  it("skips a generated TOC and guesses languages of unlabeled blocks", () => {
    const { sections } = parseFile(read("toc.md"), "notes/toc.md", flags);
    expect(sections.map((s) => s.title)).toEqual(["Networks", "Bridge"]);
    expect(sections.some((s) => s.text.includes("#bridge"))).toBe(false);
    const bridge = sections[1]!;
    expect(bridge.examples.map((e) => e.lang)).toEqual(["dockerfile", "yaml"]);
    expect(bridge.examples[1]!.code).toBe("services:\n  web:\n    image: nginx");
  });

  it("skips a TOC made only of in-page links even without markers", () => {
    const md = "- [A](#a)\n  - [B](#b)\n\n# A\n\nText A.\n\n## B\n\nText B.\n";
    const { sections } = parseFile(md, "x.md", flags);
    expect(sections.map((s) => s.title)).toEqual(["A", "B"]);
  });

  it("repairs mangled flags in prose and headings, never in code, and reports each with its line", () => {
    const md =
      "# Flags\n\n- **`-restart`**: restart policy\n- **`e`**: env\n- use -name to name it\n\n```bash\ndocker run -it --rm x\n```\n";
    const { sections, issues } = parseFile(md, "f.md", flags);
    expect(sections[0]!.text).toContain("**`--restart`**");
    expect(sections[0]!.text).toContain("**`-e`**");
    expect(sections[0]!.text).toContain("use --name to name it");
    expect(sections[0]!.examples[0]!.code).toBe("docker run -it --rm x");
    expect(issues.filter((i) => i.code === "flag-repaired").map((i) => i.line)).toEqual([3, 4, 5]);
  });

  it("keeps `#` comment lines inside code blocks out of the outline", () => {
    const md = "# Commands\n\n```bash\ndocker ps\n# list containers\n```\n";
    const { sections } = parseFile(md, "c.md", flags);
    expect(sections.map((s) => s.title)).toEqual(["Commands"]);
    expect(sections[0]!.examples[0]!.code).toBe("docker ps\n# list containers");
  });

  it("trims spaces and tabs at the ends of prose lines, and nothing else", () => {
    const { sections } = parseFile("# T\n\nfirst  \t\nsecond\u00a0\n   \nthird\n", "notes/t.md", flags);
    expect(sections[0]!.text).toBe("first\nsecond\u00a0\n\nthird");
  });

  it("reports empty sections and survives bad front matter", () => {
    const md = "---\ntitle: [unclosed\n---\n# Empty\n\n# Full\n\ntext\n";
    const { sections, issues } = parseFile(md, "e.md", flags);
    expect(sections.map((s) => s.title)).toEqual(["Empty", "Full"]);
    expect(issues.map((i) => i.code).sort()).toEqual(["bad-front-matter", "empty-section"]);
  });
});

describe("examples", () => {
  it("guesses bash, dockerfile and yaml", () => {
    expect(guessLang("$ docker run -d nginx")).toBe("bash");
    expect(guessLang("FROM node:22\nRUN npm ci")).toBe("dockerfile");
    expect(guessLang("services:\n  web: {}")).toBe("yaml");
  });

  it("removes the indentation common to all lines and keeps their order", () => {
    expect(dedent("\n    a\n      b\n    c\n\n")).toBe("a\n  b\nc");
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { parseFile } from "../../src/knowledge/parse-file.js";
import { assignPermalinks, permalinkBase, permalinksAfterChange, slugPart } from "../../src/knowledge/permalink.js";
import type { Section } from "../../src/knowledge/types.js";
import { flags } from "../helpers.js";

const NOTES = `# Docker run

## docker run的配置命令

### 7. 自动重启

- **\`--restart\`**: 配置容器在特定情况下自动重启。

\`\`\`bash
docker run --restart unless-stopped my_image
\`\`\`

### 8. 连接到网络

\`--network\` 连接到网络。

## 总结

第一个总结。
`;

const links = (source: string, file = "knowledge/notes.md") => {
  const { sections } = parseFile(source, file, flags);
  assignPermalinks(sections);
  return new Map(sections.map((s) => [s.title, s.permalink]));
};

describe("permalinks", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("come from the heading path, one slug per heading", () => {
    expect(links(NOTES).get("7. 自动重启")).toBe("docker-run/docker-run的配置命令/7-自动重启");
    expect(links(NOTES).get("总结")).toBe("docker-run/总结");
    expect(slugPart("CMD vs. ENTRYPOINT: `exec` form!")).toBe("cmd-vs-entrypoint-exec-form");
    expect(slugPart("  ")).toBe("");
    expect(permalinkBase(["", "!!"])).toBe("section");
    // A slash in a heading cannot fake a level.
    expect(slugPart("a/b")).toBe("a-b");
  });

  it("survive a rebuild: the same notes give the same links", () => {
    expect([...links(NOTES)]).toEqual([...links(NOTES)]);
  });

  it("survive unrelated edits: text added above, sections inserted before, lines moved", () => {
    const before = links(NOTES);
    const edited = NOTES.replace("# Docker run\n", "# Docker run\n\nA new introduction.\n\nMore lines.\n").replace(
      "### 8. 连接到网络",
      "### 7b. 新的一节\n\n新内容。\n\n### 8. 连接到网络",
    );
    const after = links(edited);
    for (const [title, link] of before) expect(after.get(title), title).toBe(link);
    expect(after.get("7b. 新的一节")).toBe("docker-run/docker-run的配置命令/7b-新的一节");
  });

  it("change only for the section whose heading (or an ancestor's) changed", () => {
    const before = links(NOTES);
    const after = links(NOTES.replace("### 8. 连接到网络", "### 8. 网络"));
    expect(after.get("8. 网络")).toBe("docker-run/docker-run的配置命令/8-网络");
    expect(after.get("7. 自动重启")).toBe(before.get("7. 自动重启"));
  });

  it("add a short hash only when two sections share a heading path, the same on every rebuild", () => {
    const twice = `${NOTES}\n## 总结\n\n第二个总结。\n`;
    const { sections } = parseFile(twice, "knowledge/notes.md", flags);
    assignPermalinks(sections);
    const summaries = sections.filter((s) => s.title === "总结").map((s) => s.permalink);
    expect(summaries).toHaveLength(2);
    for (const link of summaries) expect(link).toMatch(/^docker-run\/总结~[0-9a-f]{6}$/);
    expect(new Set(summaries).size).toBe(2);
    // The others keep their plain link.
    expect(sections.find((s) => s.title === "7. 自动重启")?.permalink).toBe(
      "docker-run/docker-run的配置命令/7-自动重启",
    );
    const again = parseFile(twice, "knowledge/notes.md", flags).sections;
    assignPermalinks(again);
    expect(again.filter((s) => s.title === "总结").map((s) => s.permalink)).toEqual(summaries);
  });

  it("do not depend on the order files are read in, nor on other files", () => {
    const dir = mkdtempSync(join(tmpdir(), "permalink-"));
    dirs.push(dir);
    writeFileSync(join(dir, "b.md"), NOTES);
    const alone = loadKnowledge(dir, flags, dir).sections.map((s) => s.permalink);
    writeFileSync(join(dir, "a.md"), "# Networks\n\n## bridge\n\ntext\n");
    const withOther = loadKnowledge(dir, flags, dir).sections.filter((s) => s.file === "b.md");
    expect(withOther.map((s) => s.permalink)).toEqual(alone);
  });

  it("keep the section's markdown (code, lists, flags repaired) for its page", () => {
    const { sections } = parseFile(NOTES.replace("`--restart`", "`-restart`"), "knowledge/notes.md", flags);
    const restart = sections.find((s) => s.title === "7. 自动重启");
    expect(restart?.markdown).toContain("**`--restart`**");
    expect(restart?.markdown).toContain("```bash\ndocker run --restart unless-stopped my_image\n```");
    // Subsections are their own sections, not part of the parent's markdown.
    expect(sections.find((s) => s.title === "docker run的配置命令")?.markdown).toBeUndefined();
  });

  it("after a change, worked out for the touched heading paths only, are what a full assignment gives", async () => {
    // Few headings and ids, so that paths are shared, sections of one path come and go, and ids repeat.
    const HEADINGS = ["Options", "总结", "docker run", "7. 自动重启", "Examples!"];
    const section = fc.record({
      file: fc.constantFrom("a.md", "b.md", "c.md"),
      anchor: fc.constantFrom("x", "y", "z", "w"),
      path: fc.array(fc.constantFrom(...HEADINGS), { minLength: 1, maxLength: 3 }),
    });
    const make = ({ file, anchor, path }: { file: string; anchor: string; path: string[] }): Section => ({
      id: `${file}#${anchor}`,
      file,
      line: 1,
      level: path.length,
      slug: anchor,
      title: path.at(-1)!,
      headingPath: path,
      text: "",
      examples: [],
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(section, { maxLength: 12 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        fc.array(section, { maxLength: 6 }),
        fc.nat(12),
        async (before, kept, added, at) => {
          const old = before.map(make);
          assignPermalinks(old);
          const links = old.map((s) => s.permalink);
          const unchanged = old.filter((_, i) => kept[i] ?? true);
          const removed = old.filter((_, i) => !(kept[i] ?? true));
          const fresh = added.map(make);
          const sections = [...unchanged.slice(0, at), ...fresh, ...unchanged.slice(at)];
          let pauses = 0;
          const changed = await permalinksAfterChange(sections, new Set(fresh), removed, async () => {
            pauses++;
          });
          // Nothing set on the sections: the served ones keep their links until the swap.
          expect(old.map((s) => s.permalink)).toEqual(links);
          expect(fresh.every((s) => s.permalink === undefined)).toBe(true);
          const incremental = sections.map((s) => changed.get(s) ?? s.permalink);
          const full = sections.map((s) => ({ ...s }));
          assignPermalinks(full);
          expect(incremental).toEqual(full.map((s) => s.permalink));
          if (sections.length) expect(pauses).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { QueryRefs } from "../../src/adapters/discord/query-refs.js";
import { decodeCustomId, renderAnswer, renderExamples, renderShared } from "../../src/render/discord/index.js";
import { answer, expectWithinLimits, fenceCount, longSummary, section } from "./discord-fixtures.js";

const SOURCE = "https://github.com/org/notes/blob/main/{file}#L{line}";

describe("renderAnswer for a section", () => {
  it("shows title with source link, summary, fenced example and breadcrumb footer", async () => {
    const refs = new QueryRefs();
    const m = renderAnswer(answer(), { links: { template: SOURCE }, ref: refs.refFor("explain --restart") });
    expectWithinLimits(m);
    const [e] = m.embeds;
    expect(e?.title).toBe("7. 自动重启");
    expect(e?.url).toBe("https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L224");
    expect(e?.description).toContain("**`--restart`**");
    expect(e?.description).toContain("```bash\ndocker run --restart unless-stopped my_image\n```");
    expect(e?.footer?.text).toBe("Docker run › docker run的配置命令 › 7. 自动重启 · knowledge/docker-notes.md:224");
    const labels = m.components[0]?.components.map((b) => b.label ?? b.emoji?.name);
    expect(labels).toEqual(["Share", "Next result", "Examples only", "👍", "👎"]);
    // Only one section: nothing to move on to.
    expect(m.components[0]?.components[1]?.disabled).toBe(true);
    const state = decodeCustomId(m.components[0]?.components[0]?.custom_id ?? "");
    expect(state).toEqual({ action: "share", page: 0, ref: "texplain --restart" });
    expect(await refs.resolve(state?.ref ?? "")).toBe("explain --restart");
  });

  it("offers the full answer on an `examples` answer, not Examples only", () => {
    const m = renderAnswer(answer({ command: "examples", query: "examples --restart" }), { ref: "tq" });
    const labels = m.components[0]?.components.map((b) => b.label ?? b.emoji?.name);
    expect(labels).toEqual(["Share", "Next result", "Full answer", "👍", "👎"]);
    expect(m.embeds[0]?.description).toMatch(/^```bash/);
  });

  it("has no link and no buttons without a source template or ref, and no Share when public", () => {
    const plain = renderAnswer(answer());
    expect(plain.embeds[0]?.url).toBeUndefined();
    expect(plain.components).toEqual([]);
    const pub = renderAnswer(answer(), { ref: "tx", isPublic: true });
    expect(pub.components[0]?.components.map((b) => b.label ?? b.emoji?.name)).toEqual([
      "Next result",
      "Examples only",
      "👍",
      "👎",
    ]);
  });

  it("pages through ranked sections and lists the rest", () => {
    const a = answer({
      command: "search",
      sections: [section(), section({ id: "b", title: "端口映射" }), section({ id: "c", title: "数据卷" })],
    });
    const first = renderAnswer(a, { ref: "tq" });
    expect(first.embeds[0]?.fields?.[0]?.value).toBe("• 端口映射\n• 数据卷");
    const second = renderAnswer(a, { ref: "tq", page: 1 });
    expect(second.embeds[0]?.title).toBe("端口映射");
    expect(decodeCustomId(second.components[0]?.components[1]?.custom_id ?? "")?.page).toBe(1);
  });

  it("holds every limit for a 20,000-character section with 30 examples, and cuts with a link", () => {
    const examples = Array.from({ length: 30 }, (_, i) => ({
      lang: "bash",
      code: `docker run --restart=always -p ${8000 + i}:80 nginx\n`.repeat(8),
    }));
    const big = section({
      summary: longSummary(),
      examples,
      title: "很长的标题".repeat(100),
      headingPath: Array.from({ length: 40 }, () => "一级标题很长"),
    });
    expect(big.summary.length).toBeGreaterThanOrEqual(20_000);
    const m = renderAnswer(answer({ sections: [big, section()] }), { links: { template: SOURCE }, ref: "tq" });
    expectWithinLimits(m);
    const d = m.embeds[0]?.description ?? "";
    expect(d.length).toBeGreaterThan(3000);
    // Prose is cut first: the first example is whole, and the answer says what it left out.
    expect(d).toContain(`\`\`\`bash\n${examples[0]!.code.trimEnd()}\n\`\`\``);
    expect(
      d
        .trimEnd()
        .endsWith(
          "The whole section: [read the whole section](https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L224)",
        ),
    ).toBe(true);
    expect(d).toMatch(/\*Not shown here: \d+ paragraphs(, | and )\d+ examples\.\*/);
    expect(m.embeds[0]?.title?.endsWith("…")).toBe(true);
    const ex = renderExamples(answer({ sections: [big] }), 0);
    expectWithinLimits(ex);
    expect(fenceCount(ex.embeds[0]?.description ?? "")).toBeGreaterThanOrEqual(2);
  });

  it("never leaves a fence open for one giant example or one giant paragraph", () => {
    const code = section({
      summary: "",
      examples: [{ lang: "yaml", code: "services:\n" + "  web:\n    image: nginx\n".repeat(2000) }],
    });
    const m1 = renderAnswer(answer({ sections: [code] }));
    expectWithinLimits(m1);
    const d1 = m1.embeds[0]?.description ?? "";
    expect(d1.startsWith("```yaml\nservices:")).toBe(true);
    // Cut at a line end: every code line is whole.
    expect(d1).toMatch(/image: nginx\n```\n\n\*Not shown here: [\d,]+ lines of an example\.\*/);
    const prose = section({ summary: "容器".repeat(15_000), examples: [] });
    const m2 = renderAnswer(answer({ sections: [prose] }));
    expectWithinLimits(m2);
    expect(m2.embeds[0]?.description).toMatch(/容…\n\n\*Not shown here: 1 paragraph\.\*/);
  });

  it("keeps backticks inside example code from closing the fence", () => {
    const tricky = section({ examples: [{ lang: "markdown", code: "```bash\necho hi\n```" }] });
    const m = renderAnswer(answer({ sections: [tricky] }));
    expect(fenceCount(m.embeds[0]?.description ?? "")).toBe(2);
  });

  it("sets allowed_mentions empty even when the notes ping everyone", () => {
    const m = renderAnswer(answer({ sections: [section({ summary: "@everyone <@123> <@&456> look" })] }));
    expect(m.allowed_mentions).toEqual({ parse: [] });
    expect(m.embeds[0]?.description).toContain("@everyone");
  });
});

describe("compare, misses, topics, share", () => {
  it("renders compare with the direct comparison first, then the two sides as inline fields", () => {
    const left = section({ id: "l", title: "CMD", summary: "CMD 提供默认命令。".repeat(400) });
    const right = section({ id: "r", title: "ENTRYPOINT", summary: "ENTRYPOINT 固定入口。" });
    const direct = section({ id: "d", title: "CMD 和 ENTRYPOINT 的区别", summary: longSummary() });
    const m = renderAnswer(
      {
        type: "compare",
        command: "compare",
        query: "compare cmd entrypoint",
        matched: true,
        a: "cmd",
        b: "entrypoint",
        direct,
        left,
        right,
        confidence: "high",
      },
      { ref: "tcompare cmd vs entrypoint" },
    );
    expectWithinLimits(m);
    expect(m.embeds[0]?.title).toBe("Comparison: CMD 和 ENTRYPOINT 的区别");
    expect(m.embeds[1]?.title).toBe("cmd vs entrypoint");
    expect(m.embeds[1]?.fields?.map((f) => [f.name, f.inline])).toEqual([
      ["cmd: CMD", true],
      ["entrypoint: ENTRYPOINT", true],
    ]);
  });

  it("offers suggestions as buttons, with long titles kept behind a short key", async () => {
    const refs = new QueryRefs();
    const long = "一个非常非常长的标题".repeat(12);
    const suggestions = ["Docker network", "端口映射", long, "数据卷", "--restart", "镜像", "容器"];
    const m = renderAnswer(
      {
        type: "miss",
        command: "explain",
        query: "explain kubernetes ingress",
        matched: false,
        reason: { kind: "not-found", searched: "kubernetes ingress", unknownFlags: [] },
        suggestions,
      },
      {},
      (t) => refs.refFor(t),
    );
    expectWithinLimits(m);
    expect(m.embeds[0]?.title).toContain("kubernetes ingress");
    const buttons = m.components.flatMap((r) => r.components);
    expect(m.components.map((r) => r.components.length)).toEqual([5, 2]);
    expect(buttons.map((b) => b.label)).toContain("端口映射");
    const longButton = buttons[2];
    const state = decodeCustomId(longButton?.custom_id ?? "");
    expect(state?.action).toBe("ask");
    expect(state?.ref.startsWith("k")).toBe(true);
    expect(await refs.resolve(state?.ref ?? "")).toBe(`explain ${long}`);
    expect(await refs.resolve(decodeCustomId(buttons[1]?.custom_id ?? "")?.ref ?? "")).toBe("explain 端口映射");
  });

  it("pages a huge outline: whole lines, page n of m, Previous and Next", () => {
    const outline = Array.from({ length: 600 }, (_, i) => ({
      id: `s${i}`,
      title: `标题 ${i}`,
      level: 2 + (i % 3),
      depth: i % 3,
      source: { file: "knowledge/docker-notes.md", line: i },
    }));
    const topics = { type: "topics", command: "topics", query: "topics", matched: true, outline } as const;
    const m = renderAnswer(topics, { links: { template: SOURCE }, ref: "ttopics" });
    expectWithinLimits(m);
    const d = m.embeds[0]?.description ?? "";
    expect(d.split("\n")[0]).toBe("• [标题 0](https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L0)");
    expect(d.split("\n")).toHaveLength(30);
    expect(m.embeds[0]?.footer?.text).toBe("Page 1 of 20 · 600 headings");
    const [previous, next] = m.components[0]!.components;
    expect(previous?.disabled).toBe(true);
    expect(decodeCustomId(next!.custom_id)).toEqual({ action: "page", page: 1, ref: "ttopics" });
    const last = renderAnswer(topics, { ref: "ttopics", page: 19 });
    expect(last.embeds[0]?.description?.split("\n").at(-1)).toBe("\u2003\u2003• 标题 599");
    expect(last.components[0]!.components[1]?.disabled).toBe(true);
  });

  it("titles an outline below a heading with the heading asked for, however it was typed", () => {
    const m = renderAnswer({
      type: "topics",
      command: "topics",
      query: "/docker topics docker network",
      matched: true,
      heading: "docker network",
      outline: [],
    });
    expect(m.embeds[0]?.title).toBe("Topics under “docker network”");
  });

  it("shares publicly, crediting the user without pinging anyone; its buttons are the sharer's", () => {
    const m = renderShared(answer(), "42");
    expect(m.content).toBe("shared by <@42>");
    expect(m.allowed_mentions).toEqual({ parse: [] });
    expect(m.components).toEqual([]);
    const withButtons = renderShared(answer(), "42", { ref: "tq" });
    const ids = withButtons.components.flatMap((r) => r.components.map((b) => decodeCustomId(b.custom_id)));
    expect(ids.map((s) => s?.action)).toEqual(["next", "ex", "up", "down", "del"]);
    for (const s of ids) expect(s?.owner).toBe("42");
    expect(m.embeds[0]?.description).toContain("unless-stopped");
  });

  it("answers refused input as plain text", () => {
    const m = renderAnswer({
      type: "invalid",
      command: "invalid",
      query: "explain",
      matched: false,
      problem: { kind: "needs-argument", command: "explain", example: "x".repeat(5000) },
    });
    expectWithinLimits(m);
    expect(m.embeds).toEqual([]);
    expect(m.content?.length).toBe(2000);
  });
});

import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { ACTION_IDS, decodeActionValue, markdownToMrkdwn, renderSlackAnswer } from "../../src/render/slack/index.js";
import { buttons, makeAnswer, makeSection, texts } from "./slack-helpers.js";

const SOURCE_URL = "https://github.com/org/notes/blob/main/{file}#L{line}";

describe("renderSlackAnswer: explain", () => {
  const { blocks, text } = renderSlackAnswer(makeAnswer(), { links: { template: SOURCE_URL } });

  it("starts with the section title as a header", () => {
    expect(blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "7. 自动重启", emoji: true } });
    expect(text).toContain("7. 自动重启");
  });

  it("puts the breadcrumb and a linked source in a context block", () => {
    const ctx = blocks[1];
    expect(ctx?.type).toBe("context");
    const t = texts([ctx!])[0]!.text;
    expect(t).toContain("Docker run › docker run的配置命令 › 7. 自动重启");
    expect(t).toContain(
      "<https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L224|knowledge/docker-notes.md:224>",
    );
    expect(t).toContain("result 1 of 2");
  });

  it("converts the summary to mrkdwn", () => {
    const summary = texts(blocks).find((t) => t.text.includes("重启策略"))!.text;
    expect(summary).toContain("• *`--restart`*");
    expect(summary).toContain("<https://docs.docker.com/engine/containers/start-containers-automatically/|文档>");
  });

  it("shows each example as a code block with its language", () => {
    expect(texts(blocks).map((t) => t.text)).toContain(
      "*bash*\n```\ndocker run --restart unless-stopped my_image\n```",
    );
  });

  it("offers share, next, examples only and feedback with unique ids and decodable values", () => {
    const b = buttons(blocks);
    expect(b.map((x) => x.action_id)).toEqual([
      ACTION_IDS.share,
      ACTION_IDS.next,
      ACTION_IDS.examples,
      ACTION_IDS.feedbackUp,
      ACTION_IDS.feedbackDown,
    ]);
    expect(decodeActionValue(b[1]!.value)).toEqual({ q: "explain --restart", p: 1 });
    expect(decodeActionValue(b[2]!.value)).toEqual({ q: "explain --restart", p: 0, x: true });
    expect(decodeActionValue(b[3]!.value)).toMatchObject({ s: "knowledge/docker-notes.md#7-自动重启", v: "up" });
  });

  it("without a template the source is plain text", () => {
    const plain = renderSlackAnswer(makeAnswer());
    expect(texts(plain.blocks).find((t) => t.where === "1.context0")!.text).toContain("knowledge/docker-notes.md:224");
    expect(JSON.stringify(plain.blocks)).not.toContain("https://github.com");
  });
});

describe("renderSlackAnswer: views", () => {
  it("pages to the second section, without a Next button on the last", () => {
    const { blocks } = renderSlackAnswer(makeAnswer(), { page: 1 });
    expect(texts(blocks)[0]!.text).toBe("Other");
    expect(buttons(blocks).map((b) => b.action_id)).not.toContain(ACTION_IDS.next);
  });

  it("examples only drops the summary and offers the full answer back", () => {
    const { blocks } = renderSlackAnswer(makeAnswer(), { examplesOnly: true });
    expect(JSON.stringify(blocks)).not.toContain("重启策略");
    expect(JSON.stringify(blocks)).toContain("unless-stopped");
    expect(buttons(blocks).map((b) => b.action_id)).toContain(ACTION_IDS.full);
  });

  it("a shared answer names who shared it; its buttons belong to the sharer, who may delete it", () => {
    const { blocks } = renderSlackAnswer(makeAnswer(), { sharedBy: "U0ABC" });
    expect(JSON.stringify(blocks)).toContain("shared by <@U0ABC>");
    const b = buttons(blocks);
    expect(b.map((x) => x.action_id)).toEqual([
      ACTION_IDS.next,
      ACTION_IDS.examples,
      ACTION_IDS.feedbackUp,
      ACTION_IDS.feedbackDown,
      ACTION_IDS.delete,
    ]);
    for (const x of b) expect(decodeActionValue(x.value)?.u).toBe("U0ABC");
  });

  it("a bogus sharer id is escaped, never a mention", () => {
    const { blocks } = renderSlackAnswer(makeAnswer(), { sharedBy: "<!channel>" });
    expect(JSON.stringify(blocks)).not.toContain("<!channel>");
  });

  it("a miss shows the message and the suggestions as buttons", () => {
    const answer: Answer = {
      type: "miss",
      command: "explain",
      query: "explain --gpus",
      matched: false,
      reason: { kind: "not-found", searched: "--gpus", unknownFlags: [] },
      suggestions: ["限制资源使用", "端口映射"],
    };
    const { blocks } = renderSlackAnswer(answer);
    // The closest topics appear once: as buttons, not again in the text.
    expect(texts(blocks)[0]!.text).toBe("I found nothing about “--gpus” in the notes.");
    expect(texts(blocks)[1]!.text).toBe("Closest topics in the notes:");
    // Without buttons the text lists them.
    expect(texts(renderSlackAnswer(answer, { interactive: false }).blocks).map((x) => x.text)).toEqual([
      "I found nothing about “--gpus” in the notes. Closest topics: “限制资源使用”, “端口映射”.",
    ]);
    const b = buttons(blocks);
    expect(b.map((x) => x.action_id)).toEqual(["docker_suggest_0", "docker_suggest_1"]);
    expect(decodeActionValue(b[1]!.value)).toEqual({ q: "explain 端口映射", p: 0 });
  });

  it("a topics miss is a miss like any other: the message and the suggestions as buttons", () => {
    const { blocks } = renderSlackAnswer({
      type: "miss",
      command: "topics",
      query: "topics kubernetes",
      matched: false,
      reason: { kind: "not-found", searched: "kubernetes", unknownFlags: [] },
      suggestions: ["Docker run"],
    });
    expect(texts(blocks)[0]!.text).toMatch(/^I found nothing about “kubernetes”/);
    expect(decodeActionValue(buttons(blocks)[0]!.value)).toEqual({ q: "explain Docker run", p: 0 });
  });

  it("compare puts both sides side by side in fields", () => {
    const left = makeSection({ id: "l", title: "CMD", summary: "默认命令" });
    const right = makeSection({ id: "r", title: "ENTRYPOINT", summary: "入口点" });
    const answer: Answer = {
      type: "compare",
      command: "compare",
      query: "compare cmd entrypoint",
      matched: true,
      a: "cmd",
      b: "entrypoint",
      left,
      right,
      confidence: "high",
    };
    const { blocks } = renderSlackAnswer(answer);
    expect(texts(blocks)[0]!.text).toBe("cmd vs entrypoint");
    const fields = blocks.find((b) => b.type === "section" && b.fields);
    expect(fields && fields.type === "section" && fields.fields?.map((f) => f.text.split("\n")[0])).toEqual([
      "*cmd: CMD*  knowledge/docker-notes.md:224",
      "*entrypoint: ENTRYPOINT*  knowledge/docker-notes.md:224",
    ]);
  });

  it("topics lists the outline indented, linked when a template is set", () => {
    const outline = [
      { id: "a", title: "Docker run", level: 1, depth: 0, source: { file: "knowledge/docker-notes.md", line: 60 } },
      { id: "b", title: "端口映射", level: 3, depth: 1, source: { file: "knowledge/docker-notes.md", line: 175 } },
    ];
    const topics: Answer = { type: "topics", command: "topics", query: "topics", matched: true, outline };
    const { blocks } = renderSlackAnswer(topics, { links: { template: SOURCE_URL } });
    const body = texts(blocks).find((t) => t.text.includes("端口映射"))!.text;
    expect(body).toBe(
      "• <https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L60|Docker run>\n    • <https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L175|端口映射>",
    );
  });

  it("help lists every command", () => {
    const { blocks } = renderSlackAnswer({ type: "help", command: "help", query: "help", matched: true });
    const all = JSON.stringify(blocks);
    for (const c of ["explain", "compare", "search", "examples", "topics"]) expect(all).toContain(`/docker ${c}`);
  });
});

describe("markdownToMrkdwn", () => {
  it("converts bold, italic, code, lists, headings and links", () => {
    expect(
      markdownToMrkdwn("## Title\n**bold** and *it* and `a*b`\n* item\n  - sub\n1. one\n[x](https://a.b/c?d=1&e=2)"),
    ).toBe("*Title*\n*bold* and _it_ and `a*b`\n• item\n    • sub\n1. one\n<https://a.b/c?d=1&amp;e=2|x>");
  });

  it("keeps non-http links as text", () => {
    expect(markdownToMrkdwn("[click](javascript:alert(1))")).toBe("click");
  });
});

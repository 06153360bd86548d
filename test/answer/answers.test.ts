import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { answerSections } from "../../src/answer/answer-sections.js";
import type { Bot } from "../../src/answer/bot.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { renderJson } from "../../src/render/json.js";
import { renderText } from "../../src/render/text.js";
import { answerMessage } from "../../src/render/wording.js";
import { answerOf, ROOT } from "../helpers.js";

let bot: Bot;
beforeAll(async () => {
  bot = await loadBot({
    knowledgeDir: join(ROOT, "knowledge"),
    indexFile: join(ROOT, "test/fixtures/no-such-index.json"),
    rootDir: ROOT,
  });
});

describe("answers", () => {
  it("explains a flag with its section, summary, example and source line", async () => {
    const a = await bot.ask("/docker explain --restart");
    expect(a).toMatchObject({ command: "explain", matched: true });
    const s = answerSections(a)[0]!;
    expect(s.headingPath).toEqual(["Docker run", "docker run的配置命令", "7. 自动重启"]);
    expect(s.summary).toContain("--restart");
    expect(s.summary).not.toContain("示例");
    expect(s.examples[0]).toEqual({ lang: "bash", code: "docker run --restart unless-stopped my_image" });
    expect(s.source).toEqual({ file: "knowledge/docker-notes.md", line: 224 });
    expect(s.score).toBe(1);
  });

  it("compares with the direct comparison first, then each side", async () => {
    const a = answerOf(await bot.ask("/docker compare cmd entrypoint"), "compare");
    expect(a.direct?.title).toBe("CMD vs ENTRYPOINT");
    expect(answerSections(a)[0]!.title).toBe("CMD vs ENTRYPOINT");
    // the chapter's key-differences subsection is part of the direct answer
    expect(a.direct?.summary).toContain("**主要区别**");
    expect(a.left?.title).toMatch(/\bCMD\b/);
    expect(a.right?.title).toMatch(/ENTRYPOINT|入口点/);
    expect(a.left?.title).not.toMatch(/ENTRYPOINT/);
    const zh = answerOf(await bot.ask("/docker 镜像和容器的区别"), "compare");
    expect(zh.direct?.title).toBe("Image vs Container");
  });

  it("finds the comparison section when the two sides can't be told apart", async () => {
    const a = await bot.ask("/docker compare docker container virtual machine");
    expect(answerSections(a)[0]!.title).toBe("Docker Container vs Virtual Machine");
  });

  it("answers what a comparison asks about with the subsection of the comparison that says it", async () => {
    const safer = answerOf(await bot.ask("容器跟虛擬機哪個比較安全"), "compare");
    expect(safer.direct?.title).toBe("3. 隔离性和安全性");
    // no aspect, or one no subsection heads with: the whole comparison
    expect(answerOf(await bot.ask("容器和虚拟机有啥区别"), "compare").direct?.title).toBe(
      "Docker Container vs Virtual Machine",
    );
    expect(answerOf(await bot.ask("/docker compare cmd entrypoint"), "compare").direct?.title).toBe(
      "CMD vs ENTRYPOINT",
    );
  });

  it("explains the flag a question asks about, and says how it read a typo", async () => {
    const a = answerOf(await bot.ask("what does `-it` mean"), "sections");
    expect(a.command).toBe("explain");
    expect(a.sections[0]!.title).toContain("-it");
    const typo = answerOf(await bot.ask("/docker explain --netwrok"), "sections");
    expect(typo.sections[0]!.title).toBe("8. 连接到网络");
    expect(typo.corrections).toEqual([{ typed: "--netwrok", read: "--network" }]);
    expect(answerMessage(typo)).toContain("Did you mean `--network`?");
  });

  it("says how sure it is: confident, closest match, or nothing", async () => {
    const sure = answerOf(await bot.ask("怎么把主机端口映射到容器"), "sections");
    expect(sure.confidence).toBe("high");
    expect(JSON.parse(renderJson(sure))).toMatchObject({ confidence: "high" });
    // part of the question (`tmux`) is said nowhere: the closest match, said so
    const closest = answerOf(await bot.ask("run a container in the background without tmux"), "sections");
    expect(closest.confidence).toBe("low");
    expect(answerMessage(closest)).toMatch(/closest match/);
    expect(JSON.parse(renderJson(closest))).toMatchObject({ matched: true, confidence: "low" });
    const nothing = await bot.ask("kubernetes deployment rollback");
    expect(nothing.matched).toBe(false);
    expect(JSON.parse(renderJson(nothing))).not.toHaveProperty("confidence");
  });

  it("compares only when the notes know both sides", async () => {
    const a = await bot.ask("podman 跟 docker 有啥区别");
    expect(a).toMatchObject({ type: "miss", reason: { kind: "no-comparison" } });
    const free = answerOf(await bot.ask("entrypoint 跟 cmd 差在哪"), "compare");
    expect(free.direct?.title).toBe("CMD vs ENTRYPOINT");
    expect(free.confidence).toBe("high");
  });

  it("reads the sides of a comparison asked with context around them as the words next to the 'or'", async () => {
    const a = answerOf(await bot.ask("dockerfile 最后一行写 CMD 还是 ENTRYPOINT 比较好"), "compare");
    expect(a.direct?.title).toBe("CMD vs ENTRYPOINT");
    expect([a.a, a.b]).toEqual(["CMD", "ENTRYPOINT"]);
    // …never making a comparison of a side the notes lack.
    expect(await bot.ask("docker save 跟 docker export 差在哪")).toMatchObject({ matched: false });
  });

  it("compares without a direct section by showing the best of each side", async () => {
    const a = answerOf(await bot.ask("/docker compare overlay bridge"), "compare");
    expect(a.direct).toBeUndefined();
    expect(answerSections(a).map((s) => s.title)).toEqual([
      "3. Overlay Network（覆盖网络）",
      "1. Bridge Network（桥接网络）",
    ]);
  });

  it("gives only runnable examples for `examples`, borrowing a chapter's subsections'", async () => {
    const a = answerOf(await bot.ask("/docker examples --volume"), "sections");
    expect(a.sections[0]!.examples[0]!.code).toContain("-v /host/path:/container/path");
    const chapter = answerOf(await bot.ask("/docker examples docker run 与容器交互举例"), "sections");
    expect(chapter.sections.length).toBeGreaterThan(1);
    expect(chapter.sections.every((s) => s.examples.length > 0)).toBe(true);
  });

  it("says plainly when the notes have no answer; suggestions are partial matches, never bare chapter titles", async () => {
    const a = answerOf(await bot.ask("/docker explain --privileged"), "miss");
    expect(a.matched).toBe(false);
    expect(answerMessage(a)).toMatch(/found nothing about “--privileged”/);
    expect(answerMessage(a)).toMatch(/Give extended privileges/);
    // Nothing in the notes shares a word with it: no "closest" chapters that are not close.
    expect(a.suggestions).toEqual([]);
    const partly = answerOf(await bot.ask("/docker explain kubernetes ingress"), "miss");
    expect(partly.suggestions.length).toBeGreaterThan(0);
    expect(partly.suggestions.some((s) => /Network|网络/.test(s))).toBe(true);
    expect(partly.suggestions).not.toContain("Docker Commands");
  });

  it("lists the outline, or one heading's part of it", async () => {
    const all = answerOf(await bot.ask("/docker topics"), "topics");
    expect(all.outline[0]).toMatchObject({ title: "Docker Commands", depth: 0 });
    const net = answerOf(await bot.ask("/docker topics docker network"), "topics");
    expect(net.outline.map((o) => o.title)).toContain("7. Custom Network（自定义网络）");
    expect(net.outline.some((o) => o.title === "Docker Commands")).toBe(false);
  });

  it("answers help and bad input without throwing", async () => {
    expect(answerMessage(await bot.ask("/docker help"))).toContain("/docker explain <topic>");
    const bad = await bot.ask("");
    expect(bad).toMatchObject({ command: "invalid", matched: false });
  });

  it("renders the JSON contract and the terminal text", async () => {
    const a = await bot.ask("/docker explain --restart");
    const json = JSON.parse(renderJson(a)) as { results: unknown[] };
    expect(json).toMatchObject({ query: "/docker explain --restart", command: "explain", matched: true });
    expect(json.results[0]).toMatchObject({
      headingPath: ["Docker run", "docker run的配置命令", "7. 自动重启"],
      source: { file: "knowledge/docker-notes.md", line: 224 },
    });
    const text = renderText(a);
    expect(text).toContain("Docker run › docker run的配置命令 › 7. 自动重启");
    expect(text).toContain("```bash\ndocker run --restart unless-stopped my_image\n```");
    expect(text).toContain("source: knowledge/docker-notes.md:224");
  });
});

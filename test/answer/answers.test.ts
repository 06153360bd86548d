import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/answer/bot.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { renderJson } from "../../src/render/json.js";
import { renderText } from "../../src/render/text.js";
import { ROOT } from "../helpers.js";

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
    expect(a).toMatchObject({ kind: "explain", matched: true });
    const s = a.sections[0]!;
    expect(s.headingPath).toEqual(["Docker run", "docker run的配置命令", "7. 自动重启"]);
    expect(s.summary).toContain("--restart");
    expect(s.summary).not.toContain("示例");
    expect(s.examples[0]).toEqual({ lang: "bash", code: "docker run --restart unless-stopped my_image" });
    expect(s.source).toEqual({ file: "knowledge/docker-notes.md", line: 224 });
    expect(s.score).toBe(1);
  });

  it("compares with the direct comparison first, then each side", async () => {
    const a = await bot.ask("/docker compare cmd entrypoint");
    expect(a.compare?.direct?.title).toBe("CMD vs ENTRYPOINT");
    expect(a.sections[0]!.title).toBe("CMD vs ENTRYPOINT");
    // the chapter's key-differences subsection is part of the direct answer
    expect(a.compare?.direct?.summary).toContain("**主要区别**");
    expect(a.compare?.left?.title).toMatch(/\bCMD\b/);
    expect(a.compare?.right?.title).toMatch(/ENTRYPOINT|入口点/);
    expect(a.compare?.left?.title).not.toMatch(/ENTRYPOINT/);
    const zh = await bot.ask("/docker 镜像和容器的区别");
    expect(zh.compare?.direct?.title).toBe("Image vs Container");
  });

  it("finds the comparison section when the two sides can't be told apart", async () => {
    const a = await bot.ask("/docker compare docker container virtual machine");
    expect(a.sections[0]!.title).toBe("Docker Container vs Virtual Machine");
  });

  it("explains the flag a question asks about, and says how it read a typo", async () => {
    const a = await bot.ask("what does `-it` mean");
    expect(a).toMatchObject({ kind: "explain", matched: true });
    expect(a.sections[0]!.title).toContain("-it");
    const typo = await bot.ask("/docker explain --netwrok");
    expect(typo.sections[0]!.title).toBe("8. 连接到网络");
    expect(typo.message).toContain("Did you mean `--network`?");
  });

  it("says how sure it is: confident, closest match, or nothing", async () => {
    const sure = await bot.ask("怎么把主机端口映射到容器");
    expect(sure).toMatchObject({ matched: true, confidence: "high" });
    expect(JSON.parse(renderJson(sure)).confidence).toBe("high");
    // part of the question (`close`, `keep`) is said nowhere: the closest match, said so
    const closest = await bot.ask("keep a container running after I close the terminal");
    expect(closest).toMatchObject({ matched: true, confidence: "low" });
    expect(closest.message).toMatch(/closest match/);
    const nothing = await bot.ask("kubernetes deployment rollback");
    expect(nothing.matched).toBe(false);
    expect(nothing.confidence).toBeUndefined();
    expect(JSON.parse(renderJson(nothing)).confidence).toBeUndefined();
  });

  it("compares without a direct section by showing the best of each side", async () => {
    const a = await bot.ask("/docker compare overlay bridge");
    expect(a.compare?.direct).toBeUndefined();
    expect(a.sections.map((s) => s.title)).toEqual(["3. Overlay Network（覆盖网络）", "1. Bridge Network（桥接网络）"]);
  });

  it("gives only runnable examples for `examples`, borrowing a chapter's subsections'", async () => {
    const a = await bot.ask("/docker examples --volume");
    expect(a.sections[0]!.examples[0]!.code).toContain("-v /host/path:/container/path");
    const chapter = await bot.ask("/docker examples docker run 与容器交互举例");
    expect(chapter.sections.length).toBeGreaterThan(1);
    expect(chapter.sections.every((s) => s.examples.length > 0)).toBe(true);
  });

  it("says plainly when the notes have no answer, with suggestions", async () => {
    const a = await bot.ask("/docker explain --privileged");
    expect(a.matched).toBe(false);
    expect(a.message).toMatch(/found nothing about “--privileged”/);
    expect(a.message).toMatch(/Give extended privileges/);
    expect(a.suggestions.length).toBeGreaterThan(0);
  });

  it("lists the outline, or one heading's part of it", async () => {
    const all = await bot.ask("/docker topics");
    expect(all.outline?.[0]).toMatchObject({ title: "Docker Commands", depth: 0 });
    const net = await bot.ask("/docker topics docker network");
    expect(net.outline?.map((o) => o.title)).toContain("7. Custom Network（自定义网络）");
    expect(net.outline?.some((o) => o.title === "Docker Commands")).toBe(false);
  });

  it("answers help and bad input without throwing", async () => {
    expect((await bot.ask("/docker help")).message).toContain("/docker explain <topic>");
    const bad = await bot.ask("");
    expect(bad).toMatchObject({ kind: "invalid", matched: false });
  });

  it("renders the JSON contract and the terminal text", async () => {
    const a = await bot.ask("/docker explain --restart");
    const json = JSON.parse(renderJson(a));
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

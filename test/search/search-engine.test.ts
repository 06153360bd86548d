import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../../src/search/knowledge-base.js";
import type { SearchEngine } from "../../src/search/search-engine.js";
import { ROOT } from "../helpers.js";

let engine: SearchEngine;
beforeAll(async () => {
  engine = (await buildKnowledgeBase({ knowledgeDir: join(ROOT, "knowledge"), rootDir: ROOT })).engine;
});

const top = async (q: string) => (await engine.search(q)).results[0]?.section.title;

describe("search on the team's notes", () => {
  it("puts the flag's own section first", async () => {
    expect(await top("--restart")).toBe("7. 自动重启");
    expect(await top("-p")).toBe("3. 端口映射");
  });

  it("finds a section that only shows the short flag from the long one", async () => {
    expect(await top("--publish")).toBe("3. 端口映射");
    expect(await top("--env")).toBe("2. 设置环境变量");
  });

  it("answers an English question from a Chinese section", async () => {
    expect(await top("run a container in the background")).toBe("5. 后台运行容器");
    expect(await top("environment variables")).toBe("2. 设置环境变量");
  });

  it("ranks a heading match over a body match", async () => {
    const o = await engine.search("copy-on-write");
    expect(o.results[0]!.section.title).toContain("写时复制");
  });

  it("abstains when the question's meaningful words are not in the notes", async () => {
    for (const q of ["kubernetes ingress", "--privileged", "what is the capital of France", "the of and"]) {
      const o = await engine.search(q);
      expect(o.matched, q).toBe(false);
      expect(o.results).toEqual([]);
    }
  });

  it("does not answer a flag found only through a synonym of its name (-a → attach → 附加)", async () => {
    expect((await engine.search("-a")).matched).toBe(false);
    // …while a flag the notes show in an example or prose is answered
    expect((await engine.search("--cpus")).matched).toBe(true);
  });

  it("explains a known flag the notes don't cover; suggests only headings that match part of a question", async () => {
    const o = await engine.search("--privileged");
    expect(o.unknownFlags[0]?.long).toBe("--privileged");
    // No section shares anything with it: the top of the outline is not "close".
    expect(o.suggestions).toEqual([]);
    const partly = await engine.search("kubernetes ingress");
    expect(partly.matched).toBe(false);
    expect(partly.suggestions.length).toBeGreaterThan(0);
    for (const title of partly.suggestions) expect(title).not.toBe("Docker Commands");
  });

  it("does not let a single letter prefix-match the corpus", async () => {
    expect((await engine.search("e")).matched).toBe(false);
  });

  it("autocompletes flags and titles, Chinese and English, at most 25", async () => {
    const res = await engine.autocomplete("res");
    expect(res.length).toBeLessThanOrEqual(25);
    expect(res.map((c) => c.value)).toContain("--restart");
    expect((await engine.autocomplete("端口")).map((c) => c.value)).toContain("3. 端口映射");
    expect((await engine.autocomplete("")).length).toBe(25);
  });

  it("reads a misspelt flag or word as the one the notes know, and says so", async () => {
    const flag = await engine.search("--netwrok");
    expect(flag.results[0]?.section.title).toBe("8. 连接到网络");
    expect(flag.corrections).toEqual([{ typed: "--netwrok", read: "--network" }]);
    const word = await engine.search("how to set enviroment variables");
    expect(word.results[0]?.section.title).toBe("2. 设置环境变量");
    expect(word.corrections).toEqual([{ typed: "enviroment", read: "environment" }]);
    // a flag the notes don't cover, misspelt: read as the flag, still not answered
    const uncovered = await engine.search("--privilegd");
    expect(uncovered.matched).toBe(false);
    expect(uncovered.unknownFlags[0]?.long).toBe("--privileged");
  });

  it("reads a Chinese word typed with a homophone (IME) as the word of the notes that sounds the same", async () => {
    const o = await engine.search("容器日制怎么看");
    expect(o.results[0]?.section.title).toBe("15. 查看容器日志");
    expect(o.corrections).toEqual([{ typed: "日制", read: "日志" }]);
  });

  it("reads a short flag name as the one flag that close, and a word of the language never as a typo", async () => {
    const flag = await engine.search("docker run --rn");
    expect(flag.corrections).toEqual([{ typed: "--rn", read: "--rm" }]);
    expect(flag.results[0]?.section.title).toContain("一次性");
    // `existing` is one swap from `exits` (a word of the glossary), but it is a word: meant, not mistyped
    const word = await engine.search("join a container to an existing network");
    expect(word.corrections).toEqual([]);
  });

  it("weighs an everyday word the notes hold in another sense little (`go`, not Go templates)", async () => {
    const o = await engine.search("where did my app's stdout go");
    expect(o.matched).toBe(true);
    expect(o.results[0]?.section.title).toBe("15. 查看容器日志");
  });

  it("keeps a Chinese word the notes lack whole, so it still counts against answering", async () => {
    const o = await engine.search("容器里的时区不对怎么改");
    expect(o.plan.groups.some((g) => g.label.startsWith("时区"))).toBe(true);
  });
});

describe("words the glossary says as part of a phrase", () => {
  it("reads `mode` of `background mode` as part of the background concept, not as a topic the notes lack", async () => {
    const plan = engine.plan("background mode");
    expect(plan.groups.map((g) => g.label)).toEqual(["background"]);
    const outcome = await engine.search("background mode");
    expect(outcome.matched).toBe(true);
    expect(outcome.results[0]?.section.title).toBe("5. 后台运行容器");
  });

  it("keeps a word the notes lack when no other group says it (`podman` is still a topic)", () => {
    expect(engine.plan("podman mode").groups.map((g) => g.label)).toContain("podman");
  });
});

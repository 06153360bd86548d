import { describe, expect, it } from "vitest";
import { planQuery } from "../../src/search/query-plan.js";
import { language } from "../helpers.js";

describe("analyzer", () => {
  const { analyzer } = language();

  it("handles mixed Chinese, English and flags in one text", () => {
    const terms = analyzer.terms("怎么用 --restart 让 containers 自动重启？docker run -it");
    expect(terms).toEqual(
      expect.arrayContaining([
        "--restart",
        "contain",
        "自动重启",
        "docker",
        "run",
        "-it",
        "-i",
        "-t",
        "--interactive",
        "--tty",
      ]),
    );
    expect(terms).not.toContain("怎么");
  });

  it("keeps flags whole and adds their aliases (-e ≡ --env, -p ≡ --publish)", () => {
    expect(analyzer.terms("-e FOO=1")).toEqual(expect.arrayContaining(["-e", "--env"]));
    expect(analyzer.terms("--publish 80:80")).toEqual(expect.arrayContaining(["--publish", "-p"]));
    // `docker-compose` is a word, not a flag
    expect(analyzer.terms("docker-compose file")).toEqual(["docker", "compos", "file"]);
  });

  it("segments Chinese into words, keeping glossary terms whole", () => {
    expect(analyzer.terms("写时复制机制")).toContain("写时复制");
    expect(analyzer.terms("镜像和容器")).toEqual(["镜像", "容器"]);
  });

  it("drops stop words and lone letters so they cannot prefix-match the corpus", () => {
    expect(analyzer.terms("what is a e of the")).toEqual([]);
  });

  it("expands queries through the glossary both ways, and phrases first", () => {
    const plan = planQuery("how do I set the working directory", language());
    const wd = plan.groups.find((g) => g.members.some((m) => m.join(" ") === "工作目录"));
    expect(wd?.label).toBe("work directori");
    const zh = planQuery("重启", language());
    expect(zh.terms).toContain("restart");
  });

  it("never lets a glossary phrase that shrinks to another word stand for it (log in ≠ log)", () => {
    const plan = planQuery("log", language());
    expect(plan.terms).toContain("日志");
    expect(plan.terms).not.toContain("登录");
  });

  it("expands a long flag to its short form and its meaning", () => {
    const plan = planQuery("--env", language());
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]!.flags).toEqual(["--env", "-e"]);
    expect(plan.terms).toEqual(expect.arrayContaining(["--env", "-e", "env", "环境变量"]));
  });
});

describe("vocabulary segmenter (questions against a loaded snapshot)", () => {
  it("takes the longest known word, keeps unknown characters together, yields known parts", async () => {
    const { createVocabularySegmenter } = await import("../../src/search/segment-cjk.js");
    const seg = createVocabularySegmenter(["怎么", "把", "主机", "端口", "映射", "端口映射", "容器", "到"]);
    expect(seg.segment("怎么把主机端口映射到容器")).toEqual([
      "怎么",
      "把",
      "主机",
      "端口映射",
      "端口",
      "映射",
      "到",
      "容器",
    ]);
    expect(seg.segment("配置反向代理")).toEqual(["配置反向代理"]);
    expect(seg.segment("容器反向代理")).toEqual(["容器", "反向代理"]);
  });

  it("glues lone characters the index holds only as pieces of other words into one unknown word", async () => {
    const { createVocabularySegmenter } = await import("../../src/search/segment-cjk.js");
    // 时, 区, 不 are index terms (pieces jieba emitted), but not words by themselves: 时区 stays whole
    const seg = createVocabularySegmenter(["容器", "里", "的", "时", "区", "不", "对", "层"], ["里", "的", "对", "层"]);
    expect(seg.segment("容器里的时区不对")).toEqual(["容器", "里", "的", "时区不", "对"]);
    expect(seg.segment("层")).toEqual(["层"]);
  });
});

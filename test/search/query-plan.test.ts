import { describe, expect, it } from "vitest";
import { compileGlossary } from "../../src/search/glossary.js";
import { loadLanguageData } from "../../src/search/language-data.js";
import { planQuery } from "../../src/search/query-plan.js";
import { language } from "../helpers.js";

const plan = (q: string) => planQuery(q, language());
const members = (q: string) => plan(q).groups.map((g) => g.members.map((m) => m.join(" ")));

describe("query plan", () => {
  it("makes a flag one group: the flag and its aliases say it exactly, its bare name and glossary words approximately", () => {
    const [g, ...rest] = plan("--restart").groups;
    expect(rest).toEqual([]);
    expect(g!.flags).toEqual(["--restart"]);
    expect(g!.strong).toBe(1);
    expect(g!.members.map((m) => m.join(" "))).toEqual(
      expect.arrayContaining(["--restart", "restart", "重启", "自动重启"]),
    );
    expect(g!.members[0]).toEqual(["--restart"]);
  });

  it("splits combined short flags into their letters and long forms, all exact", () => {
    const [g] = plan("-it").groups;
    expect(g!.flags).toEqual(["-it", "-i", "--interactive", "-t", "--tty"]);
    expect(g!.strong).toBe(5);
  });

  it("reads a glossary phrase as one group before its words (working directory → 工作目录)", () => {
    const [set, wd, ...rest] = members("how do I set the working directory");
    expect(rest).toEqual([]);
    expect(set).toEqual(expect.arrayContaining(["set", "设置"]));
    expect(wd![0]).toBe("work directori");
    expect(wd).toEqual(expect.arrayContaining(["workdir", "工作目录"]));
  });

  it("finds Chinese glossary terms inside a run, longest first, and segments the rest", () => {
    const groups = plan("怎么把主机端口映射到容器").groups;
    expect(groups[0]!.label).toBe("端口映射");
    expect(groups.map((g) => g.label).sort()).toEqual(["主机", "容器", "端口映射"].sort());
    expect(groups[0]!.members.map((m) => m.join(" "))).toContain("port");
  });

  it("drops question words and lone characters the glossary doesn't know", () => {
    expect(plan("怎么用").groups).toEqual([]);
    expect(plan("what is the of").groups).toEqual([]);
  });

  it("counts a concept typed in both languages once", () => {
    const groups = members("container 容器");
    expect(groups).toHaveLength(1);
    expect([...groups[0]!].sort()).toEqual(["contain", "容器"].sort());
  });

  it("puts the asker's own words first (literal) and the glossary's after them", () => {
    const [port] = plan("端口映射").groups;
    const own = port!.members.slice(0, port!.literal).map((m) => m.join(" "));
    expect(own).toContain("端口映射");
    expect(own).not.toContain("port");
    expect(port!.members.slice(port!.literal).map((m) => m.join(" "))).toContain("port");
    const [flag] = plan("--restart").groups;
    expect(flag!.literal).toBe(1);
  });

  it("lists every member's terms for candidate retrieval, without repeats", () => {
    const p = plan("limit memory 内存");
    expect(p.terms).toEqual([...new Set(p.terms)]);
    expect(p.terms).toEqual(expect.arrayContaining(["limit", "限制", "memori", "内存"]));
  });

  it("keeps a word no glossary knows as its own group", () => {
    expect(members("zorblax")).toEqual([["zorblax"]]);
  });

  it("reads question scaffolding as no content, in both languages", () => {
    expect(plan("what does -t do").groups.map((g) => g.label)).toEqual(["-t"]);
    expect(plan("-e 是干什么的").groups.map((g) => g.label)).toEqual(["-e"]);
    expect(plan("-v 参数是什么意思？").groups.map((g) => g.label)).toEqual(["-v", "参数"]);
    expect(members("is there a way to limit memory")).toEqual(members("limit memory"));
    expect(members("容器名字能不能自己定").sort()).toEqual(members("容器名字自己定").sort());
  });

  it("removes scaffolding only as whole words", () => {
    // `how` must not eat into `howl`, nor `what is` into `whatisit`
    expect(plan("how to howl").groups.map((g) => g.label)).toEqual(["howl"]);
    expect(plan("what is whatisit").groups.map((g) => g.label)).toEqual(["whatisit"]);
  });
});

describe("glossary phrases whose meaning is in their small words", () => {
  it("reads `no network` as the none network, not as any network", () => {
    const [g] = plan("a container with no network").groups.filter((x) => x.label === "no network");
    expect(g).toBeDefined();
    const said = g!.members.map((m) => m.join(" "));
    expect(said).toEqual(expect.arrayContaining(["none network", "无网络"]));
    // `network` alone says it only approximately: after the exact members.
    expect(said.indexOf("network")).toBeGreaterThanOrEqual(g!.strong);
  });

  it("reads `log in`, `shut down` and `can't connect` as their concepts", () => {
    expect(members("how to log in to a registry")[0]).toEqual(expect.arrayContaining(["login", "登录"]));
    expect(members("shut down a container")[0]).toEqual(expect.arrayContaining(["stop", "停止"]));
    expect(members("my app can't connect to the db")[0]).toEqual(expect.arrayContaining(["access", "访问"]));
  });

  it("never joins the words on either side of a phrase into another phrase", () => {
    const labels = plan("containers on the same host can't talk to each other by name").groups.map((g) => g.label);
    expect(labels).toContain("talk to each other");
    expect(labels).not.toContain("host name");
    expect(labels).toEqual(expect.arrayContaining(["host", "name"]));
  });
});

describe("quantities", () => {
  it("reads a Chinese number with its measure word as no part of the question", () => {
    const labels = plan("怎么看一个容器最近一百行的输出").groups.map((g) => g.label);
    expect(labels.some((l) => l.includes("一百") || l.includes("百行"))).toBe(false);
    expect(labels).toEqual(expect.arrayContaining(["容器", "输出"]));
    expect(plan("重试 5 次").groups.map((g) => g.label)).not.toContain("次");
  });

  it("keeps a word that holds a numeral (一次性, 一层一层)", () => {
    expect(plan("一次性容器").groups.map((g) => g.label)).toContain("一次性");
    expect(plan("镜像是一层一层的吗").groups.map((g) => g.label)).toContain("一层一层");
  });
});

describe("quantifiers and colloquial function words", () => {
  it("reads `none of my containers` as about containers, not the none network", () => {
    const labels = plan("server rebooted and none of my containers came back up").groups.map((g) => g.label);
    expect(labels).not.toContain("none");
    expect(plan("--network none").groups.map((g) => g.label)).toContain("none");
  });

  it("drops chat filler (马上, 到底, 怎么回事) so it never sticks to a neighbour as a name", () => {
    const labels = plan("到底怎么回事 容器启动后马上就停了").groups.map((g) => g.label);
    expect(labels.some((l) => /马上|到底|回事/.test(l))).toBe(false);
    expect(labels).toEqual(expect.arrayContaining(["容器", "启动"]));
  });

  it("drops 啥 and 只 as grammar (为啥只下载了几层)", () => {
    const labels = plan("pull 的时候为啥只下载了几层").groups.map((g) => g.label);
    expect(labels.some((l) => l.includes("啥") || l.includes("只"))).toBe(false);
  });
});

describe("glossary terms mixing Chinese and Latin letters", () => {
  // A question's Chinese runs are read apart from its Latin words: before, 免sudo or mac地址
  // never matched, since neither part alone is the term.
  const withTerms = (...groups: string[][]) => {
    const base = language();
    return { ...base, glossary: compileGlossary([...loadLanguageData().glossary, ...groups], base.analyzer) };
  };

  it("reads mac地址 as the MAC address, however it is spaced", () => {
    for (const q of ["怎么给容器指定mac地址", "怎么给容器指定 MAC 地址"]) {
      const said = members(q).find((g) => g.includes("mac address"));
      expect(said, q).toBeDefined();
    }
  });

  it("finds a mixed term inside a sentence, its Latin part only as a whole word", () => {
    const lang = withTerms(["rootless", "免sudo"]);
    const labels = (q: string) => planQuery(q, lang).groups.map((g) => g.label);
    expect(labels("怎么免sudo运行docker命令")).toContain("免sudo");
    expect(labels("怎么免 sudo 跑容器")).toContain("免 sudo");
    expect(planQuery("怎么免sudo运行", lang).groups[0]!.members.map((m) => m.join(" "))).toContain("rootless");
    expect(labels("免sudoers 文件")).not.toContain("免sudo");
  });
});

describe("a glossary term holding another concept's word", () => {
  const enterContainer = () => {
    const base = language();
    const groups = loadLanguageData().glossary.map((g) => (g.includes("进入") ? [...g, "进容器"] : g));
    return { ...base, glossary: compileGlossary(groups, base.analyzer) };
  };
  const labels = (q: string, lang = language()) => planQuery(q, lang).groups.map((g) => g.label);

  it("keeps the word a term ends with as its own concept when the term's group never says it", () => {
    // 进容器 means entering, and what is entered is the container: before, the term took 容器 away.
    const lang = enterContainer();
    expect(labels("怎么进容器里面看文件", lang)).toEqual(expect.arrayContaining(["进容器", "容器"]));
    expect(labels("打镜像的时候怎么不用缓存")).toEqual(expect.arrayContaining(["打镜像", "镜像"]));
  });

  it("keeps the word when the group only writes it beside others (`pull 镜像` is no way of saying image)", () => {
    const base = language();
    const groups = loadLanguageData().glossary.map((g) => (g.includes("拉取") ? [...g, "拉镜像", "pull 镜像"] : g));
    const lang = { ...base, glossary: compileGlossary(groups, base.analyzer) };
    expect(labels("拉镜像太慢了怎么办", lang)).toEqual(expect.arrayContaining(["拉镜像", "镜像"]));
  });

  it("leaves a word the term's group says (端口映射 holds `port mapping`), or one that only narrows the term, inside it", () => {
    expect(labels("端口映射怎么配")).not.toContain("映射");
    expect(labels("镜像仓库怎么搭")).not.toContain("镜像");
    expect(labels("服务器重启后容器没起来")).not.toContain("服务");
  });
});

describe("directional complements", () => {
  const enters = (q: string, lang = language()) =>
    planQuery(q, lang).groups.some((g) => g.members.some((m) => m.join(" ") === "enter"));

  it("reads 进去 after a verb as where the action goes, not as entering a container", () => {
    // 拷进去 is "copy in" (docker cp), 传…进去 "pass in": before, both asked for `docker exec`.
    expect(enters("怎么把本地的配置文件拷进去")).toBe(false);
    expect(enters("启动的时候怎么传个参数进去")).toBe(false);
    expect(enters("文件放不进去")).toBe(false);
    expect(plan("怎么把日志从容器里拷出来").groups.map((g) => g.label)).not.toContain("出来");
  });

  it("reads 进去 with no verb before it (after a question word or a stop word) as entering", () => {
    expect(enters("怎么进去容器")).toBe(true);
    expect(enters("容器跑起来以后可以进去看看吗")).toBe(true);
    expect(enters("不进去容器能改文件吗")).toBe(true);
  });

  it("reads 进去 after an adverb (直接, 再, 先) as entering: an adverb is no verb it could complete", () => {
    expect(enters("容器起来以后直接进去看看")).toBe(true);
    expect(enters("退出以后再进去")).toBe(true);
    expect(enters("先进去看一下日志")).toBe(true);
  });

  it("leaves a complement inside a longer glossary term to the term", () => {
    const base = language();
    const groups = loadLanguageData().glossary.map((g) => (g.includes("进入") ? [...g, "钻进去"] : g));
    const lang = { ...base, glossary: compileGlossary(groups, base.analyzer) };
    expect(enters("怎么钻进去容器里", lang)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
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
    expect(members("container 容器")).toEqual([["contain", "容器"]]);
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

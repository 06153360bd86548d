import { describe, expect, it } from "vitest";
import { bilingualPairs, bilingualPairsInSlices } from "../../src/knowledge/bilingual-pairs.js";
import type { Section } from "../../src/knowledge/types.js";

const section = (title: string, text = ""): Section => ({
  id: `n.md#${title}`,
  file: "n.md",
  line: 1,
  level: 3,
  slug: title,
  title,
  headingPath: [title],
  text,
  examples: [],
});

describe("bilingual pairs the notes contain", () => {
  it("reads a heading that is a term and its translation, either way round", () => {
    expect(bilingualPairs([section("1. Bridge Network（桥接网络）"), section("写时复制（Copy-on-Write）")])).toEqual([
      ["bridge network", "桥接网络"],
      ["copy-on-write", "写时复制"],
    ]);
    // a heading that says more than the pair still gives it
    expect(bilingualPairs([section("3. 写时复制（Copy-on-Write）机制")])).toEqual([["copy-on-write", "写时复制"]]);
  });

  it("drops the words both sides share and what precedes a possessive", () => {
    expect(bilingualPairs([section("2. Docker Daemon (Docker 守护进程)")])).toEqual([["daemon", "守护进程"]]);
    expect(bilingualPairs([section("Docker的分层结构（layered structure）")])).toEqual([
      ["layered structure", "分层结构"],
    ]);
    expect(bilingualPairs([section("8. Docker Volumes (Docker 卷)")])).toEqual([["volumes", "卷"]]);
  });

  it("reads a gloss that directly follows a term in prose, with alternatives", () => {
    const pairs = bilingualPairs([
      section(
        "x",
        "`stdin` 是指容器的标准输入（Standard Input）。Docker 容器和虚拟机 (Virtual Machine, VM) 是两种技术。",
      ),
    ]);
    expect(pairs).toContainEqual(["standard input", "标准输入"]);
    expect(pairs).toContainEqual(["virtual machine", "vm", "虚拟机"]);
  });

  it("takes no asides: a heading's (可选), examples after 如, Chinese on both sides", () => {
    expect(
      bilingualPairs([
        section("4. 推送镜像到 Docker Registry（可选）"),
        section("y", "云平台（如 AWS、Azure）和计算资源（CPU、内存、存储）"),
        section("Image vs Container"),
      ]),
    ).toEqual([]);
  });

  it("in slices, each section read once across reloads, gives what reading every section gives", async () => {
    const a = section("1. Bridge Network（桥接网络）", "Copy-on-Write（写时复制）的原理。");
    const b = section("写时复制（Copy-on-Write）");
    const c = section("Volumes", "数据卷（Volumes）与 Bind Mount（绑定挂载）。");
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    for (const list of [[a, b], [c, a, b], [b, c], []])
      expect(await bilingualPairsInSlices(list, pause)).toEqual(bilingualPairs(list));
    expect(pauses).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from "vitest";
import { normalize } from "../../src/search/analyzer.js";
import { planQuery } from "../../src/search/query-plan.js";
import { toSimplified } from "../../src/search/to-simplified.js";
import { language } from "../helpers.js";

describe("Traditional → Simplified for matching", () => {
  it("converts characters and the regional words people type (Taiwan phrases)", () => {
    expect(toSimplified("怎麼把容器的埠對應到主機")).toBe("怎么把容器的端口对应到主机");
    expect(toSimplified("記憶體")).toBe("内存");
    expect(toSimplified("環境變數")).toBe("环境变量");
    expect(toSimplified("網路")).toBe("网络");
  });

  it("leaves Simplified Chinese, English and flags as they are", () => {
    for (const s of ["怎么把主机端口映射到容器", "docker run -p 8080:80", "写时复制 copy-on-write", ""])
      expect(toSimplified(s)).toBe(s);
  });

  it("converts only the Chinese runs of mixed text", () => {
    expect(toSimplified("docker run --memory 限制記憶體")).toBe("docker run --memory 限制内存");
  });

  it("is part of normalisation, so a Traditional question plans like a Simplified one", () => {
    expect(normalize("設定 ＷＯＲＫＤＩＲ")).toBe("设置 workdir");
    const terms = (q: string) => planQuery(q, language()).terms.sort();
    expect(terms("如何設定環境變數")).toEqual(terms("如何设置环境变量"));
  });
});

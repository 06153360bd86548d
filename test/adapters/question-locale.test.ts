import { describe, expect, it } from "vitest";
import { interactionLocale, questionLocale } from "../../src/adapters/question-locale.js";

describe("the language of a question", () => {
  it("is Chinese for Han script, Traditional when it has characters only Traditional has", () => {
    expect(questionLocale("怎么让容器自动重启", "en")).toBe("zh-CN");
    expect(questionLocale("怎麼讓容器自動重啟", "en")).toBe("zh-TW");
    expect(questionLocale("docker run 的 -d 是什么意思", "en")).toBe("zh-CN");
    expect(questionLocale("/docker explain 端口映射", "en")).toBe("zh-CN");
  });

  it("is English for English words, whatever the default", () => {
    expect(questionLocale("how do I limit memory", "zh-CN")).toBe("en");
    expect(questionLocale("/docker compare image vs container", "zh-TW")).toBe("en");
  });

  it("is the default when the question has no words of its own: commands, flags, code", () => {
    for (const text of ["/docker explain --restart", "help", "topics", "explain -p", "`docker ps -a`", ""])
      expect(questionLocale(text, "zh-TW"), text).toBe("zh-TW");
    expect(questionLocale("explain --restart", "en")).toBe("en");
  });

  it("on Discord follows the client's language when we speak it, else the question", () => {
    expect(interactionLocale("zh-CN", "explain --restart", "en")).toBe("zh-CN");
    expect(interactionLocale("zh-TW", "how do I limit memory", "en")).toBe("zh-TW");
    expect(interactionLocale("en-GB", "怎么让容器自动重启", "zh-CN")).toBe("en");
    expect(interactionLocale("fr", "怎么让容器自动重启", "en")).toBe("zh-CN");
    expect(interactionLocale("ja", "explain --restart", "zh-TW")).toBe("zh-TW");
  });
});

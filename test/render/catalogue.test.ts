import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KEYS_FILE, messageKeysSource } from "../../scripts/catalogue-types.js";
import { COMMANDS } from "../../src/answer/commands.js";
import { flattenCatalogue, listOf, readCatalogue, t } from "../../src/render/i18n/catalogue.js";
import { LOCALES } from "../../src/render/i18n/locale.js";
import { placeholdersOf } from "../../src/render/i18n/placeholders.js";

const en = readCatalogue("en");

describe("message catalogue", () => {
  it("has every English key in every locale, and nothing else", () => {
    for (const locale of LOCALES) {
      const keys = Object.keys(readCatalogue(locale));
      expect(
        Object.keys(en).filter((k) => !keys.includes(k)),
        `missing in ${locale}.yml`,
      ).toEqual([]);
      expect(
        keys.filter((k) => !(k in en)),
        `not in en.yml (${locale}.yml)`,
      ).toEqual([]);
    }
  });

  it("has the same placeholders in every locale", () => {
    for (const locale of LOCALES) {
      const messages = readCatalogue(locale);
      for (const [key, text] of Object.entries(en)) {
        const want = [...placeholdersOf(text).keys()].sort();
        const got = [...placeholdersOf(messages[key] ?? "", locale).keys()].sort();
        expect(got, `${locale}.yml ${key}`).toEqual(want);
      }
    }
  });

  it("fails on a missing key or a different placeholder (the checks above are not vacuous)", () => {
    const broken = flattenCatalogue({ miss: { notFound: "没有 {query}" } }, "broken.yml");
    expect("miss.title" in broken).toBe(false);
    expect([...placeholdersOf(broken["miss.notFound"]!).keys()]).not.toEqual([
      ...placeholdersOf(en["miss.notFound"]!).keys(),
    ]);
  });

  it("translates: Chinese text differs from English except for names and code", () => {
    const same = (locale: (typeof LOCALES)[number]) => {
      const messages = readCatalogue(locale);
      // Messages with no words of their own (placeholders, symbols, `code`) read the same in every language.
      const hasWords = (text: string) => /[A-Za-z]{2,}/.test(text.replace(/\{[^}]*\}|`[^`]*`/g, ""));
      return Object.keys(en).filter(
        (k) => messages[k] === en[k] && hasWords(en[k]!) && !/^(commands\.docker|compare\.title)/.test(k),
      );
    };
    expect(same("zh-CN")).toEqual([]);
    expect(same("zh-TW")).toEqual([]);
    // Taiwan wording, not Simplified characters converted one by one.
    const tw = Object.values(readCatalogue("zh-TW")).join("\n");
    for (const mainland of ["设置", "程序", "镜像", "默认", "信息", "示例"]) expect(tw).not.toContain(mainland);
    expect(tw).toMatch(/預設/);
  });

  it("keeps src/render/i18n/message-keys.ts in step with en.yml (npm run catalogue:types)", () => {
    expect(readFileSync(KEYS_FILE, "utf8")).toBe(messageKeysSource());
  });

  it("names every command and option as the definitions do, within Discord's rules", () => {
    const nameRule = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
    for (const locale of LOCALES) {
      const messages = readCatalogue(locale);
      for (const c of COMMANDS) {
        const name = messages[`commands.${c.name}.name`]!;
        if (locale === "en") expect(name).toBe(c.name);
        expect(name).toMatch(nameRule);
        expect(name).toBe(name.toLowerCase());
        expect(messages[`commands.${c.name}.description`]!.length).toBeLessThanOrEqual(100);
        for (const o of c.options) {
          const optionName = messages[`options.${o.name}.name`]!;
          if (locale === "en") expect(optionName).toBe(o.name);
          expect(optionName).toMatch(nameRule);
          expect(messages[`options.${o.name}.description`]!.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it("fills placeholders and plurals", () => {
    expect(t("en", "section.leftOutExamples", { count: 1 })).toBe("1 example");
    expect(t("en", "section.leftOutExamples", { count: 3 })).toBe("3 examples");
    expect(t("zh-CN", "section.leftOutExamples", { count: 3 })).toBe("3 个示例");
    expect(t("zh-TW", "notice.rateLimited", { seconds: 5 })).toBe("你問得有點快，請 5 秒後再試。");
    expect(listOf("en", ["a", "b"], "disjunction")).toBe("a or b");
    expect(listOf("zh-CN", ["甲", "乙"], "disjunction")).toBe("甲或乙");
  });
});

describe("preloadCatalogue", () => {
  it("compiles every message of every locale at start", async () => {
    const { preloadCatalogue } = await import("../../src/render/i18n/catalogue.js");
    const compiled = preloadCatalogue();
    expect(compiled).toBeLessThanOrEqual(Object.keys(en).length * LOCALES.length);
    // Once compiled, nothing is left to do.
    expect(preloadCatalogue()).toBe(0);
  });
});

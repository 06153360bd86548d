import { describe, expect, it } from "vitest";
import { createTypoCorrector, distance } from "../../src/search/typos.js";

const vocabulary = (terms: [string, number][]) => createTypoCorrector(() => ({ terms }));

describe("typo tolerance", () => {
  it("measures edits, counting a swap of neighbours as one", () => {
    expect(distance("netwrok", "network", 2)).toBe(1);
    expect(distance("memmory", "memory", 2)).toBe(1);
    expect(distance("abc", "xyz", 1)).toBe(2);
  });

  it("reads a misspelt flag as the closest known one", () => {
    const typos = vocabulary([
      ["--network", 3],
      ["--restart", 2],
      ["--net-alias", 0],
    ]);
    expect(typos.flag("--netwrok")).toBe("--network");
    expect(typos.flag("--restrat")).toBe("--restart");
    expect(typos.flag("--zzzzzzz")).toBeUndefined();
  });

  it("scales tolerance with length and never corrects short words", () => {
    const typos = vocabulary([
      ["memori", 2],
      ["environ", 4],
      ["ram", 1],
      ["contain", 9],
    ]);
    expect(typos.word("memmori")).toBe("memori");
    expect(typos.word("contian")).toBe("contain");
    // a short word is a word, not a typo; four letters only by a swap of neighbours
    expect(typos.word("rem")).toBeUndefined();
    expect(vocabulary([["exec", 3]]).word("exce")).toBe("exec");
    // …or by any one edit when only one known word is that close
    expect(vocabulary([["mount", 3]]).word("mout")).toBe("mount");
    expect(
      vocabulary([
        ["mount", 3],
        ["mode", 2],
        ["moun", 1],
      ]).word("mout"),
    ).toBeUndefined();
    // a word without vowels is an abbreviation, not a typo
    expect(vocabulary([["curl", 3]]).word("ctrl")).toBeUndefined();
    // five letters: a swap or a wrong letter, not one added or dropped (`exist` is no typo of `exit`)
    expect(vocabulary([["exit", 3]]).word("exist")).toBeUndefined();
    // two edits only from nine letters
    expect(typos.word("envirxxn")).toBeUndefined();
    // the first letter must match
    expect(typos.word("nemori")).toBeUndefined();
  });

  it("prefers the closest, then the one more sections hold", () => {
    const typos = vocabulary([
      ["images", 1],
      ["imagen", 5],
    ]);
    expect(typos.word("imagez")).toBe("imagen");
  });

  it("reads a short flag name only as the one flag that close", () => {
    expect(
      vocabulary([
        ["--rm", 5],
        ["--restart", 2],
      ]).flag("--rn"),
    ).toBe("--rm");
    // two flags one letter from `--ip`: which was meant is a guess
    expect(
      vocabulary([
        ["--ipc", 1],
        ["--id", 1],
        ["--pid", 1],
        ["--up", 1],
        ["--io", 1],
      ]).flag("--iq"),
    ).toBeUndefined();
    expect(vocabulary([["--rm", 5]]).flag("--xy")).toBeUndefined();
  });

  it("never reads a word of the language as a typo", () => {
    const typos = createTypoCorrector(() => ({ terms: [["exits", 3]] }), { isWord: (w) => w === "existing" });
    expect(typos.isWord("existing")).toBe(true);
    expect(typos.isWord("exsiting")).toBe(false);
    expect(createTypoCorrector(() => ({ terms: [] })).isWord("existing")).toBe(false);
  });

  it("reads a Chinese word typed with a homophone as the known word that sounds the same", () => {
    const sounds: Record<string, string> = {
      日志: "ri zhi",
      日制: "ri zhi",
      日期: "ri qi",
      映像档: "ying xiang dang",
      映相档: "ying xiang dang",
      时间: "shi jian",
      事件: "shi jian",
    };
    const typos = createTypoCorrector(
      () => ({
        terms: [
          ["日志", 4],
          ["日期", 2],
          ["映像档", 3],
          ["时间", 2],
        ],
      }),
      { sound: (han) => sounds[han] ?? "?" },
    );
    const all = () => true;
    expect(typos.han("容器日制", (i) => i >= 2)).toEqual({ run: "容器日志", fixes: [{ from: "日制", to: "日志" }] });
    expect(typos.han("映相档", all).run).toBe("映像档");
    // only characters the notes don't know there are replaced
    expect(typos.han("日制", (i) => i === 0).fixes).toEqual([]);
    // a short word differs by one character at most: 事件 is no typo of 时间
    expect(typos.han("事件", all).fixes).toEqual([]);
    // without a way to read sounds, characters only
    expect(createTypoCorrector(() => ({ terms: [["日志", 4]] })).han("日制", all).fixes).toEqual([]);
  });
});

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
    expect(vocabulary([["mount", 3]]).word("mout")).toBeUndefined();
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
});

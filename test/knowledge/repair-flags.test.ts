import { describe, expect, it } from "vitest";
import { repairFlags, repairToken } from "../../src/knowledge/repair-flags.js";
import { flags } from "../helpers.js";

describe("repairFlags", () => {
  it.each([
    ["-restart", "--restart"],
    ["-name", "--name"],
    ["-detach-keys", "--detach-keys"],
    ["-format", "--format"],
    ["-memory", "--memory"],
  ])("reads %s as %s", (from, to) => {
    expect(repairToken(from, flags, false)).toBe(to);
  });

  it("reads a lone short-flag letter in a code span as the flag", () => {
    expect(repairFlags("**`e`**: set env", flags).text).toBe("**`-e`**: set env");
    expect(repairFlags("`p 8080:8080`: publish", flags).text).toBe("`-p 8080:8080`: publish");
  });

  it("leaves real flags, unknown words and letters outside code spans alone", () => {
    for (const t of ["--restart", "-it", "-e", "-foo", "a letter e here", "`x`", "`-p`"])
      expect(repairFlags(t, flags).text).toBe(t);
  });
});

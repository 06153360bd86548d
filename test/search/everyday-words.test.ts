import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EVERYDAY_FILE, everydaySource } from "../../scripts/everyday-words.js";

describe("everyday words (knowledge/everyday-words.yml)", () => {
  it("is what scripts/everyday-words.ts writes from the word counts (no hand edits)", () => {
    expect(readFileSync(EVERYDAY_FILE, "utf8")).toBe(everydaySource());
  });
});

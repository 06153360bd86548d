import { describe, expect, it } from "vitest";
import { buildCommandData } from "../../src/adapters/discord/command-data.js";
import { cutUnits, truncate } from "../../src/render/cut-text.js";
import { decodeActionValue, encodeActionValue, SLACK_LIMITS } from "../../src/render/slack/index.js";

/** True when the text holds half a surrogate pair (shown as "�", or refused by the platforms). */
const broken = (text: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe("surrogate-safe cutting, shared by every renderer", () => {
  it("never leaves half an emoji", () => {
    expect(cutUnits("a🐳b", 2)).toBe("a");
    expect(truncate("a🐳b", 3)).toBe("a…");
    expect(truncate("ab🐳", 4)).toBe("ab🐳");
    expect(truncate("🐳".repeat(10), 7, "")).toBe("🐳🐳🐳");
  });

  it("holds for Slack button values and Discord descriptions cut at any length", () => {
    const query = `x${"🐳".repeat(1500)}`;
    const value = encodeActionValue({ q: query, p: 0 });
    expect(value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    expect(broken(decodeActionValue(value)?.q ?? "x")).toBe(false);
    for (const c of buildCommandData().flatMap((d) => (d.type === 1 ? d.options : [])))
      expect(broken(c.description)).toBe(false);
  });
});

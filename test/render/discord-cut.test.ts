import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QueryRefs } from "../../src/adapters/discord/query-refs.js";
import { cutMarkdown, decodeCustomId, encodeCustomId } from "../../src/render/discord/index.js";
import { fenceCount } from "./discord-fixtures.js";

const paragraph = fc.string({ minLength: 1, maxLength: 400 }).map(
  (s) =>
    s
      .replace(/`{3,}|~{3,}/g, "")
      .replace(/\n+/g, " ")
      .trim() || "x",
);
const fence = fc
  .tuple(
    fc.constantFrom("bash", "yaml", ""),
    fc.array(
      fc.string({ maxLength: 80 }).map((s) => s.replace(/[`~\n]/g, "")),
      { maxLength: 40 },
    ),
  )
  .map(([lang, lines]) => "```" + lang + "\n" + lines.join("\n") + "\n```");
const markdown = fc
  .array(fc.oneof(paragraph, fence), { minLength: 1, maxLength: 30 })
  .map((blocks) => blocks.join("\n\n"));

describe("cutMarkdown", () => {
  it("keeps text that fits unchanged", () => {
    expect(cutMarkdown("a\n\n```bash\nls\n```", 100)).toBe("a\n\n```bash\nls\n```");
  });

  it("closes a fence the notes left open", () => {
    expect(cutMarkdown("```bash\nls", 100)).toBe("```bash\nls\n```");
  });

  it("cuts at a block boundary and adds the marker", () => {
    const text = "a first paragraph long enough to fill most\n\n```bash\n" + "echo 1\n".repeat(50) + "```\n\nlast";
    expect(cutMarkdown(text, 70, "[more](https://x)")).toBe(
      "a first paragraph long enough to fill most\n[more](https://x)",
    );
  });

  it("fills a mostly empty cut with whole lines of the next code block, closed again", () => {
    const text = "intro\n\n```bash\n" + "echo 1\n".repeat(50) + "```";
    expect(cutMarkdown(text, 60, "…")).toBe("intro\n\n```bash\n" + "echo 1\n".repeat(5) + "```\n…");
  });

  it("never exceeds the limit and never leaves a fence open (property)", () => {
    fc.assert(
      fc.property(markdown, fc.integer({ min: 30, max: 4096 }), (text, max) => {
        const out = cutMarkdown(text, max, "[… more](https://example.com/x)");
        expect(out.length).toBeLessThanOrEqual(max);
        expect(fenceCount(out) % 2).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("custom ids", () => {
  it("round-trip and stay within 100 characters for any query", () => {
    const refs = new QueryRefs({ capacity: 50 });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.constantFrom("share", "next", "ex", "up", "down", "ask" as const),
        fc.nat(999),
        (q, action, page) => {
          const ref = refs.refFor(q.trim() ? q : "help");
          const id = encodeCustomId({ action, page, ref });
          expect(id.length).toBeLessThanOrEqual(100);
          expect(decodeCustomId(id)).toEqual({ action, page, ref });
          expect(refs.peek(ref)).toBe((q.trim() ? q : "help").trim());
        },
      ),
    );
  });

  it("forgets the oldest long queries past capacity", async () => {
    const refs = new QueryRefs({ capacity: 2 });
    const [a, b, c] = ["a", "b", "c"].map((s) => refs.refFor(s.repeat(200)));
    expect(await refs.resolve(a ?? "")).toBeUndefined();
    expect(await refs.resolve(b ?? "")).toBe("b".repeat(200));
    expect(await refs.resolve(c ?? "")).toBe("c".repeat(200));
  });

  it("rejects ids that are not ours", () => {
    expect(decodeCustomId("other:share:0:tq")).toBeUndefined();
    expect(decodeCustomId("dn:boom:0:tq")).toBeUndefined();
    expect(decodeCustomId("dn:next:-1:tq")).toBeUndefined();
  });
});

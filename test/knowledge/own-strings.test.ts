import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { ownString } from "../../src/knowledge/own-strings.js";
import { parseFile } from "../../src/knowledge/parse-file.js";
import { flags } from "../helpers.js";

/**
 * How V8 stores a string: v8.serialize writes a one-byte string with the tag `"` and a two-byte
 * one with `c` (after its two header bytes). Text cut from a source with one character beyond
 * Latin-1 stays two bytes a character unless it is copied.
 */
const oneByte = (s: string) => serialize(s)[2] === 0x22;

describe("own strings (parsed sections hold no part of their file's source)", () => {
  it("copies a slice of a two-byte source into a one-byte string with the same text", () => {
    const source = `→ ${"plain ascii prose ".repeat(4)}`;
    const slice = source.slice(2);
    expect(oneByte(slice)).toBe(false);
    const own = ownString(slice);
    expect(own).toBe(slice);
    expect(oneByte(own)).toBe(true);
  });

  it("keeps text beyond Latin-1 as it is", () => {
    const text = "容器的端口映射和 → arrows, long enough to be a slice";
    expect(ownString(text.slice(1))).toBe(text.slice(1));
  });

  it("stores the ASCII sections of a file that has one arrow in one byte a character", () => {
    const md = [
      "# Notes → quick reference",
      "",
      "## Restart policies",
      "",
      "Use --restart unless-stopped so the container comes back after a reboot of the host.",
      "",
      "```bash",
      "docker run -d --restart unless-stopped nginx:latest",
      "```",
    ].join("\n");
    const { sections } = parseFile(md, "notes/restart-policies-reference.md", flags);
    const restart = sections.find((s) => s.title === "Restart policies")!;
    expect(restart.text).toContain("unless-stopped");
    for (const s of [restart.text, restart.markdown!, restart.id, restart.examples[0]!.code])
      expect(oneByte(s)).toBe(true);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { ConfigSchema, loadConfig } from "../../src/config.js";

const file = join(import.meta.dirname, "..", "..", ".env.example");
const text = readFileSync(file, "utf8");

describe(".env.example", () => {
  it("documents every variable of src/config.ts with a comment", () => {
    for (const name of Object.keys(ConfigSchema.shape)) {
      const at = text.search(new RegExp(`^#? ?${name}=`, "m"));
      expect(at, `${name} is missing from .env.example`).toBeGreaterThan(0);
      const before = text.slice(0, at).trimEnd().split("\n").pop() ?? "";
      expect(before.startsWith("#"), `${name} has no comment above it`).toBe(true);
    }
  });

  it("is a valid configuration as it stands (the console, no platform)", () => {
    const env = parse(text);
    expect(() => loadConfig(env, "/nonexistent/.env")).not.toThrow();
    expect(Object.keys(env).some((k) => k.startsWith("SLACK_") || k.startsWith("DISCORD_"))).toBe(false);
  });
});

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const knowledgeDir = fileURLToPath(new URL("../../knowledge/", import.meta.url));
const load = (name: string): unknown => parse(readFileSync(knowledgeDir + name, "utf8"));

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const ASCII_WORD = /[a-z0-9]/;

interface Flag {
  long: string;
  short?: string;
  meaning: string;
}

describe("knowledge/docker-flags.yml", () => {
  const flags = load("docker-flags.yml") as Flag[];

  it("is a non-empty list of flag objects", () => {
    expect(Array.isArray(flags)).toBe(true);
    expect(flags.length).toBeGreaterThan(50);
  });

  it("has well-formed entries", () => {
    for (const f of flags) {
      expect(typeof f, JSON.stringify(f)).toBe("object");
      expect(
        Object.keys(f).every((k) => ["long", "short", "meaning"].includes(k)),
        JSON.stringify(f),
      ).toBe(true);
      expect(f.long).toMatch(/^--[a-z0-9][a-z0-9-]*$/);
      if (f.short !== undefined) expect(f.short, f.long).toMatch(/^-[a-zA-Z]$/);
      expect(typeof f.meaning, f.long).toBe("string");
      expect(f.meaning.trim().length, f.long).toBeGreaterThan(0);
    }
  });

  it("has no duplicate long or short forms", () => {
    const longs = flags.map((f) => f.long);
    const shorts = flags.flatMap((f) => (f.short ? [f.short] : []));
    expect(new Set(longs).size).toBe(longs.length);
    expect(new Set(shorts).size).toBe(shorts.length);
  });

  it("is sorted by long name", () => {
    const longs = flags.map((f) => f.long);
    expect(longs).toEqual([...longs].sort((a, b) => a.localeCompare(b)));
  });

  it("contains the flags the notes rely on", () => {
    const byLong = new Map(flags.map((f) => [f.long, f]));
    const required: Array<[string, string?]> = [
      ["--restart"],
      ["--env", "-e"],
      ["--publish", "-p"],
      ["--volume", "-v"],
      ["--detach", "-d"],
      ["--name"],
      ["--rm"],
      ["--entrypoint"],
      ["--memory", "-m"],
      ["--interactive", "-i"],
      ["--tty", "-t"],
      ["--workdir", "-w"],
      ["--user", "-u"],
      ["--network"],
      ["--link"],
      ["--log-driver"],
      ["--detach-keys"],
      ["--cpus"],
      ["--privileged"],
    ];
    for (const [long, short] of required) {
      const f = byLong.get(long);
      expect(f, long).toBeDefined();
      expect(f?.short, long).toBe(short);
    }
  });
});

describe("knowledge/glossary.yml", () => {
  const groups = load("glossary.yml") as unknown[];

  it("is a non-empty list", () => {
    expect(Array.isArray(groups)).toBe(true);
    expect(groups.length).toBeGreaterThan(50);
  });

  it("has groups of at least two non-empty lower-case strings, mixing Chinese and English", () => {
    for (const g of groups) {
      expect(Array.isArray(g), JSON.stringify(g)).toBe(true);
      const terms = g as unknown[];
      expect(terms.length, JSON.stringify(g)).toBeGreaterThanOrEqual(2);
      for (const t of terms) {
        expect(typeof t, JSON.stringify(g)).toBe("string");
        const term = t as string;
        expect(term.trim().length, JSON.stringify(g)).toBeGreaterThan(0);
        expect(term, JSON.stringify(g)).toBe(term.trim());
        expect(term, JSON.stringify(g)).toBe(term.toLowerCase());
      }
      const strs = terms as string[];
      expect(
        strs.some((t) => CJK.test(t)),
        `no Chinese term in ${JSON.stringify(g)}`,
      ).toBe(true);
      expect(
        strs.some((t) => !CJK.test(t) && ASCII_WORD.test(t)),
        `no English term in ${JSON.stringify(g)}`,
      ).toBe(true);
    }
  });

  // A term may sit in two groups when it has two meanings (查看 = view, and list as in 查看容器);
  // the search merges them. A group repeated whole is a mistake.
  it("never repeats a group", () => {
    const keys = (groups as string[][]).map((g) => [...g].sort().join("|"));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

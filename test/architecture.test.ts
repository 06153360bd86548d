import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

/** docs/ARCHITECTURE.md's layers: imports only point down, and the core never imports a chat library. */
const LAYERS = ["knowledge", "search", "answer", "store", "render", "adapters", "web", "runtime"];
const CHAT = /from\s+["'](@slack\/[^"']+|discord\.js|@discordjs\/[^"']+)["']/;
/** The web pages' libraries (server framework, HTML trees, charts) stay in web/. */
const WEB = /from\s+["'](hono(?:\/[^"']*)?|@hono\/[^"']+|hast-util-[^"']+|mdast-util-to-hast|uplot)["']/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("architecture", () => {
  const src = join(ROOT, "src");
  it("keeps knowledge/, search/ and answer/ free of chat libraries", () => {
    const offenders = ["knowledge", "search", "answer", "store", "render"]
      .flatMap((l) => files(join(src, l)))
      .filter((f) => CHAT.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it("keeps web libraries in web/ (the core and the chat adapters never import them)", () => {
    const offenders = ["knowledge", "search", "answer", "store", "render", "adapters"]
      .flatMap((l) => files(join(src, l)))
      .filter((f) => WEB.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
    // …and web/ itself is where they are used: the test would pass vacuously otherwise.
    expect(files(join(src, "web")).some((f) => WEB.test(readFileSync(f, "utf8")))).toBe(true);
  });

  it("imports only point down the layers", () => {
    const bad: string[] = [];
    for (const layer of LAYERS) {
      const rank = LAYERS.indexOf(layer);
      for (const f of files(join(src, layer))) {
        for (const m of readFileSync(f, "utf8").matchAll(/from\s+["'](\.{1,2}\/[^"']+)["']/g)) {
          const target = relative(src, join(f, "..", m[1]!)).split("/")[0]!;
          const targetRank = LAYERS.indexOf(target);
          // render/ may read answer/ types only; adapters may use everything below.
          if (targetRank > rank) bad.push(`${relative(ROOT, f)} → ${m[1]}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("reads process.env only in config.ts", () => {
    const readers = files(src).filter(
      (f) => /process\.env\b/.test(readFileSync(f, "utf8")) && !f.endsWith("config.ts"),
    );
    expect(readers.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../src/answer/bot.js";
import { parseAdminCommand } from "../src/answer/commands.js";
import { loadBot } from "../src/answer/load-bot.js";
import { renderText } from "../src/render/text.js";
import { ROOT } from "./helpers.js";

/** The README is for users: every command it shows must work as shown. */
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
let bot: Bot;
beforeAll(async () => {
  bot = await loadBot({
    knowledgeDir: join(ROOT, "knowledge"),
    indexFile: join(ROOT, "test/fixtures/no-such-index.json"),
    rootDir: ROOT,
  });
});

describe("README", () => {
  it("shows the answer the bot really gives to /docker explain --restart", async () => {
    const shown = /you> \/docker explain --restart\n\n([\s\S]*?)\n~~~/.exec(readme)![1]!;
    const real = renderText(await bot.ask("/docker explain --restart"));
    expect(real.startsWith(shown)).toBe(true);
  });

  it("shows only /docker examples the bot answers (and the one it should not)", async () => {
    const examples = [...new Set([...readme.matchAll(/`(\/docker [^`]+)`/g)].map((m) => m[1]!))].filter(
      (e) => !/[<[…]/.test(e) && e !== "/docker",
    );
    expect(examples.length).toBeGreaterThanOrEqual(15);
    for (const e of examples) {
      // Admin commands never reach the search: they must parse as one.
      if (/^\/docker admin\b/.test(e)) {
        expect(parseAdminCommand(e), e).toBeDefined();
        continue;
      }
      const a = await bot.ask(e);
      expect(a.type, e).not.toBe("invalid");
      expect(a.matched, e).toBe(!e.includes("--gpus"));
    }
  });

  it("names only npm scripts that exist", () => {
    const used = [...readme.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(3);
    for (const s of used) expect(Object.keys(pkg.scripts), s).toContain(s);
    for (const s of ["start", "test"]) expect(Object.keys(pkg.scripts)).toContain(s);
  });

  it("documents every configuration variable that .env.example documents", () => {
    const config = readFileSync(join(ROOT, "src/config.ts"), "utf8");
    const vars = [...config.matchAll(/^\s+([A-Z][A-Z_]+):/gm)].map((m) => m[1]!);
    const undocumented = vars.filter((v) => !readme.includes(v) && !["LOG_PRETTY", "HOST", "SEGMENTER"].includes(v));
    expect(undocumented).toEqual([]);
  });
});

#!/usr/bin/env node
import { createInterface } from "node:readline";
import { loadBot } from "./answer/load-bot.js";
import { loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { renderJson } from "./render/json.js";
import { renderText } from "./render/text.js";

/**
 * `ask "<command>"` prints the human answer; `ask --json` reads one command a line on stdin and
 * prints one JSON line each (the contract score.mjs relies on); `ask --json "<command>"` answers one.
 */
async function main(argv: string[]): Promise<number> {
  const args = argv[0] === "ask" ? argv.slice(1) : argv;
  const json = args.includes("--json");
  const text = args.filter((a) => a !== "--json").join(" ").trim();
  const config = loadConfig();
  // Logs go to stderr; stdout carries only answers.
  const logger = createLogger({ level: config.LOG_LEVEL === "info" ? "error" : config.LOG_LEVEL });
  const bot = await loadBot({ knowledgeDir: config.KNOWLEDGE_DIR, indexFile: config.INDEX_FILE, logger });
  if (text) {
    const answer = await bot.ask(text, { platform: "cli" });
    process.stdout.write(json ? renderJson(answer) + "\n" : renderText(answer, { color: process.stdout.isTTY }));
    return 0;
  }
  if (!json) {
    process.stderr.write('usage: npm run ask -- "/docker explain --restart"   |   npm run --silent ask -- --json < commands.txt\n');
    return 2;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    process.stdout.write(renderJson(await bot.ask(line, { platform: "cli" })) + "\n");
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ask failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

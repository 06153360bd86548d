import { join } from "node:path";
import { answerSections } from "../../src/answer/answer-sections.js";
import type { Bot } from "../../src/answer/bot.js";
import { loadBot } from "../../src/answer/load-bot.js";
import type { Answer } from "../../src/answer/types.js";
import { ingest } from "../../src/ingest.js";
import { createLogger } from "../../src/logger.js";
import type { EvalCase } from "./cases.js";
import { type AnswerView, judge, type Outcome } from "./score.js";

/**
 * The two ways the bot gets its index, which must give one answer per question:
 * `memory` builds it from the notes at start (no snapshot, or a stale one);
 * `snapshot` loads the `data/index.json` that `npm run ingest` wrote.
 */
export const LOAD_PATHS = ["memory", "snapshot"] as const;
export type LoadPath = (typeof LOAD_PATHS)[number];

export interface LoadedBot {
  path: LoadPath;
  bot: Bot;
  /** What the knowledge base logged while loading (to show which path it really took). */
  log: string[];
  ms: number;
}

/** Loads the notes in `knowledgeDir` both ways; `tmpDir` receives the snapshot. */
export async function loadBothWays(knowledgeDir: string, rootDir: string, tmpDir: string): Promise<LoadedBot[]> {
  const out: LoadedBot[] = [];
  for (const path of LOAD_PATHS) {
    const log: string[] = [];
    const logger = createLogger({
      level: "info",
      destination: {
        write: (line: string) => {
          let record: { msg?: string; reason?: string } = {};
          try {
            record = JSON.parse(line) as typeof record;
          } catch {
            record = { msg: line.trim() };
          }
          log.push([record.msg, record.reason].filter(Boolean).join(": "));
        },
      },
    });
    const started = performance.now();
    const indexFile = join(tmpDir, `${path}-index.json`);
    if (path === "snapshot") await ingest({ knowledgeDir, indexFile, rootDir });
    const bot = await loadBot({ knowledgeDir, indexFile, rootDir, logger });
    out.push({ path, bot, log, ms: performance.now() - started });
  }
  return out;
}

export function view(answer: Answer): AnswerView {
  const confidence = (answer as Answer & { confidence?: unknown }).confidence;
  return {
    matched: answer.matched,
    headingPaths: answerSections(answer).map((s) => s.headingPath),
    ...(confidence === "high" || confidence === "low" ? { confidence } : {}),
    ...(answer.type === "miss" ? { suggestions: answer.suggestions } : {}),
  };
}

export async function answerAll(bot: Bot, cases: EvalCase[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const c of cases) out.push(judge(c, view(await bot.ask(c.q, { platform: "cli" }))));
  return out;
}

/**
 * Cases the two load paths answer differently: another verdict, another first section or
 * another matched/confidence. Both lists are in case order.
 */
export function disagreements(a: Outcome[], b: Outcome[]): { c: EvalCase; a: string; b: string }[] {
  const show = (o: Outcome) =>
    `${o.answer.matched ? (o.answer.headingPaths[0]?.at(-1) ?? "(no section)") : "nothing"}` +
    `${o.answer.confidence ? ` [${o.answer.confidence}]` : ""}${o.c.none ? "" : ` rank ${o.rank || "-"}`}`;
  const out: { c: EvalCase; a: string; b: string }[] = [];
  a.forEach((x, i) => {
    const y = b[i]!;
    if (show(x) !== show(y)) out.push({ c: x.c, a: show(x), b: show(y) });
  });
  return out;
}

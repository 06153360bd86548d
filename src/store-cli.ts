import { parseArgs } from "node:util";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { loadIndex } from "./runtime/load-index.js";
import { storeFromConfig } from "./runtime/recording.js";
import { buildReport, type EventStore, parseSince, type SectionRef } from "./store/index.js";
import { formatReportCsv, formatReportJson, formatReportText } from "./store/report-format.js";

/**
 * `report [--since 7d] [--json|--csv] [--limit N]` and `forget <platform> <user id>`: the store
 * from the command line (the same settings as the bot: DATABASE_URL or STORE_FILE).
 */
export async function runStoreCommand(
  command: "report" | "forget",
  argv: string[],
  config: Config,
  logger: Logger,
): Promise<number> {
  const store = storeFromConfig(config, logger);
  if (!store) {
    process.stderr.write("STORE=off: nothing is stored, so there is nothing to report or delete.\n");
    return 2;
  }
  try {
    return command === "report" ? await report(store, argv, config, logger) : await forget(store, argv);
  } finally {
    await store.close();
  }
}

async function report(store: EventStore, argv: string[], config: Config, logger: Logger): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      since: { type: "string", default: "30d" },
      json: { type: "boolean", default: false },
      csv: { type: "boolean", default: false },
      limit: { type: "string", default: "10" },
      until: { type: "string" },
    },
  });
  const until = values.until ? Date.parse(values.until) : Date.now();
  if (!Number.isFinite(until)) throw new Error(`--until wants a date such as 2026-01-20 (got "${values.until}")`);
  const since = until - parseSince(values.since);
  const limit = Math.max(1, Number.parseInt(values.limit, 10) || 10);
  const known = await sections(config, logger);
  const r = await buildReport(await store.database(), {
    since,
    until,
    limit,
    ...(known ? { sections: known } : {}),
  });
  process.stdout.write(values.json ? formatReportJson(r) : values.csv ? formatReportCsv(r) : formatReportText(r));
  return 0;
}

/** The notes' sections, to name them and to find those no question reached (skipped if the index can't load). */
async function sections(config: Config, logger: Logger): Promise<SectionRef[] | undefined> {
  try {
    const kb = await loadIndex({
      knowledgeDir: config.KNOWLEDGE_DIR,
      indexFile: config.INDEX_FILE,
      rootDir: process.cwd(),
      segmenter: config.SEGMENTER,
      logger,
    });
    return kb.engine.index.sections.map((s) => ({ id: s.id, headingPath: s.headingPath }));
  } catch (err) {
    logger.warn({ err }, "could not load the notes: sections are shown by id, and 'never reached' is left out");
    return undefined;
  }
}

async function forget(store: EventStore, argv: string[]): Promise<number> {
  const [platform, userId] = argv;
  if (!platform || !userId || !["slack", "discord", "console", "web"].includes(platform)) {
    process.stderr.write(
      "usage: npm run forget -- <slack|discord|console|web> <user id>   (e.g. npm run forget -- slack U012ABCDEF)\n",
    );
    return 2;
  }
  const deleted = await store.forget(platform, userId);
  process.stdout.write(
    `Deleted ${deleted.questions} questions and ${deleted.feedback} votes of ${platform} user ${userId} (stored as a keyed hash).\n`,
  );
  return 0;
}

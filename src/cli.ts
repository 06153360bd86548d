#!/usr/bin/env node
import { loadConfig, secretValues } from "./config.js";

/**
 * `ingest` writes data/index.json; `lint` reports what the ingester repaired or could not;
 * `ask "<command>"` prints the human answer; `ask --json` reads one command a line on stdin and
 * prints one JSON line each (the contract score.mjs relies on); `ask --json "<command>"` answers one;
 * `report` prints what the notes are missing from the store, `forget <platform> <user id>` deletes
 * one person's rows.
 *
 * Each command imports only what it runs: the bot's adapters, renderers and store took 2.4 s
 * of tsx start-up (and ~100 MB) before an ingest could begin (docs/PERFORMANCE.md, issue 18).
 */
async function main(argv: string[]): Promise<number> {
  if (argv[0] === "ingest") {
    const { describeIngest, ingest } = await import("./ingest.js");
    const config = loadConfig();
    const report = await ingest({
      knowledgeDir: config.KNOWLEDGE_DIR,
      followOutsideLinks: config.KNOWLEDGE_FOLLOW_OUTSIDE_LINKS,
      indexFile: config.INDEX_FILE,
      segmenter: config.SEGMENTER,
    });
    process.stdout.write(describeIngest(report) + "\n");
    return 0;
  }
  if (argv[0] === "report" || argv[0] === "forget") {
    const [{ createLogger }, { runStoreCommand }] = await Promise.all([
      import("./logger.js"),
      import("./store-cli.js"),
    ]);
    const config = loadConfig();
    // Tables on stdout; only errors on stderr (an index rebuilt in memory is not news here).
    const logger = createLogger({ level: config.LOG_LEVEL === "info" ? "error" : config.LOG_LEVEL });
    return runStoreCommand(argv[0], argv.slice(1), config, logger);
  }
  if (argv[0] === "lint") {
    const { formatIssues, lintKnowledge } = await import("./lint-knowledge.js");
    const config = loadConfig();
    const { issues, sections, files } = lintKnowledge(config.KNOWLEDGE_DIR, process.cwd(), {
      followOutsideLinks: config.KNOWLEDGE_FOLLOW_OUTSIDE_LINKS,
    });
    if (issues.length) process.stdout.write(formatIssues(issues) + "\n");
    const errors = issues.filter((i) => i.severity === "error").length;
    process.stdout.write(
      `${files} files, ${sections} sections: ${errors} errors, ${issues.length - errors} warnings (repairs the ingester made)\n`,
    );
    return errors ? 1 : 0;
  }
  const [
    { createInterface },
    { loadBot },
    { withholdSecrets },
    { createLogger },
    { renderJson },
    { renderText },
    { sourceLinks },
  ] = await Promise.all([
    import("node:readline"),
    import("./answer/load-bot.js"),
    import("./answer/withhold-secrets.js"),
    import("./logger.js"),
    import("./render/json.js"),
    import("./render/text.js"),
    import("./runtime/adapters.js"),
  ]);
  const args = argv[0] === "ask" ? argv.slice(1) : argv;
  const json = args.includes("--json");
  const text = args
    .filter((a) => a !== "--json")
    .join(" ")
    .trim();
  const config = loadConfig();
  // Logs go to stderr; stdout carries only answers.
  const logger = createLogger({ level: config.LOG_LEVEL === "info" ? "error" : config.LOG_LEVEL });
  const core = await loadBot({
    knowledgeDir: config.KNOWLEDGE_DIR,
    followOutsideLinks: config.KNOWLEDGE_FOLLOW_OUTSIDE_LINKS,
    indexFile: config.INDEX_FILE,
    segmenter: config.SEGMENTER,
    logger,
  });
  const bot = withholdSecrets(core, {
    secrets: secretValues(config),
    onWithheld: ({ query, sections }) => logger.error({ query, sections }, "answer withheld: the notes hold a secret"),
  });
  if (text) {
    const answer = await bot.ask(text, { platform: "cli" });
    process.stdout.write(
      json
        ? renderJson(answer) + "\n"
        : renderText(answer, {
            color: process.stdout.isTTY,
            locale: config.DEFAULT_LOCALE,
            links: sourceLinks(config),
          }),
    );
    return 0;
  }
  if (!json) {
    process.stderr.write(
      'usage: npm run ask -- "/docker explain --restart"   |   npm run --silent ask -- --json < commands.txt\n',
    );
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

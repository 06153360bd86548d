#!/usr/bin/env node
import { fstatSync } from "node:fs";
import { isatty } from "node:tty";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { hasPlatform, planAdapters } from "./runtime/adapters.js";
import { installCrashHandlers } from "./runtime/crash.js";
import { createRuntime } from "./runtime/create-runtime.js";

/**
 * `npm start`: configuration, logger, index, every configured adapter (the console when none is),
 * health server, signals. Only process concerns live here; the rest is in runtime/.
 */
async function main(): Promise<void> {
  let config: Config;
  let platforms: boolean;
  try {
    config = loadConfig();
    platforms = hasPlatform(planAdapters(config));
  } catch (error) {
    if (error instanceof ConfigError) {
      // The message names the variable and where to find it: a stack trace would only bury it.
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Someone typing at the prompt wants answers, not start-up chatter (warnings still show).
  const interactive = !platforms && isatty(0) && isatty(2);
  const level = interactive && config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL;
  const logger = createLogger({ level, pretty: prettyLogs(config) });
  // Adapters catch their own errors; anything that still escapes is logged, and a broken state ends the process.
  installCrashHandlers(logger, { exit: (code) => flushAndExit(logger, code) });
  const runtime = await createRuntime({
    config,
    logger,
    console: stdinIsNull() ? false : {},
    exit: (code) => flushAndExit(logger, code),
  });
  runtime.shutdown.install();
  // The console user leaving (EOF, Ctrl-D, `exit`) is a normal end.
  void runtime.console?.closed.then(() => runtime.shutdown.run("console closed", 0));
  try {
    await runtime.start();
  } catch (error) {
    // The message leads: for a rejected token it names the variable to fix.
    logger.fatal({ err: error }, `could not start: ${error instanceof Error ? error.message : String(error)}`);
    await runtime.shutdown.run("start failed", 1);
  }
}

/**
 * pino writes stderr asynchronously; process.exit would flush the buffer synchronously while an
 * earlier write is still in flight, so the last lines could land out of order. Bounded: a stuck
 * stream must not hold the exit.
 */
function flushAndExit(logger: Logger, code: number): void {
  const timer = setTimeout(() => process.exit(code), 500);
  logger.flush(() => {
    clearTimeout(timer);
    process.exit(code);
  });
}

function prettyLogs(config: Config): boolean {
  if (config.LOG_PRETTY === "true") return true;
  if (config.LOG_PRETTY === "false") return false;
  return isatty(1);
}

/**
 * stdin bound to /dev/null (`docker run -d`, compose, systemd) means nobody can type: with no
 * platform configured the process then runs headless instead of ending at the first read.
 * A pipe or a file still drives the console (scripts, tests).
 */
function stdinIsNull(): boolean {
  try {
    return !isatty(0) && fstatSync(0).isCharacterDevice();
  } catch {
    return true;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `docker-notes-bot failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

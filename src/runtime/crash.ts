import type { Logger } from "../logger.js";

export interface CrashHandlers {
  /** Removes the handlers (tests, or a second install). */
  uninstall(): void;
}

/**
 * Process-level safety net: an unhandled rejection is logged at error level (with its stack)
 * and the process keeps serving: each adapter already answers its own failures, so a stray
 * rejection is a bug to fix, not a reason to drop every user's question. An uncaught exception
 * leaves the process in an unknown state: it is logged as fatal and the process exits with 1
 * so the supervisor (Docker, systemd) restarts it.
 */
export function installCrashHandlers(logger: Logger, options: { exit?: (code: number) => void } = {}): CrashHandlers {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onRejection = (reason: unknown): void => {
    logger.error({ err: reason instanceof Error ? reason : new Error(String(reason)) }, "unhandled promise rejection");
  };
  const onException = (err: Error, origin: string): void => {
    logger.fatal({ err, origin }, "uncaught exception; exiting");
    // pino writes synchronously to a file descriptor; flush anything buffered before leaving.
    logger.flush?.();
    exit(1);
  };
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return {
    uninstall() {
      process.off("unhandledRejection", onRejection);
      process.off("uncaughtException", onException);
    },
  };
}

import type { Logger } from "../logger.js";

export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

export interface ShutdownPlan {
  logger: Logger;
  /** Called first, synchronously: /readyz turns 503 so nothing new is routed here. */
  onStart?(): void;
  /** Stop taking new work: the console closes, listening servers stop accepting (in-flight requests finish). */
  stopIntake: () => ShutdownStep[];
  /** Resolves true once no answer is being built, false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean>;
  /** Leave the platforms: Slack socket, Discord gateway. */
  disconnect: () => ShutdownStep[];
  /** Last: the health server, the knowledge watcher. */
  close: () => ShutdownStep[];
  /** Exit 1 if the whole sequence takes longer (default 10 s: what Docker waits before SIGKILL). */
  deadlineMs?: number;
  /** How long in-flight answers may take (default 5 s). */
  drainMs?: number;
  /** How long any single step may take (default 2 s). */
  stepMs?: number;
  exit?: (code: number) => void;
}

export interface Shutdown {
  readonly started: boolean;
  /** Runs the sequence once and exits with `code` (later calls return the same promise). */
  run(reason: string, code?: number): Promise<void>;
  /** SIGTERM and SIGINT start the sequence. */
  install(proc?: NodeJS.Process): void;
}

/**
 * Order matters: stop intake, let started answers finish (they still need the platform
 * connection to reply), then disconnect, then close the health server. Every step is bounded and
 * a failing one is logged and skipped, so one stuck library cannot hold the process past the
 * deadline; a hard timer (unref'd, so it never keeps a finished process alive) exits 1 anyway.
 */
export function createShutdown(plan: ShutdownPlan): Shutdown {
  const { logger } = plan;
  const exit = plan.exit ?? ((code: number) => process.exit(code));
  const stepMs = plan.stepMs ?? 2000;
  let running: Promise<void> | undefined;

  const runSteps = async (steps: ShutdownStep[]) => {
    await Promise.all(
      steps.map(async (step) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), stepMs);
          timer.unref();
        });
        try {
          const result = await Promise.race([step.run().then(() => "done" as const), timeout]);
          if (result === "timeout") logger.warn({ step: step.name, ms: stepMs }, "shutdown step timed out; moving on");
          else logger.debug({ step: step.name }, "shutdown step done");
        } catch (error) {
          logger.warn({ step: step.name, err: error }, "shutdown step failed; moving on");
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  };

  const sequence = async (reason: string, code: number) => {
    const started = performance.now();
    const hard = setTimeout(() => {
      logger.error({ deadlineMs: plan.deadlineMs ?? 10_000 }, "shutdown took too long; exiting");
      exit(1);
    }, plan.deadlineMs ?? 10_000);
    hard.unref();
    logger.info({ reason }, "shutting down");
    plan.onStart?.();
    await runSteps(plan.stopIntake());
    const drained = await plan.idle(plan.drainMs ?? 5000);
    if (!drained) logger.warn("answers still in flight after the drain period; leaving anyway");
    // A reply is sent just after its answer is built: give it a moment before the connection goes.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await runSteps(plan.disconnect());
    await runSteps(plan.close());
    logger.info({ ms: Math.round(performance.now() - started) }, "stopped");
    clearTimeout(hard);
    exit(code);
  };

  return {
    get started() {
      return running !== undefined;
    },
    run(reason, code = 0) {
      running ??= sequence(reason, code);
      return running;
    },
    install(proc = process) {
      for (const signal of ["SIGTERM", "SIGINT"] as const) {
        proc.on(signal, () => {
          // npm forwards the terminal's Ctrl-C too, so a second signal is common and not a reason to abandon the sequence.
          if (running) logger.info({ signal }, "already shutting down");
          void this.run(signal, 0);
        });
      }
    },
  };
}

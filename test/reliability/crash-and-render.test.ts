import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { createLogger } from "../../src/logger.js";
import { renderAnswer } from "../../src/render/discord/index.js";
import { installCrashHandlers } from "../../src/runtime/crash.js";

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: "info",
    destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
  });
  return { logger, lines };
}

describe("installCrashHandlers", () => {
  it("logs an unhandled rejection with its stack and keeps the process up", async () => {
    const { logger, lines } = capture();
    const handlers = installCrashHandlers(logger, { exit: () => expect.fail("must not exit") });
    try {
      void Promise.reject(new Error("stray failure xyz"));
      await new Promise((r) => setTimeout(r, 20));
      const line = lines.find((l) => l.msg === "unhandled promise rejection");
      expect(line?.level).toBe(50);
      expect((line?.err as { stack?: string }).stack).toContain("stray failure xyz");
      // A non-Error reason is logged too.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
      void Promise.reject("plain string reason");
      await new Promise((r) => setTimeout(r, 20));
      expect(lines.some((l) => (l.err as { message?: string })?.message === "plain string reason")).toBe(true);
    } finally {
      handlers.uninstall();
    }
  });

  it("logs an uncaught exception as fatal and exits 1 (for the supervisor to restart)", () => {
    const { logger, lines } = capture();
    let code: number | undefined;
    const handlers = installCrashHandlers(logger, { exit: (c) => (code = c) });
    try {
      (process.emit as (event: string, ...args: unknown[]) => boolean)(
        "uncaughtException",
        new Error("boom sync"),
        "uncaughtException",
      );
      expect(code).toBe(1);
      expect(lines.find((l) => l.msg === "uncaught exception; exiting")?.level).toBe(60);
    } finally {
      handlers.uninstall();
    }
    expect(process.listenerCount("unhandledRejection")).toBeGreaterThanOrEqual(0);
  });
});

describe("render regressions found by the property tests", () => {
  it("a compare with empty labels still has non-empty Discord field names (Discord refuses the whole message otherwise)", () => {
    const answer: Answer = {
      type: "compare",
      command: "compare",
      query: "",
      matched: true,
      a: "",
      b: " ",
      confidence: "high",
    };
    const fields = renderAnswer(answer).embeds.flatMap((e) => e.fields ?? []);
    expect(fields.length).toBe(2);
    for (const f of fields) expect(f.name.trim().length).toBeGreaterThan(0);
  });
});

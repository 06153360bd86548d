import { describe, expect, it } from "vitest";
import type { Bot } from "../../src/answer/bot.js";
import type { Answer } from "../../src/answer/types.js";
import { silentLogger } from "../../src/logger.js";
import { trackInFlight } from "../../src/runtime/in-flight.js";
import { createShutdown } from "../../src/runtime/shutdown.js";

const slowBot = (ms: number): Bot => ({
  ask: (input) =>
    new Promise<Answer>((resolve) =>
      setTimeout(
        () =>
          resolve({
            type: "help",
            command: "help",
            query: typeof input === "string" ? input : input.text,
            matched: true,
          }),
        ms,
      ),
    ),
  autocomplete: async () => [],
});

describe("shutdown", () => {
  it("stops intake, waits for answers in flight, then disconnects and closes, and exits 0", async () => {
    const events: string[] = [];
    const tracked = trackInFlight(slowBot(300));
    const answer = tracked.bot.ask("explain --restart").then(() => events.push("answered"));
    const exits: number[] = [];
    const shutdown = createShutdown({
      logger: silentLogger,
      onStart: () => events.push("draining"),
      stopIntake: () => [{ name: "server", run: async () => void events.push("intake stopped") }],
      idle: (ms) => tracked.idle(ms),
      disconnect: () => [{ name: "gateway", run: async () => void events.push("disconnected") }],
      close: () => [{ name: "health", run: async () => void events.push("closed") }],
      exit: (code) => exits.push(code),
    });
    await shutdown.run("SIGTERM");
    await answer;
    expect(events).toEqual(["draining", "intake stopped", "answered", "disconnected", "closed"]);
    expect(exits).toEqual([0]);
    expect(tracked.count()).toBe(0);
  });

  it("runs once even when signalled twice", async () => {
    let runs = 0;
    const exits: number[] = [];
    const shutdown = createShutdown({
      logger: silentLogger,
      stopIntake: () => [{ name: "x", run: async () => void runs++ }],
      idle: async () => true,
      disconnect: () => [],
      close: () => [],
      exit: (code) => exits.push(code),
    });
    await Promise.all([shutdown.run("SIGTERM"), shutdown.run("SIGINT")]);
    expect(runs).toBe(1);
    expect(exits).toEqual([0]);
  });

  it("a stuck or failing step is skipped after its timeout", async () => {
    const exits: number[] = [];
    const started = Date.now();
    const shutdown = createShutdown({
      logger: silentLogger,
      stopIntake: () => [{ name: "stuck", run: () => new Promise<void>(() => undefined) }],
      idle: async () => true,
      disconnect: () => [{ name: "broken", run: async () => Promise.reject(new Error("no")) }],
      close: () => [],
      stepMs: 100,
      exit: (code) => exits.push(code),
    });
    await shutdown.run("SIGTERM");
    expect(exits).toEqual([0]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("exits 1 when the whole sequence outlives the deadline", async () => {
    const exits: number[] = [];
    const shutdown = createShutdown({
      logger: silentLogger,
      stopIntake: () => [],
      idle: () => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 400)),
      disconnect: () => [],
      close: () => [],
      deadlineMs: 150,
      exit: (code) => exits.push(code),
    });
    await shutdown.run("SIGTERM");
    expect(exits[0]).toBe(1);
  });
});

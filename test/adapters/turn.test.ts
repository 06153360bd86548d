import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/adapters/rate-limit.js";
import { DeliveryError, type Replier, type Turn, takeTurn } from "../../src/adapters/turn.js";
import type { Bot } from "../../src/answer/bot.js";
import type { Answer } from "../../src/answer/types.js";
import { captureLogger } from "../e2e/fakes/slack-bot.js";

const HELP: Answer = { type: "help", command: "help", query: "help", matched: true };

function bot(ask: Bot["ask"] = async () => HELP): Bot {
  return { ask, autocomplete: async () => [] };
}

/** A replier that records what it was asked to do, as a platform would send it. */
function recorder(deferAfterMs?: number) {
  const calls: string[] = [];
  let responded = false;
  const replier: Replier<string> = {
    get responded() {
      return responded;
    },
    send: async (r) => {
      responded = true;
      calls.push(`send ${r}`);
    },
    edit: async (r) => void calls.push(`edit ${r}`),
    ...(deferAfterMs === undefined
      ? {}
      : {
          deferral: {
            afterMs: deferAfterMs,
            defer: async () => {
              responded = true;
              calls.push("defer");
            },
          },
        }),
  };
  return { calls, replier };
}

function turn(replier: Replier<string>, { userId }: { userId?: string } = { userId: "U1" }) {
  const log = captureLogger();
  const t: Turn<string> = {
    asker: { platform: "slack", surface: "slash", userId },
    log: log.logger,
    replier,
    notice: (text) => `notice: ${text}`,
    failureContext: () => ({ query: "explain --restart" }),
  };
  return { turn: t, lines: log.lines };
}

describe("one turn, for every platform", () => {
  it("asks the core with who asked and where (recorded) and sends the rendered reply; empty text asks for help", async () => {
    const asked: unknown[] = [];
    const { calls, replier } = recorder();
    const result = await takeTurn(
      {
        bot: bot(async (input, options) => {
          asked.push([input, options]);
          return HELP;
        }),
      },
      turn(replier).turn,
      async (ask) => `rendered ${(await ask("  ")).type}`,
    );
    expect(result).toBe("answered");
    expect(asked).toEqual([["help", { platform: "slack", surface: "slash", userId: "U1" }]]);
    expect(calls).toEqual(["send rendered help"]);
  });

  it("a button re-asking keeps the answer's id and passes no surface (not recorded as a new question)", async () => {
    const asked: unknown[] = [];
    const { replier } = recorder();
    const { turn: t } = turn(replier);
    await takeTurn(
      {
        bot: bot(async (input, options) => {
          asked.push([input, options]);
          return HELP;
        }),
      },
      { ...t, asker: { platform: "discord", surface: "button", userId: "U2", locale: "zh-CN" } },
      async (ask) => {
        await ask("explain --restart", { answerId: "abcdefghijkl" });
        await ask("explain --restart");
        return "ok";
      },
    );
    expect(asked).toEqual([
      ["explain --restart", { platform: "discord", userId: "U2", locale: "zh-CN", answerId: "abcdefghijkl" }],
      ["explain --restart", { platform: "discord", userId: "U2", locale: "zh-CN" }],
    ]);
  });

  it("over the budget: the notice says how long to wait, the core is not asked, and the limit is logged", async () => {
    const limiter = createRateLimiter({ commands: 1, windowSeconds: 60 });
    let asks = 0;
    const core = bot(async () => {
      asks++;
      return HELP;
    });
    const first = recorder();
    await takeTurn({ bot: core, limiter }, turn(first.replier).turn, async (ask) => (await ask("help")).type);
    const second = recorder();
    const { turn: t, lines } = turn(second.replier);
    expect(await takeTurn({ bot: core, limiter }, t, async (ask) => (await ask("help")).type)).toBe("limited");
    expect(asks).toBe(1);
    expect(second.calls).toEqual(["send notice: You're asking fast — try again in 60 s."]);
    expect(lines.find((l) => l.msg === "slack rate limited")).toMatchObject({ user: "U1", surface: "slash" });
    // No user id (a console, an anonymous event): nothing to key a budget on.
    const anonymous = recorder();
    await takeTurn({ bot: core, limiter }, turn(anonymous.replier, {}).turn, async () => "ok");
    expect(anonymous.calls).toEqual(["send ok"]);
  });

  it("defers a reply slower than the deadline, then edits it in", async () => {
    const { calls, replier } = recorder(10);
    const result = await takeTurn({ bot: bot() }, turn(replier).turn, async () => {
      await new Promise((r) => setTimeout(r, 60));
      return "late";
    });
    expect(result).toBe("answered late");
    expect(calls).toEqual(["defer", "edit late"]);
  });

  it("a failure is logged with an error id and the apology quoting it is sent, or edited in after a defer", async () => {
    const fast = recorder(1000);
    const { turn: t, lines } = turn(fast.replier);
    const boom = async (): Promise<string> => {
      throw new Error("index exploded");
    };
    expect(await takeTurn({ bot: bot() }, t, boom)).toBe("failed");
    const failed = lines.find((l) => l.msg === "slack handler failed")!;
    expect(failed).toMatchObject({ query: "explain --restart" });
    expect((failed.err as { stack: string }).stack).toContain("index exploded");
    expect(fast.calls).toEqual([
      `send notice: Sorry, something went wrong while answering. Error id: \`${String(failed.errorId)}\` (the team can find it in the log).`,
    ]);
    const slow = recorder(10);
    await takeTurn({ bot: bot() }, turn(slow.replier).turn, async () => {
      await new Promise((r) => setTimeout(r, 60));
      throw new Error("late failure");
    });
    expect(slow.calls[0]).toBe("defer");
    expect(slow.calls[1]).toMatch(/^edit notice: Sorry, something went wrong/);
  });

  it("when the way back is gone, logs it and does not try to apologise the same way", async () => {
    const { calls, replier } = recorder();
    const { turn: t, lines } = turn(replier);
    const result = await takeTurn({ bot: bot() }, t, async () => {
      throw new DeliveryError("response_url answered 404", "the response_url", { attempts: 1, status: 404 });
    });
    expect(result).toBe("failed");
    expect(calls).toEqual([]);
    expect(lines.find((l) => l.msg === "slack answer could not be delivered to the response_url")).toMatchObject({
      attempts: 1,
      status: 404,
    });
  });
});

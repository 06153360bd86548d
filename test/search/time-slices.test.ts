import { describe, expect, it } from "vitest";
import { createSlicer, runSteps, runStepsInSlices, type Steps } from "../../src/search/time-slices.js";

/**
 * Issue 18, round 4: long work on the thread answering questions is cut into slices; between two
 * slices the event loop runs (timers, I/O, other questions).
 */
function* sum(n: number): Steps<number> {
  let total = 0;
  for (let i = 1; i <= n; i++) {
    total += i;
    if (i % 10 === 0) yield;
  }
  return total;
}

describe("time slices", () => {
  it("runs stepped work to the same result in one go and in slices", async () => {
    expect(runSteps(sum(100))).toBe(5050);
    expect(await runStepsInSlices(sum(100), createSlicer(undefined, 0))).toBe(5050);
  });

  it("lets the event loop run between slices once a slice has had its time", async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    try {
      // A slice of 0 ms is always due: every step yields, and the timer gets its turns.
      await runStepsInSlices(
        sum(200),
        createSlicer(() => new Promise((r) => setTimeout(r, 1)), 0),
      );
      expect(ticks).toBeGreaterThan(0);
      // A slice longer than the work: never due, no pause.
      let pauses = 0;
      const slicer = createSlicer(async () => {
        pauses++;
      }, 60_000);
      await runStepsInSlices(sum(200), slicer);
      await slicer.maybe();
      expect(pauses).toBe(0);
      expect(slicer.due()).toBe(false);
    } finally {
      clearInterval(ticker);
    }
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonSteps } from "../../src/search/json-in-steps.js";
import { runSteps } from "../../src/search/time-slices.js";

/** Issue 18, round 4: a snapshot's header written a step at a time is the text JSON.stringify writes. */
describe("JSON a step at a time", () => {
  it("writes what JSON.stringify writes, long lists in chunks", () => {
    const files = Array.from({ length: 1_234 }, (_, i) => ({ file: `copy-${i}/a.md`, sha256: "ab", stat: [i, 1.5] }));
    const header = {
      snapshot: "x",
      manifest: { files, gone: undefined, notesGlossary: [["容器", "container"]], when: new Date(0), n: 3 },
      members: [1, 2],
      f: () => 1,
    };
    let steps = 0;
    const it = jsonSteps(header);
    let text: string | undefined;
    for (let s = it.next(); ; s = it.next(), steps++)
      if (s.done) {
        text = s.value;
        break;
      }
    expect(text).toBe(JSON.stringify(header));
    expect(steps).toBeGreaterThan(1);
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const value = { v, list: [v, v] };
        expect(runSteps(jsonSteps(value))).toBe(JSON.stringify(value));
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { judge, THRESHOLDS } from "../../src/search/confidence.js";
import { APPROXIMATE_COVERAGE } from "../../src/search/rank.js";

describe("confidence: three outcomes", () => {
  const t = { answer: 0.45, sentence: 0.6, heading: 0.05, prose: 0.95, high: 0.8 };

  it("answers confidently when the section says nearly all of the question where it states its topic", () => {
    expect(judge({ coverage: 1, heading: 0.6, sentence: 0, parts: 2 }, t)).toBe("high");
    expect(judge({ coverage: 0.85, heading: 0.3, sentence: 0, parts: 2 }, t)).toBe("high");
  });

  it("gives the closest match when the section covers the domain words but not all of the question", () => {
    expect(judge({ coverage: 0.6, heading: 0.3, sentence: 0, parts: 2 }, t)).toBe("low");
  });

  it("finds nothing when no section covers enough of the question", () => {
    expect(judge(undefined, t)).toBe("none");
    expect(judge({ coverage: 0.3, heading: 0.3, sentence: 0, parts: 2 }, t)).toBe("none");
  });

  it("finds nothing when the words are only mentioned in passing, not where a section states its topic", () => {
    // `how do I install docker on ubuntu` against a Dockerfile example that apt-get installs on ubuntu
    expect(judge({ coverage: 0.92, heading: 0, sentence: 0, parts: 2 }, t)).toBe("none");
    // …unless the section's prose says all of it
    expect(judge({ coverage: 1, heading: 0, sentence: 0, parts: 2 }, t)).toBe("high");
  });

  it("answers when one sentence says most of the question together, even with no heading to say it", () => {
    // 容器里的服务外面访问不了 → 端口映射: "允许外部访问容器内的服务"
    expect(judge({ coverage: 0.75, heading: 0, sentence: 0.75, parts: 4 }, t)).toBe("low");
    expect(judge({ coverage: 0.75, heading: 0, sentence: 0.4, parts: 4 }, t)).toBe("none");
  });

  it("never answers from a flag the notes only name by a synonym", () => {
    expect(THRESHOLDS.answer).toBeGreaterThan(APPROXIMATE_COVERAGE);
  });
});

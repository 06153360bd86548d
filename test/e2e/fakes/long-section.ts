import type { Answer } from "../../../src/answer/types.js";

/** A 6,000-character section: long prose first, then examples (what a real long chapter looks like). */
export function longSection(): Answer {
  const prose = Array.from({ length: 40 }, (_, i) =>
    `第 ${i} 段：\`docker run --log-driver json-file --log-opt max-size=10m\` 让日志文件不会无限增长，配合轮转使用。`.repeat(
      3,
    ),
  ).join("\n\n");
  const examples = Array.from({ length: 4 }, (_, i) => ({
    lang: "bash",
    code: Array.from(
      { length: 6 },
      (_, j) => `docker run -d --log-driver json-file --log-opt max-size=${i}${j}m nginx`,
    ).join("\n"),
  }));
  return {
    type: "sections",
    command: "explain",
    query: "explain long logging",
    matched: true,
    confidence: "high",
    sections: [
      {
        id: "knowledge/docker-notes.md#logging",
        headingPath: ["Docker run", "日志"],
        title: "日志驱动",
        summary: prose,
        examples,
        source: { file: "knowledge/docker-notes.md", line: 300 },
        score: 1,
      },
    ],
  };
}

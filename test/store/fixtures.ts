import type { QuestionEvent } from "../../src/store/types.js";

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export function question(over: Partial<QuestionEvent> = {}): QuestionEvent {
  return {
    type: "question",
    answerId: "a1",
    at: T0,
    platform: "slack",
    surface: "command",
    locale: "en",
    kind: "explain",
    query: "explain --restart",
    outcome: "answered",
    sectionId: "docker-run/restart",
    headingPath: ["Docker run", "7. 自动重启"],
    latencyMs: 3.21,
    userId: "U123",
    ...over,
  };
}

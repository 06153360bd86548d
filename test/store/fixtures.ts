import type { QuestionEvent } from "../../src/store/types.js";

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

/** A question event; a key set to undefined in `over` is left out (an optional field not given). */
export function question(over: { [K in keyof QuestionEvent]?: QuestionEvent[K] | undefined } = {}): QuestionEvent {
  const event: Record<string, unknown> = {
    type: "question",
    answerId: "a1",
    at: T0,
    platform: "slack",
    surface: "slash",
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
  for (const key of Object.keys(event)) if (event[key] === undefined) delete event[key];
  return event as unknown as QuestionEvent;
}

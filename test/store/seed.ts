import type { EventStore } from "../../src/store/store.js";
import type { Outcome, StoreEvent, Surface } from "../../src/store/types.js";

/** A week in the life of the store, ending 2026-01-20 (UTC): fixed, so reports can be compared byte for byte. */
export const SEED_UNTIL = Date.UTC(2026, 0, 20, 0, 0, 0);
const DAY = 86_400_000;
const FILE = "test/fixtures/report-notes/docker.md";
export const SEED_SECTIONS = {
  restart: { id: `${FILE}#自动重启`, headingPath: ["Docker run", "自动重启"] },
  ports: { id: `${FILE}#端口映射`, headingPath: ["Docker run", "端口映射"] },
  host: { id: `${FILE}#host-network`, headingPath: ["Networks", "Host network"] },
} as const;

type Row = [
  daysAgo: number,
  platform: string,
  surface: Surface,
  query: string,
  outcome: Outcome,
  section?: keyof typeof SEED_SECTIONS,
];

const QUESTIONS: Row[] = [
  [3, "slack", "slash", "explain --restart", "answered", "restart"],
  [3, "slack", "mention", "怎么让容器自动重启", "answered", "restart"],
  [3, "discord", "slash", "explain --gpus", "nothing"],
  [3, "slack", "slash", "how do I limit memory?", "nothing"],
  [2, "discord", "dm", "How do I limit memory", "nothing"],
  [2, "slack", "slash", "explain -p", "answered", "ports"],
  [2, "slack", "slash", "端口映射", "answered", "ports"],
  [2, "discord", "slash", "compose healthcheck", "closest", "restart"],
  [2, "slack", "dm", "how do i limit MEMORY", "closest", "host"],
  [1, "discord", "slash", "explain --restart", "answered", "restart"],
  [1, "slack", "slash", "explain --gpus", "nothing"],
  [1, "console", "console", "network host", "answered", "host"],
  [1, "slack", "slash", "expalin", "invalid"],
];

/** Questions a1…a13, then votes: two 👎 with reasons on the restart section, one 👍, one 👎 on ports. */
export function seedEvents(): StoreEvent[] {
  const events: StoreEvent[] = QUESTIONS.map(([daysAgo, platform, surface, query, outcome, section], i) => ({
    type: "question",
    answerId: `a${i + 1}`,
    at: SEED_UNTIL - daysAgo * DAY + i * 60_000,
    platform,
    surface,
    locale: /\p{Script=Han}/u.test(query) ? "zh" : "en",
    kind: query.startsWith("explain") ? "explain" : outcome === "invalid" ? "invalid" : "search",
    query,
    outcome,
    latencyMs: 2 + i,
    userId: `U${(i % 4) + 1}`,
    ...(section ? { sectionId: SEED_SECTIONS[section].id, headingPath: [...SEED_SECTIONS[section].headingPath] } : {}),
  }));
  const at = SEED_UNTIL - DAY / 2;
  const vote = (
    answerId: string,
    userId: string,
    v: "up" | "down",
    section: keyof typeof SEED_SECTIONS,
    platform = "slack",
  ): StoreEvent => ({
    type: "feedback",
    answerId,
    at,
    platform,
    userId,
    vote: v,
    sectionId: SEED_SECTIONS[section].id,
  });
  events.push(
    vote("a1", "U1", "down", "restart"),
    {
      type: "reason",
      answerId: "a1",
      at,
      platform: "slack",
      userId: "U1",
      reason: "restart only on failure, max 3 times",
    },
    vote("a8", "U4", "down", "restart", "discord"),
    { type: "reason", answerId: "a8", at, platform: "discord", userId: "U4", reason: "compose healthcheck syntax" },
    vote("a10", "U2", "up", "restart"),
    vote("a6", "U2", "down", "ports"),
  );
  return events;
}

export async function seedStore(store: EventStore): Promise<void> {
  for (const e of seedEvents()) store.record(e);
  await store.flush();
}

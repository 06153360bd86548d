import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Answer } from "../answer/types.js";
import type { Manifest } from "../search/knowledge-base.js";

export interface Metrics {
  /** Its own registry: tests and several runtimes in one process never collide on metric names. */
  readonly registry: Registry;
  /** The bot's `onAnswer` hook. */
  onAnswer(answer: Answer, info: { platform: string; ms: number }): void;
  /** A question recorded for the store, by outcome (answered, closest, nothing, invalid). */
  recordQuestion(outcome: string): void;
  /** A 👍 or 👎. */
  recordFeedback(vote: "up" | "down"): void;
  /** Events the store could not write (database down, full, locked; queue full). */
  recordDropped(count: number): void;
  /** A knowledge reload: swapped in, or kept the previous index. */
  recordReload(result: "swapped" | "kept"): void;
  /** Prometheus text exposition. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** The index being served (read at scrape time, so a reload shows up without bookkeeping). */
  manifest: () => Pick<Manifest, "sectionCount" | "exampleCount" | "builtAt"> | undefined;
  /** Adapters, for a connected gauge (read at scrape time). */
  adapters?: () => Array<{ name: string; connected: boolean }>;
  /** Process metrics (CPU, memory, event loop lag); off in unit tests that only check ours. */
  defaultMetrics?: boolean;
}

const PREFIX = "docker_notes_";

/**
 * Labels are only the answer kind and the platform: both small closed sets. Never the query text
 * (unbounded cardinality, and it may hold what users typed) and never anything from the config.
 */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const commands = new Counter({
    name: `${PREFIX}commands_total`,
    help: "Commands answered, by kind and platform",
    labelNames: ["kind", "platform"],
    registers: [registry],
  });
  const misses = new Counter({
    name: `${PREFIX}misses_total`,
    help: "Answers that found nothing relevant in the notes",
    labelNames: ["kind", "platform"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: `${PREFIX}answer_duration_seconds`,
    help: "Time to build an answer (parse, search, rank), by platform",
    labelNames: ["platform"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // Named as issue 13 asks (no prefix): the gaps dashboards look for these names.
  const answers = new Counter({
    name: "notes_answers_total",
    help: "Questions answered, by outcome: answered, closest (a closest match), nothing, invalid (refused input)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  for (const outcome of ["answered", "closest", "nothing", "invalid"]) answers.inc({ outcome }, 0);
  const feedback = new Counter({
    name: "notes_feedback_total",
    help: "Feedback buttons pressed, by vote",
    labelNames: ["vote"],
    registers: [registry],
  });
  for (const vote of ["up", "down"]) feedback.inc({ vote }, 0);
  const dropped = new Counter({
    name: "store_events_dropped_total",
    help: "Questions and votes the store could not write (database down, full, locked or read-only; queue full)",
    registers: [registry],
  });
  const reloads = new Counter({
    name: `${PREFIX}index_reloads_total`,
    help: "Knowledge reloads: swapped in, or kept the previous index",
    labelNames: ["result"],
    registers: [registry],
  });
  new Gauge({
    name: `${PREFIX}index_sections`,
    help: "Sections in the index being served",
    registers: [registry],
    collect() {
      this.set(options.manifest()?.sectionCount ?? 0);
    },
  });
  new Gauge({
    name: `${PREFIX}index_examples`,
    help: "Code examples in the index being served",
    registers: [registry],
    collect() {
      this.set(options.manifest()?.exampleCount ?? 0);
    },
  });
  new Gauge({
    name: `${PREFIX}index_age_seconds`,
    help: "Seconds since the index being served was built",
    registers: [registry],
    collect() {
      const builtAt = Date.parse(options.manifest()?.builtAt ?? "");
      this.set(Number.isFinite(builtAt) ? Math.max(0, (Date.now() - builtAt) / 1000) : 0);
    },
  });
  if (options.adapters) {
    const adapters = options.adapters;
    new Gauge({
      name: `${PREFIX}adapter_connected`,
      help: "1 when the adapter is connected (gateway READY, socket open, server listening)",
      labelNames: ["adapter"],
      registers: [registry],
      collect() {
        for (const a of adapters()) this.set({ adapter: a.name }, a.connected ? 1 : 0);
      },
    });
  }

  return {
    registry,
    onAnswer(answer, info) {
      const labels = { kind: answer.command, platform: info.platform };
      commands.inc(labels);
      // A refused command is the user's typo, not a gap in the notes.
      if (answer.type === "miss") misses.inc(labels);
      latency.observe({ platform: info.platform }, info.ms / 1000);
    },
    recordQuestion(outcome) {
      answers.inc({ outcome });
    },
    recordFeedback(vote) {
      feedback.inc({ vote });
    },
    recordDropped(count) {
      dropped.inc(count);
    },
    recordReload(result) {
      reloads.inc({ result });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

import type { AnswerInfo, Bot } from "../answer/bot.js";
import type { AdminCommands, FeedbackSink } from "../answer/hooks.js";
import { outcomeOf } from "../answer/outcome.js";
import type { Answer } from "../answer/types.js";
import { type Config, storeLocation, storeWriteWaitMs } from "../config.js";
import type { Logger } from "../logger.js";
import { formatGapsSummary } from "../render/gaps-summary.js";
import { t } from "../render/i18n/catalogue.js";
import { supportedLocale } from "../render/i18n/locale.js";
import { questionEvent } from "../store/from-answer.js";
import {
  buildReport,
  createStore,
  type EventStore,
  parseSince,
  resolveHashKey,
  type SectionRef,
  type StoreOptions,
} from "../store/index.js";
import type { Metrics } from "./metrics.js";
import type { ReloadOutcome } from "./reload.js";

export interface Recording {
  /** Undefined with STORE=off. */
  readonly store: EventStore | undefined;
  /** The bot's hook: metrics for every answer, the store for every fresh question. */
  onAnswer(answer: Answer, info: AnswerInfo): void;
  /**
   * Resolves once the answer's question row is written, when replies wait for it
   * (STORE_WRITE_WAIT_MS, bounded); at once otherwise.
   */
  written(answerId: string | undefined): Promise<void>;
  readonly feedback: FeedbackSink;
  readonly admin: AdminCommands;
  /** Opens the store (in the background: a database that is down never holds the start) and starts its timers. */
  start(): void;
  /** Writes what is queued (bounded) and closes the store. */
  close(): Promise<void>;
}

export interface RecordingOptions {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** The sections of the index being served (names in the report, "never reached"). */
  sections: () => SectionRef[] | undefined;
  /** Re-reads the notes now. */
  reload: () => Promise<ReloadOutcome>;
}

/**
 * One place every answer and vote passes on its way to metrics and the store (issue 13). The
 * adapters only call `bot.ask` (with who/where) and the feedback sink; nothing here can delay or
 * fail an answer: the store's `record` only queues.
 */
/** The store the settings describe (undefined with STORE=off); the bot and `npm run report`/`forget` share it. */
export function storeFromConfig(
  config: Config,
  logger: Logger,
  extra: Pick<StoreOptions, "onDropped"> = {},
): EventStore | undefined {
  const location = storeLocation(config);
  if (!location) return undefined;
  const key = resolveHashKey(config.STORE_HASH_SECRET, "sqlite" in location ? `${location.sqlite}.key` : undefined);
  if (key.source === "memory")
    logger.warn("no STORE_HASH_SECRET and the store folder is not writable: user hashes last one run");
  return createStore({
    location,
    hashKey: key.key,
    keepQueryText: config.STORE_QUERY_TEXT,
    retentionDays: config.STORE_RETENTION_DAYS,
    logger,
    ...extra,
  });
}

export function createRecording(options: RecordingOptions): Recording {
  const { config, metrics } = options;
  const logger = options.logger.child({ component: "store" });
  const store = storeFromConfig(config, logger, { onDropped: (n) => metrics.recordDropped(n) });
  const asksReason = Boolean(store) && config.STORE_QUERY_TEXT;
  const waitMs = storeWriteWaitMs(config);
  // Question rows being written for answers not yet returned, by answer id.
  const writing = new Map<string, Promise<boolean>>();

  return {
    store,
    onAnswer(answer, info) {
      metrics.onAnswer(answer, info);
      const event = questionEvent(answer, info);
      if (!event) return;
      metrics.recordQuestion(outcomeOf(answer));
      if (store && waitMs > 0) {
        const id = event.answerId;
        writing.set(id, store.recordAndWait(event, waitMs));
        // Gone once settled even if nobody asks (an answer replaced on its way out).
        void writing.get(id)?.finally(() => writing.delete(id));
      } else store?.record(event);
    },
    async written(answerId) {
      const w = answerId === undefined ? undefined : writing.get(answerId);
      if (!w || answerId === undefined) return;
      writing.delete(answerId);
      await w;
    },
    feedback: {
      asksReason,
      vote(e) {
        metrics.recordFeedback(e.vote);
        if (e.answerId) store?.record({ type: "feedback", ...e, answerId: e.answerId, at: Date.now() });
      },
      reason(e) {
        if (e.answerId && asksReason) store?.record({ type: "reason", ...e, answerId: e.answerId, at: Date.now() });
      },
    },
    admin: {
      storeOn: Boolean(store),
      async gaps(since = "7d", language) {
        const locale = supportedLocale(language) ?? "en";
        if (!store) return t(locale, "admin.storeOff");
        let span: number;
        try {
          span = parseSince(since);
        } catch (err) {
          return (err as Error).message.replace("--since", "`since`");
        }
        const until = Date.now();
        const sections = options.sections();
        await store.flush();
        const report = await buildReport(await store.database(), {
          since: until - span,
          until,
          limit: 5,
          ...(sections ? { sections } : {}),
        });
        return formatGapsSummary(report, 5, locale);
      },
      async reload(language) {
        const locale = supportedLocale(language) ?? "en";
        const outcome = await options.reload();
        switch (outcome.result) {
          case "swapped":
            return t(locale, "admin.reloaded", { sections: String(outcome.sections), ms: String(outcome.ms) });
          case "unchanged":
            return t(locale, "admin.unchanged");
          case "kept":
            return t(locale, "admin.kept", { reason: outcome.reason });
        }
      },
    },
    start() {
      if (!store) return;
      const s = store;
      void s.connect().then((ok) => {
        if (ok) logger.info({ engine: s.engine }, "store ready");
      });
      s.start();
    },
    close: async () => store?.close(),
  };
}

/**
 * The bot whose answers come back once their question is stored (with STORE_WRITE_WAIT_MS; at once
 * without): a replica killed right after replying has not lost the row.
 */
export function awaitingStore(bot: Bot, recording: Pick<Recording, "written">): Bot {
  return {
    ask: async (input, options) => {
      const answer = await bot.ask(input, options);
      await recording.written(answer.id);
      return answer;
    },
    autocomplete: (partial) => bot.autocomplete(partial),
  };
}

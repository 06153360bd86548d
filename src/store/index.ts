export { LATEST_VERSION } from "./migrations.js";
export { guessLocale, normalizeQuery } from "./normalize.js";
export type { Engine, StoreLocation } from "./open-database.js";
export { buildReport, type GapsReport, parseSince, type ReportOptions, type SectionRef } from "./report.js";
export {
  type BucketResult,
  type BucketTake,
  loadQueryRef,
  pruneBuckets,
  saveQueryRef,
  takeToken,
} from "./shared-state.js";
export { createStore, type EventStore, type StoreOptions, type StoreStats } from "./store.js";
export * from "./types.js";
export { hashUser, resolveHashKey } from "./user-hash.js";

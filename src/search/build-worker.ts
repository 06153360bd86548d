/**
 * Worker entry: builds a knowledge base off the main thread and sends it back as plain data (the
 * compact index in parts, the manifest, the issues, and the snapshot's bytes), so that the
 * thread answering questions only puts it back together (build-in-worker.ts); or, long-lived,
 * computes reloads' deltas (update-worker.ts).
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { computeDelta, type IndexDelta } from "./index-delta.js";
import {
  buildKnowledgeBase,
  getSearchLanguage,
  type KnowledgeBaseOptions,
  type Manifest,
  snapshotBytes,
} from "./knowledge-base.js";
import { splitRaw } from "./raw-parts.js";
import { compactSectionIndex } from "./section-index.js";
import type { CjkSegmenterName } from "./segment-cjk.js";

export interface BuildRequest {
  options: KnowledgeBaseOptions;
  /** Also encode the snapshot (the main thread then writes it as it is). */
  snapshot: boolean;
}

export type BuildMessage =
  | { type: "part"; path: string[]; value: unknown; merge?: boolean }
  | {
      type: "done";
      manifest: Awaited<ReturnType<typeof buildKnowledgeBase>>["manifest"];
      issues: Awaited<ReturnType<typeof buildKnowledgeBase>>["issues"];
      saved?: Uint8Array;
    }
  | { type: "failed"; message: string; stack?: string };

/**
 * The long-lived worker of update-worker.ts (`serve` in workerData): the language (jieba's
 * dictionary, the flag tables) is loaded once, then every request is a reload's delta.
 */
export interface ServeRequest {
  id: number;
  options: KnowledgeBaseOptions;
  previous: Manifest;
}

export type ServeMessage =
  | { type: "ready" }
  | { type: "delta"; id: number; delta: IndexDelta }
  /** Too much changed (or other language data): the caller builds in full, in a worker of its own. */
  | { type: "full"; id: number; reason: string }
  | { type: "failed"; id: number; message: string; stack?: string };

const port = parentPort;
const serving = (workerData as { serve?: { segmenter: CjkSegmenterName; chinese?: boolean } } | null)?.serve;
if (port && serving) {
  const language = getSearchLanguage(serving.segmenter);
  // jieba loads at the first Chinese text: for notes in Chinese, now, while the folder settles.
  if (serving.chinese) language.analyzer.terms("中文");
  port.postMessage({ type: "ready" } satisfies ServeMessage);
  port.on("message", (request: ServeRequest) => {
    try {
      const delta = computeDelta(request.options, request.previous);
      port.postMessage(
        (typeof delta === "string"
          ? { type: "full", id: request.id, reason: delta }
          : { type: "delta", id: request.id, delta }) satisfies ServeMessage,
      );
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        type: "failed",
        id: request.id,
        message: e.message,
        ...(e.stack ? { stack: e.stack } : {}),
      } satisfies ServeMessage);
    }
  });
} else if (port) {
  const request = workerData as BuildRequest;
  // One part at a time, the next when the main thread asks for it: messages that arrive together
  // are deserialised together, in one block of the receiving thread.
  const asked: (() => void)[] = [];
  port.on("message", () => asked.shift()?.());
  const nextWanted = () => new Promise<void>((resolve) => asked.push(resolve));
  try {
    await buildInFull(port, request, nextWanted);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      type: "failed",
      message: e.message,
      ...(e.stack ? { stack: e.stack } : {}),
    } satisfies BuildMessage);
  }
}

async function buildInFull(port: MessagePort, request: BuildRequest, nextWanted: () => Promise<void>): Promise<void> {
  const kb = await buildKnowledgeBase(request.options);
  const raw = compactSectionIndex(kb.engine.index);
  for (const part of splitRaw(raw)) {
    const wanted = nextWanted();
    port.postMessage({ type: "part", ...part } satisfies BuildMessage);
    await wanted;
  }
  // The snapshot's bytes, whose memory moves to the main thread instead of being copied.
  const saved = request.snapshot ? new Uint8Array(snapshotBytes(kb.manifest, raw)) : undefined;
  port.postMessage(
    {
      type: "done",
      manifest: kb.manifest,
      issues: kb.issues,
      ...(saved ? { saved } : {}),
    } satisfies BuildMessage,
    saved ? [saved.buffer] : [],
  );
}

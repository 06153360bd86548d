/**
 * Worker entry: builds a knowledge base off the main thread and sends it back as plain data (the
 * compact index in parts, the manifest, the issues, and the snapshot's bytes), so that the
 * thread answering questions only puts it back together. See build-in-worker.ts.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { computeDelta, type IndexDelta } from "./index-delta.js";
import { buildKnowledgeBase, type KnowledgeBaseOptions, type Manifest, snapshotBytes } from "./knowledge-base.js";
import { splitRaw } from "./raw-parts.js";
import { compactSectionIndex } from "./section-index.js";

export interface BuildRequest {
  options: KnowledgeBaseOptions;
  /** Also encode the snapshot (the main thread then writes it as it is). */
  snapshot: boolean;
  /** The manifest of the index being served: parse only what changed since (index-delta.ts), when that is worth it. */
  previous?: Manifest;
}

export type BuildMessage =
  | { type: "part"; path: string[]; value: unknown; merge?: boolean }
  | {
      type: "done";
      /** Why the index was built in full although the previous one was given. */
      fullBecause?: string;
      manifest: Awaited<ReturnType<typeof buildKnowledgeBase>>["manifest"];
      issues: Awaited<ReturnType<typeof buildKnowledgeBase>>["issues"];
      saved?: Uint8Array;
    }
  | { type: "delta"; delta: IndexDelta }
  | { type: "failed"; message: string; stack?: string };

const port = parentPort;
if (port) {
  const request = workerData as BuildRequest;
  // One part at a time, the next when the main thread asks for it: messages that arrive together
  // are deserialised together, in one block of the receiving thread.
  const asked: (() => void)[] = [];
  port.on("message", () => asked.shift()?.());
  const nextWanted = () => new Promise<void>((resolve) => asked.push(resolve));
  try {
    const delta = request.previous ? computeDelta(request.options, request.previous) : undefined;
    // A small change: only its files were parsed; the main thread applies it to the served index.
    if (delta !== undefined && typeof delta !== "string")
      port.postMessage({ type: "delta", delta } satisfies BuildMessage);
    else await buildInFull(port, request, nextWanted, delta);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      type: "failed",
      message: e.message,
      ...(e.stack ? { stack: e.stack } : {}),
    } satisfies BuildMessage);
  }
}

async function buildInFull(
  port: MessagePort,
  request: BuildRequest,
  nextWanted: () => Promise<void>,
  fullBecause: string | undefined,
): Promise<void> {
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
      ...(fullBecause ? { fullBecause } : {}),
    } satisfies BuildMessage,
    saved ? [saved.buffer] : [],
  );
}

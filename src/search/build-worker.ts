/**
 * Worker entry: builds a knowledge base off the main thread and sends it back as plain data (the
 * saved Orama index in parts, the manifest, the issues, and the snapshot's bytes), so that the
 * thread answering questions only puts it back together. See build-in-worker.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildKnowledgeBase, type KnowledgeBaseOptions, snapshotText } from "./knowledge-base.js";
import { splitRaw } from "./raw-parts.js";
import { saveSectionIndex } from "./section-index.js";

export interface BuildRequest {
  options: KnowledgeBaseOptions;
  /** Also serialise the snapshot (the main thread then writes it without JSON.stringify). */
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

const port = parentPort;
if (port) {
  const request = workerData as BuildRequest;
  // One part at a time, the next when the main thread asks for it: messages that arrive together
  // are deserialised together, in one block of the receiving thread.
  const asked: (() => void)[] = [];
  port.on("message", () => asked.shift()?.());
  const nextWanted = () => new Promise<void>((resolve) => asked.push(resolve));
  try {
    const kb = await buildKnowledgeBase(request.options);
    const raw = saveSectionIndex(kb.engine.index);
    for (const part of splitRaw(raw)) {
      const wanted = nextWanted();
      port.postMessage({ type: "part", ...part } satisfies BuildMessage);
      await wanted;
    }
    // The snapshot as UTF-8 bytes, whose memory moves to the main thread instead of being copied.
    const saved = request.snapshot ? new Uint8Array(Buffer.from(snapshotText(kb.manifest, raw))) : undefined;
    port.postMessage(
      { type: "done", manifest: kb.manifest, issues: kb.issues, ...(saved ? { saved } : {}) } satisfies BuildMessage,
      saved ? [saved.buffer] : [],
    );
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      type: "failed",
      message: e.message,
      ...(e.stack ? { stack: e.stack } : {}),
    } satisfies BuildMessage);
  }
}

import { Worker } from "node:worker_threads";
import type { BuildMessage, BuildRequest } from "./build-worker.js";
import type { CompactIndex } from "./compact-index.js";
import { type KnowledgeBase, type KnowledgeBaseOptions, knowledgeBaseFromRaw, nextTurn } from "./knowledge-base.js";
import { createRawJoiner } from "./raw-parts.js";

/**
 * `buildKnowledgeBase` on a worker thread, for a running bot: parsing a 2 MB note takes seconds of
 * CPU, which on the main thread would stall every answer, probe and Slack ack meanwhile. The
 * worker parses and indexes, then sends the compact index back in parts (each deserialised in its
 * own turn of the event loop) and the snapshot's bytes; this thread loads it in slices with a
 * pause between steps, so no single step holds the event loop for long. The index being served
 * keeps answering until the caller swaps the new one in.
 *
 * One worker per build, ended after it: the Chinese dictionary and the parse's garbage go with
 * it, so an idle bot does not carry a second heap.
 */
export function buildInWorker(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  return runWorker({ options: plainOptions(options), snapshot: true });
}

/** Plain data only: a worker gets a structured clone (a logger or a callback would not cross). */
export function plainOptions(options: KnowledgeBaseOptions): KnowledgeBaseOptions {
  return {
    knowledgeDir: options.knowledgeDir,
    ...(options.rootDir !== undefined ? { rootDir: options.rootDir } : {}),
    ...(options.segmenter !== undefined ? { segmenter: options.segmenter } : {}),
    ...(options.toolVersion !== undefined ? { toolVersion: options.toolVersion } : {}),
    followOutsideLinks: options.followOutsideLinks ?? false,
  };
}

function runWorker(request: BuildRequest): Promise<KnowledgeBase> {
  return new Promise((resolve, reject) => {
    const joiner = createRawJoiner();
    let settled = false;
    const worker = startWorker(request);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(error);
    };
    worker.on("message", (message: BuildMessage) => {
      if (message.type === "part") {
        joiner.add(message);
        // The next part once the event loop has had its turn.
        setImmediate(() => worker.postMessage("next"));
      } else if (message.type === "failed") fail(Object.assign(new Error(message.message), { stack: message.stack }));
      else {
        settled = true;
        void worker.terminate();
        const raw = joiner.result() as CompactIndex;
        knowledgeBaseFromRaw(raw, message.manifest, message.issues, { from: "build" }, nextTurn).then(
          (kb) => resolve(message.saved === undefined ? kb : { ...kb, saved: message.saved }),
          reject,
        );
      }
    });
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`index build worker exited with code ${code} before finishing`)));
  });
}

/** A thread running build-worker.ts, with `data` as its workerData. */
export function startWorker(data: object): Worker {
  const self = import.meta.url;
  if (!self.endsWith(".ts")) return new Worker(new URL("./build-worker.js", self), { workerData: data });
  // Running from TypeScript sources (tsx, vitest): a small JS entry registers tsx in the worker first.
  return new Worker(new URL("./build-worker-tsx.mjs", self), {
    workerData: { ...data, entry: new URL("./build-worker.ts", self).href },
  });
}

import type { Worker } from "node:worker_threads";
import { buildInWorker, plainOptions, startWorker } from "./build-in-worker.js";
import type { ServeMessage, ServeRequest } from "./build-worker.js";
import type { IndexDelta } from "./index-delta.js";
import type { KnowledgeBase, KnowledgeBaseOptions, Manifest } from "./knowledge-base.js";
import type { CjkSegmenterName } from "./segment-cjk.js";

/**
 * The reload's worker, kept between reloads (issue 18): a worker started per reload paid tsx's
 * start-up (in development), the flag tables and jieba's dictionary every time, most of a
 * one-file reload. This one loads them once (`warm`: the watcher calls it as soon as it sees a
 * change, while it waits for the folder to hold still) and computes each reload's delta
 * (index-delta.ts) until it has been idle for `idleMs`; then it ends, and an idle bot carries no
 * second heap (the worker and its dictionary are ~120 MB of RSS under tsx). Only deltas run here,
 * so its heap stays that of a few files; a full build (most files changed) still gets a worker
 * of its own, ended after it. The thread is unreferenced while idle: it never keeps the process
 * alive.
 */
export interface UpdateWorker {
  /** Starts the worker now (if it is not running), so the next reload finds the language loaded. Resolves once it is. */
  warm(): Promise<void>;
  /** The changes since `previous` (a delta to apply), or a full build when that is cheaper. */
  update(
    options: KnowledgeBaseOptions,
    previous: Manifest,
  ): Promise<{ delta: IndexDelta } | { kb: KnowledgeBase; fullBecause?: string }>;
  /** Ends the worker (a request in flight is rejected). */
  close(): Promise<void>;
  /** How many threads were started: one per busy period, more if a worker died and was replaced. */
  readonly starts: number;
}

interface Pending {
  resolve: (m: ServeMessage) => void;
  reject: (e: Error) => void;
}

/** How long the worker outlives its last reload by default: edits come in bursts. */
export const UPDATE_WORKER_IDLE_MS = 5 * 60_000;

export function createUpdateWorker(
  segmenter: CjkSegmenterName = "jieba",
  {
    idleMs = UPDATE_WORKER_IDLE_MS,
    chinese = () => true,
  }: {
    idleMs?: number;
    /** Whether the served notes hold Chinese: the worker then loads jieba as it starts, not in the first reload. */
    chinese?: () => boolean;
  } = {},
): UpdateWorker {
  let worker: Worker | undefined;
  let ready: Promise<void> | undefined;
  let starts = 0;
  let nextId = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  const pending = new Map<number, Pending>();

  const close = async () => {
    if (idleTimer) clearTimeout(idleTimer);
    const w = worker;
    worker = undefined;
    ready = undefined;
    if (w) await w.terminate();
  };
  // Ended once nothing was asked of it for idleMs (re-armed by every request and every warm-up).
  const idle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (pending.size === 0) void close();
    }, idleMs);
    idleTimer.unref();
  };

  const start = (): { worker: Worker; ready: Promise<void> } => {
    if (worker && ready) {
      idle();
      return { worker, ready };
    }
    starts++;
    const w = startWorker({ serve: { segmenter, chinese: chinese() } });
    w.unref();
    const died = (error: Error) => {
      if (worker === w) {
        worker = undefined;
        ready = undefined;
      }
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    ready = new Promise<void>((resolve, reject) => {
      w.on("message", (m: ServeMessage) => {
        if (m.type === "ready") return resolve();
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (pending.size === 0) {
          w.unref();
          idle();
        }
        p.resolve(m);
      });
      w.on("error", (error) => {
        reject(error);
        died(error);
      });
      w.on("exit", (code) => {
        const error = new Error(`reload worker exited with code ${code}`);
        reject(error);
        died(error);
      });
    });
    // Idle from when it is ready. A failed start is reported by the request that waits for it;
    // nobody may be waiting yet.
    ready.then(idle, () => undefined);
    worker = w;
    return { worker: w, ready };
  };

  const ask = (request: Omit<ServeRequest, "id">): Promise<ServeMessage> => {
    const { worker: w } = start();
    const id = nextId++;
    return new Promise<ServeMessage>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Referenced while a request is in flight: the reload's answer keeps the process alive.
      w.ref();
      w.postMessage({ ...request, id } satisfies ServeRequest);
    });
  };

  return {
    warm: () => start().ready,
    async update(options, previous) {
      const reply = await ask({ options: plainOptions(options), previous });
      if (reply.type === "delta") return { delta: reply.delta };
      if (reply.type === "full") return { kb: await buildInWorker(options), fullBecause: reply.reason };
      if (reply.type === "failed") throw Object.assign(new Error(reply.message), { stack: reply.stack });
      throw new Error(`unexpected reply from the reload worker: ${reply.type}`);
    },
    close,
    get starts() {
      return starts;
    },
  };
}

/**
 * Long work on the thread answering questions, cut into slices of a few milliseconds (issue 18,
 * round 4): an incremental reload at docker-cli-docs ×50 is over a second of CPU on this thread
 * (75,000 sections' term ids copied, their permalinks and bilingual pairs read), and held in one
 * block it made every answer, probe and Slack ack wait for it. A loop asks `due()` every few
 * hundred items (reading the clock is cheap, an `await` per item is not) and, when the slice's
 * time is up, awaits `yield()`, which lets timers, I/O and other requests run first.
 */
export interface Slicer {
  /** Whether this slice has had its time. */
  due: () => boolean;
  /** Lets the event loop run, then starts a new slice. */
  yield: () => Promise<void>;
  /** `yield()` when `due()` (a plain function: it may be passed on alone). */
  maybe: () => Promise<void>;
}

/** A slice's length by default: a tenth of the longest stall allowed (100 ms), so a slow machine stays under it. */
export const SLICE_MS = 10;

/** A turn of the event loop: timers, I/O and other requests run before the next step. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function createSlicer(pause: () => Promise<void> = nextTurn, sliceMs = SLICE_MS): Slicer {
  let since = performance.now();
  const due = () => performance.now() - since >= sliceMs;
  const yieldNow = async () => {
    await pause();
    since = performance.now();
  };
  return {
    due,
    yield: yieldNow,
    maybe: () => (due() ? yieldNow() : Promise.resolve()),
  };
}

/** Work written as a generator that yields wherever it may be cut (`runSteps` in one go, `runStepsInSlices` in slices). */
export type Steps<T> = Generator<void, T>;

/** Stepped work run to its end in one go (a build, a load at start: no one is waiting for an answer). */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Stepped work run with the event loop let run whenever a slice has had its time. */
export async function runStepsInSlices<T>(steps: Steps<T>, slicer: Slicer): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slicer.maybe();
  }
}

import type { Steps } from "./time-slices.js";

/** Items of a long array written between two steps. */
const CHUNK = 500;

/**
 * `JSON.stringify(value)`, the same text, a step at a time (time-slices.ts): a snapshot's header
 * holds the manifest, whose list of files is 9,850 entries at docker-cli-docs ×50 (1.7 MB of
 * JSON, 30–70 ms in one go on a loaded machine), written by a running bot after a reload. Plain
 * objects are written key by key down to `depth` levels, arrays longer than CHUNK a chunk at a
 * time; anything else as JSON.stringify writes it.
 */
export function* jsonSteps(value: unknown, depth = 2): Steps<string> {
  if (Array.isArray(value) && value.length > CHUNK) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i += CHUNK) {
      parts.push(JSON.stringify(value.slice(i, i + CHUNK)).slice(1, -1));
      yield;
    }
    return `[${parts.join(",")}]`;
  }
  if (depth > 0 && isPlainObject(value)) {
    const parts: string[] = [];
    for (const [key, v] of Object.entries(value)) {
      // What JSON.stringify leaves out of an object.
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      parts.push(`${JSON.stringify(key)}:${yield* jsonSteps(v, depth - 1)}`);
    }
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    Object.getPrototypeOf(v) === Object.prototype &&
    typeof (v as { toJSON?: unknown }).toJSON !== "function"
  );
}

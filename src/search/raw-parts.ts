/**
 * A saved index split into pieces for `postMessage`, and put back together. One message is
 * deserialised in one go on the receiving thread: a whole index for a 2 MB note is ~12 MB of
 * structured clone, ~100 ms in one block; in pieces of at most `CHUNK` keys each, the event
 * loop runs between them.
 */
export interface RawPart {
  path: string[];
  value: unknown;
  /** The value holds some of the keys of the object at `path` (merge); otherwise it is the whole value. */
  merge?: boolean;
  /** The value is the next items of the array at `path` (a long array is sent in pieces too). */
  append?: boolean;
}

/** Items or keys a part holds at most (compact-index.ts pools the sections' texts as many at a time). */
export const CHUNK = 500;
const DEPTH = 5;

export function* splitRaw(value: unknown, path: string[] = []): Generator<RawPart> {
  // Chunks of bytes (term-index.ts) are each a part of their own: they are already up to 256 KB.
  const items = Array.isArray(value) && value[0] instanceof Uint8Array ? 1 : CHUNK;
  if (Array.isArray(value) && value.length > items && path.length < DEPTH) {
    for (let i = 0; i < value.length; i += items) yield { path, value: value.slice(i, i + items), append: true };
    return;
  }
  if (path.length >= DEPTH || !isPlainObject(value)) {
    yield { path, value };
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    yield { path, value: {} };
    return;
  }
  if (keys.length > CHUNK) {
    for (let i = 0; i < keys.length; i += CHUNK)
      yield { path, value: Object.fromEntries(keys.slice(i, i + CHUNK).map((k) => [k, value[k]])), merge: true };
    return;
  }
  for (const k of keys) yield* splitRaw(value[k], [...path, k]);
}

/** Puts parts back, in the order they were split, one at a time (so the work is spread as they arrive). */
export function createRawJoiner(): { add(part: RawPart): void; result(): unknown } {
  const root: Record<string, unknown> = {};
  return {
    add(part) {
      if (part.path.length === 0) {
        if (isPlainObject(part.value)) Object.assign(root, part.value);
        return;
      }
      let target = root;
      for (const key of part.path.slice(0, -1)) {
        if (!isPlainObject(target[key])) target[key] = {};
        target = target[key] as Record<string, unknown>;
      }
      const last = part.path.at(-1)!;
      if (part.merge) target[last] = Object.assign(isPlainObject(target[last]) ? target[last] : {}, part.value);
      else if (part.append) {
        const list = Array.isArray(target[last]) ? (target[last] as unknown[]) : (target[last] = []);
        for (const item of part.value as unknown[]) list.push(item);
      } else target[last] = part.value;
    },
    result: () => root,
  };
}

/** All parts at once. */
export function joinRaw(parts: Iterable<RawPart>): unknown {
  const joiner = createRawJoiner();
  for (const part of parts) joiner.add(part);
  return joiner.result();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

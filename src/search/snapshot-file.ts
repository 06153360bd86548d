import { promisify } from "node:util";
import { constants, gunzipSync, gzip, gzipSync } from "node:zlib";
import { Packr } from "msgpackr";
import type { CompactIndex } from "./compact-index.js";
import { createRawJoiner, type RawPart, splitRaw } from "./raw-parts.js";

/**
 * The snapshot file (`INDEX_FILE`): one line of JSON, the header with the manifest, readable with
 * `head -1 data/index.json`; then the compact index (compact-index.ts) as a sequence of
 * MessagePack values (the index's parts, raw-parts.ts), gzipped. MessagePack (msgpackr) instead
 * of JSON: no text to parse back, numbers and strings read as they are stored; parts instead of
 * one value so that a running bot can encode it a slice at a time (`encodeSnapshotInSlices`);
 * gzip at its fastest level: the radix tree and the per-document term tables repeat the same
 * words all over, and level 1 keeps ingest at disk speed.
 *
 * Before format 3 the whole file was `{ manifest, orama }` as JSON: its first line is that whole
 * object, with no `snapshot` key, and it is reported as the old format (then rebuilt).
 */
export const SNAPSHOT_FORMAT = 3;
const MAGIC = "docker-notes-bot index";

export interface SnapshotHeader<M> {
  snapshot: typeof MAGIC;
  format: number;
  encoding: "msgpack-parts+gzip";
  manifest: M;
}

// Plain MessagePack (no records, no structured-clone extension): what is written is what is read.
const packr = new Packr({ useRecords: false, moreTypes: false, mapsAsObjects: true, variableMapSize: true });
const gzipAsync = promisify(gzip);
const GZIP = { level: constants.Z_BEST_SPEED };
/** Parts packed between two pauses of `encodeSnapshotInSlices` (each part holds at most 500 keys). */
const PARTS_PER_SLICE = 20;

function headerLine<M>(manifest: M): Buffer {
  const header: SnapshotHeader<M> = {
    snapshot: MAGIC,
    format: SNAPSHOT_FORMAT,
    encoding: "msgpack-parts+gzip",
    manifest,
  };
  return Buffer.from(`${JSON.stringify(header)}\n`);
}

/** The whole file's bytes, in one go (the CLI's ingest, the build worker). */
export function encodeSnapshot<M>(manifest: M, index: CompactIndex): Buffer {
  const packed = [...splitRaw(index)].map((part) => packr.pack(part));
  return Buffer.concat([headerLine(manifest), gzipSync(Buffer.concat(packed), GZIP)]);
}

/**
 * The same bytes for a running bot: `pause()` between slices of parts, and gzip on libuv's
 * thread pool, so no step holds the event loop for long.
 */
export async function encodeSnapshotInSlices<M>(
  manifest: M,
  index: CompactIndex,
  pause: () => Promise<void>,
): Promise<Buffer> {
  const packed: Buffer[] = [];
  let n = 0;
  for (const part of splitRaw(index)) {
    packed.push(packr.pack(part));
    if (++n % PARTS_PER_SLICE === 0) await pause();
  }
  return Buffer.concat([headerLine(manifest), await gzipAsync(Buffer.concat(packed), GZIP)]);
}

/** The header line, or why the file is not a snapshot of this format (the caller rebuilds). */
export function readHeader<M>(bytes: Buffer): { header: SnapshotHeader<M>; bodyAt: number } | string {
  const end = bytes.indexOf(0x0a);
  let first: Partial<SnapshotHeader<M>> & { orama?: unknown };
  try {
    first = JSON.parse(bytes.subarray(0, end < 0 ? bytes.length : end).toString("utf8")) as typeof first;
  } catch (error) {
    return `snapshot unreadable: ${(error as Error).message.slice(0, 200)}`;
  }
  if (first && typeof first === "object" && "orama" in first) {
    const old = (first as { manifest?: { format?: unknown } }).manifest?.format;
    return `snapshot format ${typeof old === "number" ? old : "unknown"} (JSON), expected ${SNAPSHOT_FORMAT}`;
  }
  if (!first || first.snapshot !== MAGIC || !first.manifest || typeof first.manifest !== "object")
    return "snapshot has no manifest or index";
  if (first.format !== SNAPSHOT_FORMAT) return `snapshot format ${String(first.format)}, expected ${SNAPSHOT_FORMAT}`;
  if (end < 0) return "snapshot has no index after its header";
  return { header: first as SnapshotHeader<M>, bodyAt: end + 1 };
}

/** The compact index after the header (throws on a damaged body: the caller rebuilds). */
export function readBody(bytes: Buffer, bodyAt: number): CompactIndex {
  const parts = packr.unpackMultiple(gunzipSync(bytes.subarray(bodyAt))) as RawPart[];
  const joiner = createRawJoiner();
  for (const part of parts) {
    if (!part || !Array.isArray(part.path)) throw new Error("snapshot part without a path");
    joiner.add(part);
  }
  const index = joiner.result() as Partial<CompactIndex>;
  if (!Array.isArray(index.sections) || !index.orama || typeof index.orama !== "object")
    throw new Error("snapshot body has no sections or index");
  return index as CompactIndex;
}

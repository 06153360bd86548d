import { closeSync, createReadStream, readSync } from "node:fs";
import { promisify } from "node:util";
import { constants, createGunzip, gunzipSync, gzip, gzipSync } from "node:zlib";
import { decodeIter, Packr } from "msgpackr";
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
/** 4: sections carry their markdown and permalink (issue 14); 3: the first compact format. */
export const SNAPSHOT_FORMAT = 4;
const MAGIC = "docker-notes-bot index";

export interface SnapshotHeader<M> {
  snapshot: typeof MAGIC;
  format: number;
  encoding: "msgpack-parts+gzip";
  manifest: M;
}

// Plain MessagePack (no records, no structured-clone extension): what is written is what is read.
const UNPACK = { useRecords: false, moreTypes: false, mapsAsObjects: true, variableMapSize: true };
const packr = new Packr(UNPACK);
const gzipAsync = promisify(gzip);
const GZIP = { level: constants.Z_BEST_SPEED };

function headerLine<M>(manifest: M): Buffer {
  const header: SnapshotHeader<M> = {
    snapshot: MAGIC,
    format: SNAPSHOT_FORMAT,
    encoding: "msgpack-parts+gzip",
    manifest,
  };
  return Buffer.from(`${JSON.stringify(header)}\n`);
}

/**
 * Packed parts are gzipped this many bytes at a time, each batch a gzip member of its own (a gzip
 * file may hold several; gunzip reads them as one stream): the whole packed index (43 MB for
 * docker-cli-docs ×10) is never in memory at once, nor its copy, only the compressed bytes.
 */
const MEMBER_BYTES = 1024 * 1024;

/** Parts packed and cut into batches of about MEMBER_BYTES, each to be gzipped whole. */
function* packedBatches(index: CompactIndex): Generator<Buffer[]> {
  let batch: Buffer[] = [];
  let size = 0;
  for (const part of splitRaw(index)) {
    const packed = packr.pack(part);
    batch.push(packed);
    size += packed.length;
    if (size >= MEMBER_BYTES) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield batch;
}

/** The whole file's bytes, in one go (the CLI's ingest, the build worker). */
export function encodeSnapshot<M>(manifest: M, index: CompactIndex): Buffer {
  const out = [headerLine(manifest)];
  for (const batch of packedBatches(index)) out.push(gzipSync(Buffer.concat(batch), GZIP));
  return Buffer.concat(out);
}

/**
 * The same bytes for a running bot: `pause()` after each batch (packing 1 MB holds the event loop
 * a few milliseconds), and gzip on libuv's thread pool, so no step holds the event loop for long.
 */
export async function encodeSnapshotInSlices<M>(
  manifest: M,
  index: CompactIndex,
  pause: () => Promise<void>,
): Promise<Buffer> {
  const out = [headerLine(manifest)];
  for (const batch of packedBatches(index)) {
    out.push(await gzipAsync(Buffer.concat(batch), GZIP));
    await pause();
  }
  return Buffer.concat(out);
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
  const joiner = createRawJoiner();
  for (const part of packr.unpackMultiple(gunzipSync(bytes.subarray(bodyAt))) as unknown[]) addPart(joiner, part);
  return joined(joiner);
}

/**
 * The snapshot at `fd`: its header (read up to the first line break, not the whole file), and a
 * reader of its body that gunzips and decodes it part by part as it streams from the disk
 * (`readBody` held the whole file, the whole gunzipped body — 215 MB for docker-cli-docs ×50 —
 * and every part at once). Both read the same open file, so a snapshot replaced in between (by
 * rename) is never read half old, half new. The reader closes `fd`, as does a header that is not
 * a snapshot's; a caller that refuses the snapshot for its manifest calls `close`.
 */
export function openSnapshot<M>(
  fd: number,
): { header: SnapshotHeader<M>; readBody: () => Promise<CompactIndex>; close: () => void } | string {
  const head = readHeader<M>(readFirstLine(fd));
  if (typeof head === "string") {
    closeSync(fd);
    return head;
  }
  return {
    header: head.header,
    close: () => closeSync(fd),
    async readBody() {
      const joiner = createRawJoiner();
      const file = createReadStream("", { fd, start: head.bodyAt });
      try {
        for await (const part of decodeIter(file.pipe(createGunzip()), UNPACK)) addPart(joiner, part);
      } finally {
        // A damaged body stops the loop early: the file (and `fd`) is closed all the same.
        file.destroy();
      }
      return joined(joiner);
    },
  };
}

/** The bytes up to and including the first line break (or the whole file when it has none). */
function readFirstLine(fd: number): Buffer {
  const chunks: Buffer[] = [];
  for (let at = 0; ; ) {
    const chunk = Buffer.alloc(64 * 1024);
    const n = readSync(fd, chunk, 0, chunk.length, at);
    if (n === 0) break;
    const end = chunk.subarray(0, n).indexOf(0x0a);
    chunks.push(chunk.subarray(0, end < 0 ? n : end + 1));
    if (end >= 0) break;
    at += n;
  }
  return Buffer.concat(chunks);
}

function addPart(joiner: ReturnType<typeof createRawJoiner>, part: unknown): void {
  if (!part || !Array.isArray((part as RawPart).path)) throw new Error("snapshot part without a path");
  joiner.add(part as RawPart);
}

function joined(joiner: ReturnType<typeof createRawJoiner>): CompactIndex {
  const index = joiner.result() as Partial<CompactIndex>;
  if (!Array.isArray(index.sections) || !index.orama || typeof index.orama !== "object")
    throw new Error("snapshot body has no sections or index");
  return index as CompactIndex;
}

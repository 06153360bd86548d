import { promisify } from "node:util";
import { constants, gunzip, gzip, gzipSync } from "node:zlib";
import { Packr } from "msgpackr";
import type { CompactIndex } from "./compact-index.js";
import { jsonSteps } from "./json-in-steps.js";
import type { ParsedLanguage } from "./language-data.js";
import { createRawJoiner, type RawPart, splitRaw } from "./raw-parts.js";
import { createSlicer, runSteps, runStepsInSlices, type Steps } from "./time-slices.js";

/**
 * The snapshot file (`INDEX_FILE`): one line of JSON, the header with the manifest, readable with
 * `head -1 data/index.json`; then the compact index (compact-index.ts) as a sequence of
 * MessagePack values (the index's parts, raw-parts.ts), gzipped. MessagePack (msgpackr) instead
 * of JSON: no text to parse back, numbers and strings read as they are stored; parts instead of
 * one value so that a running bot can encode it a slice at a time (`encodeSnapshotInSlices`);
 * the term index is its integers' bytes (MessagePack's bin: read as they are, term-index.ts);
 * gzip at its fastest level: level 1 keeps ingest at disk speed.
 *
 * Before format 3 the whole file was `{ manifest, orama }` as JSON: its first line is that whole
 * object, with no `snapshot` key, and it is reported as the old format (then rebuilt).
 */
/**
 * 6: the sections' texts in pools, a long string per block of sections (compact-index.ts; issue 18,
 * round 4); 5: the term index in typed arrays instead of Orama's saved index (issue 18, round 3); 4: sections
 * carry their markdown and permalink (issue 14); 3: the first compact format.
 */
export const SNAPSHOT_FORMAT = 6;
const MAGIC = "docker-notes-bot index";

export interface SnapshotHeader<M> {
  snapshot: typeof MAGIC;
  format: number;
  encoding: "msgpack-parts+gzip";
  manifest: M;
  /**
   * The body's gzip members, their sizes in bytes, in order: each member is gunzipped and decoded
   * on its own (`readBody`). Absent in snapshots written before; their body is read whole.
   */
  members?: number[];
  /** The language files as parsed when the snapshot was written: a start that loads it parses no YAML. */
  language?: ParsedLanguage;
}

// Plain MessagePack (no records, no structured-clone extension): what is written is what is read.
const packr = new Packr({ useRecords: false, moreTypes: false, mapsAsObjects: true, variableMapSize: true });
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const GZIP = { level: constants.Z_BEST_SPEED };

/** The file: the header line (with the members' sizes), then the members. */
function* snapshotFileSteps<M>(manifest: M, members: Buffer[], language?: ParsedLanguage): Steps<Buffer[]> {
  const header: SnapshotHeader<M> = {
    snapshot: MAGIC,
    format: SNAPSHOT_FORMAT,
    encoding: "msgpack-parts+gzip",
    manifest,
    members: members.map((m) => m.length),
    ...(language ? { language } : {}),
  };
  return [Buffer.from(`${yield* jsonSteps(header)}\n`), ...members];
}

/**
 * Packed parts are gzipped this many bytes at a time, each batch a gzip member of its own (a gzip
 * file may hold several; gunzip reads them as one stream): the whole packed index (43 MB for
 * docker-cli-docs ×10, 215 MB for ×50) is never in memory at once, when written nor when read
 * (`readBody` gunzips and decodes one member at a time).
 */
const MEMBER_BYTES = 1024 * 1024;

/** Parts packed and cut into batches of about MEMBER_BYTES, whole parts only, each to be gzipped whole. */
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
export function encodeSnapshot<M>(manifest: M, index: CompactIndex, language?: ParsedLanguage): Buffer {
  const members: Buffer[] = [];
  for (const batch of packedBatches(index)) members.push(gzipSync(Buffer.concat(batch), GZIP));
  return Buffer.concat(runSteps(snapshotFileSteps(manifest, members, language)));
}

/**
 * The same bytes for a running bot: `pause()` after each batch (packing 1 MB holds the event loop
 * a few milliseconds), and gzip on libuv's thread pool, so no step holds the event loop for long.
 * The file's pieces, in order, to be written one after the other: joined, the 27 MB of ×50 took
 * 60–90 ms of the event loop (the copy, and the collection a buffer that size sets off).
 */
export async function encodeSnapshotInSlices<M>(
  manifest: M,
  index: CompactIndex,
  pause: () => Promise<void>,
  language?: ParsedLanguage,
): Promise<Buffer[]> {
  const members: Buffer[] = [];
  for (const batch of packedBatches(index)) {
    members.push(await gzipAsync(Buffer.concat(batch), GZIP));
    await pause();
  }
  return runStepsInSlices(snapshotFileSteps(manifest, members, language), createSlicer(pause));
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

/**
 * A gzip member gunzipped on libuv's thread pool into one buffer of its size, read from its last
 * four bytes (gzip's ISIZE): zlib otherwise fills 16 KB chunks and copies them into one (at ×50,
 * 160 MB copied once more), and one output chunk is one job on the pool, with no turn of the
 * event loop in between (the main thread may be busy checking the notes meanwhile). zlib checks
 * that size; capped, so a damaged one allocates no more.
 */
function gunzipMember(member: Buffer): Promise<Buffer> {
  const size = member.length >= 4 ? member.readUInt32LE(member.length - 4) : 0;
  return gunzipAsync(member, {
    chunkSize: Math.min(Math.max(size + 1, constants.Z_MIN_CHUNK), 64 * 1024 * 1024),
  });
}

/**
 * The compact index after the header (rejects on a damaged body: the caller rebuilds). Every
 * member's gunzip starts at once, on the thread pool (another core: 0.35 s at ×50), before this
 * returns; the members are then decoded in order as they arrive. So the caller can do its own
 * work meanwhile (the notes' check, the language files) and await the result after; if it
 * drops the promise, the gunzipped bytes are dropped with it. A snapshot written before members
 * were listed is gunzipped whole.
 */
export function readBody(bytes: Buffer, bodyAt: number, members?: readonly number[]): Promise<CompactIndex> {
  let started: Promise<Buffer>[];
  try {
    // Unlisted, the body may be several members: the last one's size says nothing of the whole.
    started = members ? memberBytes(bytes, bodyAt, members).map(gunzipMember) : [gunzipAsync(bytes.subarray(bodyAt))];
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  // A member after a damaged one is never awaited: its own failure must not go unhandled.
  for (const p of started) p.catch(() => {});
  return decodeMembers(started);
}

/** The members' bytes, checked against the file's length. */
function memberBytes(bytes: Buffer, bodyAt: number, members: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let at = bodyAt;
  for (const size of members) {
    if (!Number.isInteger(size) || size <= 0 || at + size > bytes.length)
      throw new Error("snapshot member out of bounds");
    out.push(bytes.subarray(at, (at += size)));
  }
  if (at !== bytes.length) throw new Error("snapshot has bytes after its last member");
  return out;
}

async function decodeMembers(pending: (Promise<Buffer> | undefined)[]): Promise<CompactIndex> {
  const joiner = createRawJoiner();
  for (let i = 0; i < pending.length; i++) {
    const packed = await pending[i]!;
    // Each member's bytes are let go once decoded (a settled promise holds its value).
    pending[i] = undefined;
    for (const part of packr.unpackMultiple(packed) as unknown[]) {
      if (!part || !Array.isArray((part as RawPart).path)) throw new Error("snapshot part without a path");
      joiner.add(part as RawPart);
    }
  }
  const index = joiner.result() as Partial<CompactIndex>;
  if (!Array.isArray(index.sections) || !index.terms || typeof index.terms !== "object")
    throw new Error("snapshot body has no sections or index");
  return index as CompactIndex;
}

import { FIELDS, type Field } from "./fields.js";
import { runSteps, runStepsInSlices, type Slicer, type Steps } from "./time-slices.js";

/**
 * The sections' inverted index in typed arrays (issue 18, round 3). Orama's index kept one object
 * of term → tf per section and field, a tree node per term and the documents' ids in Sets: at
 * docker-cli-docs ×50 (75,000 sections) ~300 MB of heap, rebuilt object by object from every
 * snapshot. Here a document is the position of its section, a field is two flat lists of
 * integers (each document's terms, each term's documents), and a snapshot is those lists' bytes.
 *
 * What retrieval reads is what Orama's index gave (index-stats.ts), to the bit: terms are met once
 * per document (the tokenizer de-duplicates them), so a field's length is its number of terms and
 * a term's tf is 1 / length; the average length is Orama's running average over the documents in
 * order (`averageLength`); a term's documents are in document order, as in Orama's radix tree;
 * test/search/term-index.test.ts compares both over the notes and docker-cli-docs.
 */
export interface FieldTerms {
  /** Term id → term, in the order the field first met them (documents in order, terms in reading order). */
  terms: string[];
  ids: Map<string, number>;
  /** Document d's term ids, ascending (a binary search finds one): `docTerms[docStart[d] .. docStart[d + 1])`. */
  docStart: Int32Array;
  docTerms: Int32Array;
  /** Term t's documents, ascending: `termDocs[termStart[t] .. termStart[t + 1])` (derived from the above). */
  termStart: Int32Array;
  termDocs: Int32Array;
  avgLength: number;
}

export interface TermIndex {
  docsCount: number;
  /** In FIELDS order. */
  fields: FieldTerms[];
}

/** A growable list of int32s. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
  /** Room for `n` more. */
  reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    const bigger = new Int32Array(Math.max(this.data.length * 2, this.length + n));
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
  /** The list, in a buffer of its size; a list sized beforehand (`reserve`) and nearly full is not copied again. */
  toArray(): Int32Array {
    if (this.data.length - this.length <= this.length / 16) return this.data.subarray(0, this.length);
    return this.data.slice(0, this.length);
  }
}

/**
 * Documents added one at a time, in order (each its fields' terms, FIELDS order, each term once),
 * then `finish()`: a full build and an incremental reload (section-index.ts) both index this way,
 * so both give the same index for the same sections.
 */
export function createTermIndexBuilder(like?: TermIndex) {
  // Sized as `like` (the index a reload replaces): its lists are not grown by doubling, 20 copies of up to 7 MB each.
  const fields = FIELDS.map((_, fi) => {
    const f = like?.fields[fi];
    const docStart = new IntList();
    const docTerms = new IntList();
    if (f) {
      docStart.reserve(f.docStart.length + 1024);
      docTerms.reserve(f.docTerms.length + 65_536);
    }
    return { terms: [] as string[], ids: new Map<string, number>(), docStart, docTerms };
  });
  let docs = 0;
  const idOf = (f: (typeof fields)[number], term: string) => {
    let id = f.ids.get(term);
    if (id === undefined) {
      id = f.terms.length;
      f.terms.push(term);
      f.ids.set(term, id);
    }
    return id;
  };
  /** The document's ids sorted; a term given twice is refused (its length and tf would not be Orama's). */
  const close = (fi: number, from: number) => {
    const f = fields[fi]!;
    const own = f.docTerms.data.subarray(from, f.docTerms.length).sort();
    for (let i = 1; i < own.length; i++)
      if (own[i] === own[i - 1])
        throw new Error(`the terms of a document's ${FIELDS[fi]} repeat ${f.terms[own[i]!]}: expected each once`);
  };
  const finishField = (fi: number) => {
    const f = fields[fi]!;
    f.docStart.push(f.docTerms.length);
    return postingsSteps(f.terms, f.ids, f.docStart.toArray(), f.docTerms.toArray());
  };
  // Per index copied from (`addCopy`): its term ids → this index's, as they are first met.
  const remaps = new Map<TermIndex, Int32Array[]>();
  return {
    add(termsByField: readonly (readonly string[])[]): void {
      fields.forEach((f, fi) => {
        const from = f.docTerms.length;
        f.docStart.push(from);
        for (const term of termsByField[fi] ?? []) f.docTerms.push(idOf(f, term));
        close(fi, from);
      });
      docs++;
    },
    /**
     * Document `doc` of `source`, with the terms it has there (an incremental reload's unchanged
     * sections): integers copied, no term looked up but the first time this index meets it, no
     * sort while the ids stay ascending (most documents: both dictionaries list terms as met).
     */
    addCopy(source: TermIndex, doc: number): void {
      let remap = remaps.get(source);
      if (!remap) remaps.set(source, (remap = source.fields.map((sf) => new Int32Array(sf.terms.length).fill(-1))));
      for (let fi = 0; fi < fields.length; fi++) {
        const f = fields[fi]!;
        const sf = source.fields[fi]!;
        const map = remap[fi]!;
        const from = f.docTerms.length;
        f.docStart.push(from);
        const start = sf.docStart[doc]!;
        const end = sf.docStart[doc + 1]!;
        f.docTerms.reserve(end - start);
        const out = f.docTerms.data;
        let at = from;
        let ascending = true;
        let last = -1;
        for (let i = start; i < end; i++) {
          const old = sf.docTerms[i]!;
          let id = map[old]!;
          if (id < 0) map[old] = id = idOf(f, sf.terms[old]!);
          if (id < last) ascending = false;
          last = id;
          out[at++] = id;
        }
        f.docTerms.length = at;
        // The source's terms are distinct and the map one to one: no repeat to check for.
        if (!ascending) out.subarray(from, at).sort();
      }
      docs++;
    },
    finish(): TermIndex {
      return { docsCount: docs, fields: fields.map((_, fi) => runSteps(finishField(fi))) };
    },
    /** `finish()` with the event loop let run between its steps (the postings derived a few hundred thousand integers at a time). */
    async finishInSlices(slicer: Slicer): Promise<TermIndex> {
      const out: FieldTerms[] = [];
      for (let fi = 0; fi < fields.length; fi++) out.push(await runStepsInSlices(finishField(fi), slicer));
      return { docsCount: docs, fields: out };
    },
  };
}

/** A field from its dictionary and forward index: the inverted index and the average length derived. */
function withPostings(
  terms: string[],
  ids: Map<string, number>,
  docStart: Int32Array,
  docTerms: Int32Array,
): FieldTerms {
  return runSteps(postingsSteps(terms, ids, docStart, docTerms));
}

/**
 * `withPostings` a step at a time: it yields every few hundred thousand integers (the body field
 * of docker-cli-docs ×50 is 1.7 M of them, 20–80 ms in one go), so the thread answering
 * questions can let the event loop run between steps (`finishInSlices`).
 */
function* postingsSteps(
  terms: string[],
  ids: Map<string, number>,
  docStart: Int32Array,
  docTerms: Int32Array,
): Steps<FieldTerms> {
  const termStart = new Int32Array(terms.length + 1);
  for (let i = 0; i < docTerms.length; i++) {
    termStart[docTerms[i]! + 1]!++;
    if ((i & STEP_MASK) === STEP_MASK) yield;
  }
  for (let t = 0; t < terms.length; t++) termStart[t + 1]! += termStart[t]!;
  const termDocs = new Int32Array(docTerms.length);
  const next = termStart.slice(0, terms.length);
  yield;
  // Documents in order: each term's list comes out ascending.
  for (let d = 0; d + 1 < docStart.length; d++) {
    for (let i = docStart[d]!; i < docStart[d + 1]!; i++) termDocs[next[docTerms[i]!]!++] = d;
    if ((d & DOC_STEP_MASK) === DOC_STEP_MASK) yield;
  }
  return { terms, ids, docStart, docTerms, termStart, termDocs, avgLength: averageLength(docStart) };
}
const STEP_MASK = (1 << 18) - 1;
const DOC_STEP_MASK = (1 << 12) - 1;

/**
 * Orama's average field length, computed as Orama does at each insertion (`components/index.js`
 * `insertDocumentScoreParameters`): a running average, whose rounding BM25 scores inherit.
 */
function averageLength(docStart: Int32Array): number {
  let avg = 0;
  for (let k = 1; k < docStart.length; k++) avg = (avg * (k - 1) + (docStart[k]! - docStart[k - 1]!)) / k;
  return avg;
}

/** Document `doc`'s terms in field `f`, as a lookup. */
export class DocTerms {
  constructor(
    private readonly f: FieldTerms,
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** The field's length in this document: its number of terms. */
  get length(): number {
    return this.to - this.from;
  }

  has(term: string): boolean {
    const id = this.f.ids.get(term);
    if (id === undefined) return false;
    const list = this.f.docTerms;
    let lo = this.from;
    let hi = this.to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = list[mid]!;
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Orama's tf (occurrences ÷ field length; a term occurs once), or undefined when the document lacks the term. */
  tf(term: string): number | undefined {
    return this.has(term) ? 1 / this.length : undefined;
  }

  /** The terms, by term id. */
  *terms(): Generator<string> {
    for (let i = this.from; i < this.to; i++) yield this.f.terms[this.f.docTerms[i]!]!;
  }
}

export function docTerms(f: FieldTerms, doc: number): DocTerms | undefined {
  if (!(doc >= 0 && doc + 1 < f.docStart.length)) return undefined;
  return new DocTerms(f, f.docStart[doc]!, f.docStart[doc + 1]!);
}

/** The documents holding `term` in field `f`, ascending. */
export function termPostings(f: FieldTerms, term: string): Int32Array {
  const id = f.ids.get(term);
  return id === undefined ? EMPTY : f.termDocs.subarray(f.termStart[id], f.termStart[id + 1]);
}
const EMPTY = new Int32Array(0);

/** How many documents hold `term` in field `f`. */
export function termOccurrences(f: FieldTerms, term: string): number {
  const id = f.ids.get(term);
  return id === undefined ? 0 : f.termStart[id + 1]! - f.termStart[id]!;
}

/**
 * A term index as plain data for a snapshot or a worker's message: each field's dictionary and
 * forward index only (the postings and the average are derived again, `fromSaved`), the integers'
 * bytes in chunks of at most CHUNK_BYTES (snapshot-file.ts packs them a chunk at a time).
 */
export interface SavedTermIndex {
  docsCount: number;
  /** By name (an object, not a list: raw-parts.ts splits an object's values into parts of their own). */
  fields: Record<Field, { terms: string[]; docStart: Uint8Array[]; docTerms: Uint8Array[] }>;
}

const CHUNK_BYTES = 256 * 1024;

function toChunks(a: Int32Array): Uint8Array[] {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out: Uint8Array[] = [];
  // Copies, not views: a view sent to a worker thread would carry its whole buffer.
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) out.push(bytes.slice(at, at + CHUNK_BYTES));
  return out;
}

/** The chunks' bytes copied into one aligned array (a chunk read from a file sits at any offset). */
function fromChunks(chunks: readonly Uint8Array[], what: string): Int32Array {
  if (!Array.isArray(chunks) || !chunks.every((c) => c instanceof Uint8Array)) throw new Error(`${what} is not bytes`);
  const size = chunks.reduce((n, c) => n + c.length, 0);
  if (size % 4) throw new Error(`${what} is not a list of int32`);
  const out = new Int32Array(size / 4);
  const bytes = new Uint8Array(out.buffer);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return out;
}

export function saveTermIndex(index: TermIndex): SavedTermIndex {
  return {
    docsCount: index.docsCount,
    fields: Object.fromEntries(
      index.fields.map((f, fi) => [
        FIELDS[fi],
        { terms: f.terms, docStart: toChunks(f.docStart), docTerms: toChunks(f.docTerms) },
      ]),
    ) as SavedTermIndex["fields"],
  };
}

/** The index back from its saved form; throws when the lists do not fit together (a damaged snapshot). */
export function loadTermIndex(saved: SavedTermIndex): TermIndex {
  const n = saved?.docsCount;
  if (!Number.isInteger(n) || !saved.fields || typeof saved.fields !== "object")
    throw new Error("term index without documents or fields");
  return {
    docsCount: n,
    fields: FIELDS.map((name) => {
      const s = saved.fields[name];
      const what = `the ${name} field`;
      if (!s || !Array.isArray(s.terms) || !s.terms.every((t) => typeof t === "string"))
        throw new Error(`${what} has no terms`);
      const docStart = fromChunks(s.docStart, `${what}'s documents`);
      const list = fromChunks(s.docTerms, `${what}'s terms`);
      if (docStart.length !== n + 1 || docStart[0] !== 0 || docStart[n] !== list.length)
        throw new Error(`${what} does not list ${n} documents`);
      for (let d = 0; d < n; d++) {
        if (docStart[d + 1]! < docStart[d]!) throw new Error(`${what}'s documents are out of order`);
        for (let i = docStart[d]!; i < docStart[d + 1]!; i++) {
          const t = list[i]!;
          if (t < 0 || t >= s.terms.length || (i > docStart[d]! && t <= list[i - 1]!))
            throw new Error(`${what}'s terms are out of range or order`);
        }
      }
      const ids = new Map(s.terms.map((t, i) => [t, i]));
      if (ids.size !== s.terms.length) throw new Error(`${what} lists a term twice`);
      return withPostings(s.terms, ids, docStart, list);
    }),
  };
}

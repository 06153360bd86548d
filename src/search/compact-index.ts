import type { Example, Section } from "../knowledge/types.js";
import { CHUNK } from "./raw-parts.js";
import type { SavedTermIndex } from "./term-index.js";
import { runSteps, type Steps } from "./time-slices.js";

/**
 * A section index as plain data: the sections once, in the index's order (a document is the
 * position of its section), and the term index as its integers' bytes (term-index.ts). What
 * crosses from the build worker and what the snapshot file holds.
 */
export interface CompactIndex {
  /** In the order answers and the outline list them (file order, then heading order). */
  sections: StoredSection[];
  terms: SavedTermIndex;
}

/**
 * A section as stored, without text the sections repeat (at docker-cli-docs ×50, 43 M of their
 * 141 M characters): its markdown is `SAME` when it is its text, character for character (a section
 * without code blocks, tables or repaired flags: 46,000 of 75,000 sections); its file is `SAME`
 * when it is the previous section's; its parent is the parent's position. Loaded, those are the
 * same strings as the text, the previous file, the parent's id: held, gunzipped and decoded once.
 *
 * Its long texts (id, title, text, markdown, permalink, examples' code) are not in it either but
 * in its block's pool (`TextPool`, on the block's first section), each field marked `POOLED` or
 * `POOLED_WIDE`.
 */
export type StoredSection = Omit<Section, PooledField | "examples" | "file" | "parentId"> & {
  id: Pooled;
  title: Pooled;
  text: Pooled;
  markdown?: Pooled | typeof SAME;
  permalink?: Pooled;
  examples: (Omit<Example, "code"> & { code: Pooled })[];
  file: string | typeof SAME;
  /** The parent's id, or its position in the list. */
  parentId?: string | number;
  /** On the first section of each block of `POOL_SECTIONS`: the texts of the block's sections. */
  pool?: TextPool;
};
export const SAME = 1;
/** The text is the next one of the block's pool of texts of one byte a character (`TextPool.narrow`). */
export const POOLED = 2;
/** The text is the next one of the block's pool of texts with characters beyond U+00FF (`TextPool.wide`). */
export const POOLED_WIDE = 3;
type Pooled = typeof POOLED | typeof POOLED_WIDE;

/**
 * Issue 18, round 4: a block's texts as two long strings, cut back into the sections' texts when
 * loaded. Decoded, a section's 1,900 characters of text were a string of its own that every
 * young-generation collection copied while the load ran (0.3 s of GC at ×50). A long string is
 * allocated where the collector never moves it, and a text cut from it (`slice`) is a 20-byte
 * reference to it (V8's sliced string), not a copy of the characters. Two pools, because one
 * character beyond U+00FF makes V8 store a whole string with two bytes a character: the English
 * texts of a block stay one byte a character, whatever one of them holds. Stored as those bytes
 * (Latin-1; UTF-16), which is how V8 holds them: written and read back as a copy, no UTF-8 to
 * encode or decode, and never joined into one string at ingest.
 */
export interface TextPool {
  /** Latin-1: one byte a character. */
  narrow: Uint8Array;
  /** UTF-16LE: two bytes a character. */
  wide: Uint8Array;
  /** Each pooled text's length, in the order the fields are read (`POOLED_FIELDS`, then examples' code). */
  lengths: number[];
}

/** Sections per pool: the parts the snapshot is written in hold as many (raw-parts.ts), so one part brings its own pool. */
export const POOL_SECTIONS = CHUNK;
const POOLED_FIELDS = ["id", "title", "text", "markdown", "permalink"] as const;
type PooledField = (typeof POOLED_FIELDS)[number];
// Any character beyond Latin-1: V8 then stores the string with two bytes a character.
const WIDE = /[^\u0000-\u00ff]/;

export function storeSections(sections: readonly Section[]): StoredSection[] {
  return runSteps(storeSectionsSteps(sections));
}

/** `storeSections` a step at a time (a running bot saving its snapshot after a reload: 75,000 sections are 0.2–0.4 s). */
export function* storeSectionsSteps(sections: readonly Section[]): Steps<StoredSection[]> {
  const position = new Map<string, number>();
  for (let i = 0; i < sections.length; i++) {
    const id = sections[i]!.id;
    if (!position.has(id)) position.set(id, i);
    if ((i & 1023) === 1023) yield;
  }
  const stored: StoredSection[] = [];
  let narrow: string[] = [];
  let wide: string[] = [];
  let narrowChars = 0;
  let wideChars = 0;
  let lengths: number[] = [];
  const pooled = (text: string): Pooled => {
    lengths.push(text.length);
    if (WIDE.test(text)) {
      wide.push(text);
      wideChars += text.length;
      return POOLED_WIDE;
    }
    narrow.push(text);
    narrowChars += text.length;
    return POOLED;
  };
  // The pool goes on the block's first section, once the block is read.
  const closeBlock = () => {
    const first = stored[Math.floor((stored.length - 1) / POOL_SECTIONS) * POOL_SECTIONS];
    if (first)
      first.pool = {
        narrow: poolBytes(narrow, narrowChars, "latin1"),
        wide: poolBytes(wide, wideChars, "utf16le"),
        lengths,
      };
    narrow = [];
    wide = [];
    narrowChars = wideChars = 0;
    lengths = [];
  };
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    if ((i & 511) === 511) yield;
    if (i > 0 && i % POOL_SECTIONS === 0) closeBlock();
    // Pooled in the order restoreSections reads them back.
    const id = pooled(s.id);
    const title = pooled(s.title);
    const text = pooled(s.text);
    const markdown = s.markdown === undefined ? undefined : s.markdown === s.text ? SAME : pooled(s.markdown);
    const permalink = s.permalink === undefined ? undefined : pooled(s.permalink);
    // One object literal, the optional fields added after: a copy of the section whose strings
    // turned into numbers, or spreads, made this 5 to 10 times slower (V8 reshapes every copy).
    const out: StoredSection = {
      id,
      file: i > 0 && s.file === sections[i - 1]!.file ? SAME : s.file,
      line: s.line,
      level: s.level,
      slug: s.slug,
      title,
      headingPath: s.headingPath,
      text,
      examples: s.examples.map((e) => ({ lang: e.lang, code: pooled(e.code) })),
    };
    if (markdown !== undefined) out.markdown = markdown;
    if (permalink !== undefined) out.permalink = permalink;
    if (s.parentId !== undefined) out.parentId = position.get(s.parentId) ?? s.parentId;
    stored.push(out);
  }
  closeBlock();
  return stored;
}

/** The texts' characters one after the other, in `encoding`'s bytes (an array of their own: none shared with another pool). */
function poolBytes(texts: string[], chars: number, encoding: "latin1" | "utf16le"): Uint8Array {
  const bytes = Buffer.allocUnsafeSlow(encoding === "latin1" ? chars : chars * 2);
  let at = 0;
  for (const text of texts) at += bytes.write(text, at, encoding);
  return bytes;
}

/** A pool's bytes as the one string they hold. */
function poolText(bytes: unknown, encoding: "latin1" | "utf16le", i: number): string {
  if (!(bytes instanceof Uint8Array)) throw new Error(`section ${i} has a damaged pool`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
}

/** The sections back, in place (`stored` is not used afterwards); throws on a reference to nothing. */
export function restoreSections(stored: StoredSection[]): Section[] {
  let lengths: number[] = [];
  let narrow = "";
  let wide = "";
  let next = 0;
  let atNarrow = 0;
  let atWide = 0;
  const text = (marker: unknown, i: number): string => {
    const length = lengths[next++];
    if (typeof length !== "number" || (marker !== POOLED && marker !== POOLED_WIDE))
      throw new Error(`section ${i} has a text its pool lacks`);
    const piece =
      marker === POOLED ? narrow.slice(atNarrow, (atNarrow += length)) : wide.slice(atWide, (atWide += length));
    if (piece.length !== length) throw new Error(`section ${i} has a text its pool lacks`);
    return piece;
  };
  stored.forEach((s, i) => {
    if (s.pool) {
      narrow = poolText(s.pool.narrow, "latin1", i);
      wide = poolText(s.pool.wide, "utf16le", i);
      lengths = Array.isArray(s.pool.lengths) ? s.pool.lengths : [];
      next = atNarrow = atWide = 0;
      delete s.pool;
    } else if (i === 0) throw new Error("section 0 has a text its pool lacks");
    const out = s as unknown as Section;
    for (const field of POOLED_FIELDS) {
      const value = s[field];
      if (value !== undefined && !(field === "markdown" && value === SAME)) out[field] = text(value, i);
    }
    if (s.markdown === SAME) out.markdown = out.text;
    for (const e of s.examples) (e as unknown as Example).code = text(e.code, i);
    if (s.file === SAME) {
      const previous = stored[i - 1]?.file;
      if (typeof previous !== "string") throw new Error(`section ${i} has no file`);
      s.file = previous;
    }
  });
  // Once every id is back: a parent is found by its position, wherever it is listed.
  stored.forEach((s, i) => {
    if (typeof s.parentId === "number") {
      const parent = stored[s.parentId]?.id;
      if (typeof parent !== "string") throw new Error(`section ${i}'s parent is not listed`);
      s.parentId = parent;
    }
  });
  return stored as unknown as Section[];
}

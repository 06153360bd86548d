/**
 * Copies of strings that hold only their own characters.
 *
 * A section's text, heading and id are cut from its file's source or joined from pieces. V8
 * keeps such a string as a slice into the whole source or as a tree of its pieces, and text cut
 * from a source with one character beyond Latin-1 (a `→`, a `…`) stays two bytes a character even
 * where it is plain ASCII. The parsed sections would keep every file's source alive until the
 * index is built. Measured on docker-cli-docs ×50 (74,900 sections): the parsed sections' heap
 * went from 275 to 138 MB, the ingest's peak RSS from 781 to 647 MB (docs/PERFORMANCE.md).
 */

/** V8 makes slices and joined trees only of strings this long or longer; shorter ones are copies already. */
const MIN_SHARED = 13;
const LATIN1 = /^[\0-\xff]*$/;

/** A flat copy of `s` (one byte a character when it can be), sharing nothing with the string it came from. */
export function ownString(s: string): string {
  if (s.length < MIN_SHARED) return s;
  return LATIN1.test(s) ? Buffer.from(s, "latin1").toString("latin1") : Buffer.from(s, "utf16le").toString("utf16le");
}

/** `ownString` that returns one copy per distinct text (a heading shared by a section and its children's paths). */
export function createOwnStrings(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let own = seen.get(s);
    if (own === undefined) seen.set(s, (own = ownString(s)));
    return own;
  };
}

import { createHash } from "node:crypto";
import type { Section } from "./types.js";

/**
 * Permalinks (`/s/<permalink>` on the web pages): one slug per heading of the path, joined by
 * `/` (`docker-run/docker-run的配置命令/7-自动重启`), so a link stays the same across rebuilds
 * and unrelated edits as long as the section's own heading path does not change. Line numbers
 * and file order play no part. Only when two sections share a heading path (the same headings in
 * two files, or twice under one parent) does each of them get a short hash of its id, which is
 * its file and its per-file anchor: that is the one case a path alone cannot name.
 */
export function permalinkBase(headingPath: readonly string[]): string {
  const parts = headingPath.map(slugPart).filter(Boolean);
  return parts.length ? parts.join("/") : "section";
}

/** A heading as one path segment: lowercase letters, digits and marks of any script, `-` between words. */
export function slugPart(heading: string): string {
  return heading
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, " ")
    .trim()
    .replace(/[\s_]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
}

/** The six hex characters that tell apart sections sharing a heading path. */
export function permalinkHash(id: string): string {
  return createHash("sha256").update(id).digest("hex").slice(0, 6);
}

/**
 * Sets `permalink` on every section: its heading path's slug, or that slug with `~<hash>` when
 * another section has the same one (all of them get the hash, so which one keeps the plain slug
 * never depends on the order files are read in; the plain slug then lists them, see the web page).
 */
export function assignPermalinks(sections: Section[]): void {
  const count = new Map<string, number>();
  const bases = sections.map((s) => permalinkBase(s.headingPath));
  for (const b of bases) count.set(b, (count.get(b) ?? 0) + 1);
  const used = new Set<string>();
  sections.forEach((s, i) => {
    const base = bases[i]!;
    s.permalink = linkOf(base, s.id, count.get(base)! > 1, used);
  });
}

/** A section's link: its base, or with its id's hash when the base is `shared`; not one in `used` (which it joins). */
function linkOf(base: string, id: string, shared: boolean, used: Set<string>): string {
  let link = shared ? `${base}~${permalinkHash(id)}` : base;
  // The same id twice (a file reached under two names) still gets two links.
  for (let n = 2; used.has(link); n++) link = `${base}~${permalinkHash(`${id}~${n}`)}`;
  used.add(link);
  return link;
}

/** `docker-run~a1b2c3` → `docker-run`: what a link to one of several same-path sections shares. */
export function permalinkBaseOf(link: string): string {
  return link.replace(/~[0-9a-f]{6}$/, "");
}

/**
 * The permalinks `assignPermalinks(sections)` would set, for a list in which only `fresh`
 * sections are new (an incremental reload: the others are the served index's, their permalinks
 * set by the build that listed them, and `removed` were listed then and are gone): the fresh
 * sections' links, and those of the unchanged sections whose link changes, without slugging
 * 75,000 heading paths again (0.4–0.55 s at docker-cli-docs ×50). A link depends only on the
 * sections sharing its heading path's slug (a base has no `~`, so links of two bases never meet):
 * only the bases a fresh or removed section has are worked out again, over their sections in
 * order, as `assignPermalinks` does. Nothing is set here: the caller sets the unchanged sections'
 * links when it swaps the index in, so questions reading the served one see it as it was.
 */
export async function permalinksAfterChange(
  sections: readonly Section[],
  fresh: ReadonlySet<Section>,
  removed: readonly Section[],
  slice: () => Promise<void>,
): Promise<Map<Section, string>> {
  const touched = new Set<string>();
  for (const s of fresh) touched.add(permalinkBase(s.headingPath));
  for (const s of removed) touched.add(permalinkBase(s.headingPath));
  const groups = new Map<string, Section[]>();
  for (let i = 0; i < sections.length; i++) {
    if ((i & 1023) === 0) await slice();
    const s = sections[i]!;
    const base = fresh.has(s) || s.permalink === undefined ? permalinkBase(s.headingPath) : baseOfLink(s.permalink);
    if (!touched.has(base)) continue;
    const group = groups.get(base);
    if (group) group.push(s);
    else groups.set(base, [s]);
  }
  // A changed file's headings are often shared by many files (docker-cli-docs ×50: 50 copies of
  // each), so this is thousands of hashes: sliced too.
  const links = new Map<Section, string>();
  for (const [base, group] of groups) {
    const used = new Set<string>();
    for (const s of group) {
      if ((links.size & 255) === 255) await slice();
      links.set(s, linkOf(base, s.id, group.length > 1, used));
    }
  }
  return links;
}

/** A permalink's base: what comes before its `~` (a slug has none). */
function baseOfLink(link: string): string {
  const at = link.indexOf("~");
  return at < 0 ? link : link.slice(0, at);
}

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
    let link = count.get(base)! > 1 ? `${base}~${permalinkHash(s.id)}` : base;
    // The same id twice (a file reached under two names) still gets two links.
    for (let n = 2; used.has(link); n++) link = `${base}~${permalinkHash(`${s.id}~${n}`)}`;
    used.add(link);
    s.permalink = link;
  });
}

/** `docker-run~a1b2c3` → `docker-run`: what a link to one of several same-path sections shares. */
export function permalinkBaseOf(link: string): string {
  return link.replace(/~[0-9a-f]{6}$/, "");
}

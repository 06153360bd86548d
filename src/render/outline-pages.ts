import type { OutlineEntry } from "../answer/types.js";

/** Headings per page at most: a screenful in either client. */
export const OUTLINE_PAGE_SIZE = 30;

/**
 * The outline cut into pages that each fit `room` characters (each line's rendered length plus a
 * newline) and `OUTLINE_PAGE_SIZE` headings. Pure: the same outline always pages the same way, so
 * a Next button only needs to carry the page number.
 */
export function outlinePages(
  outline: OutlineEntry[],
  lineLength: (entry: OutlineEntry) => number,
  room: number,
): OutlineEntry[][] {
  const pages: OutlineEntry[][] = [];
  let page: OutlineEntry[] = [];
  let used = 0;
  for (const entry of outline) {
    const size = Math.min(lineLength(entry), room) + 1;
    if (page.length > 0 && (used + size > room || page.length >= OUTLINE_PAGE_SIZE)) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(entry);
    used += size;
  }
  if (page.length) pages.push(page);
  return pages;
}

/** The page asked for, clamped to the pages there are. */
export function clampPage(page: number | undefined, pages: number): number {
  return Math.min(Math.max(0, Math.floor(page ?? 0)), Math.max(0, pages - 1));
}

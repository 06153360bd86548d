import { permalinkBaseOf } from "../knowledge/permalink.js";
import type { Section } from "../knowledge/types.js";

/** The index's sections as the pages walk them: by link, by parent, in reading order. */
export interface SiteIndex {
  sections: readonly Section[];
  byPermalink: Map<string, Section>;
  /** Sections sharing a heading path, under the plain slug they share (their links add `~hash`). */
  byBase: Map<string, Section[]>;
  byId: Map<string, Section>;
  children: Map<string, Section[]>;
  /** Position in reading order (file, then line). */
  order: Map<string, number>;
}

const cache = new WeakMap<readonly Section[], SiteIndex>();

/** Built once per index (a reload swaps the sections array, and with it this). */
export function siteIndex(sections: readonly Section[]): SiteIndex {
  let site = cache.get(sections);
  if (site) return site;
  const byPermalink = new Map<string, Section>();
  const byBase = new Map<string, Section[]>();
  const children = new Map<string, Section[]>();
  const byId = new Map<string, Section>();
  for (const s of sections) {
    byId.set(s.id, s);
    if (!s.permalink) continue;
    byPermalink.set(s.permalink, s);
    const base = permalinkBaseOf(s.permalink);
    if (base !== s.permalink) byBase.set(base, [...(byBase.get(base) ?? []), s]);
  }
  for (const s of sections) if (s.parentId) children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
  const order = new Map(sections.map((s, i) => [s.id, i]));
  site = { sections, byPermalink, byBase, byId, children, order };
  cache.set(sections, site);
  return site;
}

/** The section's ancestors, top first (for the breadcrumbs). */
export function ancestors(site: SiteIndex, section: Section): Section[] {
  const out: Section[] = [];
  const seen = new Set<string>();
  for (let id = section.parentId; id && !seen.has(id); id = site.byId.get(id)?.parentId) {
    seen.add(id);
    const parent = site.byId.get(id);
    if (!parent) break;
    out.unshift(parent);
  }
  return out;
}

/** Every section below this one, in reading order, with its depth below it (1 = a child). */
export function descendants(site: SiteIndex, section: Section, max = 200): Array<{ section: Section; depth: number }> {
  const out: Array<{ section: Section; depth: number }> = [];
  const walk = (s: Section, depth: number) => {
    for (const c of site.children.get(s.id) ?? []) {
      if (out.length >= max) return;
      out.push({ section: c, depth });
      walk(c, depth + 1);
    }
  };
  walk(section, 1);
  return out;
}

/** The sections just before and after this one in the same file (reading order). */
export function neighbours(site: SiteIndex, section: Section): { previous?: Section; next?: Section } {
  const i = site.order.get(section.id) ?? -1;
  const previous = site.sections[i - 1];
  const next = site.sections[i + 1];
  return {
    ...(previous && previous.file === section.file ? { previous } : {}),
    ...(next && next.file === section.file ? { next } : {}),
  };
}

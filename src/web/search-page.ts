import { html } from "hono/html";
import type { Answer } from "../answer/types.js";
import type { Section } from "../knowledge/types.js";
import { t } from "../render/i18n/catalogue.js";
import type { Locale } from "../render/i18n/locale.js";
import { answerHtml, type OutlineItem, outlineList } from "./answer-html.js";
import { type Html, page } from "./layout.js";
import { type SiteIndex, siteIndex } from "./site-index.js";

export interface SearchPageOptions {
  base: string;
  /** The page's labels. */
  locale: Locale;
  query?: string;
  /** The answer's language (the question's script). */
  answerLocale?: Locale;
  answer?: Answer;
  /** Every section, for the outline (absent while the index loads). */
  sections?: readonly Section[];
  /** A sentence instead of an answer (rate limit, index loading). */
  notice?: string;
}

/** `/`: the search box (in the header), the answer to `?q=` when there is one, then the outline. */
export function searchPage(o: SearchPageOptions): Html {
  const l = o.locale;
  const al = o.answerLocale ?? l;
  const results = o.answer
    ? html`<section aria-labelledby="results" lang="${al}"><h1 id="results">${t(al, "web.results", { query: o.query ?? "" })}</h1>${answerHtml(o.answer, al, o.base)}</section>`
    : o.notice
      ? html`<p class="message" role="status">${o.notice}</p>`
      : html`<h1>${t(l, "web.siteName")}</h1>`;
  const outline = o.sections?.length
    ? html`<section aria-labelledby="outline"><h2 id="outline">${t(l, "web.outline")}</h2>${fileOutlines(siteIndex(o.sections), o.base)}</section>`
    : "";
  return page({
    lang: o.answer ? al : l,
    locale: l,
    title: o.query ? t(al, "web.results", { query: o.query }) : t(l, "web.searchLabel"),
    base: o.base,
    body: html`${results}${outline}`,
    ...(o.query ? { query: o.query } : {}),
    scripts: ["/assets/copy.js"],
  });
}

/** One collapsible outline per file, headings nested by level. */
function fileOutlines(site: SiteIndex, base: string): Html {
  const files = new Map<string, Section[]>();
  for (const s of site.sections) files.set(s.file, [...(files.get(s.file) ?? []), s]);
  const single = files.size === 1;
  return html`${[...files].map(([file, sections]) => {
    const top = Math.min(...sections.map((s) => s.level));
    const items: OutlineItem[] = sections.map((s) => ({
      title: s.title,
      depth: depthOf(site, s, top),
      permalink: s.permalink,
    }));
    return html`<details class="outline"${single ? html` open` : ""}><summary>${file}</summary>${outlineList(items, base)}</details>`;
  })}`;
}

/** Nesting depth by ancestry (levels may skip: an h1 followed by an h3 is still one level down). */
function depthOf(site: SiteIndex, s: Section, top: number): number {
  let depth = 0;
  for (let p = s.parentId; p && depth < 6; p = site.byId.get(p)?.parentId) depth++;
  return s.level < top ? 0 : depth;
}

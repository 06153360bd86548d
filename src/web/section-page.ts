import { html, raw } from "hono/html";
import { questionLocale } from "../adapters/question-locale.js";
import type { Section } from "../knowledge/types.js";
import { t } from "../render/i18n/catalogue.js";
import type { Locale } from "../render/i18n/locale.js";
import { type SourceLinks, sectionHref } from "../render/source-link.js";
import { type Html, page } from "./layout.js";
import { type CodeLabels, markdownToHtml } from "./markdown-html.js";
import { ancestors, descendants, neighbours, type SiteIndex } from "./site-index.js";

export interface SectionPageOptions {
  site: SiteIndex;
  section: Section;
  base: string;
  /** The source link (KNOWLEDGE_SOURCE_URL), when configured; never the page itself. */
  links: SourceLinks;
  defaultLocale: Locale;
}

/** `/s/<permalink>` of a section, relative to the site. */
export function sectionPath(base: string, section: { permalink?: string | undefined }): string {
  return `${base}/s/${(section.permalink ?? "")
    .split("/")
    .map((p) => encodeURIComponent(p))
    .join("/")}`;
}

/** The language a section is written in (its heading and prose), for `<html lang>` and its labels. */
export function sectionLocale(section: Section, fallback: Locale): Locale {
  return questionLocale(`${section.headingPath.join(" ")} ${section.text.slice(0, 400)}`, fallback);
}

export function codeLabels(locale: Locale): CodeLabels {
  return {
    copy: t(locale, "web.copy"),
    copied: t(locale, "web.copied"),
    copyFailed: t(locale, "web.copyFailed"),
    language: (lang) => t(locale, "web.codeLanguage", { lang }),
  };
}

/** The section's body: its markdown, sanitised (or, for an index without markdown, its text and examples). */
export function sectionBody(section: Section, labels: CodeLabels): string {
  const markdown =
    section.markdown ??
    [section.text, ...section.examples.map((e) => `\`\`\`\`${e.lang}\n${e.code}\n\`\`\`\``)]
      .filter(Boolean)
      .join("\n\n");
  return markdownToHtml(markdown, labels);
}

/**
 * One section, whole: breadcrumbs (its heading path, each a link), its heading, the file and line
 * (linked to the source when KNOWLEDGE_SOURCE_URL is set), its own markdown, then every
 * subsection under its own heading and link, then the sections before and after it.
 */
export function sectionPage(o: SectionPageOptions): Html {
  const { site, section, base } = o;
  const lang = sectionLocale(section, o.defaultLocale);
  const labels = codeLabels(lang);
  const up = ancestors(site, section);
  const below = descendants(site, section);
  const around = neighbours(site, section);
  const where = `${section.file}:${section.line}`;
  const source = sectionHref(
    { ...o.links, publicUrl: undefined },
    { source: { file: section.file, line: section.line } },
  );
  const body = html`
<nav class="breadcrumbs" aria-label="${t(lang, "web.breadcrumbs")}"><ol>
${up.map((a) => html`<li><a href="${sectionPath(base, a)}">${a.title}</a></li>`)}
<li aria-current="page">${section.title}</li>
</ol></nav>
<article>
<h1>${section.title}</h1>
<p class="meta">${t(lang, "web.source", { where })}${source ? html` · <a href="${source}" rel="noopener noreferrer">${t(lang, "web.sourceLink")}</a>` : ""}</p>
${
  below.length
    ? html`<nav class="toc" aria-label="${t(lang, "web.subsections")}"><h2>${t(lang, "web.subsections")}</h2><ul>
${below.filter((d) => d.depth === 1).map((d) => html`<li><a href="#${anchor(d.section)}">${d.section.title}</a></li>`)}
</ul></nav>`
    : ""
}
<div class="note-body">${raw(sectionBody(section, labels))}</div>
${below.map(
  (d) => html`<section class="subsection" id="${anchor(d.section)}">
${raw(`<h${Math.min(6, d.depth + 1)}>`)}<a href="${sectionPath(base, d.section)}">${d.section.title}</a>${raw(`</h${Math.min(6, d.depth + 1)}>`)}
<div class="note-body">${raw(sectionBody(d.section, labels))}</div>
</section>`,
)}
</article>
${
  around.previous || around.next
    ? html`<nav class="neighbours" aria-label="${t(lang, "web.neighbours")}">
<span>${around.previous ? html`<a rel="prev" href="${sectionPath(base, around.previous)}">${t(lang, "web.previous", { title: around.previous.title })}</a>` : ""}</span>
<span>${around.next ? html`<a rel="next" href="${sectionPath(base, around.next)}">${t(lang, "web.next", { title: around.next.title })}</a>` : ""}</span>
</nav>`
    : ""
}`;
  return page({ lang, locale: lang, title: section.title, base, body, scripts: ["/assets/copy.js"] });
}

/** Several sections share the link's heading path: list them (their own links carry a hash). */
export function ambiguousPage(o: { base: string; candidates: Section[]; locale: Locale }): Html {
  const l = o.locale;
  const body = html`<h1>${o.candidates[0]?.title ?? ""}</h1>
<p>${t(l, "web.ambiguous")}</p>
<ul>${o.candidates.map((s) => html`<li><a href="${sectionPath(o.base, s)}">${s.headingPath.join(" › ")}</a> <span class="meta">${s.file}:${s.line}</span></li>`)}</ul>`;
  return page({ lang: l, locale: l, title: o.candidates[0]?.title ?? "", base: o.base, body });
}

export function notFoundPage(o: { base: string; locale: Locale; query?: string }): Html {
  const l = o.locale;
  const body = html`<h1>${t(l, "web.notFound")}</h1><p>${t(l, "web.notFoundHint")}</p>`;
  return page({
    lang: l,
    locale: l,
    title: t(l, "web.notFound"),
    base: o.base,
    body,
    ...(o.query ? { query: o.query } : {}),
  });
}

/** An in-page anchor for a subsection: its index-wide id is unique but holds `/` and `#`. */
function anchor(section: Section): string {
  return `sub-${section.slug}`;
}

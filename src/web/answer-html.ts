import { html, raw } from "hono/html";
import type { Answer, AnswerSection, OutlineEntry } from "../answer/types.js";
import { t } from "../render/i18n/catalogue.js";
import type { Locale } from "../render/i18n/locale.js";
import { answerMessage, helpText } from "../render/wording.js";
import type { Html } from "./layout.js";
import { markdownToHtml } from "./markdown-html.js";
import { codeLabels, sectionPath } from "./section-page.js";

/**
 * An `Answer` as the search page shows it: the same answer chat gets (same engine, same
 * confidence, same words from the catalogue), each section linking to its whole page. One
 * exhaustive switch, as in every renderer.
 */
export function answerHtml(answer: Answer, locale: Locale, base: string): Html {
  const message = answerMessage(answer, locale);
  const said = message ? html`<div class="message" role="status">${raw(md(message, locale))}</div>` : "";
  switch (answer.type) {
    case "sections":
      return html`${said}
${answer.confidence === "low" && !message ? html`<p class="message">${t(locale, "web.closest")}</p>` : ""}
<ol class="results">${answer.sections.map((s, i) => html`<li>${result(s, locale, base, i === 0)}</li>`)}</ol>`;
    case "compare":
      return html`${said}<ol class="results">
${[answer.direct, answer.left, answer.right]
  .filter((s): s is AnswerSection => s !== undefined)
  .map((s) => html`<li>${result(s, locale, base, true)}</li>`)}
</ol>`;
    case "topics":
      return html`${said}${outlineList(answer.outline, base)}`;
    case "help":
      return html`<div class="message">${raw(md(helpText(locale), locale))}</div>`;
    case "miss":
    case "invalid":
      return html`${said}`;
  }
}

function result(s: AnswerSection, locale: Locale, base: string, withExample: boolean): Html {
  const href = s.permalink ? sectionPath(base, s) : undefined;
  const example = withExample ? s.examples[0] : undefined;
  return html`<p class="path">${s.headingPath.slice(0, -1).join(" › ")}</p>
<h2>${href ? html`<a href="${href}">${s.title}</a>` : s.title}</h2>
${s.summary ? html`<div class="note-body">${raw(md(s.summary, locale))}</div>` : ""}
${example ? raw(md(`\`\`\`\`${example.lang}\n${example.code}\n\`\`\`\``, locale)) : ""}
<p class="meta">${s.source.file}:${s.source.line}${href ? html` · <a href="${href}">${t(locale, "web.openSection")}</a>` : ""}</p>`;
}

/** The outline (a `topics` answer's entries) as nested lists, each heading a link to its page. */
export function outlineList(entries: readonly (OutlineEntry | OutlineItem)[], base: string): Html {
  let depth = -1;
  const parts: string[] = [];
  for (const e of entries) {
    const d = Math.min(e.depth, depth + 1);
    if (d > depth) parts.push("<ul>".repeat(d - depth));
    else parts.push("</li>", "</ul></li>".repeat(depth - d));
    depth = d;
    const title = escapeText(e.title);
    parts.push(e.permalink ? `<li><a href="${escapeText(sectionPath(base, e))}">${title}</a>` : `<li>${title}`);
  }
  if (depth >= 0) parts.push("</li>", "</ul></li>".repeat(depth), "</ul>");
  return html`<nav class="outline">${raw(parts.join(""))}</nav>`;
}

export interface OutlineItem {
  title: string;
  depth: number;
  permalink?: string | undefined;
}

function md(markdown: string, locale: Locale): string {
  return markdownToHtml(markdown, codeLabels(locale));
}

function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

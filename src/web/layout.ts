import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { t } from "../render/i18n/catalogue.js";
import type { Locale } from "../render/i18n/locale.js";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * Every page's Content-Security-Policy: nothing but this origin's own files. No inline script or
 * style anywhere (scripts and the stylesheet are static files under /assets/), no framing, no
 * plugins, forms post only here. A note that slipped a script past the sanitiser still could not run it.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers every page carries besides the CSP. */
export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

export interface PageOptions {
  /** The page's language (`<html lang>`): the section's, or the reader's for search and /admin. */
  lang: Locale;
  /** The language of the page's own labels. */
  locale: Locale;
  title: string;
  /** Where the site lives under PUBLIC_URL (`''` or `/notes`): every link starts with it. */
  base: string;
  body: Html;
  /** The search box's current text. */
  query?: string;
  scripts?: string[];
  styles?: string[];
}

export function page(o: PageOptions): Html {
  const l = o.locale;
  const scripts = o.scripts ?? [];
  return html`<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${t(l, "web.siteName")}</title>
<link rel="stylesheet" href="${o.base}/assets/web.css">
${(o.styles ?? []).map((s) => html`<link rel="stylesheet" href="${o.base}${s}">`)}
${scripts.map((s) => html`<script src="${o.base}${s}" defer></script>`)}
</head>
<body>
<a class="visually-hidden" href="#main">${t(l, "web.skip")}</a>
<header class="site" lang="${l}">
<a class="brand" href="${o.base}/">${t(l, "web.siteName")}</a>
<form role="search" action="${o.base}/" method="get">
<label class="visually-hidden" for="q">${t(l, "web.searchLabel")}</label>
<input type="search" id="q" name="q" value="${o.query ?? ""}" placeholder="${t(l, "web.searchPlaceholder")}">
<button type="submit">${t(l, "web.searchButton")}</button>
</form>
</header>
<main id="main">
${o.body}
</main>
</body>
</html>`;
}

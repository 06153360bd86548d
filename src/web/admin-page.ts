import { html } from "hono/html";
import { t } from "../render/i18n/catalogue.js";
import type { Locale } from "../render/i18n/locale.js";
import type { DailySeries, GapsReport } from "../store/index.js";
import { type Html, page } from "./layout.js";

export function loginPage(o: { base: string; locale: Locale; error?: string; status?: number }): Html {
  const l = o.locale;
  const body = html`<h1>${t(l, "web.admin.title")}</h1>
${o.error ? html`<p class="error" role="alert">${o.error}</p>` : ""}
<form method="post" action="${o.base}/admin/login">
<p><label for="token">${t(l, "web.admin.tokenLabel")}</label></p>
<p><input type="password" id="token" name="token" autocomplete="current-password" required>
<button type="submit">${t(l, "web.admin.login")}</button></p>
</form>`;
  return page({ lang: l, locale: l, title: t(l, "web.admin.title"), base: o.base, body });
}

export interface DashboardData {
  days: number;
  report?: GapsReport;
  series?: DailySeries;
}

/**
 * The dashboard: totals, three charts (drawn by dashboard.js from data.json) and the two lists a
 * maintainer acts on, server-rendered so the figures are there without JavaScript.
 */
export function dashboardPage(o: { base: string; locale: Locale; days: number; data: DashboardData }): Html {
  const l = o.locale;
  const r = o.data.report;
  const k = (key: "answered" | "closest" | "nothing" | "invalid" | "questions") => t(l, `web.admin.${key}`);
  const body = r
    ? html`<h1>${t(l, "web.admin.title")}</h1>
<p class="meta">${t(l, "web.admin.window", { days: o.data.days })} · ${r.since.slice(0, 10)} – ${r.until.slice(0, 10)}</p>
<form method="post" action="${o.base}/admin/logout"><button type="submit">${t(l, "web.admin.signOut")}</button></form>
<ul class="totals">
<li><strong>${r.totals.questions}</strong>${k("questions")}</li>
<li><strong>${r.totals.answered}</strong>${k("answered")}</li>
<li><strong>${r.totals.closest}</strong>${k("closest")}</li>
<li><strong>${r.totals.nothing}</strong>${k("nothing")}</li>
<li><strong>${r.feedback.up}</strong>${t(l, "web.admin.up")}</li>
<li><strong>${r.feedback.down}</strong>${t(l, "web.admin.down")}</li>
</ul>
<div class="charts" id="charts" data-src="${o.base}/admin/data.json?days=${o.days}">
${chart("chart-platforms", t(l, "web.admin.perPlatform"), l)}
${chart("chart-outcomes", t(l, "web.admin.outcomes"), l)}
${chart("chart-votes", t(l, "web.admin.votes"), l)}
</div>
<h2>${t(l, "web.admin.unanswered")}</h2>
${
  r.unanswered.length
    ? html`<table class="list"><thead><tr><th scope="col">${t(l, "web.admin.question")}</th><th scope="col">${t(l, "web.admin.count")}</th><th scope="col">${k("nothing")}</th><th scope="col">${k("closest")}</th></tr></thead><tbody>
${r.unanswered.map((u) => html`<tr><td>${u.question}</td><td class="n">${u.count}</td><td class="n">${u.nothing}</td><td class="n">${u.closest}</td></tr>`)}
</tbody></table>`
    : html`<p>${t(l, "web.admin.noRows")}</p>`
}
<h2>${t(l, "web.admin.downvoted")}</h2>
${
  r.downvoted.length
    ? html`<table class="list"><thead><tr><th scope="col">${t(l, "web.admin.section")}</th><th scope="col">${t(l, "web.admin.down")}</th><th scope="col">${t(l, "web.admin.up")}</th></tr></thead><tbody>
${r.downvoted.map((d) => html`<tr><td>${d.section}${d.reasons.length ? html`<br><span class="meta">${d.reasons.join(" · ")}</span>` : ""}</td><td class="n">${d.down}</td><td class="n">${d.up}</td></tr>`)}
</tbody></table>`
    : html`<p>${t(l, "web.admin.noRows")}</p>`
}`
    : html`<h1>${t(l, "web.admin.title")}</h1><p>${t(l, "web.admin.noStore")}</p>`;
  return page({
    lang: l,
    locale: l,
    title: t(l, "web.admin.title"),
    base: o.base,
    body,
    ...(r ? { scripts: ["/assets/uplot.js", "/assets/dashboard.js"], styles: ["/assets/uplot.css"] } : {}),
  });
}

function chart(id: string, title: string, l: Locale): Html {
  return html`<figure class="chart" id="${id}"><h2>${title}</h2><p class="placeholder meta">${t(l, "web.admin.chartsNeedScript")}</p></figure>`;
}

/** The labels dashboard.js puts on its charts, in the page's language. */
export function chartLabels(l: Locale) {
  return {
    platforms: t(l, "web.admin.perPlatform"),
    votes: t(l, "web.admin.votes"),
    outcomes: {
      title: t(l, "web.admin.outcomes"),
      answered: t(l, "web.admin.answered"),
      closest: t(l, "web.admin.closest"),
      nothing: t(l, "web.admin.nothing"),
      invalid: t(l, "web.admin.invalid"),
    },
  };
}

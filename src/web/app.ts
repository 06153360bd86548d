import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Kysely } from "kysely";
import { questionLocale } from "../adapters/question-locale.js";
import { createRateLimiter, type RateLimitOptions } from "../adapters/rate-limit.js";
import type { Bot } from "../answer/bot.js";
import { permalinkBaseOf } from "../knowledge/permalink.js";
import type { Section } from "../knowledge/types.js";
import { t } from "../render/i18n/catalogue.js";
import { type Locale, supportedLocale } from "../render/i18n/locale.js";
import type { SourceLinks } from "../render/source-link.js";
import { rateLimitMessage } from "../render/wording.js";
import { buildReport, dailySeries, type SectionRef, type StoreSchema } from "../store/index.js";
import { type AdminAuth, createAdminAuth } from "./admin-auth.js";
import { chartLabels, dashboardPage, loginPage } from "./admin-page.js";
import type { Asset } from "./assets.js";
import { type Html, SECURITY_HEADERS } from "./layout.js";
import { searchPage } from "./search-page.js";
import { ambiguousPage, notFoundPage, sectionPage } from "./section-page.js";
import { siteIndex } from "./site-index.js";

export interface WebAppOptions {
  bot: Bot;
  /** The sections of the index being served (undefined while it loads). */
  sections: () => readonly Section[] | undefined;
  /** PUBLIC_URL: links on the pages start with its path; https makes the admin cookie Secure. */
  publicUrl: string;
  links: SourceLinks;
  defaultLocale: Locale;
  assets: Map<string, Asset>;
  /** ADMIN_TOKEN; /admin answers 404 without it. */
  adminToken?: string;
  /** The store's database for the dashboard (undefined with STORE=off). */
  database?: () => Promise<Kysely<StoreSchema>>;
  /** Search questions per client (RATE_LIMIT_*). */
  rateLimit?: RateLimitOptions;
  /** The client's address, for the per-client limits (client-address.ts: the socket's, or read through TRUST_PROXY_HOPS proxies). */
  clientOf?: (c: Context) => string;
  /** Days the dashboard covers (default 30). */
  dashboardDays?: number;
  now?: () => number;
}

const MAX_QUERY = 500;

/**
 * The web pages as one Hono app: `/` (search and outline), `/s/<permalink>` (a section), `/admin`
 * (sign-in, dashboard, its data) and `/assets/*`. Every response carries the strict CSP; every
 * page is server-rendered HTML that works without JavaScript (the charts and copy buttons aside).
 */
export function createWebApp(o: WebAppOptions): Hono {
  const app = new Hono();
  const base = new URL(o.publicUrl).pathname.replace(/\/+$/, "");
  const now = o.now ?? (() => Date.now());
  const clientOf = o.clientOf ?? (() => "client");
  const searchLimit = createRateLimiter(o.rateLimit ?? {});
  const auth: AdminAuth | undefined = o.adminToken
    ? createAdminAuth({
        token: o.adminToken,
        secure: o.publicUrl.startsWith("https://"),
        path: `${base}/admin`,
        now,
      })
    : undefined;
  const readerLocale = (c: Context): Locale =>
    supportedLocale(c.req.query("lang")) ??
    supportedLocale(c.req.header("accept-language")?.split(",")[0]?.split(";")[0]?.trim()) ??
    o.defaultLocale;
  const send = async (c: Context, body: Html, status: ContentfulStatusCode = 200) => c.html(await body, status);

  app.use("*", async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
  });

  app.get("/assets/*", (c) => {
    const asset = o.assets.get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(new Uint8Array(asset.body), 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=3600",
    });
  });

  // Browsers ask for it on every page; no icon is not an error worth a 404 in their console.
  app.get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "public, max-age=86400" }));

  app.get("/", async (c) => {
    const locale = readerLocale(c);
    const sections = o.sections();
    const query = (c.req.query("q") ?? "").trim().slice(0, MAX_QUERY);
    if (!query) return send(c, searchPage({ base, locale, ...(sections ? { sections } : {}) }));
    if (!sections) return send(c, searchPage({ base, locale, query, notice: t(locale, "web.loading") }), 503);
    const answerLocale = questionLocale(query, locale);
    const allowed = searchLimit.take(`web:${clientOf(c)}`);
    if (!allowed.allowed)
      return send(
        c,
        searchPage({ base, locale, query, notice: rateLimitMessage(allowed.retryAfterSeconds, answerLocale) }),
        429,
      );
    const answer = await o.bot.ask(query, { platform: "web", surface: "web", locale: answerLocale });
    return send(c, searchPage({ base, locale, query, answer, answerLocale, sections }));
  });

  app.get("/s/*", (c) => {
    const locale = readerLocale(c);
    const sections = o.sections();
    if (!sections) return send(c, notFoundPage({ base, locale }), 503);
    const site = siteIndex(sections);
    const link = decodeLink(c.req.path.slice("/s/".length));
    const section = link === undefined ? undefined : site.byPermalink.get(link);
    if (section) return send(c, sectionPage({ site, section, base, links: o.links, defaultLocale: o.defaultLocale }));
    const candidates = link === undefined ? undefined : site.byBase.get(permalinkBaseOf(link));
    if (candidates?.length) return send(c, ambiguousPage({ base, candidates, locale }), 300);
    return send(c, notFoundPage({ base, locale }), 404);
  });

  if (auth) mountAdmin(app, { ...o, auth, base, now, clientOf, readerLocale, send });

  app.notFound((c) => send(c, notFoundPage({ base, locale: readerLocale(c) }), 404));
  return app;
}

interface AdminContext extends WebAppOptions {
  auth: AdminAuth;
  base: string;
  now: () => number;
  clientOf: (c: Context) => string;
  readerLocale: (c: Context) => Locale;
  send: (c: Context, body: Html, status?: ContentfulStatusCode) => Promise<Response>;
}

function mountAdmin(app: Hono, a: AdminContext): void {
  const { auth, base, send } = a;
  const signedIn = (c: Context) => auth.verify(getCookie(c, auth.cookieName));
  /** `?days=` (1–366) picks the window; the default is `dashboardDays` (30). */
  const daysOf = (c: Context) => {
    const asked = Number(c.req.query("days"));
    return Number.isInteger(asked) && asked >= 1 && asked <= 366 ? asked : (a.dashboardDays ?? 30);
  };
  const load = async (days: number) => {
    if (!a.database) return { days };
    const db = await a.database();
    const until = a.now();
    const since = until - days * 86_400_000;
    const sections: SectionRef[] = (a.sections() ?? []).map((s) => ({ id: s.id, headingPath: s.headingPath }));
    const [report, series] = await Promise.all([
      buildReport(db, { since, until, sections }),
      dailySeries(db, since, until),
    ]);
    return { days, report, series };
  };

  app.get("/admin", async (c) => {
    const locale = a.readerLocale(c);
    c.header("cache-control", "no-store");
    if (!signedIn(c)) return send(c, loginPage({ base, locale }));
    const days = daysOf(c);
    return send(c, dashboardPage({ base, locale, days, data: await load(days) }));
  });

  app.get("/admin/data.json", async (c) => {
    c.header("cache-control", "no-store");
    if (!signedIn(c)) return c.json({ error: "sign in at /admin" }, 401);
    const data = await load(daysOf(c));
    return c.json({ series: data.series ?? null, labels: chartLabels(a.readerLocale(c)) });
  });

  // A token is a few dozen characters: a larger form is not a sign-in.
  app.post("/admin/login", bodyLimit({ maxSize: 4096, onError: (c) => c.text("form too large", 413) }), async (c) => {
    const locale = a.readerLocale(c);
    c.header("cache-control", "no-store");
    const attempt = auth.attempt(a.clientOf(c));
    if (!attempt.allowed) {
      c.header("retry-after", String(attempt.retryAfterSeconds));
      const error = t(locale, "web.admin.tooMany", { seconds: attempt.retryAfterSeconds });
      return send(c, loginPage({ base, locale, error }), 429);
    }
    const form: Record<string, unknown> = await c.req.parseBody().catch(() => ({}));
    const token = typeof form.token === "string" ? form.token : "";
    if (!auth.checkToken(token))
      return send(c, loginPage({ base, locale, error: t(locale, "web.admin.wrongToken") }), 401);
    c.header("set-cookie", auth.setCookie(auth.issue()));
    return c.redirect(`${base}/admin`, 303);
  });

  app.post("/admin/logout", (c) => {
    c.header("set-cookie", auth.setCookie());
    return c.redirect(`${base}/admin`, 303);
  });
}

/** `/s/` + the rest of the path → the permalink, each segment decoded; undefined when it does not decode. */
function decodeLink(rest: string): string | undefined {
  try {
    return rest
      .split("/")
      .map((p) => decodeURIComponent(p))
      .join("/")
      .normalize("NFC");
  } catch {
    return undefined;
  }
}

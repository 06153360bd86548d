import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, launchChromium } from "../../scripts/chromium.js";
import { createStore } from "../../src/store/store.js";
import { SEED_UNTIL, seedEvents } from "../store/seed.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { postSigned, slashCommand } from "./fakes/slack-payloads.js";
import { probe } from "./http-fuzz.js";
import { type Child, eventually, freePort, kill, ROOT, startMain } from "./main-helpers.js";

/**
 * Issue 14's "done when", in a real Chromium (Debian's, driven by playwright-core): the bot runs
 * as deployed (`src/main.ts`, Slack in HTTP mode against the fake Slack API, the pages on their
 * own port, a store seeded with a month of questions), and the browser searches, follows a Slack
 * answer's permalink, copies an example, signs in to the dashboard and waits for its charts;
 * every page is checked with axe-core and for console errors. With SCREENSHOTS=1
 * (`npm run screenshots:web`) the screenshots are written to docs/screenshots/ for the README.
 */
const CHROMIUM = CHROMIUM_PATH;
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM)
  console.warn(`web browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run does)`);

const SECRET = "web-browser-signing-secret";
const TOKEN = "web-browser-admin-token-0123";
const SHOTS = process.env.SCREENSHOTS === "1" ? join(ROOT, "docs/screenshots") : mkdtempSync(join(tmpdir(), "shots-"));
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

describe.skipIf(!HAVE_CHROMIUM)("the web pages in Chromium", () => {
  const tmp = mkdtempSync(join(tmpdir(), "web-browser-"));
  let child: Child | undefined;
  let api: FakeSlackApi;
  let browser: Browser;
  let context: BrowserContext;
  let web = "";
  let slackPort = 0;
  const problems: string[] = [];

  beforeAll(async () => {
    // A month of questions and votes ending today (the seed's week, moved to now).
    const store = createStore({
      location: { sqlite: join(tmp, "store.sqlite") },
      hashKey: "web-browser-key-0123456789",
    });
    const shift = Date.now() - SEED_UNTIL;
    for (const e of seedEvents()) store.record({ ...e, at: e.at + shift });
    await store.close();
    api = await startFakeSlackApi();
    slackPort = await freePort();
    const webPort = await freePort();
    web = `http://127.0.0.1:${webPort}`;
    child = startMain(
      {
        HEALTH_PORT: String(slackPort),
        WEB_PORT: String(webPort),
        HOST: "127.0.0.1",
        PUBLIC_URL: web,
        ADMIN_TOKEN: TOKEN,
        INDEX_FILE: join(tmp, "index.json"),
        STORE_FILE: join(tmp, "store.sqlite"),
        STORE_HASH_SECRET: "web-browser-key-0123456789",
        SLACK_BOT_TOKEN: "xoxb-web-0001",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.apiUrl,
      },
      { stdin: "ignore" },
    );
    await eventually(async () => (await probe("127.0.0.1", slackPort, "/readyz")) === 200, 90_000, "/readyz 200");
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: web });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    kill(child);
    await api?.close();
    rmSync(tmp, { recursive: true, force: true });
    if (process.env.SCREENSHOTS !== "1") rmSync(SHOTS, { recursive: true, force: true });
  });

  /** A new tab whose console errors, page errors and failed requests are collected. */
  const tab = async (ctx = context): Promise<Page> => {
    const page = await ctx.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${page.url()}: console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`${page.url()}: request failed ${r.url()}`));
    return page;
  };

  /** axe-core on the page as it is: serious and critical violations only. */
  const axe = async (page: Page): Promise<string[]> => {
    await page.evaluate(AXE);
    // Strings run in the page (the test's TypeScript has no DOM types).
    const violations = await page.evaluate<{ id: string; impact: string; nodes: number }[]>(
      "axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))",
    );
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.nodes})`);
  };

  const shot = (name: string) => join(SHOTS, `${name}.png`);
  if (process.env.SCREENSHOTS === "1") mkdirSync(SHOTS, { recursive: true });

  it("searches in English and opens a result", async () => {
    const page = await tab();
    await page.goto(`${web}/`);
    await page.getByRole("searchbox").fill("how do I restart a container automatically");
    await page.getByRole("searchbox").press("Enter");
    await page.waitForSelector("ol.results");
    expect(await page.locator("ol.results > li").count()).toBeGreaterThan(0);
    await page.screenshot({ path: shot("web-search"), fullPage: false });
    expect(await axe(page)).toEqual([]);
    await page.locator("ol.results > li h2 a").first().click();
    await page.waitForURL(/\/s\//);
    expect(await page.locator("h1").textContent()).toBe("7. 自动重启");
    await page.close();
  }, 60_000);

  it("searches in Chinese and opens a result", async () => {
    const page = await tab();
    await page.goto(`${web}/?lang=zh-CN`);
    await page.getByRole("searchbox").fill("怎么查看容器日志");
    await page.getByRole("button", { name: "搜索" }).click();
    await page.waitForSelector("ol.results");
    expect(await page.locator("section[aria-labelledby=results]").getAttribute("lang")).toBe("zh-CN");
    const first = page.locator("ol.results > li h2 a").first();
    const title = await first.textContent();
    await first.click();
    await page.waitForURL(/\/s\//);
    expect(await page.locator("h1").textContent()).toBe(title);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it("opens the section a Slack answer links to", async () => {
    const res = await postSigned(
      `http://127.0.0.1:${slackPort}/slack/events`,
      new URLSearchParams(slashCommand("explain --restart", api.responseUrl("web"))).toString(),
      { secret: SECRET },
    );
    const body = JSON.stringify(await res.json());
    const link = /<(http:\/\/127\.0\.0\.1:\d+\/s\/[^|>]+)\|/.exec(body)?.[1];
    expect(link, body.slice(0, 500)).toBeDefined();
    const page = await tab();
    await page.goto(link!);
    expect(await page.locator("h1").textContent()).toBe("7. 自动重启");
    expect(await page.locator("nav.breadcrumbs").textContent()).toContain("docker run的配置命令");
    await page.screenshot({ path: shot("web-section"), fullPage: false });
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it("copies an example with its copy button", async () => {
    const page = await tab();
    await page.goto(`${web}/?q=${encodeURIComponent("explain --restart")}`);
    await page.locator("ol.results > li h2 a").first().click();
    await page.waitForURL(/\/s\//);
    const button = page.locator("figure.code button.copy").first();
    await expect(button.isVisible()).resolves.toBe(true);
    const code = await page.locator("figure.code pre code").first().textContent();
    await button.click();
    // The button says so once the clipboard has it.
    await page.waitForFunction('document.querySelector("button.copy")?.textContent === "已复制"');
    const copied = await page.evaluate("navigator.clipboard.readText()");
    expect(copied).toBe(code);
    expect(copied).toContain("docker run --restart unless-stopped");
    await page.close();
  }, 60_000);

  it("signs in to the dashboard, which draws its charts from the store", async () => {
    const page = await tab();
    await page.goto(`${web}/admin?days=10`);
    expect(await axe(page)).toEqual([]);
    await page.getByLabel("Admin token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForSelector('#charts[data-drawn="3"]', { timeout: 20_000 });
    // Signed in: the last ten days (the seeded week and today's questions) fill the charts better.
    await page.goto(`${web}/admin?days=10`);
    await page.waitForSelector('#charts[data-drawn="3"]', { timeout: 20_000 });
    expect(await page.locator("#charts canvas").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator("table.list").first().textContent()).toMatch(/limit memory/i);
    const cookies = await context.cookies(`${web}/admin`);
    const session = cookies.find((c) => c.name === "notes_admin");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Strict");
    await page.screenshot({ path: shot("web-dashboard"), fullPage: true });
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it("reads on a phone (390 px wide): no sideways scrolling", async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await tab(phone);
    await page.goto(
      `${web}/s/${["docker-run", "docker-run的配置命令", "7-自动重启"].map(encodeURIComponent).join("/")}`,
    );
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shot("web-mobile"), fullPage: false });
    expect(await axe(page)).toEqual([]);
    await phone.close();
  }, 60_000);

  it("logged no console error, page error or failed request on any page (CSP violations included)", () => {
    expect(problems).toEqual([]);
  });
});

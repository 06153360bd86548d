import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/store/store.js";
import { SEED_UNTIL, seedStore } from "../store/seed.js";
import { SAFE_NOTES, type WebFixture, webFixture } from "./web-fixtures.js";

const TOKEN = "admin-token-0123456789";
const path = (permalink: string) => `/s/${permalink.split("/").map(encodeURIComponent).join("/")}`;

describe("web pages", () => {
  let fx: WebFixture;
  const tmp = mkdtempSync(join(tmpdir(), "web-store-"));
  const store = createStore({ location: { sqlite: join(tmp, "store.sqlite") }, hashKey: "web-test-key-0123456789" });
  beforeAll(async () => {
    await seedStore(store);
    fx = await webFixture(
      {
        "docker-notes.md": SAFE_NOTES,
        "other.md": "# Other\n\n## 总结\n\n另一个文件。\n",
        "third.md": "# Other\n\n## 总结\n\n第三个文件。\n",
      },
      {
        adminToken: TOKEN,
        database: () => store.database(),
        now: () => SEED_UNTIL,
        links: { template: "https://git.example.com/{file}#L{line}" },
      },
    );
  }, 60_000);
  afterAll(async () => {
    fx?.close();
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  });
  const get = async (url: string, init?: RequestInit) => {
    const res = await fx.app.request(url, init);
    return { res, body: await res.text() };
  };

  it("shows a section whole: breadcrumbs, its code with language and copy button, the file and line, its neighbours", async () => {
    const { res, body } = await get(path("docker-run/docker-run的配置命令/7-自动重启"));
    expect(res.status).toBe(200);
    expect(body).toMatch(/<html lang="zh-CN">/);
    expect(body).toContain('<a href="/s/docker-run">Docker run</a>');
    expect(body).toContain("<h1>7. 自动重启</h1>");
    expect(body).toMatch(/<span class="lang"[^>]*>bash<\/span><button type="button" class="copy" hidden/);
    expect(body).toContain("docker run --restart unless-stopped my_image");
    expect(body).toContain("docker-notes.md:5");
    expect(body).toContain('href="https://git.example.com/docker-notes.md#L5"');
    expect(body).toContain('rel="next"');
    expect(body).toContain("8. 连接到网络");
  });

  it("shows a chapter with its subsections and a table", async () => {
    const chapter = await get(path("docker-run/docker-run的配置命令"));
    expect(chapter.body).toContain('<section class="subsection"');
    expect(chapter.body).toContain("docker run --network my_net nginx");
    const table = await get(path("docker-run/cmd-和-entrypoint"));
    expect(table.body).toMatch(/<table>[\s\S]*<th>指令<\/th>/);
    const english = await get(path("docker-run/networks"));
    expect(english.body).toMatch(/<html lang="en">/);
  });

  it("lists the sections sharing a heading path under the plain link, and 404s what it does not know", async () => {
    const both = await get(path("other/总结"));
    expect(both.res.status).toBe(300);
    expect(both.body).toContain("other.md:3");
    expect(both.body).toContain("third.md:3");
    const hashed = [...both.body.matchAll(/href="(\/s\/other\/[^"]+~[0-9a-f]{6})"/g)].map((m) => m[1]!);
    expect(hashed).toHaveLength(2);
    expect((await get(hashed[0]!)).res.status).toBe(200);
    expect((await get("/s/no/such/section")).res.status).toBe(404);
    expect((await get("/s/%E0%A4%A")).res.status).toBe(404);
  });

  it("answers the search box in English and Chinese with chat's answer, linking each result to its page", async () => {
    const en = await get("/?q=explain%20--restart");
    expect(en.res.status).toBe(200);
    expect(en.body).toContain(`href="${path("docker-run/docker-run的配置命令/7-自动重启")}"`);
    const zh = await get(`/?q=${encodeURIComponent("怎么让容器自动重启")}`);
    expect(zh.body).toContain("7. 自动重启");
    expect(zh.body).toMatch(/<section aria-labelledby="results" lang="zh-CN">/);
    const nothing = await get("/?q=explain%20--gpus");
    expect(nothing.body).toContain('class="message"');
  });

  it("shows the outline on the front page, every heading linked", async () => {
    const { body } = await get("/");
    expect(body).toContain('<nav class="outline">');
    expect(body).toContain(`<a href="${path("docker-run/docker-run的配置命令/8-连接到网络")}">8. 连接到网络</a>`);
  });

  it("serves uPlot and the scripts from the package, not a CDN", async () => {
    const uplot = await fx.app.request("/assets/uplot.js");
    expect(uplot.status).toBe(200);
    expect(uplot.headers.get("content-type")).toContain("javascript");
    expect(await uplot.text()).toContain("uPlot");
    expect((await fx.app.request("/assets/../package.json")).status).toBe(404);
  });
});

describe("/admin", () => {
  let fx: WebFixture;
  const tmp = mkdtempSync(join(tmpdir(), "web-admin-"));
  const store = createStore({ location: { sqlite: join(tmp, "store.sqlite") }, hashKey: "web-test-key-0123456789" });
  beforeAll(async () => {
    await seedStore(store);
    fx = await webFixture(
      { "docker-notes.md": SAFE_NOTES },
      {
        adminToken: TOKEN,
        database: () => store.database(),
        now: () => SEED_UNTIL,
        clientOf: (c) => c.req.header("x-test-client") ?? "c",
      },
    );
  }, 60_000);
  afterAll(async () => {
    fx?.close();
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  });
  const login = (token: string, client = "c") =>
    fx.app.request("/admin/login", {
      method: "POST",
      body: new URLSearchParams({ token }),
      headers: { "content-type": "application/x-www-form-urlencoded", "x-test-client": client },
    });

  it("asks for the token, refuses a wrong one, and gives a HttpOnly SameSite=Strict Secure cookie for the right one", async () => {
    const form = await (await fx.app.request("/admin")).text();
    expect(form).toContain('<form method="post" action="/admin/login">');
    expect(form).toContain('type="password"');
    const wrong = await login("not-the-token", "w");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const right = await login(TOKEN, "r");
    expect(right.status).toBe(303);
    const cookie = right.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^notes_admin=[^;]+; Max-Age=28800; Path=\/admin; HttpOnly; SameSite=Strict; Secure$/);
  });

  it("rate-limits attempts per client (5 a minute), even with the right token after", async () => {
    for (let i = 0; i < 5; i++) expect((await login(`wrong-${i}`, "x")).status).toBe(401);
    const limited = await login(TOKEN, "x");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not held up by this one.
    expect((await login(TOKEN, "y")).status).toBe(303);
  });

  it("shows the dashboard and its data only with a valid session cookie", async () => {
    expect((await fx.app.request("/admin/data.json")).status).toBe(401);
    const forged = { headers: { cookie: "notes_admin=99999999999999.abc.def" } };
    expect((await fx.app.request("/admin/data.json", forged)).status).toBe(401);
    const cookie = (await login(TOKEN, "d")).headers.get("set-cookie")!.split(";")[0]!;
    const page = await (await fx.app.request("/admin", { headers: { cookie } })).text();
    expect(page).toContain('id="chart-platforms"');
    expect(page).toMatch(/<td>[^<]*limit memory[^<]*<\/td><td class="n">3<\/td>/i);
    expect(page).toContain('<script src="/assets/uplot.js" defer></script>');
    const data = (await (await fx.app.request("/admin/data.json", { headers: { cookie } })).json()) as {
      series: { days: string[]; platforms: Record<string, number[]>; outcomes: Record<string, number[]> };
    };
    expect(data.series.days.at(-1)).toBe("2026-01-19");
    expect(data.series.platforms.slack?.reduce((a, b) => a + b, 0)).toBe(8);
    expect(data.series.outcomes.nothing?.reduce((a, b) => a + b, 0)).toBe(4);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSP, markdownToHtml } from "../../src/web/index.js";
import { HOSTILE, scriptVectors, type WebFixture, webFixture } from "./web-fixtures.js";

const labels = { copy: "Copy", copied: "Copied", copyFailed: "Failed", language: (l: string) => `Language: ${l}` };

describe("hostile notes on the web pages (note content is untrusted)", () => {
  let fx: WebFixture;
  beforeAll(async () => {
    fx = await webFixture({ "hostile.md": HOSTILE });
  }, 60_000);
  afterAll(() => fx?.close());

  const pages = async () => {
    const out: Array<[string, string, Response]> = [];
    for (const s of fx.kb.engine.index.sections) {
      const path = `/s/${s.permalink!.split("/").map(encodeURIComponent).join("/")}`;
      const res = await fx.app.request(path);
      out.push([path, await res.text(), res]);
    }
    for (const q of ["恶意", "svg", "script", "javascript"]) {
      const res = await fx.app.request(`/?q=${encodeURIComponent(q)}`);
      out.push([`/?q=${q}`, await res.text(), res]);
    }
    return out;
  };

  it("no page carries a script, an event handler, a javascript:/data: URL, SVG, iframe or inline style", async () => {
    const all = await pages();
    expect(all.length).toBeGreaterThan(4);
    for (const [path, body, res] of all) {
      expect(res.status, path).toBe(200);
      expect(scriptVectors(body), path).toEqual([]);
      // What is left of the attacks is text (escaped), never markup.
      expect(body, path).not.toMatch(/<[^>]*window\.__xss/);
    }
  });

  it("shows what the notes meant as text: the code block's <script> is escaped code, the heading's markup is plain text", async () => {
    const [, body] = (await pages())[0]!;
    expect(body).toContain("&#x3C;script>window.__xss = 13&#x3C;/script>");
    expect(body).toContain("<h1>恶意笔记</h1>");
    expect(body).toContain("https://example.com/ok");
    // The raw <script> block and <iframe> are gone entirely, not shown.
    expect(body).not.toMatch(/<iframe|<svg/i);
  });

  it("every response has the strict Content-Security-Policy, with no inline script or style allowed", async () => {
    for (const [path, , res] of await pages()) expect(res.headers.get("content-security-policy"), path).toBe(CSP);
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).not.toContain("unsafe-inline");
    expect(CSP).not.toContain("unsafe-eval");
    const notFound = await fx.app.request("/s/nothing-here");
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("content-security-policy")).toBe(CSP);
  });

  it("sanitises each vector on its own (the markdown → HTML step)", () => {
    const cases: Array<[string, RegExp]> = [
      ["<script>alert(1)</script>", /<script/i],
      ["[x](javascript:alert(1))", /javascript:/i],
      ["[x](JaVaScRiPt:alert(1))", /javascript:/i],
      ["[x](java&#09;script:alert(1))", /script:/i],
      ['![x](x" onerror="alert(1))', /onerror=/i],
      ["<img src=x onerror=alert(1)>", /<img/i],
      ["<svg><circle onload=alert(1)/></svg>", /<svg|onload/i],
      ["![s](data:image/svg+xml,<svg onload=alert(1)>)", /data:/i],
      ['<a href="javascript:alert(1)">x</a>', /javascript:/i],
      ["<javascript:alert(1)>", /href="javascript/i],
      ['<p style="background:url(javascript:alert(1))">x</p>', /style=/i],
      ['<form action="https://evil"><button>x</button></form>', /<form|<button/i],
    ];
    for (const [markdown, bad] of cases) {
      const out = markdownToHtml(markdown, labels);
      expect(scriptVectors(out), markdown).toEqual([]);
      // The vector's own tag or URL is gone (as text it may stay: text does not run).
      expect(out.replace(/>[^<]*</g, "><"), markdown).not.toMatch(bad);
    }
  });

  it("keeps ids from clobbering the page's own (prefixed)", () => {
    expect(markdownToHtml('Footnote[^1]\n\n[^1]: <a name="main">x</a> note', labels)).not.toMatch(/id="main"/);
  });
});

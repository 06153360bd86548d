import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export interface Asset {
  type: string;
  body: Buffer;
}

/**
 * The static files the pages use, read once at start: our stylesheet and scripts (`public/`) and
 * uPlot's, from the installed package (no CDN: the CSP allows this origin only, and the pages
 * must work where the internet does not).
 */
export function loadAssets(publicDir: string): Map<string, Asset> {
  const require = createRequire(import.meta.url);
  const uplotDir = join(require.resolve("uplot"), "..");
  const files: Array<[string, string, string]> = [
    ["/assets/web.css", join(publicDir, "web.css"), "text/css; charset=utf-8"],
    ["/assets/copy.js", join(publicDir, "copy.js"), "text/javascript; charset=utf-8"],
    ["/assets/dashboard.js", join(publicDir, "dashboard.js"), "text/javascript; charset=utf-8"],
    ["/assets/uplot.js", join(uplotDir, "uPlot.iife.min.js"), "text/javascript; charset=utf-8"],
    ["/assets/uplot.css", join(uplotDir, "uPlot.min.css"), "text/css; charset=utf-8"],
  ];
  return new Map(files.map(([path, file, type]) => [path, { type, body: readFileSync(file) }]));
}

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBot } from "../../src/answer/create-bot.js";
import { WEB_ASSETS_DIR } from "../../src/config.js";
import { buildKnowledgeBase, type KnowledgeBase } from "../../src/search/knowledge-base.js";
import { createWebApp, loadAssets, type WebAppOptions } from "../../src/web/index.js";

/** Notes a hostile contributor wrote: every way markdown can try to run script in a reader's browser. */
export const HOSTILE = `# 恶意笔记 <img src=x onerror="window.__xss=1">

<script>window.__xss = 2</script>

正文 [点我](javascript:window.__xss=3) and [data](data:text/html,<script>window.__xss=4</script>)
and [vb](vbscript:msgbox) and <a href="javascript:window.__xss=5">raw link</a>.

![img](x" onerror="window.__xss=6)

![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=)

<svg onload="window.__xss=7"><script>window.__xss=8</script></svg>

<iframe src="javascript:window.__xss=9"></iframe>

<div onmouseover="window.__xss=10" style="position:fixed;inset:0">cover</div>

[ref link][evil]

[evil]: javascript:window.__xss=11

| 列 | <b onclick="window.__xss=12">x</b> |
| --- | --- |
| \`<script>\` | <style>body{display:none}</style> |

\`\`\`html
<script>window.__xss = 13</script>
\`\`\`

## 第二节 \`<svg/onload=window.__xss=14>\`

<details open ontoggle="window.__xss=15"><summary>x</summary></details>

Autolink <javascript:window.__xss=16> and https://example.com/ok.
`;

export const SAFE_NOTES = `# Docker run

## docker run的配置命令

### 7. 自动重启

- **\`--restart\`**: 配置容器在特定情况下自动重启（如失败后）。

\`\`\`bash
docker run --restart unless-stopped my_image
\`\`\`

### 8. 连接到网络

- **\`--network\`**: 把容器连接到一个网络。

\`\`\`bash
docker run --network my_net nginx
\`\`\`

## CMD 和 ENTRYPOINT

CMD 提供默认参数，ENTRYPOINT 定义要执行的程序。

| 指令 | 作用 |
| --- | --- |
| CMD | 默认命令或参数 |
| ENTRYPOINT | 固定的可执行程序 |

## Networks

Containers on the same user-defined bridge network reach each other by name.
`;

export interface WebFixture {
  kb: KnowledgeBase;
  app: ReturnType<typeof createWebApp>;
  close(): void;
}

/** A knowledge base built from `files` and the web app over it. */
export async function webFixture(
  files: Record<string, string>,
  options: Partial<WebAppOptions> = {},
): Promise<WebFixture> {
  const dir = mkdtempSync(join(tmpdir(), "web-notes-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const kb = await buildKnowledgeBase({ knowledgeDir: dir, rootDir: dir });
  const bot = createBot(() => kb.engine);
  const app = createWebApp({
    bot,
    sections: () => kb.engine.index.sections,
    publicUrl: "https://notes.example.com",
    links: {},
    defaultLocale: "en",
    assets: loadAssets(WEB_ASSETS_DIR),
    ...options,
  });
  return { kb, app, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Everything in a page that could run script or load from elsewhere, except our own /assets/ scripts. */
export function scriptVectors(page: string): string[] {
  const found: string[] = [];
  for (const m of page.matchAll(/<script\b[^>]*>/gi))
    if (!/^<script src="\/assets\/[a-z.]+" defer>$/.test(m[0])) found.push(m[0]);
  for (const m of page.matchAll(/<[^>]*\son[a-z]+\s*=/gi)) found.push(m[0]);
  for (const m of page.matchAll(
    /(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|data):/gi,
  ))
    found.push(m[0]);
  for (const m of page.matchAll(
    /<(?:svg|iframe|object|embed|style|math|base|meta http-equiv|link(?![^>]*href="\/assets\/))\b/gi,
  ))
    found.push(m[0]);
  for (const m of page.matchAll(/\sstyle\s*=/gi)) found.push(m[0]);
  return found;
}

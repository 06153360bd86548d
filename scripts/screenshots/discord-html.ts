import type { ActionRow, DiscordMessage, Embed } from "../../src/render/discord/index.js";

/**
 * A Discord message (our API JSON) as HTML that looks like Discord's dark client: embeds with
 * their colour bar, markdown (bold, italic, code, fences, links), fields, footer and buttons.
 * For the README pictures only; the message itself comes from the real renderer.
 */
function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function inline(text: string): string {
  // Code spans and links become slots, so emphasis can wrap them (`*`--restart`*`).
  const slots: string[] = [];
  const parts: string[] = [];
  let rest = text;
  const re = /`([^`\n]+)`|\[([^\]]+)\]\((https?:[^)\s]+)\)|<@(\d+)>/;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    parts.push(esc(rest.slice(0, m.index)));
    if (m[1] !== undefined) parts.push(slot(slots, `<code>${esc(m[1])}</code>`));
    else if (m[2] !== undefined) parts.push(slot(slots, `<a>${emphasis(esc(m[2]))}</a>`));
    else parts.push(slot(slots, `<span class="mention">@alice</span>`));
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(esc(rest));
  return emphasis(parts.join("")).replace(/\u0001(\d+)\u0002/g, (_m, i: string) => slots[Number(i)] ?? "");
}

function slot(slots: string[], html: string): string {
  slots.push(html);
  return `\u0001${slots.length - 1}\u0002`;
}

function emphasis(html: string): string {
  return html
    .replace(/\*\*([^*\n]+)\*\*/g, "<b>$1</b>")
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_]/g, "$1<i>$2</i>")
    .replace(/^- /, "• ");
}

export function markdownHtml(text: string): string {
  return text
    .split(/```/)
    .map((chunk, i) =>
      i % 2 === 1
        ? `<pre>${esc(chunk.replace(/^[\w+#.-]*\n/, "").replace(/\n$/, ""))}</pre>`
        : chunk
            .replace(/^\n+|\n+$/g, "")
            .split("\n")
            .map(inline)
            .join("<br>"),
    )
    .join("");
}

function embed(e: Embed): string {
  const color = `#${(e.color ?? 0x202225).toString(16).padStart(6, "0")}`;
  const fields = (e.fields ?? [])
    .map(
      (f) =>
        `<div class="field${f.inline ? " inline" : ""}"><b>${inline(f.name)}</b><div>${markdownHtml(f.value)}</div></div>`,
    )
    .join("");
  return `<div class="embed" style="border-left-color:${color}">
${e.title ? `<div class="title${e.url ? " link" : ""}">${esc(e.title)}</div>` : ""}
${e.description ? `<div class="desc">${markdownHtml(e.description)}</div>` : ""}
${fields ? `<div class="fields">${fields}</div>` : ""}
${e.footer ? `<div class="footer">${esc(e.footer.text)}</div>` : ""}</div>`;
}

function row(r: ActionRow): string {
  const styles = ["", "primary", "secondary", "success", "danger"];
  return `<div class="row-buttons">${r.components
    .map(
      (b) =>
        `<span class="btn ${styles[b.style]}${b.disabled ? " disabled" : ""}">${b.emoji ? esc(b.emoji.name) : ""}${b.emoji && b.label ? " " : ""}${b.label ? esc(b.label) : ""}</span>`,
    )
    .join("")}</div>`;
}

/** The client's own words around a message, in the reader's client language. */
const CLIENT = {
  en: { used: "used", only: "Only you can see this" },
  "zh-CN": { used: "使用了", only: "只有您才能看到这些" },
  "zh-TW": { used: "使用了", only: "只有你才能看到這些" },
} as const;

export function discordMessageHtml(message: DiscordMessage, asked: string, locale: keyof typeof CLIENT): string {
  const client = CLIENT[locale];
  return `<div class="msg"><div class="reply">↱ <span class="mention">@alice</span> ${client.used} <b>${esc(asked)}</b></div>
<div class="user"><span class="avatar">🐳</span><b>docker-notes</b><span class="app">APP</span></div>
<div class="body">${message.content ? `<div class="content">${inline(message.content)}</div>` : ""}
${message.embeds.map(embed).join("")}${message.components.map(row).join("")}
<div class="only">👁 ${client.only}</div></div></div>`;
}

export const DISCORD_CSS = `
body{margin:0;background:#313338;font:15px/1.375 "gg sans","Noto Sans","Noto Sans CJK SC","Noto Sans CJK TC",sans-serif;color:#dbdee1}
.row{display:flex;gap:24px;padding:20px;align-items:flex-start}
.msg{width:600px;padding:8px 16px}
.reply{color:#949ba4;font-size:13px;margin-left:48px}
.user{display:flex;align-items:center;gap:8px;margin:4px 0}
.user b{color:#f2f3f5}
.avatar{width:40px;height:40px;border-radius:50%;background:#1d63ed;display:inline-flex;align-items:center;justify-content:center;font-size:20px}
.app{background:#5865f2;color:#fff;font-size:10px;font-weight:700;padding:1px 4px;border-radius:3px}
.body{margin-left:48px}
.embed{background:#2b2d31;border-left:4px solid;border-radius:4px;padding:10px 14px;margin:4px 0;max-width:520px}
.title{color:#f2f3f5;font-weight:700;margin-bottom:6px}.title.link{color:#00a8fc}
.desc{font-size:14px;word-wrap:break-word}
.fields{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
.field{flex:1 1 100%;font-size:14px}.field.inline{flex:1 1 45%}
.footer{color:#b5bac1;font-size:12px;margin-top:8px}
code{background:#1e1f22;border-radius:3px;padding:0 3px;font:13px Consolas,"Noto Sans Mono",monospace}
pre{background:#1e1f22;border:1px solid #1e1f22;border-radius:4px;padding:7px;font:13px/1.4 Consolas,"Noto Sans Mono",monospace;white-space:pre-wrap;margin:6px 0}
a{color:#00a8fc}
.mention{background:rgba(88,101,242,.3);color:#c9cdfb;border-radius:3px;padding:0 2px}
.row-buttons{display:flex;gap:8px;margin-top:8px}
.btn{border-radius:3px;padding:4px 14px;font-size:14px;color:#fff;background:#4e5058}
.btn.primary{background:#5865f2}.btn.danger{background:#da373c}.btn.disabled{opacity:.5}
.only{color:#949ba4;font-size:12px;margin-top:6px}
`;

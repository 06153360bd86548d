import type { ButtonElement, SlackBlock, SlackMessage } from "../../src/render/slack/index.js";

/**
 * A Slack message (our Block Kit) as HTML that looks like Slack's client: enough of mrkdwn
 * (bold, italic, code, fences, links, quotes) to show the blocks as people see them. For the
 * README pictures only; the blocks themselves come from the real renderer.
 */
function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Slack's own escapes (&amp; &lt; &gt;) back to text, then HTML-escaped. */
function slackText(text: string): string {
  return esc(text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}

function inline(text: string): string {
  // Code spans and links become slots, so emphasis can wrap them (`*`--restart`*`).
  const slots: string[] = [];
  const parts: string[] = [];
  let rest = text;
  const re = /`([^`\n]+)`|<(https?:\/\/[^|>]+)\|([^>]+)>|<@(\w+)>/;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    parts.push(slackText(rest.slice(0, m.index)));
    if (m[1] !== undefined) parts.push(slot(slots, `<code>${slackText(m[1])}</code>`));
    else if (m[2] !== undefined) parts.push(slot(slots, `<a>${emphasis(slackText(m[3] ?? ""))}</a>`));
    else parts.push(slot(slots, `<span class="mention">@${m[4] === "UALICE01" ? "alice" : esc(m[4] ?? "")}</span>`));
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(slackText(rest));
  return emphasis(parts.join("")).replace(/\u0001(\d+)\u0002/g, (_m, i: string) => slots[Number(i)] ?? "");
}

function slot(slots: string[], html: string): string {
  slots.push(html);
  return `\u0001${slots.length - 1}\u0002`;
}

function emphasis(html: string): string {
  return html.replace(/\*([^*\n]+)\*/g, "<b>$1</b>").replace(/(^|\s)_([^_\n]+)_/g, "$1<i>$2</i>");
}

export function mrkdwnHtml(text: string): string {
  return text
    .split(/```/)
    .map((chunk, i) =>
      i % 2 === 1
        ? `<pre>${slackText(chunk.replace(/^\n/, "").replace(/\n$/, ""))}</pre>`
        : chunk
            .split("\n")
            .map((line) => (line.startsWith(">") ? `<blockquote>${inline(line.slice(1))}</blockquote>` : inline(line)))
            .join("<br>"),
    )
    .join("");
}

function button(b: ButtonElement): string {
  const cls = b.style === "primary" ? "btn primary" : b.style === "danger" ? "btn danger" : "btn";
  return `<span class="${cls}">${slackText(b.text.text)}</span>`;
}

function block(b: SlackBlock): string {
  switch (b.type) {
    case "header":
      return `<div class="header">${slackText(b.text.text)}</div>`;
    case "context":
      return `<div class="context">${b.elements.map((e) => mrkdwnHtml(e.text)).join(" ")}</div>`;
    case "divider":
      return "<hr>";
    case "actions":
      return `<div class="actions">${b.elements.map(button).join("")}</div>`;
    case "section":
      return `<div class="section">${b.text ? mrkdwnHtml(b.text.text) : ""}${
        b.fields ? `<div class="fields">${b.fields.map((f) => `<div>${mrkdwnHtml(f.text)}</div>`).join("")}</div>` : ""
      }</div>`;
  }
}

/** The client's own words around a message, in the reader's client language. */
const CLIENT = { en: "Only visible to you", "zh-CN": "仅你可见", "zh-TW": "只有你看得到" } as const;

export function slackMessageHtml(message: SlackMessage, asked: string, locale: keyof typeof CLIENT): string {
  return `<div class="msg"><div class="user"><span class="avatar you">A</span><b>alice</b></div><div class="typed">${esc(asked)}</div>
<div class="user"><span class="avatar bot">🐳</span><b>docker-notes</b><span class="app">APP</span><span class="only">${CLIENT[locale]}</span></div>
<div class="blocks">${message.blocks.map(block).join("\n")}</div></div>`;
}

export const SLACK_CSS = `
body{margin:0;background:#fff;font:15px/1.46 "Lato","Noto Sans CJK SC","Noto Sans CJK TC",sans-serif;color:#1d1c1d}
.row{display:flex;gap:24px;padding:20px;align-items:flex-start}
.msg{width:600px;border:1px solid #e8e8e8;border-radius:8px;padding:14px 18px}
.user{display:flex;align-items:center;gap:8px;margin:6px 0}
.avatar{width:32px;height:32px;border-radius:6px;display:inline-flex;align-items:center;justify-content:center;font-weight:700}
.avatar.you{background:#e8912d;color:#fff}.avatar.bot{background:#1d63ed;font-size:18px}
.app{background:#e8e8e8;color:#616061;font-size:10px;font-weight:700;padding:1px 4px;border-radius:2px}
.only{color:#616061;font-size:12px;margin-left:auto}
.typed{margin:0 0 10px 40px;font-family:Monaco,Menlo,monospace;font-size:13px;color:#1d1c1d}
.blocks{margin-left:40px}
.header{font-size:18px;font-weight:900;margin:4px 0}
.context{color:#616061;font-size:12px;margin:4px 0}
.section{margin:6px 0;word-wrap:break-word}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px}
code{color:#e01e5a;background:#f8f8f8;border:1px solid #e8e8e8;border-radius:3px;padding:0 3px;font:12px Monaco,Menlo,monospace}
pre{background:#f8f8f8;border:1px solid #e8e8e8;border-radius:4px;padding:8px;font:12px/1.5 Monaco,Menlo,monospace;white-space:pre-wrap;margin:4px 0}
a{color:#1264a3}
blockquote{border-left:4px solid #ddd;margin:0;padding-left:8px}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.btn{border:1px solid #bbb;border-radius:4px;padding:3px 12px;font-size:13px;font-weight:700}
.btn.primary{background:#007a5a;color:#fff;border-color:#007a5a}.btn.danger{color:#e01e5a;border-color:#e01e5a}
`;

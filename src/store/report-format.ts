import Table from "cli-table3";
import type { GapsReport } from "./report.js";
import { day, headline } from "./report-summary.js";

/**
 * The report as a maintainer reads it: terminal tables (cli-table3 measures Chinese characters
 * as two columns, so the borders line up), JSON for scripts, CSV for a spreadsheet. The chat
 * summary is in report-summary.ts (the bot loads that one; cli-table3 only the CLI does).
 */

function table(head: string[], rows: Array<Array<string | number>>, widths?: number[]): string {
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    ...(widths ? { colWidths: widths } : {}),
  });
  t.push(...rows.map((r) => r.map(String)));
  return t.toString();
}

export function formatReportText(r: GapsReport): string {
  const out: string[] = [];
  out.push(`What the notes are missing: ${day(r.since)} → ${day(r.until)} (UTC)`);
  out.push(headline(r));
  if (r.totals.questions === 0) {
    out.push("", "No questions stored in this window yet.");
  } else {
    out.push(
      "",
      "Questions per day",
      table(
        ["day", ...r.platforms, "total"],
        r.perDay.map((d) => [d.day, ...r.platforms.map((p) => d.counts[p] ?? 0), d.total]),
      ),
    );
    const lists: Array<
      [title: string, head: string[], rows: Array<Array<string | number>>, widths: number[], empty: string]
    > = [
      [
        "Top unanswered questions (nothing found, or only a closest match)",
        ["#", "asked", "nothing", "closest", "example"],
        r.unanswered.map((u, i) => [i + 1, u.count, u.nothing, u.closest, u.question]),
        [4, 7, 9, 9, 48],
        "none: every question found a confident answer",
      ],
      [
        "Sections with the most 👎",
        ["section", "down", "up", "what was asked", "looking for"],
        r.downvoted.map((d) => [d.section, d.down, d.up, d.asked.join("\n"), d.reasons.join("\n")]),
        [34, 6, 4, 26, 26],
        "none",
      ],
      ["Most asked sections", ["section", "questions"], r.mostAsked.map((m) => [m.section, m.count]), [60, 11], "none"],
    ];
    for (const [title, head, rows, widths, empty] of lists) {
      out.push("", title, rows.length ? table(head, rows, widths) : `  ${empty}`);
    }
  }
  if (r.neverReached) {
    out.push("", `Sections never reached: ${r.neverReached.count} of ${r.neverReached.of}`);
    for (const s of r.neverReached.sections) out.push(`  - ${s}`);
    const more = r.neverReached.count - r.neverReached.sections.length;
    if (more > 0) out.push(`  … and ${more} more (--json lists the first ones; --limit shows more)`);
  }
  return out.join("\n") + "\n";
}

export function formatReportJson(r: GapsReport): string {
  return JSON.stringify(r, null, 2) + "\n";
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One CSV table for every list (a spreadsheet filters on `list`): list, label, platform, count,
 * then what the list adds (nothing/closest split, 👍, examples).
 */
export function formatReportCsv(r: GapsReport): string {
  const rows: Array<Array<string | number>> = [
    ["list", "label", "platform", "count", "nothing", "closest", "up", "detail"],
  ];
  for (const [outcome, count] of Object.entries(r.totals)) rows.push(["totals", outcome, "", count, "", "", "", ""]);
  rows.push(["feedback", "up", "", r.feedback.up, "", "", "", ""]);
  rows.push(["feedback", "down", "", r.feedback.down, "", "", "", ""]);
  for (const d of r.perDay)
    for (const p of r.platforms) rows.push(["per_day", d.day, p, d.counts[p] ?? 0, "", "", "", ""]);
  for (const u of r.unanswered) rows.push(["unanswered", u.question, "", u.count, u.nothing, u.closest, "", ""]);
  for (const d of r.downvoted) {
    const detail = [...d.asked.map((a) => `asked: ${a}`), ...d.reasons.map((x) => `looking for: ${x}`)].join(" | ");
    rows.push(["downvoted", d.section, "", d.down, "", "", d.up, detail]);
  }
  for (const m of r.mostAsked) rows.push(["most_asked", m.section, "", m.count, "", "", "", ""]);
  for (const s of r.neverReached?.sections ?? []) rows.push(["never_reached", s, "", 0, "", "", "", ""]);
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

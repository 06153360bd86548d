import type { GapsReport } from "./report.js";

/** The headline and the short markdown summary the admin command shows in chat. */

const pct = (part: number, whole: number): string => (whole ? `${Math.round((part / whole) * 100)}%` : "–");

/** The questions that count for rates: refused input (typos) is shown apart. */
function asked(r: GapsReport): number {
  return r.totals.questions - r.totals.invalid;
}

export function headline(r: GapsReport): string {
  const q = asked(r);
  return [
    `${r.totals.questions} questions`,
    `answered ${r.totals.answered} (${pct(r.totals.answered, q)})`,
    `closest match ${r.totals.closest} (${pct(r.totals.closest, q)})`,
    `nothing ${r.totals.nothing} (${pct(r.totals.nothing, q)})`,
    `refused ${r.totals.invalid}`,
    `feedback +${r.feedback.up} / -${r.feedback.down}`,
  ].join(" · ");
}

export const day = (iso: string): string => iso.slice(0, 10);

/** The admin command's answer in chat: the headline and the first lists, in markdown. */
export function formatGapsSummary(r: GapsReport, top = 5): string {
  const lines = [`**What the notes are missing** (${day(r.since)} → ${day(r.until)} UTC)`, headline(r)];
  if (r.unanswered.length) {
    lines.push("", "**Top unanswered questions**");
    for (const u of r.unanswered.slice(0, top))
      lines.push(`• ${u.count}× “${u.question}”${u.closest ? ` (closest match ${u.closest}×)` : ""}`);
  }
  if (r.downvoted.length) {
    lines.push("", "**Sections with the most 👎**");
    for (const d of r.downvoted.slice(0, top)) {
      const why = d.reasons[0] ? ` (looking for: “${d.reasons[0]}”)` : d.asked[0] ? ` (asked: “${d.asked[0]}”)` : "";
      lines.push(`• ${d.section}: 👎 ${d.down}, 👍 ${d.up}${why}`);
    }
  }
  if (r.neverReached) lines.push("", `Sections never reached: ${r.neverReached.count} of ${r.neverReached.of}.`);
  if (r.totals.questions === 0) lines.push("", "No questions stored in this window yet.");
  lines.push("", "Full report: `npm run report` (or `node dist/cli.js report` in the container).");
  return lines.join("\n");
}

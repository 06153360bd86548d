import type { GapsReport } from "./report.js";

/** The headline of the terminal report (the chat summary, in the asker's language, is render/gaps-summary.ts). */

export const pct = (part: number, whole: number): string => (whole ? `${Math.round((part / whole) * 100)}%` : "–");

/** The questions that count for rates: refused input (typos) is shown apart. */
export function asked(r: GapsReport): number {
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

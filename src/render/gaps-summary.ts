import type { GapsReport } from "../store/report.js";
import { asked, day, pct } from "../store/report-summary.js";
import { t } from "./i18n/catalogue.js";
import type { Locale } from "./i18n/locale.js";

/**
 * The admin command's answer in chat (`/docker admin gaps`, `/docker-admin gaps`): the headline
 * and the first lists, as markdown in the admin's language. The terminal report
 * (`npm run report`) stays in English tables.
 */
export function formatGapsSummary(r: GapsReport, top = 5, locale: Locale = "en"): string {
  const q = asked(r);
  const n = (value: number) => String(value);
  const lines = [
    t(locale, "admin.gapsTitle", { from: day(r.since), to: day(r.until) }),
    t(locale, "admin.gapsHeadline", {
      questions: n(r.totals.questions),
      answered: n(r.totals.answered),
      answeredShare: pct(r.totals.answered, q),
      closest: n(r.totals.closest),
      closestShare: pct(r.totals.closest, q),
      nothing: n(r.totals.nothing),
      nothingShare: pct(r.totals.nothing, q),
      refused: n(r.totals.invalid),
      up: n(r.feedback.up),
      down: n(r.feedback.down),
    }),
  ];
  if (r.unanswered.length) {
    lines.push("", t(locale, "admin.gapsUnanswered"));
    for (const u of r.unanswered.slice(0, top))
      lines.push(
        t(locale, "admin.gapsUnansweredLine", { count: n(u.count), question: `“${u.question}”` }) +
          (u.closest ? t(locale, "admin.gapsClosest", { count: n(u.closest) }) : ""),
      );
  }
  if (r.downvoted.length) {
    lines.push("", t(locale, "admin.gapsDownvoted"));
    for (const d of r.downvoted.slice(0, top)) {
      const why = d.reasons[0]
        ? t(locale, "admin.gapsLookingFor", { reason: `“${d.reasons[0]}”` })
        : d.asked[0]
          ? t(locale, "admin.gapsAsked", { asked: `“${d.asked[0]}”` })
          : "";
      lines.push(t(locale, "admin.gapsDownvotedLine", { section: d.section, down: n(d.down), up: n(d.up) }) + why);
    }
  }
  if (r.neverReached)
    lines.push("", t(locale, "admin.gapsNeverReached", { count: n(r.neverReached.count), of: n(r.neverReached.of) }));
  if (r.totals.questions === 0) lines.push("", t(locale, "admin.gapsEmpty"));
  lines.push("", t(locale, "admin.gapsFullReport"));
  return lines.join("\n");
}

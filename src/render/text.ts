import type { Answer, AnswerSection } from "../answer/types.js";
import { t } from "./i18n/catalogue.js";
import type { Locale } from "./i18n/locale.js";
import { type SourceLinks, sectionHref } from "./source-link.js";
import { answerMessage } from "./wording.js";

export interface TextOptions {
  /** ANSI colours (a terminal). */
  color?: boolean;
  /** How many matches to print in full (the rest are listed). */
  full?: number;
  /** The language of the bot's own words (DEFAULT_LOCALE). */
  locale?: Locale;
  /** Where sections link to (the web page, else the source URL), printed after `file:line`. */
  links?: SourceLinks;
}

/** Answer → terminal text: breadcrumb, summary, examples as code, source `file:line`. */
export function renderText(answer: Answer, options: TextOptions = {}): string {
  const c = palette(options.color ?? false);
  const locale = options.locale ?? "en";
  const out: string[] = [];
  const message = answerMessage(answer, locale);
  if (message) out.push(message, "");
  switch (answer.type) {
    case "help":
    case "miss":
    case "invalid":
      break;
    case "topics":
      for (const o of answer.outline)
        out.push(`${"  ".repeat(o.depth)}- ${o.title} ${c.dim(`(${o.source.file}:${o.source.line})`)}`);
      break;
    case "compare": {
      const { direct, left, right, a, b } = answer;
      if (direct) out.push(section(direct, c, options.links, locale, t(locale, "compare.direct")));
      if (left) out.push(section(left, c, options.links, locale, a));
      if (right) out.push(section(right, c, options.links, locale, b));
      break;
    }
    case "sections": {
      const full = options.full ?? 1;
      for (const s of answer.sections.slice(0, full))
        out.push(section(s, c, options.links, locale, undefined, answer.command === "examples"));
      const more = answer.sections.slice(full);
      if (more.length) {
        out.push(c.bold(t(locale, "section.alsoInNotes")));
        for (const s of more)
          out.push(`  - ${s.headingPath.join(" › ")} ${c.dim(`(${s.source.file}:${s.source.line})`)}`);
      }
      break;
    }
  }
  return out.join("\n").trimEnd() + "\n";
}

function section(
  s: AnswerSection,
  c: Palette,
  links: SourceLinks | undefined,
  locale: Locale,
  label?: string,
  examplesOnly = false,
): string {
  const title = label ? t(locale, "compare.side", { side: label, title: s.title }) : s.title;
  const lines = [c.dim(s.headingPath.join(" › ")), c.bold(title), ""];
  if (!examplesOnly && s.summary) lines.push(s.summary, "");
  for (const e of s.examples) lines.push(c.dim("```" + e.lang), e.code, c.dim("```"), "");
  const href = sectionHref(links, s);
  lines.push(c.dim(`${t(locale, "section.source")}: ${s.source.file}:${s.source.line}${href ? `  ${href}` : ""}`), "");
  return lines.join("\n");
}

interface Palette {
  bold(s: string): string;
  dim(s: string): string;
}

function palette(color: boolean): Palette {
  if (!color) return { bold: (s) => s, dim: (s) => s };
  return { bold: (s) => `\x1b[1m${s}\x1b[0m`, dim: (s) => `\x1b[2m${s}\x1b[0m` };
}

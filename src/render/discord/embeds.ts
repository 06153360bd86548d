import type { AnswerSection } from "../../answer/types.js";
import { truncate } from "../cut-text.js";
import { fitSection, leftOutText } from "../fit-section.js";
import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import { type SourceLinks, sectionHref } from "../source-link.js";
import { codeBlock, cutMarkdown } from "./cut.js";
import { LIMITS } from "./limits.js";
import { toDiscordMarkdown } from "./markdown.js";
import type { Embed, EmbedField } from "./types.js";

export const DOCKER_BLUE = 0x2496ed;
const BREADCRUMB_MAX = 400;
/** Kept free at the end of a cut description for "Not shown here: …" and the link. */
const NOTE_ROOM = 400;

export interface SectionEmbedOptions {
  links?: SourceLinks | undefined;
  locale?: Locale;
  /** Only the code blocks (the Examples only button and the `examples` command). */
  examplesOnly?: boolean;
  /** Room for the description, below Discord's 4096 when other embeds share the 6000 total. */
  maxDescription?: number;
}

/** "more" marker for a cut text: a link to the rest when we know where it is. */
export function moreMarker(url: string | undefined, locale: Locale = "en"): string {
  return url ? `[… ${t(locale, "section.readRest")}](${url})` : "…";
}

export function footerFor(section: AnswerSection): { text: string } {
  const crumb = truncate(section.headingPath.join(" › "), BREADCRUMB_MAX);
  return { text: truncate(`${crumb} · ${section.source.file}:${section.source.line}`, LIMITS.footer) };
}

/**
 * One section as an embed: the prose and examples that fit (`fitSection`: the first example
 * whole, prose cut first, whole lines only), then what was left out and where the rest is.
 */
export function sectionEmbed(section: AnswerSection, options: SectionEmbedOptions = {}): Embed {
  const locale = options.locale ?? "en";
  const url = sectionHref(options.links, section);
  const max = Math.min(options.maxDescription ?? LIMITS.description, LIMITS.description);
  const fitted = fitSection(section, {
    room: max - NOTE_ROOM,
    proseLength: (p) => toDiscordMarkdown(p).length,
    exampleLength: (e) => codeBlock(e.code, e.lang).length,
    ...(options.examplesOnly ? { examplesOnly: true } : {}),
  });
  const parts = [
    ...fitted.paragraphs.map(toDiscordMarkdown),
    ...fitted.examples.map((e) => codeBlock(e.code, e.lang)),
  ].filter(Boolean);
  if (parts.length === 0) parts.push(`_${t(locale, options.examplesOnly ? "section.noExamples" : "section.noText")}_`);
  const note = leftOutText(fitted.leftOut, locale);
  if (note) {
    const where = url
      ? `[${t(locale, "section.readRest")}](${url})`
      : `\`${section.source.file}:${section.source.line}\``;
    parts.push(`*${note}* ${t(locale, "section.seeWhole", { where })}`);
  }
  const embed: Embed = {
    title: truncate(section.title || section.headingPath.at(-1) || t(locale, "section.untitled"), LIMITS.title),
    description: cutMarkdown(parts.join("\n\n"), max, moreMarker(url, locale)),
    color: DOCKER_BLUE,
    footer: footerFor(section),
  };
  if (url) embed.url = url;
  return embed;
}

/** A compact field for one side of a comparison: summary and the first example that fit. */
export function sectionField(
  label: string,
  section: AnswerSection | undefined,
  links: SourceLinks | undefined,
  locale: Locale,
): EmbedField {
  // Discord refuses the whole message for an empty field name.
  const name =
    truncate(
      section ? t(locale, "compare.side", { side: label, title: section.title }) : label,
      LIMITS.fieldName,
    ).trim() || "…";
  if (!section) return { name, value: `_${t(locale, "compare.notFound")}_`, inline: true };
  const url = sectionHref(links, section);
  const parts = [toDiscordMarkdown(section.summary)];
  const first = section.examples[0];
  if (first) parts.push(codeBlock(first.code, first.lang));
  const value = cutMarkdown(parts.filter(Boolean).join("\n\n") || "…", LIMITS.fieldValue, moreMarker(url, locale));
  return { name, value, inline: true };
}

export function embedLength(embed: Embed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/**
 * Holds the 6000-character total across embeds: the longest description is cut again (at a
 * block boundary) until it fits; fields are dropped from the end as a last resort.
 */
export function fitEmbeds(embeds: Embed[]): Embed[] {
  const out: Embed[] = embeds
    .slice(0, LIMITS.embeds)
    .map((e) => (e.fields ? { ...e, fields: e.fields.slice(0, LIMITS.fields) } : { ...e }));
  for (let guard = 0; guard < 20; guard++) {
    const over = out.reduce((n, e) => n + embedLength(e), 0) - LIMITS.embedsTotal;
    if (over <= 0) break;
    const longest = out.reduce((a, b) => ((b.description?.length ?? 0) > (a.description?.length ?? 0) ? b : a));
    const len = longest.description?.length ?? 0;
    if (len > 200) {
      longest.description = cutMarkdown(
        longest.description ?? "",
        Math.max(100, len - over - 50),
        moreMarker(longest.url),
      );
      continue;
    }
    const withFields = [...out].reverse().find((e) => (e.fields?.length ?? 0) > 0);
    if (!withFields?.fields) break;
    withFields.fields.pop();
  }
  for (const e of out) if (e.fields?.length === 0) delete e.fields;
  return out;
}

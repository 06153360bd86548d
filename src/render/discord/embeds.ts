import type { AnswerSection } from "../../answer/types.js";
import { truncate } from "../cut-text.js";
import { sourceHref } from "../source-link.js";
import { codeBlock, cutMarkdown } from "./cut.js";
import { LIMITS } from "./limits.js";
import { toDiscordMarkdown } from "./markdown.js";
import type { Embed, EmbedField } from "./types.js";

export const DOCKER_BLUE = 0x2496ed;
const BREADCRUMB_MAX = 400;

export interface SectionEmbedOptions {
  sourceUrl?: string | undefined;
  /** Only the code blocks (the Examples only button and the `examples` command). */
  examplesOnly?: boolean;
  /** Room for the description, below Discord's 4096 when other embeds share the 6000 total. */
  maxDescription?: number;
}

/** "more" marker for a cut section: a link to the rest when we know where it is. */
export function moreMarker(url: string | undefined): string {
  return url ? `[… read the rest in the notes](${url})` : "…";
}

export function footerFor(section: AnswerSection): { text: string } {
  const crumb = truncate(section.headingPath.join(" › "), BREADCRUMB_MAX);
  return { text: truncate(`${crumb} · ${section.source.file}:${section.source.line}`, LIMITS.footer) };
}

export function sectionEmbed(section: AnswerSection, options: SectionEmbedOptions = {}): Embed {
  const url = sourceHref(options.sourceUrl, section.source);
  const parts: string[] = [];
  if (!options.examplesOnly && section.summary.trim()) parts.push(toDiscordMarkdown(section.summary));
  for (const example of section.examples) parts.push(codeBlock(example.code, example.lang));
  if (parts.length === 0)
    parts.push(options.examplesOnly ? "_No examples in this section._" : "_This section has no text of its own._");
  const max = Math.min(options.maxDescription ?? LIMITS.description, LIMITS.description);
  const embed: Embed = {
    title: truncate(section.title || section.headingPath.at(-1) || "Untitled", LIMITS.title),
    description: cutMarkdown(parts.join("\n\n"), max, moreMarker(url)),
    color: DOCKER_BLUE,
    footer: footerFor(section),
  };
  if (url) embed.url = url;
  return embed;
}

/** A compact field for one side of a comparison: summary and the first example that fit. */
export function sectionField(label: string, section: AnswerSection | undefined, sourceUrl?: string): EmbedField {
  // Discord refuses the whole message for an empty field name.
  const name = truncate(section ? `${label}: ${section.title}` : label, LIMITS.fieldName).trim() || "…";
  if (!section) return { name, value: "_No section found._", inline: true };
  const url = sourceHref(sourceUrl, section.source);
  const parts = [toDiscordMarkdown(section.summary)];
  const first = section.examples[0];
  if (first) parts.push(codeBlock(first.code, first.lang));
  const value = cutMarkdown(parts.filter(Boolean).join("\n\n") || "_No text._", LIMITS.fieldValue, moreMarker(url));
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

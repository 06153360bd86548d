import type { AnswerSection } from "../answer/types.js";
import type { Example } from "../knowledge/types.js";
import { cutUnits } from "./cut-text.js";
import { listOf, t } from "./i18n/catalogue.js";
import type { Locale } from "./i18n/locale.js";

/**
 * What of a long section fits a platform's room, decided the same way everywhere: the first
 * example is kept whole (people come for the command they can paste), prose is cut before
 * examples, whole paragraphs and whole code lines only, and what was left out is counted so the
 * answer can say so next to a link to the whole section.
 */
export interface FittedSection {
  /** Whole paragraphs of the summary (markdown), in order; the last may be cut at a sentence. */
  paragraphs: string[];
  /** Examples to show, in order; one may have lost its last lines (`leftOut.lines`). */
  examples: Example[];
  leftOut: LeftOut;
}

export interface LeftOut {
  paragraphs: number;
  examples: number;
  /** Lines cut from the end of an example too long to show whole. */
  lines: number;
}

export interface FitOptions {
  /** Room for the prose and the examples together, in the platform's characters. */
  room: number;
  /** The room one example may take at most (a Slack block: 3000). */
  exampleRoom?: number;
  /** The room all the prose may take at most (Slack keeps it in one block). */
  proseRoom?: number;
  /** Rendered length of a paragraph and of an example (escaping and fences included). */
  proseLength(paragraph: string): number;
  exampleLength(example: Example): number;
  /** Characters between two parts. */
  gap?: number;
  examplesOnly?: boolean;
  /** At most this many examples (blocks left on Slack). */
  maxExamples?: number;
}

export function fitSection(section: AnswerSection, options: FitOptions): FittedSection {
  const gap = options.gap ?? 2;
  const paragraphs = options.examplesOnly ? [] : splitParagraphs(section.summary);
  const exampleRoom = Math.min(options.exampleRoom ?? options.room, options.room);
  const maxExamples = options.maxExamples ?? Number.POSITIVE_INFINITY;
  const leftOut: LeftOut = { paragraphs: 0, examples: 0, lines: 0 };
  let left = options.room;

  // 1. The first example, whole when it fits at all, else its first lines.
  const shown: Example[] = [];
  const [first, ...rest] = maxExamples > 0 ? section.examples : [];
  if (first) {
    const fitted = fitExample(first, Math.min(exampleRoom, left), (e) => options.exampleLength(e));
    if (fitted) {
      shown.push(fitted.example);
      leftOut.lines += fitted.droppedLines;
      left -= options.exampleLength(fitted.example) + gap;
    } else leftOut.examples += 1;
  }
  // 2. Prose, whole paragraphs; one too long for the room left is cut at a sentence.
  const prose: string[] = [];
  let cutOne = false;
  const proseRoom = options.proseRoom ?? Number.POSITIVE_INFINITY;
  let proseLeft = Math.min(left, proseRoom);
  for (const p of paragraphs) {
    const size = options.proseLength(p) + gap;
    if (size <= proseLeft) {
      prose.push(p);
      left -= size;
      proseLeft -= size;
      continue;
    }
    const cut = proseLeft > 200 ? cutProse(p, (n) => options.proseLength(n) + gap <= proseLeft) : undefined;
    if (cut) {
      prose.push(cut);
      cutOne = true;
      left -= options.proseLength(cut) + gap;
    }
    break;
  }
  leftOut.paragraphs = paragraphs.length - prose.length + (cutOne ? 1 : 0);
  // 3. More examples while they fit whole.
  for (const [i, e] of rest.entries()) {
    const size = options.exampleLength(e) + gap;
    if (shown.length >= maxExamples || size > left || options.exampleLength(e) > exampleRoom) {
      leftOut.examples += rest.length - i;
      break;
    }
    shown.push(e);
    left -= size;
  }
  if (!first && maxExamples <= 0) leftOut.examples += section.examples.length;
  return { paragraphs: prose, examples: shown, leftOut };
}

export function hasLeftOut(l: LeftOut): boolean {
  return l.paragraphs > 0 || l.examples > 0 || l.lines > 0;
}

/** "Not shown here: 3 paragraphs, 1 example." in the asker's language; undefined when nothing was. */
export function leftOutText(l: LeftOut, locale: Locale): string | undefined {
  if (!hasLeftOut(l)) return undefined;
  const parts: string[] = [];
  if (l.paragraphs) parts.push(t(locale, "section.leftOutParagraphs", { count: l.paragraphs }));
  if (l.examples) parts.push(t(locale, "section.leftOutExamples", { count: l.examples }));
  if (l.lines) parts.push(t(locale, "section.leftOutLines", { count: l.lines }));
  return t(locale, "section.leftOut", { parts: listOf(locale, parts) });
}

/** Markdown paragraphs (blank-line separated); a fenced block stays one paragraph. */
export function splitParagraphs(markdown: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (current.some((l) => l.trim())) out.push(current.join("\n").trim());
    current = [];
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      current.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = undefined;
      continue;
    }
    if (marker) fence = marker;
    if (line.trim() === "" && !fence) flush();
    else current.push(line);
  }
  flush();
  return out;
}

/**
 * The longest start of `text` that `fits`, ending at a sentence (。！？. ! ?) or, failing that,
 * a line or a space, with "…"; undefined when not even a short start fits.
 */
export function cutProse(text: string, fits: (candidate: string) => boolean): string | undefined {
  let lo = 0;
  let hi = text.length;
  // The longest raw prefix that fits, by bisection (rendered length grows with the prefix).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(`${cutUnits(text, mid)}…`)) lo = mid;
    else hi = mid - 1;
  }
  if (lo < 20) return undefined;
  let cut = cutUnits(text, lo);
  const stops = [/[。！？]/g, /[.!?](?=\s)/g, /\n/g, /\s/g];
  for (const stop of stops) {
    const at = Math.max(...[...cut.matchAll(stop)].map((m) => m.index + m[0].length), -1);
    if (at > lo / 2) {
      cut = cut.slice(0, at).trimEnd();
      break;
    }
  }
  // An odd number of backticks would leave inline code open.
  if ((cut.match(/`/g) ?? []).length % 2 === 1) cut = cut.slice(0, cut.lastIndexOf("`")).trimEnd();
  return cut ? `${cut}…` : undefined;
}

/** The example whole, or its first whole lines when it is too long; undefined when no line fits. */
function fitExample(
  example: Example,
  room: number,
  length: (e: Example) => number,
): { example: Example; droppedLines: number } | undefined {
  if (length(example) <= room) return { example, droppedLines: 0 };
  const lines = example.code.replace(/\s+$/, "").split("\n");
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (length({ ...example, code: lines.slice(0, mid).join("\n") }) <= room) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return undefined;
  return { example: { ...example, code: lines.slice(0, lo).join("\n") }, droppedLines: lines.length - lo };
}

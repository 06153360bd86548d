import type { Section } from "./types.js";

/**
 * Terms the notes translate themselves: `Bridge Network（桥接网络）`, `Docker Daemon (Docker 守护进程)`,
 * `写时复制（Copy-on-Write）`, `标准输入（Standard Input）`, `虚拟机 (Virtual Machine, VM)`.
 * Each becomes a synonym group, so a team's bilingual notes get cross-language search without
 * hand-written glossary entries. Words both sides share (`Docker`) are dropped: they translate
 * nothing. Read from headings whole, and from prose where the gloss directly follows a term.
 */
export function bilingualPairs(sections: Section[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const s of sections) for (const [key, group] of pairsOf(s)) if (!groups.has(key)) groups.set(key, group);
  return [...groups.values()];
}

/**
 * `bilingualPairs` for a running bot's incremental reload (issue 18, round 4): reading every
 * section's text again is 0.15–0.25 s at docker-cli-docs ×50, so each section's pairs are kept
 * (by the section object: a reload shares the unchanged sections with the index it replaces, and
 * a section's title and text never change) and only new sections are read; `slice` is awaited
 * every few hundred sections, so the thread answering questions is never held for long.
 */
export async function bilingualPairsInSlices(
  sections: readonly Section[],
  slice: () => Promise<void>,
): Promise<string[][]> {
  const groups = new Map<string, string[]>();
  for (let i = 0; i < sections.length; i++) {
    if ((i & 255) === 0) await slice();
    const s = sections[i]!;
    let pairs = known.get(s);
    if (!pairs) known.set(s, (pairs = pairsOf(s)));
    for (const [key, group] of pairs) if (!groups.has(key)) groups.set(key, group);
  }
  return [...groups.values()];
}

const known = new WeakMap<Section, readonly (readonly [string, string[]])[]>();
const NONE: readonly (readonly [string, string[]])[] = [];

/** A section's pairs, in the order they are met, each with its key (its terms sorted: a group's identity). */
function pairsOf(s: Section): readonly (readonly [string, string[]])[] {
  const out: [string, string[]][] = [];
  const add = (group: string[] | undefined) => {
    if (group) out.push([[...group].sort().join("|"), group]);
  };
  const heading = headingPair(s.title);
  add(heading);
  // A heading that is more than the pair (`写时复制（Copy-on-Write）机制`) is read like prose.
  const text = heading ? s.text : `${s.title}\n${s.text}`;
  for (const m of text.matchAll(PROSE_ZH_EN)) add(pair(lastTerm(m[1]!), m[2]!));
  for (const m of text.matchAll(PROSE_EN_ZH)) if (!ASIDE.test(m[2]!)) add(pair(m[2]!, m[1]!));
  return out.length ? out : NONE;
}

const OPEN = "[（(]";
const CLOSE = "[）)]";
/** A Latin term: 1-4 words (letters, digits, `-`, `/`), optionally several separated by commas. */
const LATIN =
  "[A-Za-z][A-Za-z0-9/-]*(?:[ ][A-Za-z0-9/-]+){0,3}(?:\\s*[,，]\\s*[A-Za-z][A-Za-z0-9/-]*(?:[ ][A-Za-z0-9/-]+){0,3})*";
const PROSE_ZH_EN = new RegExp(`(\\p{Script=Han}+)\\s*${OPEN}\\s*\`?(${LATIN})\`?\\s*${CLOSE}`, "gu");
const PROSE_EN_ZH = new RegExp(
  `(?<![A-Za-z0-9-])([A-Z][A-Za-z0-9-]*(?:[ ][A-Za-z0-9-]+){0,3})\\s*${OPEN}\\s*(\\p{Script=Han}{2,8})\\s*${CLOSE}`,
  "gu",
);

/** A heading that is one term and its translation: `1. Bridge Network（桥接网络）`, `Docker的分层结构（layered structure）`. */
function headingPair(title: string): string[] | undefined {
  const m = new RegExp(`^\\s*(?:\\d+[.)、]\\s*)?([^（()）]+?)\\s*${OPEN}([^（()）]+)${CLOSE}\\s*$`, "u").exec(title);
  if (!m) return undefined;
  const [a, b] = [m[1]!.trim(), m[2]!.trim()];
  const aHan = HAN.test(a);
  const bHan = HAN.test(b);
  // One side Chinese, the other Latin only (a heading's "(可选)" or "(VM)" beside Chinese is no pair).
  if (aHan === bHan) return undefined;
  const [zh, en] = aHan ? [a, b] : [b, a];
  if (HAN.test(en) || !/^[A-Za-z]/.test(en)) return undefined;
  // `Docker的分层结构`: the term is what follows the possessive.
  // A heading may name a one-character term (`Docker Volumes (Docker 卷)`); prose needs two.
  return pair(zh.slice(zh.lastIndexOf("的") + 1), en, 1);
}

/**
 * The Chinese term a gloss follows in prose is the tail of the run, after its last function word
 * (是指容器的标准输入 → 标准输入); longer tails are sentences, not terms.
 */
function lastTerm(run: string): string {
  const parts = run.split(FUNCTION_CHARS);
  return parts[parts.length - 1] ?? "";
}
const FUNCTION_CHARS = /[的是了和与及或把被将给向于为就都也还又而并在来]/u;
const HAN = /\p{Script=Han}/u;
/** Chinese in brackets after an English term that remarks on it rather than translating it: （可选）, （如 …）, （不推荐）. */
const ASIDE = /^(?:如|例如|比如|可|不|仅|只|需|注|推荐|默认|见|参见|即|也|又|或)/u;
const MAX_HAN = 8;

function pair(zh: string, en: string, minHan = 2): string[] | undefined {
  const latin = en
    .split(/\s*[,，]\s*/)
    .map((e) => e.trim())
    .filter((e) => /^[A-Za-z]/.test(e));
  // Words the Chinese side also holds (`Docker 守护进程`) are not part of the translation.
  const shared = new Set((zh.match(/[A-Za-z][A-Za-z0-9-]*/g) ?? []).map((w) => w.toLowerCase()));
  const strip = (t: string) =>
    t
      .split(/\s+/)
      .filter((w) => w && !shared.has(w.toLowerCase()))
      .join(" ");
  const han = zh.replace(/[A-Za-z][A-Za-z0-9-]*/g, " ").replace(/\s+/g, "");
  const english = latin.map(strip).filter((t) => t.length > 1);
  if (!english.length || [...han].length < minHan || [...han].length > MAX_HAN || !/^\p{Script=Han}+$/u.test(han))
    return undefined;
  return [...new Set(english.map((e) => e.toLowerCase())), han];
}

import type { Section } from "../knowledge/types.js";
import type { Analyzer } from "./analyzer.js";
import { FIELDS, type Field } from "./fields.js";
import type { Member } from "./glossary.js";
import type { IndexStats } from "./index-stats.js";
import type { QueryPlan, TermGroup } from "./query-plan.js";
import { RANK_FEATURES, RANKING_WEIGHTS, type RankFeature } from "./ranking-model.js";
import type { SectionContext } from "./section-context.js";
import { toDoc } from "./section-index.js";
import { createSentenceReader, sentenceShare } from "./sentences.js";

/** How much a match counts by where it is: a heading says what a section is about, code only mentions. */
const FIELD_WEIGHT: Record<Field, number> = { title: 1, path: 0.6, body: 0.75, code: 0.5 };
/** An approximate way of saying a group (a flag's bare name) counts this much of an exact one. */
const APPROXIMATE = 0.6;
/** …and this much towards the coverage that decides whether to answer at all. */
export const APPROXIMATE_COVERAGE = 0.4;

export interface RankedSection {
  section: Section;
  /** Final ranking score (not comparable across queries). */
  score: number;
  /**
   * Share of the query's meaning (IDF-weighted groups) found anywhere in the section, 0..1; a
   * flag found only through its bare name or a synonym counts for less. Decides whether to answer.
   */
  coverage: number;
  /** The same with such approximate matches counted in full: which other sections to list. */
  looseCoverage: number;
  /** Same, weighted by where each group matched. */
  fieldCoverage: number;
  /** Groups matched in the section's own heading. */
  titleGroups: number;
  /** Per query group: how much the section says it towards answering (1 exactly, 0.4 a flag by a synonym only, 0 not at all). */
  groupSaid: number[];
  /** Per query group: the fields where any way of saying it occurs (bits in FIELDS order: 1 title, 2 path, 4 body, 8 code). */
  groupFields: number[];
  /** The ranking features (RANK_FEATURES order) the score is a weighted sum of; for training the model. */
  features: number[];
}

/**
 * Re-ranks the BM25 candidates by how much of the query each one covers and where (heading
 * over body over code), exact flag matches, and how focused its heading is on the query.
 * Coverage is also what decides abstention: raw BM25 scores are not comparable across queries.
 */
export interface RankerOptions {
  /**
   * What a group no section holds weighs, as a share of the rarest possible term's IDF. A word the
   * notes never use is as often a colloquial word or a typo as the topic they lack, so it must not
   * weigh the most of all (one unknown word would sink a perfect match), nor nothing (a question
   * about something else would be answered from its one known word). Chosen on the tune split
   * (docs/SEGMENTATION.md).
   */
  unknownWeight?: number;
  /** The same for the evidence confidence.ts judges (default EVIDENCE_UNKNOWN_WEIGHT). */
  evidenceUnknownWeight?: number;
  /** What sections mean beyond their own words (generic headings, subsections); none: each section alone. */
  context?: SectionContext;
  /** The weights of the ranking features (default: the trained model, ranking-model.ts). */
  weights?: Readonly<Record<RankFeature, number>>;
  /** Compute every feature, weighted or not (training); otherwise features weighted 0 are left at 0 and cost nothing. */
  allFeatures?: boolean;
  /**
   * Everyday words (analysed): a question's word among them that is only itself (no glossary
   * ways, no flag, no named term) weighs EVERYDAY_WEIGHT of its IDF. People say `go`,
   * `right`, `away`, `still` whatever they ask about; where the notes happen to hold one (Go
   * templates), it must not decide which section answers, nor count as evidence to answer.
   */
  everyday?: ReadonlySet<string>;
  /**
   * The basic vocabulary (analysed): a question's word the notes never use weighs
   * COMMON_UNKNOWN_WEIGHT of an unknown word's weight when it is one of these (`came`, `back`,
   * `edit`: the asker's wording for something the notes say otherwise), and the full unknown
   * weight when it is not (`sudo`, `cron`: more likely the topic the notes lack). On the tune split
   * this moved the whole trade-off between answered negatives and false "nothing" (docs/SEGMENTATION.md).
   */
  common?: ReadonlySet<string>;
}

export const UNKNOWN_WEIGHT = 0.3;
/**
 * What a word no section holds weighs in the evidence for answering (confidence.ts), as a share
 * of the rarest term's IDF: more than in ranking, where it only dilutes every candidate alike.
 * Chosen with the thresholds by scripts/tune-confidence.ts.
 */
export const EVIDENCE_UNKNOWN_WEIGHT = 0.7;
/** What an everyday word weighs, as a share of its IDF (tune split: 0.3 and 0.5 tie, 0.1 loses docker-cli-docs R@3). */
export const EVERYDAY_WEIGHT = 0.3;
/** What an unknown word of the basic vocabulary weighs, as a share of an unknown word's weight (tune split: 0.2-0.35 tie). */
export const COMMON_UNKNOWN_WEIGHT = 0.3;

const NO_CONTEXT: SectionContext = {
  generic: () => false,
  headingTerms: () => new Set(),
  childTerms: () => new Set(),
  openingTerms: () => new Set(),
};

export function createRanker(stats: IndexStats, analyzer: Analyzer, options: RankerOptions = {}) {
  const sequences = createSequenceCache(analyzer);
  const sentencesOf = createSentenceReader(analyzer);
  const { df, idf } = stats;
  const unknownWeight = options.unknownWeight ?? UNKNOWN_WEIGHT;
  const evidenceUnknownWeight = options.evidenceUnknownWeight ?? EVIDENCE_UNKNOWN_WEIGHT;
  const everyday = options.everyday ?? new Set<string>();
  const common = options.common ?? new Set<string>();
  const context = options.context ?? NO_CONTEXT;
  const model = RANK_FEATURES.map((f) => options.weights?.[f] ?? RANKING_WEIGHTS[f] ?? 0);
  const needed = (f: RankFeature) => !!options.allFeatures || model[RANK_FEATURES.indexOf(f)] !== 0;
  const wantContext = (["titleLiteral", "titleSynonym", "children", "opening"] as const).some(needed);
  const wantWhere = wantContext || (["path", "body", "codeOnly", "literal"] as const).some(needed);
  const wantSentence = needed("sentence");
  const wantProximity = needed("proximity");
  const none = new Set<string>();
  // Read with this ranker's analyzer: kept per ranker (a reload makes a new one).
  const rowCache = new WeakMap<Section, { terms: Set<string>; flags: string[] }[]>();
  /** True when no section at all contains this group: the notes don't know the term. */
  const unknown = (g: TermGroup) => g.members.every((m) => m.some((t) => df(t) === 0));

  /** Weight of a group: the IDF of its most common way of saying it (a common concept weighs little). */
  const groupWeight = (g: TermGroup): number => weightOf(g, unknownWeight);
  const weightOf = (g: TermGroup, unknownWeight: number): number => {
    // A flag or a named term is never a colloquial word: one the notes lack is what the question
    // is about. Other words the notes never use may be the asker's own words for what they hold.
    const plain = !g.term && !g.flags.length && g.members.length === 1;
    if (unknown(g)) {
      if (g.flags.length || g.term) return idf(0);
      return (plain && common.has(g.label) ? COMMON_UNKNOWN_WEIGHT : 1) * unknownWeight * idf(0);
    }
    let maxDf = 0;
    // A flag weighs what the flag itself weighs, not its common bare word.
    for (const m of g.members.slice(0, g.strong)) maxDf = Math.max(maxDf, Math.min(...m.map(df)));
    return (plain && everyday.has(g.label) ? EVERYDAY_WEIGHT : 1) * idf(maxDf);
  };

  return {
    groupWeight,
    /** A group's weight in the evidence for answering (an unknown word weighs evidenceUnknownWeight). */
    evidenceWeight: (g: TermGroup): number => weightOf(g, evidenceUnknownWeight),
    unknown,
    /** A section as sentences of terms (cached), for the evidence of confidence.ts. */
    sentencesOf,
    rank(plan: QueryPlan, candidates: { internalId: number; score: number; section: Section }[]): RankedSection[] {
      const weights = plan.groups.map(groupWeight);
      const total = weights.reduce((a, b) => a + b, 0) || 1;
      const maxBm25 = Math.max(...candidates.map((c) => c.score), 1e-9);
      const out: RankedSection[] = [];
      // Member strengths per group, computed once per query rather than per candidate.
      const strengths = plan.groups.map((g) => g.members.map((_, mi) => strength(g, mi)));
      const inSet = (set: Set<string>, g: TermGroup, from: number, to: number) => {
        for (let mi = from; mi < to; mi++) if (g.members[mi]!.every((t) => set.has(t))) return true;
        return false;
      };
      for (const c of candidates) {
        const iid = c.internalId;
        const fields = stats.fields.map((f) => f.doc(iid));
        const has = (fi: number, m: Member) => {
          const freqs = fields[fi];
          return !!freqs && m.every((t) => freqs.has(t));
        };
        let covered = 0;
        let loose = 0;
        let weighted = 0;
        let titleGroups = 0;
        let exactFlag = 0;
        const groupSaid: number[] = [];
        const groupFields: number[] = [];
        let heading = 0;
        // Feature sums (shares of the question's weight), see RANK_FEATURES.
        let titleLiteral = 0;
        let titleSynonym = 0;
        let pathOnly = 0;
        let children = 0;
        let body = 0;
        let codeOnly = 0;
        let literal = 0;
        let opening = 0;
        let whole = 1;
        const headingTerms = wantContext ? context.headingTerms(c.section) : none;
        const childTerms = wantContext ? context.childTerms(c.section) : none;
        const openingTerms = wantContext ? context.openingTerms(c.section) : none;
        for (let i = 0; i < plan.groups.length; i++) {
          const g = plan.groups[i]!;
          const w = weights[i]!;
          let best = 0;
          for (let fi = 0; fi < FIELDS.length; fi++) {
            const freqs = fields[fi];
            const fw = FIELD_WEIGHT[FIELDS[fi]!];
            if (!freqs || fw <= best) continue;
            for (let mi = 0; mi < g.members.length; mi++) {
              const sw = fw * strengths[i]![mi]!;
              if (sw > best && has(fi, g.members[mi]!)) best = sw;
            }
          }
          // A flag found only by its bare word or a synonym (`-a` → 附加) is weak evidence that
          // the notes explain that flag: it counts less towards answering at all.
          if (best > 0) {
            loose += w;
            const exact =
              g.strong >= g.members.length ||
              g.members.slice(0, g.strong).some((m) => fields.some((_, fi) => has(fi, m)));
            covered += w * (exact ? 1 : APPROXIMATE_COVERAGE);
            groupSaid.push(exact ? 1 : APPROXIMATE_COVERAGE);
          } else {
            groupSaid.push(0);
            if (w > 0) whole = 0;
          }
          weighted += w * best;
          let where = 0;
          if (best > 0)
            for (let fi = 0; fi < FIELDS.length; fi++) if (g.members.some((m) => has(fi, m))) where |= 1 << fi;
          groupFields.push(where);
          if (where & 0b0011) heading += w;
          if (best >= FIELD_WEIGHT.title * APPROXIMATE) titleGroups++;
          if (g.flags.length && g.flags.some((fl) => fields[0]?.has(fl) || fields[2]?.has(fl))) exactFlag = 1;
          if (best > 0 && wantWhere) {
            // Where the section says the group, by its strongest way of saying it.
            const lit = g.literal;
            if (inSet(headingTerms, g, 0, lit)) titleLiteral += w;
            else if (inSet(headingTerms, g, lit, g.strong)) titleSynonym += w;
            else if (g.members.slice(0, g.strong).some((m) => has(1, m))) pathOnly += w;
            else if (inSet(childTerms, g, 0, g.strong)) children += w;
            if (g.members.slice(0, g.strong).some((m) => has(2, m))) body += w;
            else if (!(where & 0b0111)) codeOnly += w;
            if (g.members.slice(0, lit).some((m) => fields.some((_, fi) => has(fi, m)))) literal += w;
            if (inSet(openingTerms, g, 0, g.strong)) opening += w;
          }
        }
        const titleTerms = titleTermCount(c.section);
        const focus = titleTerms ? Math.min(1, titleGroups / titleTerms) : 0;
        const fieldCoverage = weighted / total;
        // Coordination: a section that covers the whole question beats one that says part of it louder.
        const coverage = covered / total;
        const bm25 = c.score / maxBm25;
        const base =
          fieldCoverage * (0.5 + 0.5 * coverage) +
          0.15 * bm25 +
          0.1 * exactFlag +
          0.08 * focus +
          HEADING_WEIGHT * (heading / total);
        const features: number[] = [
          base,
          titleLiteral / total,
          titleSynonym / total,
          pathOnly / total,
          children / total,
          body / total,
          codeOnly / total,
          coverage,
          literal / total,
          opening / total,
          0, // sentence and proximity: read again for the leaders only, below
          0,
          bm25,
          focus,
          exactFlag,
          context.generic(c.section) ? 1 : 0,
          Math.min(1, Math.log1p(c.section.text.length) / 10),
          Math.min(1, c.section.headingPath.length / 6),
          whole,
        ];
        let score = 0;
        for (let k = 0; k < model.length; k++) score += model[k]! * features[k]!;
        out.push({
          section: c.section,
          score,
          coverage,
          looseCoverage: loose / total,
          fieldCoverage,
          titleGroups,
          groupSaid,
          groupFields,
          features,
        });
      }
      out.sort((a, b) => b.score - a.score);
      // Sentences and proximity read the section's text again: for the leaders only. The query's
      // words side by side in a heading or a sentence ("list all running containers") beat the
      // same words scattered.
      if (plan.groups.length >= 2 && (wantSentence || wantProximity)) {
        for (const r of out.slice(0, DEPTH)) {
          if (wantSentence) r.features[SENTENCE] = sentenceShare(plan, weights, sentencesOf(r.section));
          if (wantProximity) r.features[PROXIMITY] = proximity(plan, weights, total, sequences(r.section)) ** 2;
          r.score += model[SENTENCE]! * r.features[SENTENCE]! + model[PROXIMITY]! * r.features[PROXIMITY]!;
        }
        out.sort((a, b) => b.score - a.score);
      }
      delegateTableRows(out, plan, weights, total);
      return out;
    },
  };

  /**
   * A generic section that is a table of flags (`logs › Options`) holds every flag's one-line
   * description, so it says more of most questions than the section that explains the one flag
   * asked about (`Stream log output (-f, --follow)`). When the table row that says the most of the
   * question names a flag, and a section of the same file among the leaders is headed with that
   * flag, that section is the answer the row points at: it is ranked just above the table.
   */
  function delegateTableRows(out: RankedSection[], plan: QueryPlan, weights: number[], total: number): void {
    const leaders = Math.min(out.length, DEPTH);
    for (let t = 0; t < Math.min(leaders, DELEGATE_FROM); t++) {
      const table = out[t]!;
      if (!context.generic(table.section) || !table.section.text.includes("|")) continue;
      const row = bestRow(table.section, plan, weights, total);
      if (!row || row.share < table.coverage * ROW_SHARE) continue;
      const target = out
        .slice(t + 1, leaders)
        .find(
          (r) => r.section.file === table.section.file && row.flags.some((f) => context.headingTerms(r.section).has(f)),
        );
      if (!target) continue;
      target.score = table.score + 1e-9;
      out.sort((a, b) => b.score - a.score);
      return;
    }
  }

  /** The table row saying the largest share of the question, with the flags it names. */
  function bestRow(
    section: Section,
    plan: QueryPlan,
    weights: number[],
    total: number,
  ): { share: number; flags: string[] } | undefined {
    let best: { share: number; flags: string[] } | undefined;
    for (const { terms, flags } of rowsOf(section)) {
      let said = 0;
      plan.groups.forEach((g, i) => {
        if (g.members.some((m) => m.every((t) => terms.has(t)))) said += weights[i]!;
      });
      const share = said / total;
      if (!best || share > best.share) best = { share, flags };
    }
    return best;
  }

  /** A table's rows that name a flag, as terms (read once per section). */
  function rowsOf(section: Section): { terms: Set<string>; flags: string[] }[] {
    let rows = rowCache.get(section);
    if (!rows) {
      rows = [];
      for (const line of section.text.split("\n")) {
        if (!/^\s*\|/.test(line) || /^\s*\|[\s:|-]*$/.test(line)) continue;
        const terms = new Set(analyzer.terms(line));
        const flags = [...terms].filter((t) => t.startsWith("-"));
        if (flags.length) rows.push({ terms, flags });
      }
      rowCache.set(section, rows);
    }
    return rows;
  }
}

/** A table's best row must say this share of what the whole table says of the question. */
const ROW_SHARE = 0.75;
/** Only a table among the first few results hands its place on. */
const DELEGATE_FROM = 3;

// Where a section states its topic: the share of the question its headings say (see confidence.ts).
const HEADING_WEIGHT = 0.1;
/** How many of the best candidates get the features that read their text again. */
const DEPTH = 12;
const PROXIMITY_CHARS = 1500;
const SENTENCE = RANK_FEATURES.indexOf("sentence");
const PROXIMITY = RANK_FEATURES.indexOf("proximity");

/** Share of the query's weight found together in one window of a field's terms (0 when fewer than two groups meet). */
function proximity(plan: QueryPlan, weights: number[], total: number, fields: string[][]): number {
  // term → the groups it can start (a member's first term)
  const starts = new Map<string, number[]>();
  plan.groups.forEach((g, gi) => {
    for (const m of g.members) {
      const list = starts.get(m[0]!) ?? [];
      if (!list.includes(gi)) list.push(gi);
      starts.set(m[0]!, list);
    }
  });
  const none: number[] = [];
  const window = Math.max(4, plan.groups.length * 2);
  let best = 0;
  for (const seq of fields) {
    const at = seq.map((t) => starts.get(t) ?? none);
    for (let p = 0; p < seq.length; p++) {
      if (!at[p]!.length) continue;
      const seen = new Set<number>();
      for (let q = p; q < Math.min(seq.length, p + window); q++) for (const gi of at[q]!) seen.add(gi);
      if (seen.size < 2) continue;
      let w = 0;
      for (const gi of seen) w += weights[gi]!;
      best = Math.max(best, w / total);
    }
  }
  return best;
}

/** Title and prose (with example comments) as term sequences, cached per section. */
function createSequenceCache(analyzer: Analyzer) {
  const cache = new Map<string, string[][]>();
  return (section: Section): string[][] => {
    let seqs = cache.get(section.id);
    if (!seqs) {
      const doc = toDoc(section);
      // The opening of a section is where its point is; reading a whole long reference section
      // again for every query would cost more than the ranking itself.
      seqs = [analyzer.terms(doc.title), analyzer.terms(doc.body.slice(0, PROXIMITY_CHARS))];
      if (cache.size >= 5000) cache.delete(cache.keys().next().value!);
      cache.set(section.id, seqs);
    }
    return seqs;
  };
}

/**
 * How exactly a member says its group: a flag's long form fully, its one-letter alias a little
 * less (`-m` is `--memory` for run but `--message` for import), bare names and glossary words less.
 */
function strength(g: TermGroup, mi: number): number {
  if (mi >= g.strong) return APPROXIMATE;
  const t = g.members[mi]!;
  return g.flags.length && t.length === 1 && /^-[^-]/.test(t[0]!) && g.flags.some((f) => f.startsWith("--")) ? 0.9 : 1;
}

/** Meaningful words in a heading (numbering and punctuation aside), for the focus feature. */
function titleTermCount(section: Section): number {
  let n = titleTermCounts.get(section);
  if (n === undefined) {
    const words = section.title
      .replace(/^\s*\d+[.)、]\s*/, "")
      .match(/--?[a-z][\w-]*|\p{Script=Han}{1,4}|[a-z0-9]{2,}/giu);
    n = words?.length ?? 0;
    titleTermCounts.set(section, n);
  }
  return n;
}
const titleTermCounts = new WeakMap<Section, number>();

/**
 * Section 1: this bot vs plain Orama (default tokenizer) vs MiniSearch (default options) on the
 * Docker notes and the dev set. Relevance is score.mjs's rule: a result counts when some heading
 * on its path contains an expected string (NFKC, lower-cased, whitespace collapsed).
 */
import { readFileSync } from "node:fs";
import { type AnyOrama, create, insertMultiple, search as oramaSearch } from "@orama/orama";
import MiniSearch from "minisearch";
import { loadBot } from "../src/answer/load-bot.js";
import { parseCommand } from "../src/answer/parse-command.js";
import type { Section } from "../src/knowledge/types.js";
import { silentLogger } from "../src/logger.js";
import { renderJson } from "../src/render/json.js";
import { DEV_SET, loadSections, NOTES_DIR, ROOT } from "./corpus.js";
import { latency, round } from "./stats.js";

interface Case {
  q: string;
  any?: string[];
  all?: string[];
  k?: number;
  none?: boolean;
}

export interface QualityRow {
  system: string;
  r1: number;
  mrr5: number;
  abstain: string;
  p50: number;
  p99: number;
}

const norm = (s: string) => String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
const relevant = (path: string[], wants: string[]) => wants.some((w) => path.some((h) => norm(h).includes(norm(w))));

/** R@1, MRR@5 and abstention exactly as score.mjs computes them, over heading paths best first. */
export function score(
  cases: Case[],
  answers: { matched: boolean; paths: string[][] }[],
): { r1: number; mrr5: number; abstain: string } {
  let positives = 0,
    r1 = 0,
    mrr = 0,
    negatives = 0,
    abstained = 0;
  cases.forEach((c, i) => {
    const a = answers[i]!;
    if (c.none) {
      negatives++;
      if (!a.matched || a.paths.length === 0) abstained++;
      return;
    }
    positives++;
    let rank = 0;
    if (c.all) {
      const top = a.paths.slice(0, c.k ?? 4);
      if (a.matched && c.all.every((w) => top.some((p) => relevant(p, [w])))) rank = 1;
    } else if (a.matched) {
      rank = a.paths.slice(0, 5).findIndex((p) => relevant(p, c.any ?? [])) + 1;
    }
    if (rank === 1) r1++;
    if (rank >= 1) mrr += 1 / rank;
  });
  return { r1: round(r1 / positives), mrr5: round(mrr / positives), abstain: `${abstained}/${negatives}` };
}

/** What a user would type into a plain search box: the chat command without `/docker explain`. */
function plainQuery(q: string): string {
  const c = parseCommand(q);
  switch (c.name) {
    case "compare":
      return `${c.a} ${c.b}`;
    case "search":
      return c.query;
    case "explain":
    case "examples":
      return c.topic;
    default:
      return c.text.replace(/^\/?docker\s+/, "");
  }
}

const docOf = (s: Section) => ({
  id: s.id,
  title: s.title,
  path: s.headingPath.slice(0, -1).join(" › "),
  body: s.text,
  code: s.examples.map((e) => e.code).join("\n"),
});

export async function runQuality(repeats: number): Promise<{ rows: QualityRow[]; ratios: Record<string, number> }> {
  const cases = readFileSync(DEV_SET, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
  const sections = loadSections(NOTES_DIR);
  const byId = new Map(sections.map((s) => [s.id, s]));

  // This bot, through the same path as `ask --json`.
  const bot = await loadBot({ rootDir: ROOT, logger: silentLogger });
  const botAnswers = [];
  for (const c of cases) {
    const out = JSON.parse(renderJson(await bot.ask(c.q, { platform: "cli" }))) as {
      matched: boolean;
      results: { headingPath: string[] }[];
    };
    botAnswers.push({ matched: out.matched, paths: out.results.map((r) => r.headingPath) });
  }
  const botLat = await latency(cases, repeats, (c) => bot.ask(c.q, { platform: "cli" }));

  // Plain Orama: default tokenizer, heading-split sections from our parser.
  const orama = create({
    schema: { title: "string", path: "string", body: "string", code: "string" } as const,
  }) as AnyOrama;
  await insertMultiple(orama, sections.map(docOf) as never[]);
  const oramaQuery = async (q: string) =>
    (await oramaSearch(orama, { term: plainQuery(q), limit: 5 })).hits.map((h) => String(h.id));
  const oramaAnswers = [];
  for (const c of cases)
    oramaAnswers.push({ matched: true, paths: (await oramaQuery(c.q)).map((id) => byId.get(id)!.headingPath) });
  const oramaLat = await latency(cases, repeats, (c) => oramaQuery(c.q));

  // MiniSearch, default options.
  const mini = new MiniSearch({ fields: ["title", "path", "body", "code"] });
  mini.addAll(sections.map(docOf));
  const miniQuery = (q: string) =>
    mini
      .search(plainQuery(q))
      .slice(0, 5)
      .map((r) => String(r.id));
  const miniAnswers = cases.map((c) => ({
    matched: true,
    paths: miniQuery(c.q).map((id) => byId.get(id)!.headingPath),
  }));
  const miniLat = await latency(cases, repeats, (c) => miniQuery(c.q));

  const rows: QualityRow[] = [
    { system: "this bot", ...score(cases, botAnswers), ...botLat },
    { system: "plain Orama 3.1.18", ...score(cases, oramaAnswers), ...oramaLat },
    { system: "MiniSearch 7 (defaults)", ...score(cases, miniAnswers), ...miniLat },
  ];
  return {
    rows,
    ratios: {
      r1VsOrama: round(rows[0]!.r1 / (rows[1]!.r1 || 1e-9), 2),
      r1VsMiniSearch: round(rows[0]!.r1 / (rows[2]!.r1 || 1e-9), 2),
      p99VsOrama: round(rows[0]!.p99 / rows[1]!.p99, 2),
      p99VsMiniSearch: round(rows[0]!.p99 / rows[2]!.p99, 2),
    },
  };
}

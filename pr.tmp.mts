import { buildKnowledgeBase } from "./src/search/knowledge-base.js";
const kb = await buildKnowledgeBase({ knowledgeDir: "../shared/corpora/docker-cli-docs", rootDir: "." });
for (const q of process.argv.slice(2)) {
  const o: any = await kb.engine.search(q);
  console.log(`\n### ${q} ${o.confidence} ${JSON.stringify(o.evidence)} corr=${JSON.stringify(o.corrections)}`);
  for (const g of o.plan.groups) console.log(`  group ${g.label}${g.term ? "*" : ""}: ${g.members.slice(0, 6).map((m: string[]) => m.join("+")).join(" | ")} df=${kb.engine.index.stats.df(g.members[0][0])}`);
  for (const r of o.ranked.slice(0, 4)) console.log(`  R ${r.section.headingPath.slice(-2).join(" > ").slice(0, 70)} s=${r.score.toFixed(2)} cov=${r.coverage.toFixed(2)} gs=[${r.groupSaid}] gf=[${r.groupFields}]`);
}

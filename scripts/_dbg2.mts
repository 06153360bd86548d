import { buildKnowledgeBase } from "../src/search/knowledge-base.js";
import { planQuery } from "../src/search/query-plan.js";
import { getSearchLanguage } from "../src/search/knowledge-base.js";
const kb = await buildKnowledgeBase({ knowledgeDir: process.env.KD ?? "knowledge" });
const q = process.argv[2]!; const want = process.argv[3]!;
const o = await kb.engine.search(q, { limit: 100 });
o.results.forEach((r, i) => { if (i < 5 || r.section.headingPath.join(">").includes(want)) console.log(i, r.score.toFixed(3), r.coverage.toFixed(2), r.fieldCoverage.toFixed(2), r.section.headingPath.join(" > ")); });

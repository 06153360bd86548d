/** RSS of an idle process under the tsx loader (compare with empty.mjs, plain node). */
import { fullGc, mb } from "../stats.js";

fullGc();
console.log(JSON.stringify({ rssMB: mb(process.memoryUsage().rss) }));

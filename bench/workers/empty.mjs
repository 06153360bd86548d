/* global console, process */
// RSS of an idle plain-node process (compare with empty.ts under the tsx loader).
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
runInNewContext("gc")();
console.log(JSON.stringify({ rssMB: Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10 }));

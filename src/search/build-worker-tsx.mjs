// Development only (the bot run from TypeScript sources by tsx or vitest): a worker thread does
// not inherit the loader hooks of the thread that started it, so it registers tsx itself before
// importing the TypeScript entry named in workerData. Compiled builds start dist/search/build-worker.js directly.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);

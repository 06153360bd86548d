export { createConsoleAdapter, type ConsoleAdapter, type ConsoleAdapterOptions } from "./console-adapter.js";

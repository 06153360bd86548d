export { type ConsoleAdapter, type ConsoleAdapterOptions, createConsoleAdapter } from "./console-adapter.js";

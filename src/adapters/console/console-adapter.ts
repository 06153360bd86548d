import { createInterface, type Interface } from "node:readline";
import type { Bot } from "../../answer/bot.js";
import type { Logger } from "../../logger.js";
import { t } from "../../render/i18n/catalogue.js";
import type { Locale } from "../../render/i18n/locale.js";
import type { SourceLinks } from "../../render/source-link.js";
import { renderText } from "../../render/text.js";
import { type Turn, takeTurn } from "../turn.js";
import { loadHistory, saveHistory } from "./history.js";

export interface ConsoleAdapterOptions {
  bot: Bot;
  logger: Logger;
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Persisted readline history (newest first); omitted = in memory only. */
  historyFile?: string;
  historySize?: number;
  prompt?: string;
  /** The language of the bot's own words (DEFAULT_LOCALE; a terminal has one reader). */
  locale?: Locale;
  /** Where sections link to (PUBLIC_URL's pages, KNOWLEDGE_SOURCE_URL). */
  links?: SourceLinks;
}

export interface ConsoleAdapter {
  /** True while the prompt is open. */
  readonly connected: boolean;
  start(): void;
  /** Closes the prompt (shutdown); resolves once the answers already asked for are printed. */
  stop(): Promise<void>;
  /** Resolves when the user left (EOF, Ctrl-D, `exit`) and every answer was printed. */
  readonly closed: Promise<void>;
}

const EXIT = new Set(["exit", "quit", "/exit", "/quit", ".exit"]);

/**
 * Hubot's shell for the notes: one command per line, the same grammar and the same text as
 * `npm run ask`. On a terminal it shows a prompt, colours and keeps history; on a pipe it prints
 * answers only, in input order, so it can be scripted.
 */
export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const terminal = Boolean(input.isTTY && output.isTTY);
  const color = Boolean(output.isTTY);
  const historySize = options.historySize ?? 500;
  const logger = options.logger.child({ adapter: "console" });
  let rl: Interface | undefined;
  let connected = false;
  let queue: Promise<void> = Promise.resolve();
  let saveHistoryTo = terminal ? options.historyFile : undefined;
  let onClosed!: () => void;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));

  const write = (text: string) => new Promise<void>((resolve) => output.write(text, () => resolve()));

  const turn: Turn<string> = {
    asker: { platform: "console", surface: "console", userId: undefined },
    log: logger,
    replier: { responded: false, send: write, edit: write },
    notice: (text) => `${text}\n`,
    locale: options.locale ?? "en",
  };
  const answer = async (line: string) => {
    const text = line.trim();
    if (text === "") return;
    await takeTurn({ bot: options.bot }, turn, async (ask) =>
      renderText(await ask(text), {
        color,
        locale: options.locale ?? "en",
        ...(options.links ? { links: options.links } : {}),
      }),
    );
  };

  return {
    get connected() {
      return connected;
    },
    closed,
    start() {
      if (rl) return;
      rl = createInterface({
        input,
        output,
        terminal,
        prompt: options.prompt ?? "docker> ",
        history: terminal ? loadHistory(options.historyFile, historySize) : [],
        historySize,
        removeHistoryDuplicates: true,
        crlfDelay: Infinity,
      });
      connected = true;
      const prompt = () => {
        if (terminal && connected) rl?.prompt();
      };
      rl.on("line", (line) => {
        if (EXIT.has(line.trim().toLowerCase())) {
          rl?.close();
          return;
        }
        // One at a time, in order: a pipe of commands gets its answers in the same order.
        queue = queue.then(() => answer(line)).then(prompt);
      });
      rl.on("history", (lines: string[]) => {
        if (saveHistoryTo && !saveHistory(saveHistoryTo, lines)) {
          logger.debug({ historyFile: saveHistoryTo }, "history folder is not writable; history stays in memory");
          saveHistoryTo = undefined;
        }
      });
      // Ctrl-C: clear a half-typed line like a shell does; on an empty line, leave.
      rl.on("SIGINT", () => {
        if (rl && rl.line.length > 0) {
          rl.write(null, { ctrl: true, name: "e" });
          rl.write(null, { ctrl: true, name: "u" });
          output.write("\n");
          prompt();
        } else rl?.close();
      });
      rl.on("close", () => {
        connected = false;
        if (terminal) output.write("\n");
        void queue.then(onClosed);
      });
      if (terminal) output.write(`${t(options.locale ?? "en", "notice.consoleGreeting")}\n`);
      prompt();
    },
    async stop() {
      if (!rl) return onClosed();
      rl.close();
      await closed;
    },
  };
}

import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";

export interface FlagInfo {
  long: string;
  short?: string;
  meaning: string;
}

export interface FlagTable {
  flags: FlagInfo[];
  /** `--restart` → info. */
  byLong: Map<string, FlagInfo>;
  /** `-e` → info (docker run's short forms only). */
  byShort: Map<string, FlagInfo>;
  /** `--env` → [`--env`, `-e`]; `-e` → [`-e`, `--env`]; every flag maps to its aliases, itself first. */
  aliases(flag: string): string[];
  isKnown(flag: string): boolean;
}

function readFlagList(file: string, allowShort: boolean): FlagInfo[] {
  const data: unknown = parseYaml(readFileSync(file, "utf8"));
  if (!Array.isArray(data)) throw new Error(`${file}: expected a YAML list of { long, short?, meaning }`);
  return data.map((entry: unknown, i) => {
    const e = entry as Partial<FlagInfo>;
    if (typeof e?.long !== "string" || !/^--[a-z0-9][a-z0-9-]*$/.test(e.long)) {
      throw new Error(`${file}: entry ${i + 1} needs \`long: --name\` (got ${JSON.stringify(e?.long)})`);
    }
    const short = allowShort && typeof e.short === "string" ? e.short : undefined;
    return { long: e.long, ...(short ? { short } : {}), meaning: String(e.meaning ?? "") };
  });
}

/**
 * Loads `docker-flags.yml` (every `docker run` flag, with short forms) and, when given,
 * `docker-common-flags.yml` (long flags of other commands, no short forms: `-t` is `--tty` for
 * run but `--tag` for build).
 */
export function loadFlagTable(runFlagsFile: string, otherFlagsFile?: string): FlagTable {
  const flags = readFlagList(runFlagsFile, true);
  if (otherFlagsFile) {
    for (const f of readFlagList(otherFlagsFile, false)) if (!flags.some((x) => x.long === f.long)) flags.push(f);
  }
  return createFlagTable(flags);
}

export function createFlagTable(flags: FlagInfo[]): FlagTable {
  const byLong = new Map(flags.map((f) => [f.long, f]));
  const byShort = new Map(flags.filter((f) => f.short).map((f) => [f.short!, f]));
  return {
    flags,
    byLong,
    byShort,
    aliases(flag) {
      const info = byLong.get(flag) ?? byShort.get(flag);
      if (!info) return [flag];
      const all = [info.long, ...(info.short ? [info.short] : [])];
      return [flag, ...all.filter((f) => f !== flag)];
    },
    isKnown(flag) {
      return byLong.has(flag) || byShort.has(flag);
    },
  };
}

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

/** `file`'s flags, from its YAML as parsed (`data`); `file` names it in errors. */
function flagList(data: unknown, file: string, allowShort: boolean): FlagInfo[] {
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
  const read = (file: string): unknown => parseYaml(readFileSync(file, "utf8"));
  return flagTableOf(
    { file: runFlagsFile, data: read(runFlagsFile) },
    otherFlagsFile === undefined ? undefined : { file: otherFlagsFile, data: read(otherFlagsFile) },
  );
}

/** `loadFlagTable` of the files' YAML already parsed (a snapshot keeps it: language-data.ts). */
export function flagTableOf(run: { file: string; data: unknown }, other?: { file: string; data: unknown }): FlagTable {
  const flags = flagList(run.data, run.file, true);
  if (other) {
    for (const f of flagList(other.data, other.file, false)) if (!flags.some((x) => x.long === f.long)) flags.push(f);
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

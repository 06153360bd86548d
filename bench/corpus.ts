/** Corpora and query sets for the benchmark: the Docker notes, docker-cli-docs replicated, a fixed query mix. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadKnowledge } from "../src/knowledge/load-knowledge.js";
import type { Section } from "../src/knowledge/types.js";
import { getSearchLanguage } from "../src/search/knowledge-base.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const NOTES_DIR = join(ROOT, "knowledge");
/** Read in place, never copied into the repo. */
export const CLI_DOCS_DIR = join(ROOT, "..", "shared", "corpora", "docker-cli-docs");
export const DEV_SET = join(ROOT, "..", "shared", "eval", "dev.jsonl");

export function loadSections(dir: string): Section[] {
  return loadKnowledge(dir, getSearchLanguage().flags, ROOT).sections;
}

/** `n` copies with distinct ids, files and parents (`copy-3/…`), as if n documentation sites were ingested. */
export function replicate(sections: Section[], n: number): Section[] {
  if (n === 1) return sections;
  const out: Section[] = [];
  for (let i = 0; i < n; i++) {
    const p = `copy-${i}/`;
    for (const s of sections)
      out.push({ ...s, id: p + s.id, file: p + s.file, ...(s.parentId ? { parentId: p + s.parentId } : {}) });
  }
  return out;
}

const FLAGS = [
  "--restart",
  "-p",
  "--publish",
  "-v",
  "--volume",
  "--mount",
  "-e",
  "--env",
  "--network",
  "-it",
  "-d",
  "--rm",
  "--name",
  "--memory",
  "--cpus",
  "--entrypoint",
  "--workdir",
  "-f",
  "--filter",
  "--format",
  "--platform",
  "--build-arg",
  "--tag",
  "--label",
  "--user",
  "--privileged",
  "--add-host",
  "--dns",
  "--health-cmd",
  "--log-driver",
];
const WORDS = [
  "volume",
  "network",
  "container",
  "image",
  "build",
  "port",
  "logs",
  "secret",
  "registry",
  "tag",
  "prune",
  "context",
  "plugin",
  "swarm",
  "service",
  "node",
  "stack",
  "checkpoint",
  "healthcheck",
  "manifest",
  "buildx",
  "compose",
  "inspect",
  "attach",
  "export",
  "import",
  "commit",
  "restart",
  "memory",
  "proxy",
];
const CHINESE = [
  "容器",
  "镜像",
  "网络",
  "端口",
  "重启",
  "数据卷",
  "日志",
  "构建",
  "环境变量",
  "挂载",
  "删除",
  "标签",
  "仓库",
  "端口映射",
  "自动重启",
  "资源限制",
  "工作目录",
  "交互",
  "后台运行",
  "清理",
];
const QUESTIONS = [
  "how to limit container memory",
  "how do I publish a port",
  "list all running containers",
  "remove unused images",
  "how to set environment variables",
  "mount a host directory into a container",
  "difference between cmd and entrypoint",
  "how to see container logs",
  "build an image from a dockerfile",
  "怎么让容器自动重启",
  "怎么查看正在运行的容器",
  "如何删除所有停止的容器",
  "how to restart a container automatically",
  "copy files from a container to the host",
  "run a container in the background",
  "怎么把主机端口映射到容器",
  "what network do containers use by default",
  "how to log in to a registry",
  "show disk usage of docker",
  "connect a container to a network",
];
const COMMON = [
  "docker run",
  "docker",
  "docker container",
  "docker image",
  "run",
  "container",
  "docker build",
  "image",
  "docker exec",
  "options",
];

/** 1,000 queries, fixed: 20% each of flags, English words, Chinese words, questions and common terms, interleaved. */
export function queryMix(count = 1000): { kind: string; q: string }[] {
  const kinds: [string, string[]][] = [
    ["flag", FLAGS],
    ["word", WORDS],
    ["chinese", CHINESE],
    ["question", QUESTIONS],
    ["common", COMMON],
  ];
  const out: { kind: string; q: string }[] = [];
  for (let i = 0; out.length < count; i++) {
    const [kind, list] = kinds[i % kinds.length]!;
    out.push({ kind, q: list[Math.floor(i / kinds.length) % list.length]! });
  }
  return out;
}

/** Guesses the language of a code block whose fence has none, from its content. */
const RULES: { lang: string; test: RegExp }[] = [
  {
    lang: "dockerfile",
    test: /^\s*(FROM|RUN|CMD|ENTRYPOINT|COPY|ADD|WORKDIR|EXPOSE|ENV|ARG|LABEL|USER|VOLUME|HEALTHCHECK)\s+\S/m,
  },
  { lang: "yaml", test: /^\s*(services|version|volumes|networks)\s*:/m },
  {
    lang: "bash",
    test: /^\s*([$#>]\s+)?(sudo\s+)?(docker|docker-compose|podman|kubectl|curl|apt-get|npm|pip|cd|ls|echo|export)\b/m,
  },
  { lang: "json", test: /^\s*[{[][\s\S]*[}\]]\s*$/ },
];

export function guessLang(code: string): string {
  for (const rule of RULES) if (rule.test.test(code)) return rule.lang;
  return "text";
}

/** Removes the leading indentation common to every non-blank line, and blank lines at either end. */
export function dedent(code: string): string {
  const lines = code.replace(/\r/g, "").split("\n");
  while (lines.length && !lines[0]!.trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1]!.trim()) lines.pop();
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length)).replace(/[ \t]+$/, "")).join("\n");
}

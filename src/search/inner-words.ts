import type { Member } from "./glossary.js";

/**
 * The glossary word a glossary term ends with, when it stands for another concept of the
 * question: 容器 in 进容器 (enter the container), 镜像 in 打镜像 (build an image), sudo in 免sudo.
 * A term matched in a question takes its text out of it; its words then say nothing, and a
 * concept the asker wrote would be lost.
 *
 * Only the last word: a Chinese term ends with its head or with its verb's object (进 + 容器). The
 * words before the head only narrow it (服务器 is no 服务, 镜像仓库 is a kind of 仓库), and
 * the glossary put them in the term's meaning. And only a word whose concept the term's group
 * never says: 端口映射's group says `port mapping`, which holds the mapping group's `map`, so
 * 映射 stays part of it, just as `port mapping` in English is one group and not two.
 *
 * `text`: the term as normalized; `outer`: its group's members (asked only when the term ends with
 * a glossary word: most terms don't); `han`: the Chinese glossary terms; `lastLatin`: a mixed
 * term's last Latin word as analysed; `lookup`: a term's members.
 */
export function innerWord(
  text: string,
  outer: () => Member[],
  han: Set<string>,
  lastLatin: string | undefined,
  lookup: (key: string) => Member[] | undefined,
): string | undefined {
  let word: string | undefined;
  if (/\p{Script=Han}$/u.test(text)) {
    const chars = [...text];
    // The longest glossary word of two or more characters the term ends with, not the term itself.
    for (let n = chars.length - 1; n >= 2 && !word; n--) {
      const tail = chars.slice(-n).join("");
      if (han.has(tail)) word = tail;
    }
  } else word = lastLatin;
  const members = word ? lookup(word) : undefined;
  if (!word || !members) return undefined;
  // A member that writes the word itself beside others (pull镜像 → pull, 镜像) is another spelling
  // of such a term, not the group saying the word's concept.
  const said = outer().some(
    (o) => !(o.length > 1 && o.includes(word)) && members.some((m) => m.every((t) => o.includes(t))),
  );
  return said ? undefined : word;
}

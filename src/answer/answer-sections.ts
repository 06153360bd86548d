import type { Answer, AnswerSection, CompareAnswer } from "./types.js";

/**
 * Every section an answer shows, best first: the `results` of the JSON contract and what a
 * button's page number points into. For a comparison: the direct section, then each side.
 */
export function answerSections(answer: Answer): AnswerSection[] {
  switch (answer.type) {
    case "sections":
      return answer.sections;
    case "compare":
      return compareSections(answer);
    case "topics":
      return answer.root ? [answer.root] : [];
    case "help":
    case "miss":
    case "invalid":
      return [];
  }
}

export function compareSections(answer: CompareAnswer): AnswerSection[] {
  return [answer.direct, answer.left, answer.right].filter((s): s is AnswerSection => s !== undefined);
}

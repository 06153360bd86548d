import { answerSections } from "../answer/answer-sections.js";
import type { AnswerInfo } from "../answer/bot.js";
import { confidenceOf, outcomeOf } from "../answer/outcome.js";
import type { Answer } from "../answer/types.js";
import { guessLocale } from "./normalize.js";
import type { QuestionEvent } from "./types.js";

/**
 * The store's row for a fresh question; undefined for what is not one (a button re-rendering an
 * answer already recorded, the CLI, an answer without an id).
 */
export function questionEvent(answer: Answer, info: AnswerInfo, at = Date.now()): QuestionEvent | undefined {
  if (!info.surface || info.answerId || !answer.id) return undefined;
  const top = answerSections(answer)[0];
  const confidence = confidenceOf(answer);
  return {
    type: "question",
    answerId: answer.id,
    at,
    platform: info.platform,
    surface: info.surface,
    locale: info.locale ?? guessLocale(answer.query),
    kind: answer.command,
    query: answer.query,
    outcome: outcomeOf(answer),
    latencyMs: info.ms,
    ...(confidence ? { confidence } : {}),
    ...(top ? { sectionId: top.id, headingPath: top.headingPath } : {}),
    ...(info.userId ? { userId: info.userId } : {}),
  };
}

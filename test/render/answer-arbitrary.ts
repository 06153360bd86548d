import fc from "fast-check";
import type { Answer, AnswerSection, InputProblem, MissReason, OutlineEntry } from "../../src/answer/types.js";

export interface AnswerArbitraryOptions {
  /** Every text field (queries, titles, suggestions, sides, searched words). */
  text: fc.Arbitrary<string>;
  section: fc.Arbitrary<AnswerSection>;
  maxSections?: number;
  maxOutline?: number;
  maxSuggestions?: number;
}

/** Every kind of answer the core can give, with `text` in every field: for render properties. */
export function answerArbitrary(options: AnswerArbitraryOptions): fc.Arbitrary<Answer> {
  const { text, section } = options;
  const outlineEntry: fc.Arbitrary<OutlineEntry> = fc.record({
    id: fc.string(),
    title: text,
    level: fc.integer({ min: 0, max: 6 }),
    depth: fc.integer({ min: 0, max: 20 }),
    source: fc.record({ file: fc.string({ maxLength: 100 }), line: fc.nat() }),
  });
  const reason: fc.Arbitrary<MissReason> = fc.oneof(
    fc.record({
      kind: fc.constant("not-found" as const),
      searched: text,
      unknownFlags: fc.array(
        fc.record({ long: text, short: text, meaning: text }, { requiredKeys: ["long", "meaning"] }),
        {
          maxLength: 3,
        },
      ),
    }),
    fc.record({ kind: fc.constant("no-examples" as const), topic: text }),
    fc.record(
      { kind: fc.constant("no-comparison" as const), a: text, b: text, unknown: text },
      { requiredKeys: ["kind", "a", "b"] },
    ),
  );
  const problem: fc.Arbitrary<InputProblem> = fc.oneof(
    fc.record({ kind: fc.constant("too-long" as const), length: fc.nat(), max: fc.nat() }),
    fc.constantFrom(
      { kind: "control-characters" as const },
      { kind: "empty" as const },
      { kind: "no-word" as const },
      { kind: "compare-needs-two" as const },
    ),
    fc.record({
      kind: fc.constant("needs-argument" as const),
      command: fc.constantFrom("explain" as const, "search" as const, "examples" as const),
      example: text,
    }),
  );
  return fc.oneof(
    fc.record({
      type: fc.constant("sections" as const),
      command: fc.constantFrom("explain" as const, "search" as const, "examples" as const),
      query: text,
      matched: fc.constant(true as const),
      confidence: fc.constantFrom("high" as const, "low" as const),
      sections: fc.array(section, { minLength: 1, maxLength: options.maxSections ?? 12 }),
      corrections: fc.array(fc.record({ typed: text, read: text }), { maxLength: 2 }),
    }),
    fc.record(
      {
        type: fc.constant("compare" as const),
        command: fc.constant("compare" as const),
        query: text,
        matched: fc.constant(true as const),
        a: text,
        b: text,
        direct: section,
        left: section,
        right: section,
        confidence: fc.constantFrom("high" as const, "low" as const),
      },
      { requiredKeys: ["type", "command", "query", "matched", "a", "b", "confidence"] },
    ),
    fc.record(
      {
        type: fc.constant("topics" as const),
        command: fc.constant("topics" as const),
        query: text,
        matched: fc.constant(true as const),
        heading: text,
        root: section,
        outline: fc.array(outlineEntry, { maxLength: options.maxOutline ?? 400 }),
      },
      { requiredKeys: ["type", "command", "query", "matched", "outline"] },
    ),
    fc.record({
      type: fc.constant("help" as const),
      command: fc.constant("help" as const),
      query: text,
      matched: fc.constant(true as const),
    }),
    fc.record({
      type: fc.constant("miss" as const),
      command: fc.constantFrom(
        "explain" as const,
        "compare" as const,
        "search" as const,
        "examples" as const,
        "topics" as const,
      ),
      query: text,
      matched: fc.constant(false as const),
      reason,
      suggestions: fc.array(text, { maxLength: options.maxSuggestions ?? 15 }),
    }),
    fc.record({
      type: fc.constant("invalid" as const),
      command: fc.constant("invalid" as const),
      query: text,
      matched: fc.constant(false as const),
      problem,
    }),
  );
}

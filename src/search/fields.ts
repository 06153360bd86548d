/** The indexed fields of a section, best first: ranking prefers a heading over prose over code. */
export const FIELDS = ["title", "path", "body", "code"] as const;
export type Field = (typeof FIELDS)[number];

export const SCHEMA = { title: "string", path: "string", body: "string", code: "string" } as const;

/** BM25 boost per field for candidate retrieval. */
export const BOOST: Record<Field, number> = { title: 3, path: 1.5, body: 1, code: 0.6 };

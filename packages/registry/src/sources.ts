/**
 * Where a person record comes from. Every record keeps its source for life: merging records never rewrites
 * a source, so a reviewer can always see that one record came from a recovered register and another from a
 * family's inquiry.
 */
import { z } from "zod";
import { partialDateSchema } from "./partial-date";

export const SOURCE_KINDS = [
  /** Walked out of the facility and was registered at the gate. */
  "freed_at_gate",
  /** Found alive by the search teams (hidden cells, basements). */
  "rescued_in_search",
  /** Found dead; the record describes remains, perhaps not yet identified. */
  "found_dead",
  /** Named in a recovered register, list or other document. */
  "document",
  /** The subject of a family's inquiry: what the family knows. */
  "inquiry",
  /** Described by a witness (a fellow detainee, a guard). */
  "witness",
  /** Received from another organisation's system (PFIF, CSV exchange). */
  "exchange",
  "other",
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const shortText = z.string().trim().max(500);

export const externalIdSchema = z.strictObject({
  /** The other system, e.g. a PFIF repository domain (`example.org`) or an organisation's name. */
  system: z.string().trim().min(1).max(200),
  id: z.string().trim().min(1).max(500),
});
export type ExternalId = z.infer<typeof externalIdSchema>;

export const recordSourceSchema = z.strictObject({
  kind: z.enum(SOURCE_KINDS),
  /** Where exactly: "Register B-3, page 14, line 7", "gate desk 2, shift 3", a repository name. */
  reference: shortText.default(""),
  /** When the information was collected or the document dated; null when unknown. */
  collectedOn: partialDateSchema.nullable().default(null),
  /** The site (facility) it relates to, when there is one. */
  siteId: z.uuid().nullable().default(null),
  /** A reference to a stored document or scan (attachment store); never the file itself. */
  documentRef: shortText.nullable().default(null),
  /** The record's id in the system it came from (PFIF person_record_id). */
  external: externalIdSchema.nullable().default(null),
  note: z.string().trim().max(2000).default(""),
});
export type RecordSource = z.infer<typeof recordSourceSchema>;

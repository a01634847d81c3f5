import type { EvidenceRecord } from "./events";

/**
 * Echoes: a repost, a forwarded message or a second-hand retelling of one original report is the same piece
 * of evidence, however many times it reaches us. Records are grouped by their original: follow `echoOf` to
 * the root record; records whose root carries the same `originRef` (a post URL, a message id) are one group
 * too. Each group counts once, through its representative: the first record of the group in log order. The
 * group's grade and verification status are the representative's (grade and verify the original).
 */
export interface EchoGroups {
  /** Group key of each record id. */
  keyOf: Map<string, string>;
  /** The record that counts for each group key. */
  representativeOf: Map<string, EvidenceRecord>;
}

/** `records` in log order; every `echoOf` must name a record in `records` (the fold checks that). */
export function groupEchoes(records: readonly EvidenceRecord[]): EchoGroups {
  const byId = new Map(records.map((record) => [record.id, record]));
  const groups: EchoGroups = { keyOf: new Map(), representativeOf: new Map() };
  for (const record of records) addToEchoGroups(groups, record, byId);
  return groups;
}

/** Adds a newly recorded evidence (its parents recorded earlier) to existing groups, as groupEchoes would. */
export function addToEchoGroups(
  groups: EchoGroups,
  record: EvidenceRecord,
  byId: ReadonlyMap<string, EvidenceRecord>,
): void {
  let root = record;
  const seen = new Set<string>();
  while (root.echoOf !== undefined && !seen.has(root.id)) {
    seen.add(root.id);
    const parent = byId.get(root.echoOf);
    if (!parent) break;
    root = parent;
  }
  const key = root.originRef !== undefined ? `origin:${root.originRef}` : `evidence:${root.id}`;
  groups.keyOf.set(record.id, key);
  if (!groups.representativeOf.has(key)) groups.representativeOf.set(key, record);
}

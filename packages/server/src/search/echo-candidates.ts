/**
 * Possible echoes: the engine counts records as one report only when someone links them (`echoOf`) or gives
 * them the same external reference (`originRef`). To help the analyst link them, a record is flagged as a
 * possible echo of an earlier one about the same segment when they share their original source, or when
 * one's source passed the other on (one record's source is a relay of the other). The flag is a
 * suggestion shown next to the record; it never changes the probabilities by itself.
 */
import type { EvidenceResult, EvidenceTarget } from "@athar/search";

/** One key per place a claim can be about (a segment, a level, a site) and what it says about it. */
export const targetKey = (target: EvidenceTarget): string =>
  target.segmentId !== undefined
    ? `segment:${target.segmentId}:${target.about}`
    : target.levelId !== undefined
      ? `level:${target.levelId}`
      : `site:${target.siteId ?? ""}`;

export function possibleEchoes(results: readonly EvidenceResult[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  results.forEach((result, index) => {
    const record = result.record;
    const matches: string[] = [];
    for (let j = 0; j < index; j++) {
      const earlier = results[j]!;
      const other = earlier.record;
      // Already one report: nothing to suggest.
      if (earlier.groupKey === result.groupKey) continue;
      if (targetKey(other.target) !== targetKey(record.target)) continue;
      const sameSource = other.reportedBy === record.reportedBy;
      const relayed =
        record.reportedThrough.includes(other.reportedBy) ||
        other.reportedThrough.includes(record.reportedBy);
      // One suggestion per report: the record its group counts through.
      if ((sameSource || relayed) && !matches.includes(earlier.countedAs)) matches.push(earlier.countedAs);
    }
    if (matches.length > 0) out.set(record.id, matches);
  });
  return out;
}

import { AtharError } from "@athar/core";
import { normaliseWeights } from "./normalise";

/**
 * Mattson consensus: each planner scores every segment independently; each planner's vector is normalised,
 * the vectors are averaged, and the average is the initial POA. Normalising first gives every planner the
 * same say whatever scale they used. Segments a planner left out count as 0 for that planner.
 */
export function mattsonConsensus(
  segmentIds: readonly string[],
  estimates: readonly Readonly<Record<string, number>>[],
): number[] {
  if (estimates.length === 0)
    throw new AtharError("validation_failed", "Mattson consensus needs at least one planner estimate");
  const known = new Set(segmentIds);
  const sum = new Array<number>(segmentIds.length).fill(0);
  estimates.forEach((estimate, planner) => {
    for (const id of Object.keys(estimate)) {
      if (!known.has(id))
        throw new AtharError("validation_failed", `planner estimate ${planner} names unknown segment ${id}`);
    }
    const normalised = normaliseWeights(segmentIds.map((id) => estimate[id] ?? 0));
    normalised.forEach((value, i) => {
      sum[i] = sum[i]! + value;
    });
  });
  return sum.map((value) => value / estimates.length);
}

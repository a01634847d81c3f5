/**
 * Correlated fields. Fellegi–Sunter multiplies per-field likelihood ratios as if fields were independent
 * given the match status. Among people who are not the same person, father's, grandfather's, family and
 * mother's names are far from independent: siblings and cousins agree on all of them at once. Multiplying
 * the four u's makes agreeing on all four look like a one-in-a-billion coincidence, when in a register it
 * happens for every pair of siblings; the model then merges brothers.
 *
 * The correction: for a group of correlated fields and the set A of its fields on which a pair agrees,
 * replace Π_{f∈A} ū_f by the joint probability u_A that two different people agree on all of A, that is add
 *
 *     log2(Π_{f∈A} ū_f / u_A)   bits (≤ 0),
 *
 * where ū_f is the probability that a random pair agrees on f (at any agreeing level). u_A is counted
 * exactly rather than sampled: the number of pairs of records with equal keys on every field of A (one pass
 * with a hash map per subset), over the number of pairs that have all of A, less the pairs expected to be
 * true matches (λ·Π m̄_f). Random sampling would almost never draw two siblings out of a million records.
 */
import type { LinkMode } from "./blocking";
import type { Field } from "./fields/field";
import type { RecordSet } from "./record-set";

export interface CorrelatedGroup {
  /** Field indexes in the record set / model. */
  readonly fields: readonly number[];
  /** No correction when one of these fields agrees (indexes). */
  readonly unlessAgreeing: readonly number[];
  /** Correction in bits for each agreement mask (bit k set = fields[k] agrees); 0 below two fields. */
  readonly correctionBits: readonly number[];
  /** Joint non-match agreement probability per mask (0 where not estimated). */
  readonly jointU: readonly number[];
}

export interface JointCounts {
  /** Agreeing pairs per mask. */
  readonly agreeing: readonly number[];
  /** Pairs where every field of the mask is present on both sides. */
  readonly possible: readonly number[];
}

const TWO_26 = 2 ** 26;

const bitCount = (mask: number): number => {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
};

/** Counts agreeing pairs for every subset of the group with at least two fields. */
export function countJointAgreement(
  records: RecordSet,
  fieldIndexes: readonly number[],
  mode: LinkMode,
): JointCounts {
  const fields = fieldIndexes.map((index) => records.fields[index] as Field);
  const keys = fields.map((field) => field.key(field.agreementKey));
  const n = records.size;
  const masks = 1 << fields.length;
  const agreeing = new Array<number>(masks).fill(0);
  const possible = new Array<number>(masks).fill(0);
  // Per record, the field keys once (the subsets reuse them).
  const values = fields.map((_, k) => {
    const column = new Int32Array(n);
    const key = keys[k] as (record: number) => number;
    for (let r = 0; r < n; r++) column[r] = key(r);
    return column;
  });
  const sources = records.sources;
  for (let mask = 1; mask < masks; mask++) {
    if (bitCount(mask) < 2) continue;
    // Hashed keys (as in blocking): a collision merges two groups, which adds a handful of pairs to
    // hundreds of thousands and does not matter. Counts are packed: left + right · 2^26.
    const groups = new Map<number, number>();
    let left = 0;
    let right = 0;
    for (let r = 0; r < n; r++) {
      let hash = 0x811c9dc5 | 0;
      let present = true;
      for (let k = 0; k < fields.length; k++) {
        if ((mask & (1 << k)) === 0) continue;
        const value = (values[k] as Int32Array)[r] as number;
        if (value < 0) {
          present = false;
          break;
        }
        hash = Math.imul(hash ^ value, 0x01000193);
        hash ^= hash >>> 15;
        hash = Math.imul(hash, 0x2c1b3c6d);
        hash ^= hash >>> 12;
      }
      if (!present) continue;
      const key = hash & 0x3fffffff;
      const isLeft = sources[r] === 0;
      if (isLeft) left++;
      else right++;
      groups.set(key, (groups.get(key) ?? 0) + (isLeft ? 1 : TWO_26));
    }
    let pairs = 0;
    for (const packed of groups.values()) {
      const l = packed % TWO_26;
      const rr = Math.floor(packed / TWO_26);
      pairs += mode === "dedupe" ? ((l + rr) * (l + rr - 1)) / 2 : l * rr;
    }
    agreeing[mask] = pairs;
    possible[mask] = mode === "dedupe" ? ((left + right) * (left + right - 1)) / 2 : left * right;
  }
  return { agreeing, possible };
}

/**
 * Corrections from the counts. `uAgree[k]` is ū for fields[k] (random pairs); `expectedMatches[mask]` the
 * number of true matches expected among the pairs agreeing on the mask (from EM), which come out of the
 * count: u is about different people.
 */
export function correlatedGroup(
  fieldIndexes: readonly number[],
  unlessAgreeing: readonly number[],
  counts: JointCounts,
  uAgree: readonly number[],
  expectedMatches: readonly number[],
): CorrelatedGroup {
  const masks = 1 << fieldIndexes.length;
  const correctionBits = new Array<number>(masks).fill(0);
  const jointU = new Array<number>(masks).fill(0);
  for (let mask = 1; mask < masks; mask++) {
    if (bitCount(mask) < 2) continue;
    const possible = counts.possible[mask] as number;
    if (possible <= 0) continue;
    let product = 1;
    for (let k = 0; k < fieldIndexes.length; k++) {
      if ((mask & (1 << k)) !== 0) product *= uAgree[k] as number;
    }
    const nonMatches = Math.max(0.5, (counts.agreeing[mask] as number) - (expectedMatches[mask] as number));
    const u = nonMatches / possible;
    jointU[mask] = u;
    // Only ever a penalty: where different people agree less often than independence says (siblings do not
    // share a given name), the estimate rests on a handful of pairs, and no bonus is taken from it.
    correctionBits[mask] = Math.min(0, Math.log2(product / u));
  }
  return { fields: fieldIndexes, unlessAgreeing, correctionBits, jointU };
}

/** Per field and level, 1 when the level counts as agreeing (for fast masks in the scoring loop). */
export function agreementTables(fields: readonly Field[]): Uint8Array[] {
  return fields.map((field) => Uint8Array.from(field.levels, (_, level) => (field.agrees(level) ? 1 : 0)));
}

/** The agreement mask of a pair from its levels (0 when an `unlessAgreeing` field agrees). */
export function agreementMask(
  group: CorrelatedGroup,
  fields: readonly Field[],
  levels: ArrayLike<number>,
): number {
  for (const f of group.unlessAgreeing) if ((fields[f] as Field).agrees(levels[f] as number)) return 0;
  let mask = 0;
  for (let k = 0; k < group.fields.length; k++) {
    const f = group.fields[k] as number;
    if ((fields[f] as Field).agrees(levels[f] as number)) mask |= 1 << k;
  }
  return mask;
}

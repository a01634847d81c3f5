/**
 * Blocking: which pairs of records are compared at all. Each rule is a list of `field:key` parts; two records
 * fall in one block of a rule when all parts agree. The union of several rules is compared, so a typo in one
 * field leaves the pair in the block of another rule. A pair found by several rules is compared once: rule r
 * skips a pair that an earlier rule already produced (the check is a comparison of the earlier rule's keys,
 * so no set of pairs is kept).
 */
import type { RecordSet } from "./record-set";

export type LinkMode = "dedupe" | "link";

export interface CompiledRule {
  /** The rule as written, `given_name:skeleton+birth_date:year`. */
  readonly text: string;
  readonly fieldNames: readonly string[];
  /** Per record: the rule's key, or -1 when a part is missing (or its block was too large to compare). */
  readonly keys: Int32Array;
  /** Blocks as compressed rows: members of block b are members[starts[b] .. starts[b+1]). */
  readonly starts: Int32Array;
  readonly members: Int32Array;
  /** Number of pairs this rule's blocks hold (before removing pairs of earlier rules). */
  readonly pairCount: number;
  /** Blocks left out because they exceed maxBlockSize, with their sizes. */
  readonly skippedBlocks: readonly number[];
}

/** Mixes component keys into one non-negative 30-bit key. Collisions only merge blocks: harmless. */
function mix(hash: number, value: number): number {
  let h = Math.imul(hash ^ value, 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

export function computeRuleKeys(records: RecordSet, parts: readonly string[]): Int32Array {
  const functions = parts.map((part) => {
    const [fieldName, kind] = part.split(":") as [string, string];
    return records.field(fieldName).key(kind);
  });
  const keys = new Int32Array(records.size);
  for (let r = 0; r < records.size; r++) {
    let hash = 0x811c9dc5 | 0;
    let missing = false;
    for (const key of functions) {
      const value = key(r);
      if (value < 0) {
        missing = true;
        break;
      }
      hash = mix(hash, value);
    }
    keys[r] = missing ? -1 : hash & 0x3fffffff;
  }
  return keys;
}

/**
 * Builds the blocks of one rule. In link mode a block only counts when it has records of both sources, and
 * its size is the product of the two sides.
 */
export function compileRule(
  records: RecordSet,
  parts: readonly string[],
  mode: LinkMode,
  maxBlockSize: number,
): CompiledRule {
  const keys = computeRuleKeys(records, parts);
  const blockOf = new Map<number, number>();
  const sizes: number[] = [];
  const leftSizes: number[] = [];
  const n = records.size;
  const sources = records.sources;
  const recordBlock = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    const key = keys[r] as number;
    if (key < 0) continue;
    let block = blockOf.get(key);
    if (block === undefined) {
      block = sizes.length;
      blockOf.set(key, block);
      sizes.push(0);
      leftSizes.push(0);
    }
    recordBlock[r] = block;
    sizes[block] = (sizes[block] as number) + 1;
    if (sources[r] === 0) leftSizes[block] = (leftSizes[block] as number) + 1;
  }
  const skippedBlocks: number[] = [];
  const keep = new Uint8Array(sizes.length);
  let kept = 0;
  let pairCount = 0;
  for (let b = 0; b < sizes.length; b++) {
    const size = sizes[b] as number;
    const left = leftSizes[b] as number;
    const pairs = mode === "dedupe" ? (size * (size - 1)) / 2 : left * (size - left);
    if (pairs === 0) continue;
    if (size > maxBlockSize) {
      skippedBlocks.push(size);
      continue;
    }
    keep[b] = 1;
    kept += size;
    pairCount += pairs;
  }
  // Compressed rows of the kept blocks; records of skipped blocks lose their key, so that no later rule
  // assumes this rule compared them.
  const blockIndex = new Int32Array(sizes.length).fill(-1);
  const startsList: number[] = [0];
  let offset = 0;
  for (let b = 0; b < sizes.length; b++) {
    if (keep[b] === 0) continue;
    blockIndex[b] = startsList.length - 1;
    offset += sizes[b] as number;
    startsList.push(offset);
  }
  const starts = Int32Array.from(startsList);
  const fill = starts.slice(0, starts.length - 1);
  const members = new Int32Array(kept);
  for (let r = 0; r < n; r++) {
    const block = recordBlock[r] as number;
    if (block < 0) continue;
    const index = blockIndex[block] as number;
    if (index < 0) {
      keys[r] = -1;
      continue;
    }
    members[fill[index] as number] = r;
    fill[index] = (fill[index] as number) + 1;
  }
  return {
    text: parts.join("+"),
    fieldNames: parts.map((part) => part.split(":")[0] as string),
    keys,
    starts,
    members,
    pairCount,
    skippedBlocks,
  };
}

export function compileRules(
  records: RecordSet,
  rules: readonly (readonly string[])[],
  mode: LinkMode,
  maxBlockSize: number,
): CompiledRule[] {
  return rules.map((parts) => compileRule(records, parts, mode, maxBlockSize));
}

/** True when an earlier rule (index < ruleIndex) already puts i and j in one block. */
export function coveredEarlier(
  rules: readonly CompiledRule[],
  ruleIndex: number,
  i: number,
  j: number,
): boolean {
  for (let r = 0; r < ruleIndex; r++) {
    const keys = (rules[r] as CompiledRule).keys;
    const key = keys[i] as number;
    if (key >= 0 && key === keys[j]) return true;
  }
  return false;
}

/**
 * Calls visit(i, j) for every pair of one rule's blocks [fromBlock, toBlock) not produced by an earlier rule.
 * In link mode i is always the left record (source 0) and j the right one.
 */
export function forEachRulePair(
  records: RecordSet,
  rules: readonly CompiledRule[],
  ruleIndex: number,
  mode: LinkMode,
  visit: (i: number, j: number) => void,
  fromBlock = 0,
  toBlock = Number.POSITIVE_INFINITY,
): void {
  const rule = rules[ruleIndex] as CompiledRule;
  const { starts, members } = rule;
  const sources = records.sources;
  const end = Math.min(toBlock, starts.length - 1);
  for (let b = fromBlock; b < end; b++) {
    const from = starts[b] as number;
    const to = starts[b + 1] as number;
    for (let x = from; x < to; x++) {
      const i = members[x] as number;
      for (let y = x + 1; y < to; y++) {
        const j = members[y] as number;
        let left = i;
        let right = j;
        if (mode === "link") {
          const si = sources[i];
          if (si === sources[j]) continue;
          if (si === 1) {
            left = j;
            right = i;
          }
        }
        if (ruleIndex > 0 && coveredEarlier(rules, ruleIndex, left, right)) continue;
        visit(left, right);
      }
    }
  }
}

/** Number of blocks of a rule. */
export const blockCount = (rule: CompiledRule): number => rule.starts.length - 1;

/**
 * Estimating the model from the data, as Splink does:
 * - u from pairs drawn at random (seeded): nearly all of them are different people, so the share of random
 *   pairs at each level estimates P(level | non-match);
 * - m by expectation–maximisation on the pairs of each blocking rule, with u fixed and the rule's own fields
 *   left out (inside a block they agree by construction, so they say nothing about m); each field's m is the
 *   average over the rules that could estimate it, weighted by the expected number of matches.
 * λ (the prior) is estimated afterwards from all blocked pairs (link.ts), or taken from the settings.
 */
import { seededRandom } from "@athar/core";
import { blockCount, type CompiledRule, forEachRulePair, type LinkMode } from "./blocking";
import {
  agreementMask,
  type CorrelatedGroup,
  correlatedGroup,
  countJointAgreement,
  type JointCounts,
} from "./correlation";
import type { Field } from "./fields/field";
import type { FieldParameters, LinkageModel } from "./model";
import type { RecordSet } from "./record-set";
import type { LinkageSettings } from "./settings";

export interface TrainingReport {
  readonly randomPairs: number;
  /** The global EM over the union of blocked pairs. */
  readonly union: {
    readonly pairs: number;
    readonly sampled: number;
    readonly iterations: number;
    readonly lambda: number;
  };
  readonly rules: readonly {
    readonly rule: string;
    readonly pairs: number;
    readonly sampled: number;
    readonly iterations: number;
    readonly lambda: number;
  }[];
}

const MIN_PROBABILITY = 1e-6;
const PRIOR_MATCHES = 5;
/** EM stops when no m (and no relative change of λ) moves by more than this. */
const EM_TOLERANCE = 1e-5;

/** Counts of comparison levels over random pairs → u per field and level (smoothed, never 0). */
export function estimateU(
  records: RecordSet,
  mode: LinkMode,
  pairs: number,
  seed: number,
): { u: number[][]; sampled: number } {
  const fields = records.fields;
  const counts = fields.map((field) => new Float64Array(field.levels.length));
  const random = seededRandom(seed);
  const left: number[] = [];
  const right: number[] = [];
  for (let r = 0; r < records.size; r++) (records.sources[r] === 0 ? left : right).push(r);
  const canSample = mode === "dedupe" ? records.size >= 2 : left.length > 0 && right.length > 0;
  let sampled = 0;
  if (canSample) {
    for (let p = 0; p < pairs; p++) {
      let i: number;
      let j: number;
      if (mode === "dedupe") {
        i = Math.floor(random.next() * records.size);
        j = Math.floor(random.next() * (records.size - 1));
        if (j >= i) j++;
      } else {
        i = left[Math.floor(random.next() * left.length)] as number;
        j = right[Math.floor(random.next() * right.length)] as number;
      }
      for (let f = 0; f < fields.length; f++) {
        const level = (fields[f] as Field).compare(i, j);
        const c = counts[f] as Float64Array;
        c[level] = (c[level] as number) + 1;
      }
      sampled++;
    }
  }
  const u = counts.map((c) => {
    const levels = c.length;
    let total = 0;
    for (let l = 1; l < levels; l++) total += c[l] as number;
    // Add-half smoothing: a level never seen among random pairs is rare, not impossible.
    const result = [0];
    for (let l = 1; l < levels; l++) result.push(((c[l] as number) + 0.5) / (total + 0.5 * (levels - 1)));
    return result;
  });
  return { u, sampled };
}

function countPossible(records: RecordSet): number {
  let left = 0;
  for (const source of records.sources) if (source === 0) left++;
  return left * (records.size - left);
}

/** Comparison patterns of a sample of a rule's pairs, counted (EM works on distinct patterns). */
function rulePatterns(
  records: RecordSet,
  rule: CompiledRule,
  mode: LinkMode,
  maxPairs: number,
  seed: number,
): { patterns: Map<number, number>; sampled: number; base: number } {
  const fields = records.fields;
  const base = Math.max(...fields.map((field) => field.levels.length));
  const keep = rule.pairCount <= maxPairs ? 1 : maxPairs / rule.pairCount;
  const random = seededRandom(seed);
  const patterns = new Map<number, number>();
  const sources = records.sources;
  let sampled = 0;
  const blocks = blockCount(rule);
  for (let b = 0; b < blocks; b++) {
    const from = rule.starts[b] as number;
    const to = rule.starts[b + 1] as number;
    for (let x = from; x < to; x++) {
      const i = rule.members[x] as number;
      for (let y = x + 1; y < to; y++) {
        const j = rule.members[y] as number;
        if (mode === "link" && sources[i] === sources[j]) continue;
        if (keep < 1 && random.next() >= keep) continue;
        let code = 0;
        for (let f = fields.length - 1; f >= 0; f--) code = code * base + (fields[f] as Field).compare(i, j);
        patterns.set(code, (patterns.get(code) ?? 0) + 1);
        sampled++;
      }
    }
  }
  return { patterns, sampled, base };
}

/**
 * Comparison patterns of a sample of the union of all rules' pairs (each pair once), and how many pairs the
 * union holds.
 */
function unionPatterns(
  records: RecordSet,
  rules: readonly CompiledRule[],
  mode: LinkMode,
  maxPairs: number,
  seed: number,
): { patterns: Map<number, number>; sampled: number; union: number; base: number } {
  const fields = records.fields;
  const base = Math.max(...fields.map((field) => field.levels.length));
  let bound = 0;
  for (const rule of rules) bound += rule.pairCount;
  const keep = bound <= maxPairs ? 1 : maxPairs / bound;
  const random = seededRandom(seed);
  const patterns = new Map<number, number>();
  let sampled = 0;
  let union = 0;
  const visit = (i: number, j: number) => {
    union++;
    if (keep < 1 && random.next() >= keep) return;
    let code = 0;
    for (let f = fields.length - 1; f >= 0; f--) code = code * base + (fields[f] as Field).compare(i, j);
    patterns.set(code, (patterns.get(code) ?? 0) + 1);
    sampled++;
  };
  for (let r = 0; r < rules.length; r++) forEachRulePair(records, rules, r, mode, visit);
  return { patterns, sampled, union, base };
}

interface RuleEstimate {
  m: number[][];
  /** Levels of each distinct pattern and its expected number of matches in the last E-step. */
  patterns: Int32Array[];
  expectedMatches: Float64Array;
  /** Expected matches behind each field's estimate (0 for fields the rule cannot estimate). */
  weight: number[];
  lambda: number;
  iterations: number;
}

/** EM with u fixed, over pattern counts; `excluded` fields take no part. */
export interface EmOptions {
  /** Fields that take no part (the blocking rule's own fields). */
  readonly excluded: ReadonlySet<number>;
  readonly maxIterations: number;
  /** Starting λ. */
  readonly lambda: number;
  /**
   * When set, λ is the expected number of matches divided by this (all possible pairs) instead of by the
   * number of pairs in the sample: the global form, where a pair's posterior uses the population prior.
   */
  readonly possiblePairs?: number;
  /** Pattern counts are a sample: multiply by this to count the whole set. */
  readonly scale?: number;
  /** Dirichlet prior centre for m. */
  readonly priorM: readonly (readonly number[])[];
  /** Extra log2 likelihood ratio of a pattern (correlated-group corrections); none by default. */
  readonly patternBits?: (levels: Int32Array) => number;
}

export function expectationMaximisation(
  patterns: ReadonlyMap<number, number>,
  base: number,
  levelCounts: readonly number[],
  u: readonly (readonly number[])[],
  initialM: readonly (readonly number[])[],
  options: EmOptions,
): RuleEstimate {
  const { maxIterations } = options;
  const scale = options.scale ?? 1;
  const fieldCount = levelCounts.length;
  const isExcluded = new Uint8Array(fieldCount);
  for (const f of options.excluded) isExcluded[f] = 1;
  const patternCount = patterns.size;
  // Flat arrays: pattern p's level for field f is flatLevels[p·F + f]. The u part of each pattern's log
  // ratio never changes, so it is summed once (with the correlated-group correction).
  const flatLevels = new Int32Array(patternCount * fieldCount);
  const counts = new Float64Array(patternCount);
  const fixedLog = new Float64Array(patternCount);
  const logU = u.map((row) => row.map((value) => (value > 0 ? Math.log(value) : 0)));
  const levels: Int32Array[] = [];
  let p = 0;
  for (const [code, count] of patterns) {
    let rest = code;
    const pattern = flatLevels.subarray(p * fieldCount, (p + 1) * fieldCount);
    let fixed = 0;
    for (let f = 0; f < fieldCount; f++) {
      const level = rest % base;
      rest = Math.floor(rest / base);
      pattern[f] = level;
      if (isExcluded[f] === 0 && level !== 0) fixed -= (logU[f] as number[])[level] as number;
    }
    if (options.patternBits) fixed += options.patternBits(pattern) * Math.LN2;
    fixedLog[p] = fixed;
    counts[p] = count * scale;
    levels.push(pattern);
    p++;
  }
  // Offsets of each field's levels in one flat table of log m and of expected counts.
  const offsets = new Int32Array(fieldCount + 1);
  for (let f = 0; f < fieldCount; f++) offsets[f + 1] = (offsets[f] as number) + (levelCounts[f] as number);
  const logM = new Float64Array(offsets[fieldCount] as number);
  const sums = new Float64Array(offsets[fieldCount] as number);
  let m = initialM.map((row) => [...row]);
  let lambda = options.lambda;
  let iterations = 0;
  const expectedMatches = new Float64Array(patternCount);
  const weight = new Array<number>(fieldCount).fill(0);
  for (; iterations < maxIterations; iterations++) {
    for (let f = 0; f < fieldCount; f++) {
      const row = m[f] as number[];
      for (let l = 0; l < row.length; l++) {
        logM[(offsets[f] as number) + l] = Math.log(Math.max(row[l] as number, MIN_PROBABILITY));
      }
    }
    sums.fill(0);
    let matchTotal = 0;
    let total = 0;
    const logPrior = Math.log(lambda / (1 - lambda));
    for (let q = 0; q < patternCount; q++) {
      const at = q * fieldCount;
      let logRatio = logPrior + (fixedLog[q] as number);
      for (let f = 0; f < fieldCount; f++) {
        const level = flatLevels[at + f] as number;
        if (level === 0 || isExcluded[f] === 1) continue;
        logRatio += logM[(offsets[f] as number) + level] as number;
      }
      const count = counts[q] as number;
      const expected = count / (1 + Math.exp(-logRatio));
      expectedMatches[q] = expected;
      matchTotal += expected;
      total += count;
      for (let f = 0; f < fieldCount; f++) {
        const index = (offsets[f] as number) + (flatLevels[at + f] as number);
        sums[index] = (sums[index] as number) + expected;
      }
    }
    const nextLambda =
      options.possiblePairs === undefined
        ? Math.min(1 - MIN_PROBABILITY, Math.max(MIN_PROBABILITY, matchTotal / Math.max(1, total)))
        : Math.min(0.5, Math.max(1e-15, matchTotal / options.possiblePairs));
    let change = Math.abs(nextLambda - lambda) / Math.max(lambda, 1e-12);
    m = m.map((row, f) => {
      if (isExcluded[f] === 1) return row;
      const base0 = offsets[f] as number;
      let nonNull = 0;
      for (let l = 1; l < row.length; l++) nonNull += sums[base0 + l] as number;
      weight[f] = nonNull;
      if (nonNull <= 0) return row;
      // A Dirichlet prior worth PRIOR_MATCHES pseudo-matches at the initial m keeps a level that the
      // sample barely shows from getting m ≈ 0 (and an absurd negative weight).
      const initial = options.priorM[f] as readonly number[];
      const updated = [0];
      for (let l = 1; l < row.length; l++) {
        const value = Math.max(
          MIN_PROBABILITY,
          ((sums[base0 + l] as number) + PRIOR_MATCHES * (initial[l] as number)) / (nonNull + PRIOR_MATCHES),
        );
        change = Math.max(change, Math.abs(value - (row[l] as number)));
        updated.push(value);
      }
      return updated;
    });
    lambda = nextLambda;
    if (change < EM_TOLERANCE) {
      iterations++;
      break;
    }
  }
  for (const f of options.excluded) weight[f] = 0;
  return { m, weight, lambda, iterations, patterns: levels, expectedMatches };
}

function normalise(row: readonly number[]): number[] {
  let total = 0;
  for (let l = 1; l < row.length; l++) total += row[l] as number;
  return row.map((value, l) => (l === 0 ? 0 : Math.max(MIN_PROBABILITY, value / total)));
}

/** Estimates m and u (λ is left to the caller: `lambda` here is a placeholder from the settings or 1e-6). */
export function trainModel(
  records: RecordSet,
  rules: readonly CompiledRule[],
  settings: LinkageSettings,
  mode: LinkMode,
): { model: LinkageModel; report: TrainingReport } {
  const fields = records.fields;
  const training = settings.training;
  const { u, sampled } = estimateU(records, mode, training.randomPairs, training.seed);
  const initialM = fields.map((field) => normalise(field.levels.map((level) => level.initialM)));
  const levelCounts = fields.map((field) => field.levels.length);
  const fieldIndex = new Map(fields.map((field, index) => [field.name, index]));
  const sumM = fields.map((field) => new Float64Array(field.levels.length));
  const sumWeight = new Float64Array(fields.length);
  const estimatedBy: string[][] = fields.map(() => []);
  const ruleReports: TrainingReport["rules"][number][] = [];
  rules.forEach((rule, r) => {
    const {
      patterns,
      sampled: rulePairs,
      base,
    } = rulePatterns(records, rule, mode, training.maxPairsPerRule, training.seed + r + 1);
    const excluded = new Set(rule.fieldNames.map((name) => fieldIndex.get(name) as number));
    const estimate = expectationMaximisation(patterns, base, levelCounts, u, initialM, {
      excluded,
      // Only a starting point for the union EM: a few iterations suffice.
      maxIterations: Math.min(15, training.maxIterations),
      lambda: 0.1,
      priorM: initialM,
    });
    ruleReports.push({
      rule: rule.text,
      pairs: rule.pairCount,
      sampled: rulePairs,
      iterations: estimate.iterations,
      lambda: estimate.lambda,
    });
    estimate.weight.forEach((w, f) => {
      if (w <= 0) return;
      const row = estimate.m[f] as number[];
      const target = sumM[f] as Float64Array;
      for (let l = 1; l < row.length; l++) target[l] = (target[l] as number) + w * (row[l] as number);
      sumWeight[f] = (sumWeight[f] as number) + w;
      (estimatedBy[f] as string[]).push(rule.text);
    });
  });
  const ruleM = fields.map((_, f) => {
    const w = sumWeight[f] as number;
    return w > 0
      ? normalise(Array.from(sumM[f] as Float64Array, (value) => value / w))
      : (initialM[f] as number[]);
  });
  // Second stage: EM over the union of all blocked pairs with every field and the population prior λ. Inside
  // one rule's blocks most pairs are matches, so a per-rule EM counts lookalikes (two different "Mohammad
  // Ahmad al-Hasan") as matches and inflates m of disagreement levels; with the population prior, a pair
  // needs the evidence of all its fields to count as a match. The per-rule estimates are its starting point.
  const union = unionPatterns(records, rules, mode, training.maxUnionPairs, training.seed + 7919);
  const possible = mode === "dedupe" ? (records.size * (records.size - 1)) / 2 : countPossible(records);
  const groupFields = settings.correlatedGroups.map((group) =>
    group.fields.map((name) => fieldIndex.get(name) as number),
  );
  const groupReleases = settings.correlatedGroups.map((group) =>
    group.unlessAgreeing.map((name) => fieldIndex.get(name) as number),
  );
  const groupCounts = groupFields.map((group) => countJointAgreement(records, group, mode));
  const agreeShare = (row: readonly number[], f: number): number => {
    const field = fields[f] as Field;
    let share = 0;
    for (let l = 1; l < row.length; l++) if (field.agrees(l)) share += row[l] as number;
    return share;
  };
  // Expected matches among the pairs agreeing on each subset, from the last EM's posteriors.
  const expectedAgreeing = (estimate: RuleEstimate, group: readonly number[]): number[] => {
    const out = new Array<number>(1 << group.length).fill(0);
    estimate.patterns.forEach((levels, p) => {
      let mask = 0;
      group.forEach((f, k) => {
        if ((fields[f] as Field).agrees(levels[f] as number)) mask |= 1 << k;
      });
      const expected = estimate.expectedMatches[p] as number;
      // Every subset of the pattern's agreement mask counts it.
      for (let sub = mask; sub > 0; sub = (sub - 1) & mask) out[sub] = (out[sub] as number) + expected;
    });
    return out;
  };
  const makeGroups = (estimate: RuleEstimate | undefined): CorrelatedGroup[] =>
    groupFields.map((group, g) =>
      correlatedGroup(
        group,
        groupReleases[g] as number[],
        groupCounts[g] as JointCounts,
        group.map((f) => agreeShare(u[f] as number[], f)),
        estimate === undefined
          ? new Array<number>(1 << group.length).fill(0)
          : expectedAgreeing(estimate, group),
      ),
    );
  const groupBits = (groups: readonly CorrelatedGroup[]) => (levels: Int32Array) => {
    let bits = 0;
    for (const group of groups) bits += group.correctionBits[agreementMask(group, fields, levels)] as number;
    return bits;
  };
  // Rounds: the first counts every agreeing pair as a non-match; each later one removes the matches the
  // previous round expects among them.
  let groups = makeGroups(undefined);
  let global: RuleEstimate = {
    m: ruleM,
    weight: [],
    lambda: 1e-6,
    iterations: 0,
    patterns: [],
    expectedMatches: new Float64Array(0),
  };
  const rounds = groupFields.length > 0 ? 3 : 1;
  for (let round = 0; round < rounds; round++) {
    global = expectationMaximisation(union.patterns, union.base, levelCounts, u, global.m, {
      excluded: new Set<number>(),
      maxIterations: training.maxIterations,
      lambda: Math.min(0.5, Math.max(1e-12, (0.5 * union.union) / Math.max(1, possible))),
      possiblePairs: possible,
      scale: union.sampled > 0 ? union.union / union.sampled : 1,
      priorM: ruleM,
      patternBits: groupBits(groups),
    });
    groups = makeGroups(global);
  }
  const parameters: FieldParameters[] = fields.map((field, f) => {
    const w = sumWeight[f] as number;
    const m = union.sampled > 0 ? normalise(global.m[f] as number[]) : (ruleM[f] as number[]);
    return {
      name: field.name,
      type: field.type,
      levels: field.levels.map((level) => level.id),
      labels: field.levels.map((level) => level.label),
      m,
      u: u[f] as number[],
      termFrequency: field.levels.map((level) => level.termFrequency),
      mSource: w > 0 ? (estimatedBy[f] as string[]).join(" | ") : "initial",
    };
  });
  const nameIndex = (name: string) => fieldIndex.get(name) as number;
  const guard = settings.siblingGuard;
  const model: LinkageModel = {
    version: 1,
    fields: parameters,
    lambda: settings.prior ?? (union.sampled > 0 ? global.lambda : 1e-6),
    threshold: settings.threshold,
    siblingGuard: guard && {
      distinguishing: guard.distinguishing.map(nameIndex),
      shared: guard.shared.map(nameIndex),
      minShared: guard.minShared,
      proofs: guard.proofs.map((proof) =>
        proof.map((part) => {
          const [name, strength] = part.split(":");
          return { field: nameIndex(name ?? ""), strong: strength === "strong" };
        }),
      ),
      maxProbability: guard.maxProbability,
    },
    strongIdentifiers: settings.strongIdentifiers.map(nameIndex),
    conflictMaxProbability: settings.conflictMaxProbability,
    correlatedGroups: groups,
  };
  return {
    model,
    report: {
      randomPairs: sampled,
      rules: ruleReports,
      union: {
        pairs: union.union,
        sampled: union.sampled,
        iterations: global.iterations,
        lambda: global.lambda,
      },
    },
  };
}

import { seededRandom } from "@athar/core";
import type { PreparedAllocation } from "./allocation-prepare";

/**
 * Exact aggregation of proportional rate columns.
 *
 * When the rate columns of a group G of segments are proportional — w_ri = v_rG·a_i for every resource r and
 * every segment i of G, the same resources searching every segment of G — coverage is C_i = a_i·e_i with
 * e_i = Σ_r v_rG·t_ri. Given the hours T_rG = Σ_{i∈G} t_ri of each resource in the group, any split of
 * E_G = Σ_r v_rG·T_rG into e_i ≥ 0 is achievable (t_ri = T_rG·e_i/E_G), so the best split is the
 * one-resource optimum of the group (rates a_i): the problem reduces exactly to allocating hours T_rG to
 * groups, with objective Σ_G F_G(E_G), F_G(E) = min { Σ_{i∈G} p_i·e^(−a_i·e_i) : Σ e_i = E, e ≥ 0 }.
 *
 * F_G is explicit: with keys k_i = ln(p_i·a_i) and the group's water level x = ln λ_G (λ_G = −F_G'(E)),
 * E_G(x) = Σ_{k_i > x} (k_i − x)/a_i is piecewise linear in x. Keys sorted once, with prefix sums of k_i/a_i
 * and 1/a_i, give E_G(x), its inverse and F_G in O(log |G|).
 *
 * In plans built from the search state every team's rate is its sweep rate / the space's area, so every
 * space a given set of teams can reach forms one group: 10 000 spaces collapse to a few dozen groups.
 * Singletons are groups too, so mixed problems are solved exactly as well (only the gain is smaller).
 */

/** Two rate columns count as proportional when every ratio agrees within this relative tolerance. */
export const PROPORTIONAL_TOLERANCE = 1e-12;
/** Log-ratios are rounded to this step for hashing; a hash hit is then verified with the tolerance. */
const HASH_STEP = 1e-9;

export interface ProportionalGroups {
  /** Number of groups. */
  count: number;
  /** Segments with at least one usable pair (resource with hours, rate > 0, weight > 0, reachable). */
  activeSegments: number;
  /** Group of each segment, −1 when no resource can usefully search it. */
  groupOf: Int32Array;
  /** A segment of each group whose column defines the ratios. */
  representative: Int32Array;
}

/**
 * Groups segments by the signature of their rate column: the resources that can search them (in resource
 * order) and the ratio of each rate to the first resource's rate, ratios compared in log form within
 * PROPORTIONAL_TOLERANCE. Linear in the number of (resource, segment) pairs. Gives up (undefined) as soon as
 * there are more than `maxGroups` groups, so that a problem that will not be aggregated costs little.
 */
export function findProportionalGroups(
  prepared: PreparedAllocation,
  maxGroups = Number.POSITIVE_INFINITY,
): ProportionalGroups | undefined {
  const { n, segmentStart, pairResource, pairLogRate } = prepared;
  const groupOf = new Int32Array(n).fill(-1);
  const representatives: number[] = [];
  const buckets = new Map<number, number[]>();
  let activeSegments = 0;
  for (let i = 0; i < n; i++) {
    const start = segmentStart[i]!;
    const end = segmentStart[i + 1]!;
    if (start === end) continue;
    activeSegments++;
    const base = pairLogRate[start]!;
    let hash = Math.imul(end - start, 0x9e3779b1);
    for (let j = start; j < end; j++) {
      const q = Math.round((pairLogRate[j]! - base) / HASH_STEP);
      hash = Math.imul(hash ^ pairResource[j]!, 0x85ebca6b);
      hash = Math.imul(hash ^ (q % 0x100000000), 0xc2b2ae35);
      hash = Math.imul(hash ^ Math.floor(q / 0x100000000), 0x27d4eb2f);
    }
    let bucket = buckets.get(hash);
    if (bucket === undefined) {
      bucket = [];
      buckets.set(hash, bucket);
    }
    let group = -1;
    for (const candidate of bucket) {
      if (sameSignature(prepared, representatives[candidate]!, i)) {
        group = candidate;
        break;
      }
    }
    if (group < 0) {
      if (representatives.length >= maxGroups) return undefined;
      group = representatives.length;
      representatives.push(i);
      bucket.push(group);
    }
    groupOf[i] = group;
  }
  return {
    count: representatives.length,
    activeSegments,
    groupOf,
    representative: Int32Array.from(representatives),
  };
}

/**
 * Aggregation pays when it shrinks the problem at least fourfold: at most a quarter as many groups as
 * segments that some resource with hours can search.
 */
export function aggregationLimit(prepared: PreparedAllocation): number {
  let searchable = 0;
  for (let i = 0; i < prepared.n; i++)
    if (prepared.segmentStart[i + 1]! > prepared.segmentStart[i]!) searchable++;
  return Math.floor(searchable / 4);
}

function sameSignature(prepared: PreparedAllocation, a: number, b: number): boolean {
  const { segmentStart, pairResource, pairLogRate } = prepared;
  const startA = segmentStart[a]!;
  const startB = segmentStart[b]!;
  const length = segmentStart[a + 1]! - startA;
  if (segmentStart[b + 1]! - startB !== length) return false;
  const baseA = pairLogRate[startA]!;
  const baseB = pairLogRate[startB]!;
  for (let j = 0; j < length; j++) {
    if (pairResource[startA + j] !== pairResource[startB + j]) return false;
    const ratioA = pairLogRate[startA + j]! - baseA;
    const ratioB = pairLogRate[startB + j]! - baseB;
    if (!(Math.abs(ratioA - ratioB) <= PROPORTIONAL_TOLERANCE)) return false;
  }
  return true;
}

/**
 * The group-level problem in flat arrays. Per group g (segments sorted by key, descending, keys shifted by
 * the group's largest key kTop so that the prefix sums lose little to cancellation):
 *   key[o+j] = k_j − kTop (o = segmentOffset[g], j = 0..L−1),
 *   at o+g+m (m = 0..L): prefKey = Σ_{j<m} key_j/a_j, prefInverse = Σ_{j<m} 1/a_j, suffixP = Σ_{j≥m} p_j,
 *   breakpoint E at key_m (m < L), +∞ at m = L.
 */
class GroupModel {
  readonly count: number;
  readonly segmentOffset: Int32Array;
  readonly order: Int32Array;
  readonly key: Float64Array;
  readonly top: Float64Array;
  readonly prefKey: Float64Array;
  readonly prefInverse: Float64Array;
  readonly suffixP: Float64Array;
  readonly breakpoint: Float64Array;

  constructor(prepared: PreparedAllocation, groups: ProportionalGroups) {
    const { logP, p, segmentStart, pairLogRate } = prepared;
    const G = groups.count;
    this.count = G;
    const offset = new Int32Array(G + 1);
    for (let i = 0; i < prepared.n; i++) {
      const g = groups.groupOf[i]!;
      if (g >= 0) offset[g + 1] = offset[g + 1]! + 1;
    }
    for (let g = 0; g < G; g++) offset[g + 1] = offset[g + 1]! + offset[g]!;
    const total = offset[G]!;
    const order = new Int32Array(total);
    const fill = offset.slice(0, G);
    const rawKey = new Float64Array(prepared.n);
    for (let i = 0; i < prepared.n; i++) {
      const g = groups.groupOf[i]!;
      if (g < 0) continue;
      // a_i = rate of the segment's first resource (ratio 1 in the signature).
      rawKey[i] = logP[i]! + pairLogRate[segmentStart[i]!]!;
      order[fill[g]!] = i;
      fill[g] = fill[g]! + 1;
    }
    this.segmentOffset = offset;
    this.order = order;
    this.key = new Float64Array(total);
    this.top = new Float64Array(G);
    this.prefKey = new Float64Array(total + G);
    this.prefInverse = new Float64Array(total + G);
    this.suffixP = new Float64Array(total + G);
    this.breakpoint = new Float64Array(total + G);
    for (let g = 0; g < G; g++) {
      const o = offset[g]!;
      const L = offset[g + 1]! - o;
      const segments = order.subarray(o, o + L);
      segments.sort((a, b) => rawKey[b]! - rawKey[a]!);
      const kTop = rawKey[segments[0]!]!;
      this.top[g] = kTop;
      const o2 = o + g;
      let sumKey = 0;
      let sumInverse = 0;
      for (let j = 0; j < L; j++) {
        const i = segments[j]!;
        const k = rawKey[i]! - kTop;
        this.key[o + j] = k;
        this.breakpoint[o2 + j] = sumKey - k * sumInverse;
        const inverse = Math.exp(-pairLogRate[segmentStart[i]!]!);
        sumKey += k * inverse;
        sumInverse += inverse;
        this.prefKey[o2 + j + 1] = sumKey;
        this.prefInverse[o2 + j + 1] = sumInverse;
      }
      this.breakpoint[o2 + L] = Number.POSITIVE_INFINITY;
      let tail = 0;
      this.suffixP[o2 + L] = 0;
      for (let j = L - 1; j >= 0; j--) {
        tail += p[segments[j]!]!;
        this.suffixP[o2 + j] = tail;
      }
    }
  }

  size(g: number): number {
    return this.segmentOffset[g + 1]! - this.segmentOffset[g]!;
  }

  /** Number of (shifted) keys above the shifted level xs. */
  countAbove(g: number, xs: number): number {
    const o = this.segmentOffset[g]!;
    let low = 0;
    let high = this.segmentOffset[g + 1]! - o;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.key[o + mid]! > xs) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** E_G at the shifted level xs, with m = countAbove(g, xs). */
  effortAt(g: number, xs: number, m: number): number {
    if (m === 0) return 0;
    const at = this.segmentOffset[g]! + g + m;
    return this.prefKey[at]! - xs * this.prefInverse[at]!;
  }

  /** The shifted level at which the group's effort is E > 0, and the number of active segments there. */
  levelOf(g: number, effort: number): { xs: number; m: number } {
    const o2 = this.segmentOffset[g]! + g;
    let low = 1;
    let high = this.size(g);
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.breakpoint[o2 + mid]! >= effort) high = mid;
      else low = mid + 1;
    }
    const m = low;
    return { xs: (this.prefKey[o2 + m]! - effort) / this.prefInverse[o2 + m]!, m };
  }

  /** F_G(E): the group's smallest miss probability with effort E. */
  miss(g: number, effort: number): number {
    const o2 = this.segmentOffset[g]! + g;
    if (!(effort > 0)) return this.suffixP[o2]!;
    const { xs, m } = this.levelOf(g, effort);
    return Math.exp(xs + this.top[g]!) * this.prefInverse[o2 + m]! + this.suffixP[o2 + m]!;
  }

  /** H_G(λ) = min_E F_G(E) + λ·E, at x = ln λ (unshifted): the group's part of the dual bound. */
  dual(g: number, x: number): number {
    const o2 = this.segmentOffset[g]! + g;
    if (x === Number.NEGATIVE_INFINITY) return 0;
    const xs = x - this.top[g]!;
    const m = this.countAbove(g, xs);
    if (m === 0) return this.suffixP[o2]!;
    const inverse = this.prefInverse[o2 + m]!;
    return Math.exp(x) * (inverse + this.prefKey[o2 + m]! - xs * inverse) + this.suffixP[o2 + m]!;
  }
}

/**
 * Block coordinate descent over resources at the group level (the same scheme as
 * allocation-coordinate-descent.ts, Bertsekas Prop. 2.7.1: each F_G is strictly convex, so each block has a
 * unique minimiser). Resource r, holding the others' effort B_G fixed, solves for μ_r = e^y:
 *   f(y) = Σ_G max(0, (E_G(y − ln v_rG) − B_G)/v_rG) = T_r,
 * f convex, decreasing and piecewise linear in y, by Newton steps (exact once the active pieces settle),
 * safeguarded by bisection. A sweep costs O(Σ_r groups of r · log |G|), so thousands of sweeps take
 * milliseconds and the group-level optimum is reached to rounding.
 *
 * Stops like coordinate descent: the group-level duality gap (equal to the full problem's gap in exact
 * arithmetic) ≤ tolerance and no resource moved more than stepTolerance of its hours in the last sweep; or
 * after maxSweeps; or when a sweep changes nothing. Then disaggregates into the blocks' hours
 * (t_ri = T_rG·e_i/E_G) and writes x_r = ln μ_r. Returns the number of sweeps.
 */
export function solveAggregated(
  prepared: PreparedAllocation,
  groups: ProportionalGroups,
  x: Float64Array,
  tolerance: number,
  stepTolerance: number,
  maxSweeps: number,
): number {
  const solver = new GroupLevelSolver(prepared, groups);
  const sweeps = solver.run(tolerance, stepTolerance, maxSweeps);
  solver.disaggregate();
  for (const r of solver.working) x[r] = solver.level[r]!;
  return sweeps;
}

class GroupLevelSolver {
  private readonly model: GroupModel;
  /** Group-resource pairs q, listed by group (pairStart) in the order of the segment CSR. */
  private readonly pairStart: Int32Array;
  private readonly pairGroup: Int32Array;
  private readonly pairOwner: Int32Array;
  /** ln v_rG and v_rG. */
  private readonly logRatio: Float64Array;
  private readonly ratio: Float64Array;
  /** The same pairs listed by resource. */
  private readonly byResourceStart: Int32Array;
  private readonly byResource: Int32Array;
  readonly working: number[] = [];
  /** T_rG per pair. */
  private readonly hours: Float64Array;
  /** B_G without the resource being updated, per pair of that resource. */
  private readonly others: Float64Array;
  /** y above which the resource being updated would put nothing in the pair's group. */
  private readonly thresholds: Float64Array;
  /** E_G = Σ_r v_rG·T_rG. */
  private readonly effort: Float64Array;
  /** y_r = ln μ_r. */
  readonly level: Float64Array;
  // Results of evaluate(): f and the magnitudes of its right and left slopes.
  private f = 0;
  private slopeRight = 0;
  private slopeLeft = 0;

  constructor(
    private readonly prepared: PreparedAllocation,
    groups: ProportionalGroups,
  ) {
    const { segmentStart, pairResource, pairLogRate, blocks } = prepared;
    this.model = new GroupModel(prepared, groups);
    const G = this.model.count;
    const pairStart = new Int32Array(G + 1);
    for (let g = 0; g < G; g++) {
      const rep = groups.representative[g]!;
      pairStart[g + 1] = pairStart[g]! + segmentStart[rep + 1]! - segmentStart[rep]!;
    }
    const P = pairStart[G]!;
    this.pairStart = pairStart;
    this.pairGroup = new Int32Array(P);
    this.pairOwner = new Int32Array(P);
    this.logRatio = new Float64Array(P);
    this.ratio = new Float64Array(P);
    for (let g = 0; g < G; g++) {
      const rep = groups.representative[g]!;
      const start = segmentStart[rep]!;
      for (let q = pairStart[g]!; q < pairStart[g + 1]!; q++) {
        const j = start + q - pairStart[g]!;
        this.pairGroup[q] = g;
        this.pairOwner[q] = pairResource[j]!;
        this.logRatio[q] = pairLogRate[j]! - pairLogRate[start]!;
        this.ratio[q] = Math.exp(this.logRatio[q]!);
      }
    }
    const R = blocks.length;
    const byResourceStart = new Int32Array(R + 1);
    for (let q = 0; q < P; q++) {
      const r = this.pairOwner[q]!;
      byResourceStart[r + 1] = byResourceStart[r + 1]! + 1;
    }
    for (let r = 0; r < R; r++) byResourceStart[r + 1] = byResourceStart[r + 1]! + byResourceStart[r]!;
    const byResource = new Int32Array(P);
    const fill = byResourceStart.slice(0, R);
    for (let q = 0; q < P; q++) {
      const r = this.pairOwner[q]!;
      byResource[fill[r]!] = q;
      fill[r] = fill[r]! + 1;
    }
    this.byResourceStart = byResourceStart;
    this.byResource = byResource;
    for (let r = 0; r < R; r++) if (byResourceStart[r + 1]! > byResourceStart[r]!) this.working.push(r);
    this.hours = new Float64Array(P);
    this.others = new Float64Array(P);
    this.thresholds = new Float64Array(P);
    this.effort = new Float64Array(G);
    this.level = new Float64Array(R).fill(Number.NEGATIVE_INFINITY);
  }

  run(tolerance: number, stepTolerance: number, maxSweeps: number): number {
    const { hours, byResource, byResourceStart, pairGroup, ratio, others, effort } = this;
    const random = seededRandom(0x5eed);
    const order = this.working.slice();
    const previous = new Float64Array(hours.length);
    let sweeps = 0;
    while (sweeps < maxSweeps) {
      sweeps++;
      this.sumEffort(); // afresh each sweep, so that rounding does not accumulate
      for (let k = order.length - 1; k > 0; k--) {
        const j = random.int(0, k);
        const swap = order[k]!;
        order[k] = order[j]!;
        order[j] = swap;
      }
      let largestStep = 0;
      for (const r of order) {
        const from = byResourceStart[r]!;
        const to = byResourceStart[r + 1]!;
        for (let k = from; k < to; k++) previous[byResource[k]!] = hours[byResource[k]!]!;
        this.solveResource(r);
        let moved = 0;
        for (let k = from; k < to; k++) {
          const q = byResource[k]!;
          moved += Math.abs(hours[q]! - previous[q]!);
          effort[pairGroup[q]!] = others[q]! + ratio[q]! * hours[q]!;
        }
        largestStep = Math.max(largestStep, moved / this.prepared.blocks[r]!.budget);
      }
      if (largestStep === 0) break; // a fixed point: nothing more to gain
      if (largestStep <= stepTolerance && this.gap() <= tolerance) break;
    }
    return sweeps;
  }

  private sumEffort(): void {
    const { effort, pairGroup, ratio, hours } = this;
    effort.fill(0);
    for (let q = 0; q < hours.length; q++)
      effort[pairGroup[q]!] = effort[pairGroup[q]!]! + ratio[q]! * hours[q]!;
  }

  /**
   * f(at) and its one-sided slopes for the resource whose pairs are byResource[from..to). A group counts as
   * open to the resource below its threshold (compared in y, not in effort, so that rounding in E_G cannot
   * hide a group exactly at its threshold).
   */
  private evaluate(from: number, to: number, at: number): void {
    const { model, byResource, pairGroup, logRatio, ratio, others, thresholds } = this;
    let f = 0;
    let slopeRight = 0;
    let slopeLeft = 0;
    for (let k = from; k < to; k++) {
      const q = byResource[k]!;
      const threshold = thresholds[q]!;
      if (at > threshold) continue;
      const g = pairGroup[q]!;
      const xs = at - logRatio[q]! - model.top[g]!;
      const m = model.countAbove(g, xs);
      const o = model.segmentOffset[g]!;
      if (at < threshold) {
        f += Math.max(0, model.effortAt(g, xs, m) - others[q]!) / ratio[q]!;
        slopeRight += model.prefInverse[o + g + m]! / ratio[q]!;
      }
      // Keys equal to the level are active just to the left of it, and so is at least the top key.
      let m2 = Math.max(m, 1);
      const L = model.size(g);
      while (m2 < L && model.key[o + m2]! === xs) m2++;
      slopeLeft += model.prefInverse[o + g + m2]! / ratio[q]!;
    }
    this.f = f;
    this.slopeRight = slopeRight;
    this.slopeLeft = slopeLeft;
  }

  /** y at which pair q's group starts to take effort from its resource (given the others' effort). */
  private threshold(q: number): number {
    const g = this.pairGroup[q]!;
    const b = this.others[q]!;
    const xs = b > 0 ? this.model.levelOf(g, b).xs : 0;
    return xs + this.model.top[g]! + this.logRatio[q]!;
  }

  private solveResource(r: number): void {
    const { model, byResource, byResourceStart, pairGroup, ratio, logRatio, hours, others, effort } = this;
    const from = byResourceStart[r]!;
    const to = byResourceStart[r + 1]!;
    const budget = this.prepared.blocks[r]!.budget;
    let highest = Number.NEGATIVE_INFINITY; // f = 0 above, f > 0 below
    let best = -1;
    for (let k = from; k < to; k++) {
      const q = byResource[k]!;
      others[q] = Math.max(0, effort[pairGroup[q]!]! - ratio[q]! * hours[q]!);
      const threshold = this.threshold(q);
      this.thresholds[q] = threshold;
      if (threshold > highest) {
        highest = threshold;
        best = q;
      }
    }
    let at = this.level[r]! > Number.NEGATIVE_INFINITY ? this.level[r]! : highest;
    let low = Number.NEGATIVE_INFINITY; // f(low) > budget
    let high = Number.POSITIVE_INFINITY; // f(high) < budget
    let jumped = false;
    for (let iteration = 0; iteration < 100; iteration++) {
      this.evaluate(from, to, at);
      const f = this.f;
      if (Math.abs(f - budget) <= 1e-15 * budget) break;
      let next: number;
      if (f > budget) {
        // Left of the root: the tangent (a right subgradient) lies below the convex f, so the step stays
        // at or left of the root and is exact once the active pieces no longer change.
        low = at;
        next = at + (f - budget) / this.slopeRight;
      } else {
        high = at;
        if (this.slopeLeft === 0) {
          // Above every threshold (f = 0, flat): start again where the first group opens.
          if (jumped) break;
          jumped = true;
          at = highest;
          continue;
        }
        next = at + (f - budget) / this.slopeLeft;
      }
      if (!(next > low && next < high)) {
        if (low === Number.NEGATIVE_INFINITY || high === Number.POSITIVE_INFINITY) break;
        next = 0.5 * (low + high);
        if (!(next > low && next < high)) break;
      }
      at = next;
    }
    this.level[r] = at;
    // Hours per group at this level, scaled to spend exactly the budget.
    let spent = 0;
    for (let k = from; k < to; k++) {
      const q = byResource[k]!;
      const g = pairGroup[q]!;
      const xs = at - logRatio[q]! - model.top[g]!;
      const t =
        at < this.thresholds[q]!
          ? Math.max(0, (model.effortAt(g, xs, model.countAbove(g, xs)) - others[q]!) / ratio[q]!)
          : 0;
      hours[q] = t;
      spent += t;
    }
    if (spent > 0) {
      const scale = budget / spent;
      for (let k = from; k < to; k++) hours[byResource[k]!] = hours[byResource[k]!]! * scale;
    } else {
      hours[best] = budget; // rounding left no group above the level: the best marginal group takes it all
    }
  }

  /** Group-level duality gap: Σ_G (F_G(E_G) − H_G(min_r μ_r/v_rG)) + Σ_r μ_r·T_r. */
  gap(): number {
    const { model, pairStart, pairOwner, logRatio, level, effort } = this;
    let gap = 0;
    for (const r of this.working) gap += Math.exp(level[r]!) * this.prepared.blocks[r]!.budget;
    for (let g = 0; g < model.count; g++) {
      let x = Number.POSITIVE_INFINITY;
      for (let q = pairStart[g]!; q < pairStart[g + 1]!; q++)
        x = Math.min(x, level[pairOwner[q]!]! - logRatio[q]!);
      gap += model.miss(g, effort[g]!) - model.dual(g, x);
    }
    return Math.max(0, gap);
  }

  /** Each group's water level from its effort, e_i on its segments, t_ri = T_rG·e_i/E_G into the blocks. */
  disaggregate(): void {
    const { model, pairStart, hours, effort } = this;
    const { segmentStart, pairResource, pairLogRate, pairSlot, blocks } = this.prepared;
    this.sumEffort();
    for (let g = 0; g < model.count; g++) {
      const E = effort[g]!;
      if (!(E > 0)) continue;
      const { xs } = model.levelOf(g, E);
      const o = model.segmentOffset[g]!;
      const L = model.size(g);
      for (let j = 0; j < L; j++) {
        const k = model.key[o + j]!;
        if (!(k > xs)) break;
        const i = model.order[o + j]!;
        const start = segmentStart[i]!;
        const share = ((k - xs) * Math.exp(-pairLogRate[start]!)) / E; // e_i / E_G
        for (let jj = start; jj < segmentStart[i + 1]!; jj++) {
          const q = pairStart[g]! + jj - start;
          blocks[pairResource[jj]!]!.hours[pairSlot[jj]!] = hours[q]! * share;
        }
      }
    }
  }
}

/**
 * Clusters: which records are one person. Connected components over the accepted links, built greedily
 * from the most probable link down (as Kruskal builds a spanning forest), with two brakes:
 *
 * - a chain may not join two records that must stay apart: A–B and B–C both pass the threshold while A and
 *   C are siblings, or carry two different national ID numbers. Before two clusters merge, every pair across
 *   them is checked (`conflict`), and the merge is refused if any pair conflicts;
 * - people decide: a merge log of "same" and "different" decisions (merge-log.ts). "Same" joins clusters
 *   whatever the scores say; "different" keeps two records apart whatever chain would join them. Clusters are
 *   always recomputed from links + log, so undoing a decision is appending its opposite.
 */
import type { MergeDecision } from "./merge-log";

export interface ClusterLink {
  /** Record indexes. */
  readonly left: number;
  readonly right: number;
  readonly probability: number;
}

export interface ClusterInput {
  readonly size: number;
  /** Links to consider (those below `threshold` are ignored). */
  readonly links: readonly ClusterLink[];
  readonly threshold: number;
  /** People's decisions by record index: the latest decision for each pair (see merge-log.ts). */
  readonly decisions?: ReadonlyMap<string, { left: number; right: number; decision: MergeDecision }>;
  /**
   * Why records a and b must not be in one cluster, or undefined when they may be. Called for pairs across
   * two clusters about to merge through a link (not for people's "same" decisions).
   */
  readonly conflict?: (a: number, b: number) => string | undefined;
  /** Refuse automatic merges that would compare more than this many cross pairs (a runaway chain). */
  readonly maxCrossPairs?: number;
}

export interface RefusedLink {
  readonly left: number;
  readonly right: number;
  readonly probability: number;
  readonly reason: string;
}

export interface Clustering {
  /** Per record: its cluster number, the smallest record index in the cluster. */
  readonly clusterOf: Int32Array;
  readonly clusters: number;
  /** Links that passed the threshold but were not followed, with the reason (for review). */
  readonly refused: readonly RefusedLink[];
}

export const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

class Components {
  readonly parent: Int32Array;
  readonly members: number[][];

  constructor(size: number) {
    this.parent = new Int32Array(size);
    this.members = [];
    for (let i = 0; i < size; i++) {
      this.parent[i] = i;
      this.members.push([i]);
    }
  }

  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    let node = x;
    while (this.parent[node] !== root) {
      const next = this.parent[node] as number;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.members[ra] as number[]).length < (this.members[rb] as number[]).length) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    const into = this.members[ra] as number[];
    for (const member of this.members[rb] as number[]) into.push(member);
    this.members[rb] = [];
  }
}

export function computeClusters(input: ClusterInput): Clustering {
  const components = new Components(input.size);
  const refused: RefusedLink[] = [];
  const apart = new Map<number, number[]>();
  const sameDecisions: { left: number; right: number }[] = [];
  for (const { left, right, decision } of input.decisions?.values() ?? []) {
    if (decision === "same") {
      sameDecisions.push({ left, right });
    } else {
      for (const [x, y] of [
        [left, right],
        [right, left],
      ] as const) {
        const list = apart.get(x);
        if (list === undefined) apart.set(x, [y]);
        else list.push(y);
      }
    }
  }
  const keptApart = (ra: number, rb: number): boolean => {
    const other = components.members[rb] as number[];
    for (const x of components.members[ra] as number[]) {
      const enemies = apart.get(x);
      if (enemies === undefined) continue;
      for (const y of enemies) if (components.find(y) === rb && other.length > 0) return true;
    }
    return false;
  };
  // People's "same" decisions first: they hold whatever the model says, unless they contradict a
  // "different" decision (then the contradiction is reported and nothing is merged).
  for (const { left, right } of sameDecisions) {
    const ra = components.find(left);
    const rb = components.find(right);
    if (ra === rb) continue;
    if (keptApart(ra, rb)) {
      refused.push({
        left,
        right,
        probability: 1,
        reason: "contradicts a decision that these records are different people",
      });
      continue;
    }
    components.union(ra, rb);
  }
  const links = input.links
    .filter((link) => link.probability >= input.threshold)
    .sort((a, b) => b.probability - a.probability || a.left - b.left || a.right - b.right);
  const maxCross = input.maxCrossPairs ?? 10_000;
  for (const link of links) {
    const ra = components.find(link.left);
    const rb = components.find(link.right);
    if (ra === rb) continue;
    if (keptApart(ra, rb)) {
      refused.push({ ...link, reason: "a person decided these records are different people" });
      continue;
    }
    const a = components.members[ra] as number[];
    const b = components.members[rb] as number[];
    let reason: string | undefined;
    if (a.length * b.length > maxCross) {
      reason = `would join clusters of ${a.length} and ${b.length} records`;
    } else if (input.conflict && (a.length > 1 || b.length > 1)) {
      // The link itself was scored already; the other pairs across the two clusters are checked.
      for (const x of a) {
        for (const y of b) {
          if ((x === link.left && y === link.right) || (x === link.right && y === link.left)) continue;
          reason = input.conflict(x, y);
          if (reason !== undefined) break;
        }
        if (reason !== undefined) break;
      }
    }
    if (reason !== undefined) {
      refused.push({ ...link, reason });
      continue;
    }
    components.union(ra, rb);
  }
  const clusterOf = new Int32Array(input.size);
  let clusters = 0;
  for (let i = 0; i < input.size; i++) {
    const root = components.find(i);
    const members = components.members[root] as number[];
    let smallest = i;
    for (const member of members) if (member < smallest) smallest = member;
    clusterOf[i] = smallest;
    if (smallest === i) clusters++;
  }
  return { clusterOf, clusters, refused };
}

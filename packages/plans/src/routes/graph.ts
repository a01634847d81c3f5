/**
 * The route graph: nodes are spaces (plus "outside" and hidden-space candidates), edges are ways from one to
 * another, each with a time range and whether it costs a breach. Parallel edges are normal: a locked door can
 * be opened with a key or forced.
 */
import type { TimeRange } from "./costs";

export const OUTSIDE_NODE = "outside";
export const candidateNode = (candidateId: string): string => `candidate:${candidateId}`;

export const EDGE_KINDS = [
  "opening",
  "wall_breach",
  "slab_breach",
  "stairs",
  "shaft",
  "relationship",
  "unknown_stairs",
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface RouteEdge {
  to: number;
  kind: EdgeKind;
  /** The opening, wall body, stairs unit or relationship used; null for a breach through an undrawn wall. */
  featureId: string | null;
  /** How it is passed: open, unlocked, key, badge, code, forced, breach, climb. */
  mode: string;
  /** 1 when this step makes a breach (forcing a door, breaking a wall or slab). */
  breaches: 0 | 1;
  time: TimeRange;
  detail: string;
}

export class RouteGraph {
  readonly nodes: string[] = [];
  readonly adjacency: RouteEdge[][] = [];
  private readonly index = new Map<string, number>();

  node(id: string): number {
    let k = this.index.get(id);
    if (k === undefined) {
      k = this.nodes.length;
      this.nodes.push(id);
      this.adjacency.push([]);
      this.index.set(id, k);
    }
    return k;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  /** Adds an edge from `from` to `to`, and the same edge back unless `oneWay`. */
  connect(from: string, to: string, edge: Omit<RouteEdge, "to">, oneWay = false): void {
    const a = this.node(from);
    const b = this.node(to);
    this.adjacency[a]!.push({ ...edge, to: b });
    if (!oneWay) this.adjacency[b]!.push({ ...edge, to: a });
    this.packed = null;
  }

  private packed: PackedGraph | null = null;

  /**
   * The edges in flat typed arrays (compressed sparse rows), which searches walk far faster than arrays of
   * objects. Built on first use and again after edges are added.
   */
  pack(): PackedGraph {
    if (this.packed && this.packed.nodeCount === this.nodes.length) return this.packed;
    const n = this.nodes.length;
    const offsets = new Int32Array(n + 1);
    for (let k = 0; k < n; k++) offsets[k + 1] = offsets[k]! + this.adjacency[k]!.length;
    const total = offsets[n]!;
    const targets = new Int32Array(total);
    const likely = new Float64Array(total);
    const breaches = new Uint8Array(total);
    const edges: RouteEdge[] = new Array(total);
    for (let k = 0; k < n; k++) {
      let at = offsets[k]!;
      for (const edge of this.adjacency[k]!) {
        targets[at] = edge.to;
        likely[at] = edge.time.likely;
        breaches[at] = edge.breaches;
        edges[at] = edge;
        at++;
      }
    }
    this.packed = { nodeCount: n, offsets, targets, likely, breaches, edges };
    return this.packed;
  }

  get edgeCount(): number {
    return this.adjacency.reduce((sum, list) => sum + list.length, 0);
  }
}

export interface PackedGraph {
  nodeCount: number;
  /** Edges of node k are at offsets[k] … offsets[k + 1] − 1. */
  offsets: Int32Array;
  targets: Int32Array;
  likely: Float64Array;
  breaches: Uint8Array;
  edges: RouteEdge[];
}

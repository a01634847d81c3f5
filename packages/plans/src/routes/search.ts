/**
 * Route search on the route graph. Times are added as ranges along the route; routes are chosen by their
 * likely time.
 * - fastest: Dijkstra on the likely time, breaches unconstrained;
 * - fewest breaches: Dijkstra on (breaches, likely time) in lexicographic order;
 * - fastest with at most k breaches: the resource-constrained shortest path, solved exactly by Dijkstra on
 *   states (node, breaches used so far), k + 1 layers. Times are non-negative, so an optimal walk is a simple
 *   path (a loop never saves time or breaches), and the state graph is small: nodes × (k + 1).
 */
import { addTimes, type TimeRange, ZERO_TIME } from "./costs";
import type { RouteEdge, RouteGraph } from "./graph";

export type RouteObjective = "fastest" | "fewest_breaches" | "fastest_within_breaches";

export interface RouteStep {
  from: string;
  to: string;
  kind: RouteEdge["kind"];
  featureId: string | null;
  mode: string;
  breach: boolean;
  time: TimeRange;
  detail: string;
}

export interface Route {
  objective: RouteObjective;
  maxBreaches: number | null;
  steps: RouteStep[];
  total: { time: TimeRange; breaches: number };
}

/**
 * A binary min-heap of (state, primary, secondary) entries. Keys are copied in when pushed: a state whose key
 * improves is pushed again and its stale entries are skipped when popped (lazy deletion).
 */
class Heap {
  private states: number[] = [];
  private primaries: number[] = [];
  private secondaries: number[] = [];

  get size(): number {
    return this.states.length;
  }

  private less(a: number, b: number): boolean {
    const pa = this.primaries[a]!;
    const pb = this.primaries[b]!;
    if (pa !== pb) return pa < pb;
    const sa = this.secondaries[a]!;
    const sb = this.secondaries[b]!;
    return sa !== sb ? sa < sb : this.states[a]! < this.states[b]!;
  }

  private swap(a: number, b: number): void {
    const state = this.states[a]!;
    this.states[a] = this.states[b]!;
    this.states[b] = state;
    const primary = this.primaries[a]!;
    this.primaries[a] = this.primaries[b]!;
    this.primaries[b] = primary;
    const secondary = this.secondaries[a]!;
    this.secondaries[a] = this.secondaries[b]!;
    this.secondaries[b] = secondary;
  }

  push(state: number, primary: number, secondary: number): void {
    this.states.push(state);
    this.primaries.push(primary);
    this.secondaries.push(secondary);
    let k = this.states.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.less(k, parent)) break;
      this.swap(k, parent);
      k = parent;
    }
  }

  pop(): number | undefined {
    if (this.states.length === 0) return undefined;
    const top = this.states[0]!;
    const last = this.states.length - 1;
    this.swap(0, last);
    this.states.pop();
    this.primaries.pop();
    this.secondaries.pop();
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let smallest = k;
      if (l < this.states.length && this.less(l, smallest)) smallest = l;
      if (r < this.states.length && this.less(r, smallest)) smallest = r;
      if (smallest === k) break;
      this.swap(k, smallest);
      k = smallest;
    }
    return top;
  }
}

/**
 * Search over states (node, layer). Layers count breaches up to `layers − 1`; with `cap` false the last layer
 * absorbs any further breaches (used for the unconstrained searches with one layer). The order is on
 * (primary, secondary) where `lexicographic` puts breaches first.
 */
function search(
  graph: RouteGraph,
  from: number,
  to: number,
  layers: number,
  capped: boolean,
  lexicographic: boolean,
): { states: number[]; edges: RouteEdge[] } | null {
  const packed = graph.pack();
  const { offsets, targets, likely, breaches: edgeBreaches } = packed;
  const n = packed.nodeCount;
  const total = n * layers;
  const primary = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const secondary = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const time = new Float64Array(total);
  const breaches = new Float64Array(total);
  const previous = new Int32Array(total).fill(-1);
  const via = new Int32Array(total).fill(-1);
  const done = new Uint8Array(total);
  const heap = new Heap();
  primary[from] = 0;
  secondary[from] = 0;
  heap.push(from, 0, 0);
  let goal = -1;
  while (heap.size > 0) {
    const state = heap.pop()!;
    if (done[state]) continue;
    done[state] = 1;
    const node = state % n;
    const layer = (state - node) / n;
    if (node === to) {
      goal = state;
      break;
    }
    const t0 = time[state]!;
    const b0 = breaches[state]!;
    for (let e = offsets[node]!, end = offsets[node + 1]!; e < end; e++) {
      const extra = edgeBreaches[e]!;
      let nextLayer = layer + extra;
      if (nextLayer >= layers) {
        if (capped) continue;
        nextLayer = layers - 1;
      }
      const next = nextLayer * n + targets[e]!;
      if (done[next]) continue;
      const t = t0 + likely[e]!;
      const b = b0 + extra;
      const p = lexicographic ? b : t;
      const s = lexicographic ? t : b;
      if (p < primary[next]! || (p === primary[next]! && s < secondary[next]!)) {
        primary[next] = p;
        secondary[next] = s;
        time[next] = t;
        breaches[next] = b;
        previous[next] = state;
        via[next] = e;
        heap.push(next, p, s);
      }
    }
  }
  if (goal < 0) return null;
  const states: number[] = [];
  const edges: RouteEdge[] = [];
  for (let s = goal; s !== from; s = previous[s]!) {
    states.push(s);
    edges.push(packed.edges[via[s]!]!);
  }
  states.push(from);
  return { states: states.reverse(), edges: edges.reverse() };
}

function toRoute(
  graph: RouteGraph,
  found: { states: number[]; edges: RouteEdge[] },
  objective: RouteObjective,
  maxBreaches: number | null,
): Route {
  const n = graph.nodes.length;
  const steps: RouteStep[] = found.edges.map((edge, k) => ({
    from: graph.nodes[found.states[k]! % n]!,
    to: graph.nodes[edge.to]!,
    kind: edge.kind,
    featureId: edge.featureId,
    mode: edge.mode,
    breach: edge.breaches === 1,
    time: edge.time,
    detail: edge.detail,
  }));
  return {
    objective,
    maxBreaches,
    steps,
    total: {
      time: steps.reduce((sum, s) => addTimes(sum, s.time), ZERO_TIME),
      breaches: steps.filter((s) => s.breach).length,
    },
  };
}

function endpoints(graph: RouteGraph, fromId: string, toId: string): [number, number] {
  const from = graph.indexOf(fromId);
  const to = graph.indexOf(toId);
  if (from === undefined) throw new RangeError(`${fromId} is not a place the route graph knows`);
  if (to === undefined) throw new RangeError(`${toId} is not a place the route graph knows`);
  return [from, to];
}

export function fastestRoute(graph: RouteGraph, fromId: string, toId: string): Route | null {
  const [from, to] = endpoints(graph, fromId, toId);
  const found = search(graph, from, to, 1, false, false);
  return found ? toRoute(graph, found, "fastest", null) : null;
}

export function fewestBreachesRoute(graph: RouteGraph, fromId: string, toId: string): Route | null {
  const [from, to] = endpoints(graph, fromId, toId);
  const found = search(graph, from, to, 1, false, true);
  return found ? toRoute(graph, found, "fewest_breaches", null) : null;
}

export function fastestRouteWithinBreaches(
  graph: RouteGraph,
  fromId: string,
  toId: string,
  maxBreaches: number,
): Route | null {
  if (!Number.isInteger(maxBreaches) || maxBreaches < 0)
    throw new RangeError("maxBreaches must be a whole number ≥ 0");
  const [from, to] = endpoints(graph, fromId, toId);
  const found = search(graph, from, to, maxBreaches + 1, true, false);
  return found ? toRoute(graph, found, "fastest_within_breaches", maxBreaches) : null;
}

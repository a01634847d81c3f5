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

/** A binary min-heap of state indices keyed by (primary, secondary). */
class Heap {
  private readonly items: number[] = [];
  constructor(
    private readonly primary: Float64Array,
    private readonly secondary: Float64Array,
  ) {}
  private less(a: number, b: number): boolean {
    const pa = this.primary[a]!;
    const pb = this.primary[b]!;
    if (pa !== pb) return pa < pb;
    const sa = this.secondary[a]!;
    const sb = this.secondary[b]!;
    return sa !== sb ? sa < sb : a < b;
  }
  push(state: number): void {
    const items = this.items;
    items.push(state);
    let k = items.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.less(items[k]!, items[parent]!)) break;
      [items[k], items[parent]] = [items[parent]!, items[k]!];
      k = parent;
    }
  }
  pop(): number | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let smallest = k;
        if (l < items.length && this.less(items[l]!, items[smallest]!)) smallest = l;
        if (r < items.length && this.less(items[r]!, items[smallest]!)) smallest = r;
        if (smallest === k) break;
        [items[k], items[smallest]] = [items[smallest]!, items[k]!];
        k = smallest;
      }
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
  const n = graph.nodes.length;
  const total = n * layers;
  const primary = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const secondary = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const time = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const breaches = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const previous = new Int32Array(total).fill(-1);
  const via: (RouteEdge | null)[] = new Array(total).fill(null);
  const done = new Uint8Array(total);
  const heap = new Heap(primary, secondary);
  const set = (state: number, t: number, b: number): void => {
    time[state] = t;
    breaches[state] = b;
    primary[state] = lexicographic ? b : t;
    secondary[state] = lexicographic ? t : b;
  };
  set(from, 0, 0);
  heap.push(from);
  let goal = -1;
  for (let state = heap.pop(); state !== undefined; state = heap.pop()) {
    if (done[state]) continue;
    done[state] = 1;
    const node = state % n;
    const layer = (state - node) / n;
    if (node === to) {
      goal = state;
      break;
    }
    for (const edge of graph.adjacency[node]!) {
      let nextLayer = layer + edge.breaches;
      if (nextLayer >= layers) {
        if (capped) continue;
        nextLayer = layers - 1;
      }
      const next = nextLayer * n + edge.to;
      if (done[next]) continue;
      const t = time[state]! + edge.time.likely;
      const b = breaches[state]! + edge.breaches;
      const p = lexicographic ? b : t;
      const s = lexicographic ? t : b;
      if (p < primary[next]! || (p === primary[next]! && s < secondary[next]!)) {
        set(next, t, b);
        previous[next] = state;
        via[next] = edge;
        heap.push(next);
      }
    }
  }
  if (goal < 0) return null;
  const states: number[] = [];
  const edges: RouteEdge[] = [];
  for (let s = goal; s !== from; s = previous[s]!) {
    states.push(s);
    edges.push(via[s]!);
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

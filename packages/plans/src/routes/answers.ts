/** The three route answers for one question (from an entrance to a target), as the CLI and API give them. */
import type { RouteGraph } from "./graph";
import { fastestRoute, fastestRouteWithinBreaches, fewestBreachesRoute, type Route } from "./search";

export interface RouteAnswers {
  from: string;
  to: string;
  fastest: Route | null;
  fewestBreaches: Route | null;
  /** Only when a breach limit was given. */
  withinBreaches: Route | null;
}

export function answerRoutes(
  graph: RouteGraph,
  from: string,
  to: string,
  maxBreaches?: number,
): RouteAnswers {
  return {
    from,
    to,
    fastest: fastestRoute(graph, from, to),
    fewestBreaches: fewestBreachesRoute(graph, from, to),
    withinBreaches:
      maxBreaches === undefined ? null : fastestRouteWithinBreaches(graph, from, to, maxBreaches),
  };
}

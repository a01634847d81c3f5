/**
 * Overlays of the analysis page on PlanCanvas: hidden-space candidates (hatched, with their score) and a
 * planned route (its line on this level, breach points, start and target). Candidates are clickable through
 * `data-plan-item`; labels and markers are drawn in pixels so they keep their size.
 */
import type { Point } from "@athar/core";
import { centroid } from "@athar/plans";
import type { PlannedRoute, RoutePlace, VoidCandidate } from "../../api/site-analysis";
import type { PlanLayer } from "../../plan/types";

export const CANDIDATE_COLOUR = "#862e9c";
export const ROUTE_COLOUR = "#1864ab";
export const BREACH_COLOUR = "#c92a2a";
const HATCH_ID = "site-analysis-hatch";

const points = (ring: readonly Point[]) => ring.map(([x, y]) => `${x},${y}`).join(" ");

export const candidateItemId = (candidateId: string) => `candidate:${candidateId}`;

export function candidateLayer(
  candidates: readonly VoidCandidate[],
  selectedId: string | null,
  scoreLabel: (candidate: VoidCandidate) => string,
): PlanLayer {
  return {
    id: "void-candidates",
    world: () => (
      <g className="void-candidates">
        {candidates.map((candidate) => (
          <polygon
            key={candidate.id}
            data-plan-item={candidateItemId(candidate.id)}
            points={points(candidate.polygon)}
            fill={CANDIDATE_COLOUR}
            fillOpacity={candidate.id === selectedId ? 0.28 : 0.12}
            stroke="none"
            className="void-candidate-hit"
          />
        ))}
      </g>
    ),
    screen: ({ toScreen }) => (
      <g className="void-candidate-marks">
        <defs>
          <pattern id={HATCH_ID} patternUnits="userSpaceOnUse" width={7} height={7}>
            <path d="M-1 1 L1 -1 M0 7 L7 0 M6 8 L8 6" stroke={CANDIDATE_COLOUR} strokeWidth={1.3} />
          </pattern>
        </defs>
        {candidates.map((candidate) => {
          const ring = candidate.polygon.map((p) => toScreen(p));
          const [sx, sy] = toScreen(centroid(candidate.polygon));
          const selected = candidate.id === selectedId;
          const label = scoreLabel(candidate);
          return (
            <g key={candidate.id}>
              <polygon points={points(ring)} fill={`url(#${HATCH_ID})`} />
              <polygon
                points={points(ring)}
                fill="none"
                stroke={CANDIDATE_COLOUR}
                strokeWidth={selected ? 3 : 2}
                strokeDasharray={selected ? undefined : "6 3"}
              />
              <g transform={`translate(${sx} ${sy})`}>
                <rect
                  x={-(label.length * 3.6 + 6)}
                  y={-9}
                  width={label.length * 7.2 + 12}
                  height={18}
                  rx={9}
                  fill="#ffffff"
                  stroke={CANDIDATE_COLOUR}
                  strokeWidth={selected ? 2 : 1}
                />
                <text y={4} textAnchor="middle" fontSize={11} fontWeight={700} fill={CANDIDATE_COLOUR}>
                  {label}
                </text>
              </g>
            </g>
          );
        })}
      </g>
    ),
  };
}

interface RouteSegment {
  a: Point;
  b: Point;
}

/** The parts of a route drawn on one level: line segments, breach points, start and target. */
export function routeOnLevel(
  route: PlannedRoute,
  places: Readonly<Record<string, RoutePlace>>,
  from: RoutePlace,
  to: RoutePlace,
  levelId: string,
): { segments: RouteSegment[]; breaches: Point[]; climbs: Point[]; start: Point | null; end: Point | null } {
  const placeOf = (id: string) => places[id] ?? (id === from.id ? from : id === to.id ? to : undefined);
  const segments: RouteSegment[] = [];
  const breaches: Point[] = [];
  const climbs: Point[] = [];
  for (const step of route.steps) {
    const a = placeOf(step.from);
    const b = placeOf(step.to);
    const chain: Point[] = [];
    if (a?.point && a.levelId === levelId) chain.push(a.point);
    if (step.via && step.viaLevelId === levelId) chain.push(step.via);
    if (b?.point && b.levelId === levelId) chain.push(b.point);
    for (let k = 1; k < chain.length; k++) segments.push({ a: chain[k - 1]!, b: chain[k]! });
    const changesLevel = a?.levelId !== b?.levelId && a?.kind !== "outside" && b?.kind !== "outside";
    const here = step.via && step.viaLevelId === levelId ? step.via : null;
    if (step.breach && here) breaches.push(here);
    else if (changesLevel && here) climbs.push(here);
  }
  return {
    segments,
    breaches,
    climbs,
    start: from.point && from.levelId === levelId ? from.point : null,
    end: to.point && to.levelId === levelId ? to.point : null,
  };
}

export function routeLayer(drawn: ReturnType<typeof routeOnLevel>): PlanLayer {
  return {
    id: "planned-route",
    screen: ({ toScreen }) => (
      <g className="planned-route">
        {drawn.segments.map(({ a, b }, k) => {
          const [x1, y1] = toScreen(a);
          const [x2, y2] = toScreen(b);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are redrawn as a whole
            <g key={k}>
              <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="#ffffff" strokeWidth={7} strokeLinecap="round" />
              <line
                x1={x1}
                y1={y1}
                x2={x2}
                y2={y2}
                stroke={ROUTE_COLOUR}
                strokeWidth={4}
                strokeLinecap="round"
              />
            </g>
          );
        })}
        {drawn.climbs.map((p, k) => {
          const [x, y] = toScreen(p);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: markers are redrawn as a whole
            <g key={`climb-${k}`} transform={`translate(${x} ${y})`}>
              <circle r={9} fill="#ffffff" stroke={ROUTE_COLOUR} strokeWidth={2} />
              <path d="M-4 2 L0 -3 L4 2" stroke={ROUTE_COLOUR} strokeWidth={2} fill="none" />
            </g>
          );
        })}
        {drawn.breaches.map((p, k) => {
          const [x, y] = toScreen(p);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: markers are redrawn as a whole
            <g key={`breach-${k}`} transform={`translate(${x} ${y})`} className="route-breach">
              <polygon
                points="0,-12 3,-4 11,-6 5,1 10,9 2,5 -3,12 -4,4 -12,5 -6,-2 -10,-9 -2,-5"
                fill={BREACH_COLOUR}
                stroke="#ffffff"
                strokeWidth={1.5}
              />
            </g>
          );
        })}
        {drawn.start &&
          (() => {
            const [x, y] = toScreen(drawn.start);
            return <circle cx={x} cy={y} r={7} fill="#ffffff" stroke={ROUTE_COLOUR} strokeWidth={4} />;
          })()}
        {drawn.end &&
          (() => {
            const [x, y] = toScreen(drawn.end);
            return (
              <g transform={`translate(${x} ${y})`}>
                <circle r={10} fill={ROUTE_COLOUR} stroke="#ffffff" strokeWidth={2} />
                <circle r={4} fill="#ffffff" />
              </g>
            );
          })()}
      </g>
    ),
  };
}

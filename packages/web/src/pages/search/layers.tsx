/**
 * Pins for claims on the plan: at the point where a claim was placed, or at the middle of its space. A pin
 * carries the claim's number; a claim that counts is solid, an echo or a refuted claim is hollow and dashed,
 * so the difference does not rest on colour. Pins keep their size at every zoom (screen layer).
 */
import type { Point, Space } from "@athar/core";
import { centroid } from "@athar/plans";
import type { Evidence } from "../../api/search";
import type { PlanLayer } from "../../plan/types";

export function evidenceLayer(
  evidence: readonly Evidence[],
  levelId: string,
  spaces: readonly Space[],
): PlanLayer {
  const byId = new Map(spaces.map((s) => [s.id, s]));
  const pins: { evidence: Evidence; at: Point }[] = [];
  for (const item of evidence) {
    let at: Point | null = null;
    if (item.point && item.point.levelId === levelId) at = [item.point.x, item.point.y];
    else if (item.target.segmentId) {
      const space = byId.get(item.target.segmentId);
      if (space) at = centroid(space.polygon);
    }
    if (!at) continue;
    pins.push({ evidence: item, at });
  }
  return {
    id: "evidence-pins",
    screen: ({ toScreen }) => {
      const perPlace = new Map<string, number>();
      return (
        <g className="evidence-pins" pointerEvents="none">
          {pins.map(({ evidence: item, at }) => {
            const [x, y] = toScreen(at);
            // Several pins on one spot fan out a little.
            const key = `${Math.round(x)}:${Math.round(y)}`;
            const n = perPlace.get(key) ?? 0;
            perPlace.set(key, n + 1);
            const dx = n * 14;
            const counted = item.counted;
            return (
              <g
                key={item.id}
                transform={`translate(${x + dx} ${y - 16})`}
                data-evidence-pin={item.id}
                className={counted ? "pin counted" : "pin not-counted"}
              >
                <path
                  d="M0 16 L-6 5 A8 8 0 1 1 6 5 Z"
                  fill={counted ? "#1b1b1b" : "#ffffff"}
                  stroke="#1b1b1b"
                  strokeWidth={1.5}
                  strokeDasharray={counted ? undefined : "3 2"}
                />
                <text
                  y={4}
                  textAnchor="middle"
                  fontSize={9}
                  fontWeight={700}
                  fill={counted ? "#ffffff" : "#1b1b1b"}
                >
                  {item.number}
                </text>
              </g>
            );
          })}
        </g>
      );
    },
  };
}

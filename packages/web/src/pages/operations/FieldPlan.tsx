/**
 * The plan around an assignment: its level cut to a window AROUND_M metres around the assignment's spaces
 * (shapes clipped to the window, for display only), so that the phone opens on the place, not on the whole
 * building. The
 * assignment's spaces are filled orange and outlined thickly (shape and colour, for colour-blind eyes);
 * tapping a space names it below the plan.
 */
import type { Point, Space } from "@athar/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LevelPlan } from "../../api/client";
import { useFormat } from "../../i18n/format";
import { PlanCanvas } from "../../plan/PlanCanvas";
import type { PlanLayer, PlanSelection } from "../../plan/types";
import { clipToWindow, type Window } from "./geometry";

const AROUND_M = 6;
export const ASSIGNED_FILL = "#e69f00";
export const ASSIGNED_OUTLINE = "#8a4b00";

const points = (ring: readonly Point[]) => ring.map(([x, y]) => `${x},${y}`).join(" ");

function boxOf(spaces: readonly Space[]) {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const space of spaces)
    for (const [x, y] of space.polygon) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  return { minX, minY, maxX, maxY };
}

export function FieldPlan({
  plan,
  segmentIds,
  worksites,
}: {
  plan: LevelPlan;
  segmentIds: ReadonlySet<string>;
  /** Worksite ID per segment, shown on the plan. */
  worksites: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [selection, setSelection] = useState<PlanSelection | null>(null);

  const { spaces, openings } = useMemo(() => {
    const assigned = plan.spaces.filter((s) => segmentIds.has(s.id));
    if (assigned.length === 0) return { spaces: plan.spaces, openings: plan.openings };
    const box = boxOf(assigned);
    const window: Window = {
      minX: box.minX - AROUND_M,
      minY: box.minY - AROUND_M,
      maxX: box.maxX + AROUND_M,
      maxY: box.maxY + AROUND_M,
    };
    const clipped: Space[] = [];
    for (const space of plan.spaces) {
      const ring = clipToWindow(space.polygon, window);
      if (ring.length >= 3) clipped.push({ ...space, polygon: ring });
    }
    const ids = new Set(clipped.map((s) => s.id));
    const inWindow = ([x, y]: Point) =>
      x >= window.minX && x <= window.maxX && y >= window.minY && y <= window.maxY;
    return {
      spaces: clipped,
      openings: plan.openings.filter(
        (o) => (ids.has(o.spaceAId) || (o.spaceBId !== null && ids.has(o.spaceBId))) && inWindow(o.position),
      ),
    };
  }, [plan, segmentIds]);

  const layers = useMemo<PlanLayer[]>(
    () => [
      {
        id: "assignment",
        world: () => (
          <g className="field-assigned">
            {spaces
              .filter((s) => segmentIds.has(s.id))
              .map((space) => (
                <polygon
                  key={space.id}
                  points={points(space.polygon)}
                  fill="none"
                  stroke={ASSIGNED_OUTLINE}
                  strokeWidth={4}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
          </g>
        ),
        screen: ({ toScreen }) => (
          <g className="field-worksites">
            {spaces
              .filter((s) => worksites.has(s.id))
              .map((space) => {
                const box = boxOf([space]);
                const [sx, sy] = toScreen([(box.minX + box.maxX) / 2, box.maxY]);
                const label = worksites.get(space.id) ?? "";
                return (
                  <g key={space.id} transform={`translate(${sx} ${sy + 12})`}>
                    <rect
                      x={-(label.length * 3.5 + 5)}
                      y={-8}
                      width={label.length * 7 + 10}
                      height={16}
                      rx={3}
                      fill="#ffffff"
                      stroke={ASSIGNED_OUTLINE}
                    />
                    <text y={4} textAnchor="middle" fontSize={11} fontWeight={700} fill={ASSIGNED_OUTLINE}>
                      {label}
                    </text>
                  </g>
                );
              })}
          </g>
        ),
      },
    ],
    [spaces, segmentIds, worksites],
  );

  const selected = selection?.kind === "space" ? spaces.find((s) => s.id === selection.id) : undefined;
  return (
    <div className="field-plan">
      <PlanCanvas
        spaces={spaces}
        openings={openings}
        levelStatus={plan.level.status}
        belowGround={plan.level.ordinal < 0}
        selection={selection}
        onSelect={setSelection}
        tool="select"
        spaceFill={(space) => (segmentIds.has(space.id) ? { fill: ASSIGNED_FILL, opacity: 0.85 } : undefined)}
        layers={layers}
        fitKey={[...segmentIds].join(",")}
        label={t("operations.field.planLabel", { level: plan.level.name })}
      />
      <p className="field-plan-caption">
        <span className="field-swatch" aria-hidden="true" /> {t("operations.field.planLegend")}
        {" · "}
        <bdi>{plan.level.name}</bdi> <span dir="ltr">{format.ordinal(plan.level.ordinal)}</span>
        {selected ? (
          <>
            {" · "}
            <strong>
              <bdi>{selected.name || t(`spaceKind.${selected.kind}`)}</bdi>
            </strong>
          </>
        ) : null}
      </p>
    </div>
  );
}

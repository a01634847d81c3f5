/** What the plan's colours, outlines and markers mean. Drawn with the same components as the plan. */
import { EXISTENCE_STATUSES, LOCK_KINDS, OPENING_KINDS, OPENING_STATES, SPACE_KINDS } from "@athar/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LockSymbol, OpeningGlyph } from "./OpeningGlyph";
import { KIND_FILL, OUTLINE, STATE_FILL } from "./planStyle";

function Swatch({
  fill,
  dash,
  hatch,
  faded,
  strong,
}: {
  fill: string;
  dash?: string;
  hatch?: boolean;
  faded?: boolean;
  strong?: boolean;
}) {
  const patternId = `${useId().replace(/:/g, "")}-hatch`;
  return (
    <svg width={22} height={16} viewBox="0 0 22 16" aria-hidden="true" className="swatch">
      <defs>
        <pattern id={patternId} patternUnits="userSpaceOnUse" width={6} height={6}>
          <path d="M-1 1 L1 -1 M0 6 L6 0 M5 7 L7 5" stroke="#6b5d45" strokeWidth={1} />
        </pattern>
      </defs>
      <rect
        x={1}
        y={1}
        width={20}
        height={14}
        fill={fill}
        fillOpacity={faded ? 0.35 : 1}
        stroke={OUTLINE}
        strokeWidth={strong ? 2.5 : 1}
        strokeDasharray={dash}
      />
      {hatch && <rect x={1} y={1} width={20} height={14} fill={`url(#${patternId})`} />}
    </svg>
  );
}

export function Legend() {
  const { t } = useTranslation();
  return (
    <details className="legend">
      <summary>{t("plan.legend.title")}</summary>
      <div className="legend-body">
        <section>
          <h3>{t("plan.legend.spaceKinds")}</h3>
          <ul>
            {SPACE_KINDS.map((kind) => (
              <li key={kind}>
                <Swatch fill={KIND_FILL[kind]} hatch={kind === "unknown"} />
                {t(`spaceKind.${kind}`)}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t("plan.legend.statuses")}</h3>
          <ul>
            {EXISTENCE_STATUSES.map((status) => (
              <li key={status}>
                <Swatch
                  fill={KIND_FILL.room}
                  dash={status === "suspected" ? "4 2" : status === "ruled_out" ? "1 2" : undefined}
                  hatch={status === "suspected"}
                  faded={status === "ruled_out"}
                  strong={status === "confirmed"}
                />
                {t(`status.${status}`)}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t("plan.legend.openingKinds")}</h3>
          <ul>
            {OPENING_KINDS.map((kind) => (
              <li key={kind}>
                <svg width={24} height={24} viewBox="-12 -12 24 24" aria-hidden="true">
                  <OpeningGlyph kind={kind} state="closed" lock="none" concealed={false} />
                </svg>
                {t(`openingKind.${kind}`)}
              </li>
            ))}
            <li>
              <svg width={24} height={24} viewBox="-12 -12 24 24" aria-hidden="true">
                <OpeningGlyph kind="door" state="closed" lock="none" concealed />
              </svg>
              {t("barrier.concealed")}
            </li>
          </ul>
        </section>
        <section>
          <h3>{t("plan.legend.states")}</h3>
          <ul>
            {OPENING_STATES.map((state) => (
              <li key={state}>
                <Swatch fill={STATE_FILL[state]} />
                {t(`openingState.${state}`)}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t("plan.legend.locks")}</h3>
          <ul>
            {LOCK_KINDS.map((lock) => (
              <li key={lock}>
                <svg width={24} height={24} viewBox="-12 -12 24 24" aria-hidden="true">
                  <circle r={9} fill={STATE_FILL.closed} />
                  <LockSymbol lock={lock} />
                </svg>
                {t(`lock.${lock}`)}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t("plan.legend.levels")}</h3>
          <ul>
            <li>
              <span className="legend-level below-ground" aria-hidden="true" />
              {t("plan.levels.belowGround")}
            </li>
            <li>
              <span className="legend-level status-suspected" aria-hidden="true" />
              {t("plan.legend.suspectedLevel")}
            </li>
          </ul>
        </section>
      </div>
    </details>
  );
}

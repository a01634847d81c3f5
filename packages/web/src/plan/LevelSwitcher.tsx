/**
 * Every level of the site, top floor first, as a list of buttons like a lift panel. Below-ground levels sit
 * on an earth-coloured band; suspected levels have a dashed, hatched badge; ruled-out levels are struck.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { LevelSummary } from "../api/client";
import { useFormat } from "../i18n/format";

export function LevelSwitcher({
  levels,
  currentId,
  onChoose,
}: {
  levels: readonly LevelSummary[];
  currentId: string | null;
  onChoose(levelId: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useRef<HTMLUListElement>(null);
  // On a phone the levels scroll sideways: keep the current one in view.
  useEffect(() => {
    if (!currentId) return;
    list.current?.querySelector("[aria-current]")?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [currentId]);
  return (
    <nav className="level-switcher" aria-label={t("plan.levels.label")}>
      <ul ref={list}>
        {levels.map((level) => {
          const current = level.id === currentId;
          return (
            <li
              key={level.id}
              className={`level-item status-${level.status} ${level.ordinal < 0 ? "below-ground" : "above-ground"}`}
            >
              <button
                type="button"
                aria-current={current ? "true" : undefined}
                onClick={() => onChoose(level.id)}
                data-level-ordinal={level.ordinal}
              >
                <span className="level-ordinal" dir="ltr">
                  {format.ordinal(level.ordinal)}
                </span>
                <span className="level-text">
                  <span className="level-name">
                    <bdi>{level.name}</bdi>
                  </span>
                  <span className="level-meta">
                    {level.ordinal < 0 ? `${t("plan.levels.belowGround")} · ` : ""}
                    {level.status !== "known" ? `${t(`status.${level.status}`)} · ` : ""}
                    {t("plan.levels.spaceCount", { count: level.spaceCount })}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

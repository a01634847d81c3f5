/**
 * Every segment of the level shown (or of the whole site) with its probabilities, likeliest first: the heat
 * map as a table, for screen readers, for keyboard users and for tests. Each row is
 * `tr[data-segment-id][data-poa][data-pod][data-p-exists]` with the raw numbers; a row's button selects the
 * space on the plan.
 */
import type { Space } from "@athar/core";
import { useTranslation } from "react-i18next";
import type { LevelSummary } from "../../api/client";
import type { SearchState } from "../../api/search";
import { usePercent } from "./format";
import { probabilityColour } from "./palette";

export function SegmentTable({
  state,
  scope,
  levelId,
  levels,
  spaces,
  selectedId,
  onScope,
  onSelect,
}: {
  state: SearchState;
  scope: "level" | "all";
  levelId: string | null;
  levels: readonly LevelSummary[];
  spaces: readonly Space[];
  selectedId: string | null;
  onScope(scope: "level" | "all"): void;
  onSelect(segmentId: string): void;
}) {
  const { t } = useTranslation();
  const percent = usePercent();
  const names = new Map(spaces.map((s) => [s.id, s.name || t(`spaceKind.${s.kind}`)]));
  const levelNames = new Map(levels.map((l) => [l.id, l.name]));
  const rows = state.segments
    .filter((s) => scope === "all" || s.levelId === levelId)
    .sort((a, b) => b.poa - a.poa);
  const max = state.maxPoa;
  return (
    <section className="search-table-section" aria-labelledby="search-table-title">
      <div className="search-table-bar">
        <h2 id="search-table-title">{t("search.table.title")}</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={scope === "all"}
            onChange={(event) => onScope(event.target.checked ? "all" : "level")}
          />
          {t("search.table.allLevels")}
        </label>
      </div>
      <div className="table-scroll">
        <table className="search-segments">
          <caption className="visually-hidden">{t(`search.table.caption.${state.subjectClass}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("search.table.space")}</th>
              {scope === "all" && <th scope="col">{t("search.table.level")}</th>}
              <th scope="col" className="n">
                {t("search.table.poa")}
              </th>
              <th scope="col" className="n">
                {t("search.table.poaBefore")}
              </th>
              <th scope="col" className="n">
                {t("search.table.pod")}
              </th>
              <th scope="col" className="n">
                {t("search.table.pExists")}
              </th>
              <th scope="col" className="n">
                {t("search.table.searches")}
              </th>
              <th scope="col" className="n">
                {t("search.table.evidence")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((segment) => {
              const name = names.get(segment.segmentId) ?? segment.label ?? segment.segmentId;
              return (
                <tr
                  key={segment.segmentId}
                  data-segment-id={segment.segmentId}
                  data-poa={segment.poa}
                  data-pod={segment.pod}
                  data-p-exists={segment.pExists ?? ""}
                  aria-selected={segment.segmentId === selectedId}
                >
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onSelect(segment.segmentId)}>
                      <span
                        className="swatch-dot"
                        style={{ background: probabilityColour(max > 0 ? segment.poa / max : 0) }}
                        aria-hidden="true"
                      />
                      <bdi>{name}</bdi>
                    </button>
                    {segment.kind === "hypothesis" && (
                      <span className="search-tag">{t("search.table.hypothesis")}</span>
                    )}
                    {!segment.reachable && (
                      <span className="search-tag">{t("search.table.unreachable")}</span>
                    )}
                  </th>
                  {scope === "all" && (
                    <td>
                      <bdi>{segment.levelId ? (levelNames.get(segment.levelId) ?? "—") : "—"}</bdi>
                    </td>
                  )}
                  <td className="n">{percent(segment.poa)}</td>
                  <td className="n">{percent(segment.poaBeforeSearch)}</td>
                  <td className="n">{percent(segment.pod)}</td>
                  <td className="n">{segment.pExists === null ? "—" : percent(segment.pExists)}</td>
                  <td className="n">{segment.searches}</td>
                  <td className="n">
                    {segment.evidenceCounted}
                    {segment.evidenceTotal > segment.evidenceCounted ? ` / ${segment.evidenceTotal}` : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="muted">{t("search.table.empty")}</p>}
    </section>
  );
}

/**
 * The search picture of a site (`/sites/:siteId/search`): the plan of one level coloured by the probability
 * that the person is in each space (POA, viridis with a legend), for both subject classes together or one of
 * them; pins for claims; the headline figures (POS, what remains in unsearched spaces, hypotheses and ROW);
 * an accessible table of every segment of the level (or of the site); and a panel with the evidence (list and
 * graded form), the hypotheses and the likelihood table. It reloads when the site's search log grows
 * (`search.log.appended` on the live stream), without a page reload.
 *
 * The table is `table.search-segments`, one `tr[data-segment-id]` per segment with `data-poa`, `data-pod`
 * and `data-p-exists` holding the raw probabilities (other tests read them; keep them stable).
 */
import type { Point, Space } from "@athar/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type LevelSummary } from "../../api/client";
import { type SearchState, type SubjectClassChoice, searchApi } from "../../api/search";
import { Link, navigate } from "../../app/router";
import { type PageProps, paths } from "../../app/routes";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { LevelSwitcher } from "../../plan/LevelSwitcher";
import { PlanCanvas } from "../../plan/PlanCanvas";
import type { PlanLayer, PlanSelection, SpaceFillFunction } from "../../plan/types";
import "../../styles/search.css";
import { SitePageHeader } from "../sites/SitePageHeader";
import { useLiveChanges } from "../sites/useLiveChanges";
import { EvidencePanel } from "./EvidencePanel";
import { usePercent } from "./format";
import { HeatLegend } from "./HeatLegend";
import { HypothesisPanel } from "./HypothesisPanel";
import { evidenceLayer } from "./layers";
import { MappingPanel } from "./MappingPanel";
import { NOT_IN_LOG, probabilityColour } from "./palette";
import { SEARCH_WRITERS } from "./roles";
import { SegmentTable } from "./SegmentTable";

type Tab = "evidence" | "hypotheses" | "mapping";
const CLASSES: readonly SubjectClassChoice[] = ["combined", "responsive", "unresponsive"];

function defaultLevel(levels: readonly LevelSummary[]): LevelSummary | undefined {
  return levels.find((level) => level.ordinal === 0) ?? levels[levels.length - 1];
}

/** Where the probability that remains lies, for the subject class shown (the four shares add up to 1). */
function remainingShares(state: SearchState) {
  const shares = { unsearched: 0, searched: 0, hypotheses: 0, row: state.row.poa };
  for (const segment of state.segments) {
    if (segment.kind === "hypothesis") shares.hypotheses += segment.poa;
    else if (segment.searches > 0) shares.searched += segment.poa;
    else shares.unsearched += segment.poa;
  }
  return shares;
}

export function SearchPage({ params, query }: PageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = usePercent();
  const { hasAnyRole } = useSession();
  const canWrite = hasAnyRole(SEARCH_WRITERS);
  const siteId = params.siteId ?? "";

  const subjectClass: SubjectClassChoice = CLASSES.find((c) => c === query.get("class")) ?? "combined";
  const scope = query.get("scope") === "all" ? "all" : "level";
  const outline = useLoad(() => api.site(siteId), [siteId]);
  const levels = outline.data?.levels ?? [];
  const level = levels.find((l) => l.id === query.get("level")) ?? defaultLevel(levels);
  const levelId = level?.id ?? null;
  const plan = useLoad(() => (levelId ? api.levelPlan(levelId) : Promise.resolve(null)), [levelId]);
  const current = plan.data && plan.data.level.id === levelId ? plan.data : null;
  const state = useLoad(() => searchApi.state(siteId, subjectClass), [siteId, subjectClass]);
  const evidence = useLoad(() => searchApi.evidence(siteId), [siteId]);
  const hypotheses = useLoad(() => searchApi.hypotheses(siteId), [siteId]);

  const [tab, setTab] = useState<Tab>("evidence");
  const [selection, setSelection] = useState<PlanSelection | null>(null);
  const [picking, setPicking] = useState(false);
  const [pickedPoint, setPickedPoint] = useState<{ levelId: string; point: Point } | null>(null);
  const [syncError, setSyncError] = useState<unknown>(null);
  const synced = useRef(false);

  // The latest state shown stays on screen while a newer one loads (no flicker on live updates).
  const [shown, setShown] = useState<SearchState | null>(null);
  useEffect(() => {
    if (state.data) setShown(state.data);
  }, [state.data]);

  const reloadSearch = useCallback(() => {
    state.reload();
    evidence.reload();
    hypotheses.reload();
  }, [state.reload, evidence.reload, hypotheses.reload]);
  const live = useLiveChanges(siteId, (changes) => {
    if (changes.some((c) => c.type === "search.log.appended")) reloadSearch();
    if (changes.some((c) => c.type.startsWith("site."))) {
      outline.reload();
      plan.reload();
      state.reload();
    }
  });

  // Spaces the log does not know yet join it when someone who may write opens the page (once per visit).
  useEffect(() => {
    if (!canWrite || synced.current || !state.data || state.data.unsyncedSpaces === 0) return;
    synced.current = true;
    searchApi.sync(siteId).then(
      () => state.reload(),
      (error: unknown) => setSyncError(error),
    );
  }, [canWrite, siteId, state.data, state.reload]);

  const bySegment = useMemo(() => new Map((shown?.segments ?? []).map((s) => [s.segmentId, s])), [shown]);
  const max = shown?.maxPoa ?? 0;
  const spaceFill = useCallback<SpaceFillFunction>(
    (space) => {
      const segment = bySegment.get(space.id);
      if (!segment) return { fill: NOT_IN_LOG, opacity: 0.8 };
      return { fill: probabilityColour(max > 0 ? segment.poa / max : 0), opacity: 1 };
    },
    [bySegment, max],
  );

  const spaces: readonly Space[] = current?.spaces ?? [];
  const layers = useMemo<PlanLayer[]>(
    () => (levelId && evidence.data ? [evidenceLayer(evidence.data.evidence, levelId, spaces)] : []),
    [evidence.data, levelId, spaces],
  );

  const selectedSegmentId = selection?.kind === "space" ? selection.id : null;
  const setQuery = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const text = next.toString();
    navigate(`${paths.search(siteId)}${text ? `?${text}` : ""}`, { replace: true });
  };

  if (outline.error && !outline.data)
    return (
      <section className="page">
        <ErrorMessage error={outline.error} />
      </section>
    );

  const figures = shown ? remainingShares(shown) : null;
  const classPos = shown ? shown.pos[subjectClass] : 0;

  return (
    <div className="plan-page search-page">
      <SitePageHeader siteId={siteId} outline={outline.data} current="search" live={live}>
        <Link className="button-link" href={paths.searchReport(siteId)}>
          {t("search.report.open")}
        </Link>
      </SitePageHeader>

      <LevelSwitcher
        levels={levels}
        currentId={levelId}
        onChoose={(id) => {
          setSelection(null);
          setQuery({ level: id });
        }}
      />

      <section className="plan-main" aria-label={t("search.pageTitle")}>
        <div className="plan-bar">
          {level && (
            <h2 className="plan-level-title">
              <span dir="ltr" className="level-ordinal">
                {format.ordinal(level.ordinal)}
              </span>{" "}
              <bdi>{level.name}</bdi>
            </h2>
          )}
          <fieldset className="subject-class">
            <legend>{t("search.subjectClass.label")}</legend>
            {CLASSES.map((c) => (
              <label key={c} className="checkbox">
                <input
                  type="radio"
                  name="subject-class"
                  value={c}
                  checked={subjectClass === c}
                  onChange={() => setQuery({ class: c === "combined" ? null : c })}
                />
                {t(`search.subjectClass.${c}`)}
              </label>
            ))}
          </fieldset>
        </div>
        {state.error ? <ErrorMessage error={state.error} /> : null}
        {syncError ? <ErrorMessage error={syncError} /> : null}
        {plan.error ? <ErrorMessage error={plan.error} /> : null}
        {shown && shown.unsyncedSpaces > 0 && (
          <p className="notice">
            {t("search.unsynced", { count: shown.unsyncedSpaces })}{" "}
            {canWrite && (
              <button
                type="button"
                onClick={() => {
                  setSyncError(null);
                  searchApi.sync(siteId).then(
                    () => state.reload(),
                    (error: unknown) => setSyncError(error),
                  );
                }}
              >
                {t("search.syncNow")}
              </button>
            )}
          </p>
        )}
        {figures && (
          <dl className="search-figures" aria-live="polite">
            <div>
              <dt>{t(`search.figures.pos.${subjectClass}`)}</dt>
              <dd data-figure="pos">{percent(classPos)}</dd>
            </div>
            <div>
              <dt>{t("search.figures.unsearched")}</dt>
              <dd data-figure="unsearched">{percent(figures.unsearched)}</dd>
            </div>
            <div>
              <dt>{t("search.figures.searched")}</dt>
              <dd data-figure="searched">{percent(figures.searched)}</dd>
            </div>
            <div>
              <dt>{t("search.figures.hypotheses")}</dt>
              <dd data-figure="hypotheses">{percent(figures.hypotheses)}</dd>
            </div>
            <div>
              <dt>{t("search.figures.row")}</dt>
              <dd data-figure="row">{percent(figures.row)}</dd>
            </div>
          </dl>
        )}
        <PlanCanvas
          spaces={spaces}
          openings={current?.openings ?? []}
          levelStatus={level?.status ?? "known"}
          belowGround={(level?.ordinal ?? 0) < 0}
          selection={selection}
          onSelect={(next) => {
            setSelection(next);
            if (next?.kind === "space") setPickedPoint(null);
          }}
          tool={picking ? "door" : "select"}
          onPointPicked={(point) => {
            if (!levelId) return;
            setPickedPoint({ levelId, point });
            setPicking(false);
            setTab("evidence");
          }}
          onCancelTool={() => setPicking(false)}
          pending={pickedPoint && pickedPoint.levelId === levelId ? { point: pickedPoint.point } : null}
          spaceFill={spaceFill}
          layers={layers}
          fitKey={siteId}
          label={t("search.canvasLabel", { level: level?.name ?? "" })}
        />
        <HeatLegend max={max} subjectClass={subjectClass} />
        {shown && (
          <SegmentTable
            state={shown}
            scope={scope}
            levelId={levelId}
            levels={levels}
            spaces={spaces}
            selectedId={selectedSegmentId}
            onScope={(next) => setQuery({ scope: next === "all" ? "all" : null })}
            onSelect={(segmentId) => {
              const segment = bySegment.get(segmentId);
              if (segment?.levelId && segment.levelId !== levelId) setQuery({ level: segment.levelId });
              setSelection({ kind: "space", id: segmentId });
              setPickedPoint(null);
            }}
          />
        )}
      </section>

      <aside className="plan-panel" aria-label={t("search.panel")}>
        <div className="analysis-tabs" role="tablist" aria-label={t("search.tabs.label")}>
          {(["evidence", "hypotheses", "mapping"] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              onClick={() => setTab(name)}
            >
              {t(`search.tabs.${name}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel">
          {tab === "evidence" && (
            <EvidencePanel
              siteId={siteId}
              canWrite={canWrite}
              evidence={evidence.data?.evidence ?? []}
              loadError={evidence.error}
              levelId={levelId}
              levels={levels}
              spaces={spaces}
              hypotheses={hypotheses.data?.hypotheses ?? []}
              selectedSegmentId={selectedSegmentId}
              pickedPoint={pickedPoint}
              picking={picking}
              onPick={() => setPicking((p) => !p)}
              onClearPoint={() => setPickedPoint(null)}
              onChanged={reloadSearch}
            />
          )}
          {tab === "hypotheses" && (
            <HypothesisPanel
              siteId={siteId}
              canWrite={canWrite}
              hypotheses={hypotheses.data?.hypotheses ?? []}
              loadError={hypotheses.error}
              levels={levels}
              onChanged={reloadSearch}
            />
          )}
          {tab === "mapping" && (
            <MappingPanel
              siteId={siteId}
              canWrite={canWrite}
              version={shown?.lastSeq ?? 0}
              onChanged={reloadSearch}
            />
          )}
        </div>
        {shown && (
          <p className="search-hash muted">
            {t("search.logHash")} <code dir="ltr">{shown.logHash}</code>
          </p>
        )}
      </aside>
    </div>
  );
}

/**
 * A site's analysis: the plan of one level with the hidden-space candidates drawn on it (hatched, with their
 * score) and a planned route (its line, breach points, start and target), beside a panel with two tabs:
 * the candidates (list, detail, make a hypothesis) and the route planner. The level is in the address
 * (`?level=`) as on the plan page; candidates below every known level are drawn on the lowest level.
 */
import type { Space } from "@athar/core";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type LevelSummary } from "../../api/client";
import { type RouteAnswer, siteAnalysisApi, type VoidCandidate } from "../../api/site-analysis";
import { navigate } from "../../app/router";
import { type PageProps, paths } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { LevelSwitcher } from "../../plan/LevelSwitcher";
import { PlanCanvas } from "../../plan/PlanCanvas";
import type { PlanLayer, PlanSelection } from "../../plan/types";
import "../../styles/site-analysis.css";
import { SitePageHeader } from "../sites/SitePageHeader";
import { useLiveChanges } from "../sites/useLiveChanges";
import { CandidatePanel } from "./CandidatePanel";
import {
  BREACH_COLOUR,
  CANDIDATE_COLOUR,
  candidateLayer,
  ROUTE_COLOUR,
  routeLayer,
  routeOnLevel,
} from "./layers";
import { type RouteEnds, RoutePanel } from "./RoutePanel";

type Tab = "candidates" | "route";
type Shown = "fastest" | "fewestBreaches" | "withinBreaches";

function defaultLevel(levels: readonly LevelSummary[]): LevelSummary | undefined {
  return levels.find((level) => level.ordinal === 0) ?? levels[levels.length - 1];
}

/** Whether a candidate is drawn on a level: its own, or the lowest level of its building when below all. */
function drawnOn(candidate: VoidCandidate, level: LevelSummary, levels: readonly LevelSummary[]): boolean {
  if (candidate.levelId !== null) return candidate.levelId === level.id;
  const own = levels.filter((l) => l.buildingId === candidate.buildingId);
  const lowest = own.reduce<LevelSummary | undefined>(
    (low, l) => (!low || l.ordinal < low.ordinal ? l : low),
    undefined,
  );
  return lowest?.id === level.id;
}

export function SiteAnalysisPage({ params, query }: PageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const siteId = params.siteId ?? "";

  const outline = useLoad(() => api.site(siteId), [siteId]);
  const levels = outline.data?.levels ?? [];
  const requested = query.get("level");
  const level = levels.find((l) => l.id === requested) ?? defaultLevel(levels);
  const levelId = level?.id ?? null;
  const plan = useLoad(() => (levelId ? api.levelPlan(levelId) : Promise.resolve(null)), [levelId]);
  const current = plan.data && plan.data.level.id === levelId ? plan.data : null;
  const voids = useLoad(() => siteAnalysisApi.voids(siteId), [siteId]);

  const [tab, setTab] = useState<Tab>("candidates");
  const [candidateId, setCandidateId] = useState<string | null>(null);
  const [selection, setSelection] = useState<PlanSelection | null>(null);
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const [ends, setEnds] = useState<RouteEnds>({ from: "outside", to: null });
  const [answer, setAnswer] = useState<RouteAnswer | null>(null);
  const [shown, setShown] = useState<Shown>("fastest");
  const [notice, setNotice] = useState<string | null>(null);
  const panelRef = useRef<HTMLElement>(null);

  const reloadAll = useCallback(() => {
    outline.reload();
    plan.reload();
    voids.reload();
  }, [outline.reload, plan.reload, voids.reload]);
  const live = useLiveChanges(siteId, (changes) => {
    if (changes.some((change) => change.type.startsWith("site."))) reloadAll();
  });

  const spaces: readonly Space[] = current?.spaces ?? [];
  const candidates = voids.data?.candidates ?? [];
  const selectedCandidate = candidates.find((c) => c.id === candidateId) ?? null;
  const onLevel = useMemo(
    () => (level ? candidates.filter((c) => drawnOn(c, level, levels)) : []),
    [candidates, level, levels],
  );

  const layers = useMemo<PlanLayer[]>(() => {
    const list: PlanLayer[] = [candidateLayer(onLevel, candidateId, (c) => format.number(c.score, 2))];
    const route = answer?.[shown];
    if (answer && route && levelId)
      list.push(routeLayer(routeOnLevel(route, answer.places, answer.from, answer.to, levelId)));
    return list;
  }, [onLevel, candidateId, format, answer, shown, levelId]);

  const routeElsewhere = useMemo(() => {
    const route = answer?.[shown];
    if (!answer || !route || !levelId) return false;
    return route.steps.some((step) =>
      [answer.places[step.from]?.levelId, answer.places[step.to]?.levelId].some(
        (id) => id !== null && id !== undefined && id !== levelId,
      ),
    );
  }, [answer, shown, levelId]);

  const bringPanelUp = () => {
    const panel = panelRef.current;
    if (panel && panel.getBoundingClientRect().top > window.innerHeight - 64)
      panel.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  const chooseCandidate = (candidate: VoidCandidate | null) => {
    setCandidateId(candidate?.id ?? null);
    setNotice(null);
    if (!candidate) return;
    setPicked({
      id: `candidate:${candidate.id}`,
      name: t("siteAnalysis.route.placeCandidate", { area: format.number(candidate.areaM2, 0) }),
    });
    const target = levels.find((l) => drawnOn(candidate, l, levels));
    if (target && target.id !== levelId) navigate(paths.siteAnalysis(siteId, target.id));
  };

  const onPickItem = (itemId: string) => {
    const candidate = candidates.find((c) => `candidate:${c.id}` === itemId);
    if (!candidate) return;
    setSelection(null);
    chooseCandidate(candidate);
    bringPanelUp();
  };

  const onSelect = (next: PlanSelection | null) => {
    setSelection(next);
    if (next?.kind === "space") {
      const space = spaces.find((s) => s.id === next.id);
      if (space) setPicked({ id: space.id, name: space.name || t(`spaceKind.${space.kind}`) });
      if (tab === "route") bringPanelUp();
    }
  };

  const changed = (message: string) => {
    setNotice(message);
    reloadAll();
  };

  if (outline.error && !outline.data)
    return (
      <section className="page">
        <ErrorMessage error={outline.error} />
      </section>
    );

  return (
    <div className="plan-page site-analysis-page">
      <SitePageHeader siteId={siteId} outline={outline.data} current="analysis" live={live} />

      <LevelSwitcher
        levels={levels}
        currentId={levelId}
        onChoose={(id) => {
          setSelection(null);
          navigate(paths.siteAnalysis(siteId, id));
        }}
      />

      <section className="plan-main" aria-label={t("siteAnalysis.pageTitle")}>
        <div className="plan-bar">
          {level && (
            <h2 className="plan-level-title">
              <span dir="ltr" className="level-ordinal">
                {format.ordinal(level.ordinal)}
              </span>{" "}
              <bdi>{level.name}</bdi>
            </h2>
          )}
        </div>
        {plan.error ? <ErrorMessage error={plan.error} /> : null}
        {voids.error ? <ErrorMessage error={voids.error} /> : null}
        {voids.loading && !voids.data ? (
          <p className="muted" aria-busy="true">
            {t("siteAnalysis.analysing")}
          </p>
        ) : null}
        <PlanCanvas
          spaces={spaces}
          openings={current?.openings ?? []}
          levelStatus={level?.status ?? "known"}
          belowGround={(level?.ordinal ?? 0) < 0}
          selection={selection}
          onSelect={onSelect}
          tool="select"
          layers={layers}
          onPickItem={onPickItem}
          fitKey={siteId}
          label={t("siteAnalysis.canvasLabel", { level: level?.name ?? "" })}
        />
        <p className="analysis-legend">
          <span>
            <svg width={22} height={14} aria-hidden="true">
              <rect
                x={1}
                y={1}
                width={20}
                height={12}
                fill="#f3d9fa"
                stroke={CANDIDATE_COLOUR}
                strokeDasharray="4 2"
              />
            </svg>
            {t("siteAnalysis.legend.candidate")}
          </span>
          <span>
            <svg width={22} height={14} aria-hidden="true">
              <line x1={1} y1={7} x2={21} y2={7} stroke={ROUTE_COLOUR} strokeWidth={4} />
            </svg>
            {t("siteAnalysis.legend.route")}
          </span>
          <span>
            <svg width={14} height={14} aria-hidden="true">
              <circle cx={7} cy={7} r={6} fill={BREACH_COLOUR} />
            </svg>
            {t("siteAnalysis.legend.breach")}
          </span>
        </p>
        {routeElsewhere && <p className="muted">{t("siteAnalysis.route.onOtherLevels")}</p>}
      </section>

      <aside className="plan-panel" aria-label={t("siteAnalysis.panel")} ref={panelRef}>
        <div className="analysis-tabs" role="tablist" aria-label={t("siteAnalysis.panelTabs.label")}>
          {(["candidates", "route"] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              onClick={() => setTab(name)}
            >
              {t(`siteAnalysis.panelTabs.${name}`)}
            </button>
          ))}
        </div>
        {notice && (
          <p className="notice success" role="status">
            {notice}
          </p>
        )}
        <div role="tabpanel">
          {tab === "candidates" && voids.data && (
            <CandidatePanel
              siteId={siteId}
              voids={voids.data}
              levels={levels}
              selected={selectedCandidate}
              onChoose={chooseCandidate}
              onRouteTo={(candidate) => {
                setEnds({ ...ends, to: `candidate:${candidate.id}` });
                setAnswer(null);
                setTab("route");
              }}
              onChanged={changed}
            />
          )}
          {tab === "route" && (
            <RoutePanel
              siteId={siteId}
              ends={ends}
              onEnds={setEnds}
              picked={picked}
              levelSpaces={spaces}
              candidates={candidates}
              answer={answer}
              onAnswer={setAnswer}
              shown={shown}
              onShown={setShown}
              onChanged={changed}
            />
          )}
        </div>
      </aside>
    </div>
  );
}

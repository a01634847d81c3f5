/**
 * A site's plan: the level switcher, the plan of the chosen level with its tools, and a side panel that
 * shows what is selected or being drawn. The level is in the address (`?level=`), so a reload or a shared
 * link opens the same floor. Live events from other screens reload the plan.
 */
import { OPENING_REACH_M, type Point, type Polygon, ROLE_GROUPS } from "@athar/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type LevelSummary } from "../../api/client";
import { navigate } from "../../app/router";
import { type PageProps, paths } from "../../app/routes";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { doorPosition, spacesNear } from "../../plan/geometry";
import { Legend } from "../../plan/Legend";
import { LevelSwitcher } from "../../plan/LevelSwitcher";
import { PlanCanvas } from "../../plan/PlanCanvas";
import type { PlanLayer, PlanSelection, PlanTool } from "../../plan/types";
import { LevelOverview } from "./LevelOverview";
import { OpeningForm } from "./OpeningForm";
import { SitePageHeader } from "./SitePageHeader";
import { SpaceForm } from "./SpaceForm";
import { useLiveChanges } from "./useLiveChanges";

const TOOLS: readonly PlanTool[] = ["select", "rectangle", "polygon", "door"];

type Pending = { kind: "space"; polygon: Polygon } | { kind: "opening"; point: Point };

/** The level shown when the address names none: the ground floor, else the lowest level above it. */
function defaultLevel(levels: readonly LevelSummary[]): LevelSummary | undefined {
  return levels.find((level) => level.ordinal === 0) ?? levels[levels.length - 1];
}

export function SitePlanPage({ params, query }: PageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { hasAnyRole } = useSession();
  const siteId = params.siteId ?? "";
  const editable = hasAnyRole(ROLE_GROUPS.siteEditors);

  const outline = useLoad(() => api.site(siteId), [siteId]);
  const levels = outline.data?.levels ?? [];
  const requested = query.get("level");
  const level = levels.find((l) => l.id === requested) ?? defaultLevel(levels);
  const levelId = level?.id ?? null;

  const plan = useLoad(() => (levelId ? api.levelPlan(levelId) : Promise.resolve(null)), [levelId]);
  const current = plan.data && plan.data.level.id === levelId ? plan.data : null;

  // The level above, drawn faintly beneath this one: where a basement room lies under the floor people know.
  const levelIndex = levels.findIndex((l) => l.id === levelId);
  const above = levelIndex > 0 ? levels[levelIndex - 1] : undefined;
  const [showAbove, setShowAbove] = useState(true);
  const abovePlan = useLoad(
    () => (above && showAbove ? api.levelPlan(above.id) : Promise.resolve(null)),
    [above?.id, showAbove],
  );
  const layers = useMemo<PlanLayer[]>(() => {
    const ghost = abovePlan.data && abovePlan.data.level.id === above?.id ? abovePlan.data.spaces : null;
    if (!ghost || !showAbove) return [];
    return [
      {
        id: "level-above",
        under: () => (
          <g className="plan-ghost" fill="none" stroke="#8a96a3" strokeDasharray="4 3">
            {ghost.map((space) => (
              <polygon
                key={space.id}
                points={space.polygon.map(([x, y]) => `${x},${y}`).join(" ")}
                vectorEffect="non-scaling-stroke"
              />
            ))}
          </g>
        ),
      },
    ];
  }, [abovePlan.data, above?.id, showAbove]);

  const [tool, setTool] = useState<PlanTool>("select");
  const [selection, setSelection] = useState<PlanSelection | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const panelRef = useRef<HTMLElement>(null);

  // On a phone the panel sits below the plan: bring it up when something is picked or drawn.
  useEffect(() => {
    const panel = panelRef.current;
    if ((!selection && !pending) || !panel) return;
    if (panel.getBoundingClientRect().top > window.innerHeight - 64)
      panel.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [selection, pending]);

  const reloadAll = useCallback(() => {
    plan.reload();
    outline.reload();
    abovePlan.reload();
  }, [plan.reload, outline.reload, abovePlan.reload]);
  // Other areas' events (search, tracing) concern other data; the plan follows the site model's.
  const live = useLiveChanges(siteId, (changes) => {
    if (changes.some((change) => change.type.startsWith("site."))) reloadAll();
  });

  const chooseLevel = (id: string) => {
    setSelection(null);
    setPending(null);
    setNotice(null);
    navigate(paths.plan(siteId, id));
  };

  const chooseTool = (next: PlanTool) => {
    setTool(next);
    setPending(null);
    setNotice(null);
    if (next !== "select") setSelection(null);
  };

  const select = (next: PlanSelection | null) => {
    setSelection(next);
    setPending(null);
    setNotice(null);
  };

  const finished = (saved: { id: string } | null, kind: "space" | "opening", message: string | null) => {
    setPending(null);
    setTool("select");
    setSelection(saved ? { kind, id: saved.id } : null);
    setNotice(message);
    reloadAll();
  };

  const savedInPlace = () => {
    setNotice(t("common.saved"));
    reloadAll();
  };

  const spaces = current?.spaces ?? [];
  const openings = current?.openings ?? [];
  const selectedSpace = selection?.kind === "space" ? spaces.find((s) => s.id === selection.id) : undefined;
  const selectedOpening =
    selection?.kind === "opening" ? openings.find((o) => o.id === selection.id) : undefined;
  const candidates = useMemo(
    () => (pending?.kind === "opening" ? spacesNear(pending.point, spaces, OPENING_REACH_M) : []),
    [pending, spaces],
  );

  if (outline.error && !outline.data)
    return (
      <section className="page">
        <ErrorMessage error={outline.error} />
      </section>
    );

  const panel = (() => {
    if (pending?.kind === "space" && levelId)
      return (
        <SpaceForm
          key={`new-space-${pending.polygon.flat().join(",")}`}
          mode="create"
          levelId={levelId}
          polygon={pending.polygon}
          editable
          onDone={(space) => finished(space, "space", space ? t("space.created") : null)}
        />
      );
    if (pending?.kind === "opening")
      return (
        <OpeningForm
          key={`new-opening-${pending.point.join(",")}`}
          mode="create"
          position={pending.point}
          candidates={candidates}
          editable
          onDone={(opening) => finished(opening, "opening", opening ? t("opening.created") : null)}
        />
      );
    if (selectedSpace)
      return (
        <SpaceForm
          key={selectedSpace.id}
          mode="edit"
          space={selectedSpace}
          editable={editable}
          onDone={(space) => (space ? savedInPlace() : finished(null, "space", null))}
        />
      );
    if (selectedOpening)
      return (
        <OpeningForm
          key={selectedOpening.id}
          mode="edit"
          opening={selectedOpening}
          spaces={spaces}
          editable={editable}
          onDone={(opening) => (opening ? savedInPlace() : finished(null, "opening", null))}
        />
      );
    if (level)
      return <LevelOverview level={level} spaces={spaces} onSelect={(id) => select({ kind: "space", id })} />;
    return null;
  })();

  return (
    <div className="plan-page">
      <SitePageHeader siteId={siteId} outline={outline.data} current="plan" live={live} />

      <LevelSwitcher levels={levels} currentId={levelId} onChoose={chooseLevel} />

      <section className="plan-main" aria-label={t("plan.title")}>
        <div className="plan-bar">
          {level && (
            <h2 className="plan-level-title">
              <span dir="ltr" className="level-ordinal">
                {format.ordinal(level.ordinal)}
              </span>{" "}
              <bdi>{level.name}</bdi>
            </h2>
          )}
          {editable && (
            <div className="plan-tools" role="toolbar" aria-label={t("plan.tools.label")}>
              {TOOLS.map((name) => (
                <button
                  key={name}
                  type="button"
                  aria-pressed={tool === name}
                  onClick={() => chooseTool(name)}
                >
                  {t(`plan.tools.${name}`)}
                </button>
              ))}
            </div>
          )}
        </div>
        {level && level.status !== "known" && level.status !== "confirmed" && (
          <p className={`level-banner status-${level.status}`} role="note">
            {t(`plan.levelBanner.${level.status}`)}
          </p>
        )}
        {tool !== "select" && (
          <p className="tool-hint" role="status">
            {t(`plan.help.${tool}`)}
          </p>
        )}
        {plan.error ? <ErrorMessage error={plan.error} /> : null}
        <PlanCanvas
          spaces={spaces}
          openings={openings}
          levelStatus={level?.status ?? "known"}
          belowGround={(level?.ordinal ?? 0) < 0}
          selection={selection}
          onSelect={select}
          tool={tool}
          onDrawn={(polygon) => {
            setPending({ kind: "space", polygon });
            setNotice(null);
          }}
          onPointPicked={(point) => {
            setPending({ kind: "opening", point: doorPosition(point, spaces, OPENING_REACH_M) });
            setNotice(null);
          }}
          onCancelTool={() => chooseTool("select")}
          pending={
            pending?.kind === "space"
              ? { polygon: pending.polygon }
              : pending?.kind === "opening"
                ? { point: pending.point }
                : null
          }
          layers={layers}
          fitKey={siteId}
          label={t("plan.canvasLabel", { level: level?.name ?? "" })}
        />
        <div className="plan-options">
          {above && (
            <label className="checkbox">
              <input type="checkbox" checked={showAbove} onChange={(e) => setShowAbove(e.target.checked)} />
              {t("plan.showAbove", { level: above.name })}
            </label>
          )}
        </div>
        <Legend />
      </section>

      <aside className="plan-panel" aria-label={t("plan.panel")} ref={panelRef}>
        {notice && (
          <p className="notice success" role="status">
            {notice}
          </p>
        )}
        {panel}
      </aside>
    </div>
  );
}

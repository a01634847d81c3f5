/**
 * The route planner: from a space or outside to a space or a hidden-space candidate, with the team's tools;
 * the fastest route, the one with the fewest breaches and (with a limit) the fastest within k breaches, each
 * with its time range and steps; one of them drawn on the plan; and a coordinator can turn it into a
 * breaching assignment. Times come from an illustrative cost table, and the panel says so.
 */
import { ROLE_GROUPS, type Space } from "@athar/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import {
  type BreachCosts,
  type PlannedRoute,
  type RouteAnswer,
  type RouteObjective,
  type RouteOptions,
  siteAnalysisApi,
  type VoidCandidate,
} from "../../api/site-analysis";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useFormat } from "../../i18n/format";
import { minutes, placeName, stepText } from "./routeText";

export interface RouteEnds {
  from: string;
  to: string | null;
}

export const DEFAULT_ROUTE_OPTIONS: RouteOptions = {
  tool: "power",
  capability: "medium",
  keys: false,
  badges: false,
  codes: false,
  power: "off",
};

type Shown = "fastest" | "fewestBreaches" | "withinBreaches";
const OBJECTIVE: Record<Shown, RouteObjective> = {
  fastest: "fastest",
  fewestBreaches: "fewest_breaches",
  withinBreaches: "fastest_within_breaches",
};

function CostTable({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [costs, setCosts] = useState<BreachCosts | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <details
      onToggle={(event) => {
        if ((event.target as HTMLDetailsElement).open && !costs)
          siteAnalysisApi.breachCosts(siteId).then(setCosts, setError);
      }}
    >
      <summary>{t("siteAnalysis.costs.title")}</summary>
      <p className="illustrative-note">{t("siteAnalysis.costs.illustrative")}</p>
      {error ? <ErrorMessage error={error} /> : null}
      {costs && (
        <div className="analysis-table-wrap">
          <table className="analysis-table">
            <thead>
              <tr>
                <th scope="col">{t("siteAnalysis.costs.target")}</th>
                <th scope="col">{t("siteAnalysis.costs.material")}</th>
                <th scope="col">{t("siteAnalysis.costs.thickness")}</th>
                <th scope="col">{t("siteAnalysis.costs.tool")}</th>
                <th scope="col">{t("siteAnalysis.costs.minutes")}</th>
              </tr>
            </thead>
            <tbody>
              {costs.table.breaching.map((row) => (
                <tr key={`${row.target}-${row.material}-${row.tool}-${row.capability}`}>
                  <td>{t(`siteAnalysis.costs.targets.${row.target}`)}</td>
                  <td>
                    {row.material in MATERIAL_KEYS
                      ? t(`material.${row.material as keyof typeof MATERIAL_KEYS}`)
                      : row.material}
                  </td>
                  <td>{t("siteAnalysis.costs.metres", { value: format.number(row.thicknessM) })}</td>
                  <td>{t(`siteAnalysis.route.tools.${row.tool as RouteOptions["tool"]}`)}</td>
                  <td dir="ltr">
                    {format.number(row.minutes.min)}–{format.number(row.minutes.likely)}–
                    {format.number(row.minutes.max)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" dir="ltr" lang="en">
            {costs.table.breaching[0]?.source}
          </p>
        </div>
      )}
    </details>
  );
}

const MATERIAL_KEYS = {
  wood: 1,
  steel: 1,
  steel_bars: 1,
  concrete: 1,
  reinforced_concrete: 1,
  brick: 1,
  unknown: 1,
} as const;

function RouteCard({
  title,
  route,
  answer,
  shown,
  onShow,
}: {
  title: string;
  route: PlannedRoute | null;
  answer: RouteAnswer;
  shown: boolean;
  onShow(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!route)
    return (
      <div className="route-answer">
        <h3>{title}</h3>
        <p className="muted">{t("siteAnalysis.route.none")}</p>
      </div>
    );
  const { time, breaches } = route.total;
  return (
    <div className={`route-answer${shown ? " shown" : ""}`}>
      <h3>{title}</h3>
      <p className="route-total">
        {t("siteAnalysis.route.time", {
          min: minutes(format, time.min),
          max: minutes(format, time.max),
          likely: minutes(format, time.likely),
        })}
        {" · "}
        {breaches === 0
          ? t("siteAnalysis.route.noBreach")
          : t("siteAnalysis.route.breaches", { count: breaches })}
      </p>
      <label className="checkbox">
        <input type="radio" name="shown-route" checked={shown} onChange={onShow} />
        {t("siteAnalysis.route.show")}
      </label>
      <details open={shown}>
        <summary>{t("siteAnalysis.route.steps")}</summary>
        <ol className="route-steps">
          {route.steps.map((step, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are replaced as a whole
            <li key={k} className={step.breach ? "breach" : undefined}>
              {stepText(step, t)}{" "}
              {t("siteAnalysis.route.step.into", { place: placeName(answer.places[step.to], t, format) })}{" "}
              <span className="step-time" dir="ltr">
                ({minutes(format, step.time.min)}–{minutes(format, step.time.max)})
              </span>
            </li>
          ))}
        </ol>
        <details>
          <summary>{t("common.technicalDetails")}</summary>
          <ol dir="ltr" lang="en">
            {route.steps.map((step, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are replaced as a whole
              <li key={k}>{step.detail}</li>
            ))}
          </ol>
        </details>
      </details>
    </div>
  );
}

export function RoutePanel({
  siteId,
  ends,
  onEnds,
  picked,
  levelSpaces,
  candidates,
  answer,
  onAnswer,
  shown,
  onShown,
  onChanged,
}: {
  siteId: string;
  ends: RouteEnds;
  onEnds(ends: RouteEnds): void;
  /** What was last picked on the plan (a space id or candidate:<id>), with its name. */
  picked: { id: string; name: string } | null;
  levelSpaces: readonly Space[];
  candidates: readonly VoidCandidate[];
  answer: RouteAnswer | null;
  onAnswer(answer: RouteAnswer | null): void;
  shown: Shown;
  onShown(shown: Shown): void;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { hasAnyRole } = useSession();
  const coordinator = hasAnyRole(["admin", "coordinator"]) && hasAnyRole(ROLE_GROUPS.siteEditors);
  const [options, setOptions] = useState<RouteOptions>(DEFAULT_ROUTE_OPTIONS);
  const [limit, setLimit] = useState<string>("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [names, setNames] = useState<Record<string, string>>({});

  const nameOf = (id: string): string => {
    if (id === "outside") return t("siteAnalysis.route.outside");
    if (names[id]) return names[id];
    const space = levelSpaces.find((s) => s.id === id);
    if (space) return space.name || t(`spaceKind.${space.kind}`);
    const candidate = candidates.find((c) => `candidate:${c.id}` === id);
    if (candidate)
      return t("siteAnalysis.route.placeCandidate", { area: format.number(candidate.areaM2, 0) });
    return id;
  };

  const setEnd = (which: "from" | "to", id: string) => {
    setNames((current) => ({ ...current, [id]: nameOf(id) }));
    onEnds({ ...ends, [which]: id });
    onAnswer(null);
  };

  const choices = (includeOutside: boolean, value: string | null) => {
    const ids = new Set<string>();
    const options: { id: string; name: string }[] = [];
    const add = (id: string, name: string) => {
      if (ids.has(id)) return;
      ids.add(id);
      options.push({ id, name });
    };
    if (includeOutside) add("outside", t("siteAnalysis.route.outside"));
    if (value) add(value, nameOf(value));
    for (const candidate of candidates) add(`candidate:${candidate.id}`, nameOf(`candidate:${candidate.id}`));
    for (const space of [...levelSpaces].sort((a, b) => a.name.localeCompare(b.name)))
      add(space.id, space.name || t(`spaceKind.${space.kind}`));
    return options;
  };

  const maxBreaches = limit === "" ? null : Math.max(0, Math.min(50, Math.round(Number(limit))));

  const find = async () => {
    if (!ends.to) return;
    setBusy(true);
    setError(null);
    try {
      const found = await siteAnalysisApi.route(siteId, ends.from, ends.to, maxBreaches, options);
      onAnswer(found);
      onShown(maxBreaches !== null && found.withinBreaches ? "withinBreaches" : "fastest");
    } catch (caught) {
      onAnswer(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const createAssignment = async () => {
    if (!answer || !ends.to) return;
    setBusy(true);
    setError(null);
    try {
      const created = await siteAnalysisApi.createBreachingAssignment(siteId, {
        from: ends.from,
        to: ends.to,
        objective: OBJECTIVE[shown],
        ...(shown === "withinBreaches" && maxBreaches !== null ? { maxBreaches } : {}),
        options,
      });
      onChanged(
        t("siteAnalysis.route.assignmentDone", {
          title: created.assignment.title,
          count: created.breachTasks.length,
        }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const needsHypothesis =
    error instanceof ApiError && error.code === "conflict" && (ends.to ?? "").startsWith("candidate:");
  const shownRoute = answer ? answer[shown] : null;

  return (
    <div className="stack">
      <h2>{t("siteAnalysis.route.title")}</h2>
      <p className="muted">{t("siteAnalysis.route.intro")}</p>
      {picked && (
        <div className="stack">
          <p>{t("siteAnalysis.route.pickedOnPlan", { place: picked.name })}</p>
          <div className="button-row">
            <button type="button" onClick={() => setEnd("from", picked.id)}>
              {t("siteAnalysis.route.useAsFrom")}
            </button>{" "}
            <button type="button" onClick={() => setEnd("to", picked.id)}>
              {t("siteAnalysis.route.useAsTo")}
            </button>
          </div>
        </div>
      )}
      <div className="route-places">
        <Field label={t("siteAnalysis.route.from")}>
          <select value={ends.from} onChange={(event) => setEnd("from", event.target.value)}>
            {choices(true, ends.from).map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("siteAnalysis.route.to")}>
          <select value={ends.to ?? ""} onChange={(event) => setEnd("to", event.target.value)}>
            <option value="" disabled>
              {t("siteAnalysis.route.choose")}
            </option>
            {choices(false, ends.to).map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("siteAnalysis.route.maxBreaches")}>
          <input
            type="number"
            min={0}
            max={50}
            inputMode="numeric"
            placeholder={t("siteAnalysis.route.noLimit")}
            value={limit}
            onChange={(event) => setLimit(event.target.value)}
          />
        </Field>
      </div>
      <details>
        <summary>{t("siteAnalysis.route.team")}</summary>
        <div className="stack">
          <Field label={t("siteAnalysis.route.tool")}>
            <select
              value={options.tool}
              onChange={(event) =>
                setOptions({ ...options, tool: event.target.value as RouteOptions["tool"] })
              }
            >
              {(["hand", "power", "hydraulic"] as const).map((tool) => (
                <option key={tool} value={tool}>
                  {t(`siteAnalysis.route.tools.${tool}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("siteAnalysis.route.capability")}>
            <select
              value={options.capability}
              onChange={(event) =>
                setOptions({ ...options, capability: event.target.value as RouteOptions["capability"] })
              }
            >
              {(["light", "medium", "heavy"] as const).map((capability) => (
                <option key={capability} value={capability}>
                  {t(`siteAnalysis.route.capabilities.${capability}`)}
                </option>
              ))}
            </select>
          </Field>
          {(["keys", "badges", "codes"] as const).map((flag) => (
            <label key={flag} className="checkbox">
              <input
                type="checkbox"
                checked={options[flag]}
                onChange={(event) => setOptions({ ...options, [flag]: event.target.checked })}
              />
              {t(`siteAnalysis.route.${flag}`)}
            </label>
          ))}
          <Field label={t("siteAnalysis.route.power")}>
            <select
              value={options.power}
              onChange={(event) =>
                setOptions({ ...options, power: event.target.value as RouteOptions["power"] })
              }
            >
              <option value="on">{t("siteAnalysis.route.powerOn")}</option>
              <option value="off">{t("siteAnalysis.route.powerOff")}</option>
            </select>
          </Field>
        </div>
      </details>
      <div>
        <button type="button" className="primary" disabled={!ends.to || busy} onClick={find}>
          {busy ? t("siteAnalysis.route.finding") : t("siteAnalysis.route.find")}
        </button>
      </div>
      {needsHypothesis ? (
        <p className="notice danger" role="alert">
          {t("siteAnalysis.route.needsHypothesis")}
        </p>
      ) : error ? (
        <ErrorMessage error={error} />
      ) : null}
      {answer && (
        <div className="stack route-answers">
          <p className="illustrative-note">{t("siteAnalysis.route.illustrative")}</p>
          <RouteCard
            title={t("siteAnalysis.route.objectives.fastest")}
            route={answer.fastest}
            answer={answer}
            shown={shown === "fastest"}
            onShow={() => onShown("fastest")}
          />
          <RouteCard
            title={t("siteAnalysis.route.objectives.fewest_breaches")}
            route={answer.fewestBreaches}
            answer={answer}
            shown={shown === "fewestBreaches"}
            onShow={() => onShown("fewestBreaches")}
          />
          {maxBreaches !== null && (
            <RouteCard
              title={t("siteAnalysis.route.objectives.fastest_within_breaches", {
                max: format.number(maxBreaches),
              })}
              route={answer.withinBreaches}
              answer={answer}
              shown={shown === "withinBreaches"}
              onShow={() => onShown("withinBreaches")}
            />
          )}
          {coordinator && shownRoute && shownRoute.steps.length > 0 && (
            <div>
              <button type="button" className="primary" disabled={busy} onClick={createAssignment}>
                {t("siteAnalysis.route.assignment")}
              </button>
            </div>
          )}
        </div>
      )}
      <CostTable siteId={siteId} />
    </div>
  );
}

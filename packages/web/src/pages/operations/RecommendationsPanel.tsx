/**
 * Recommendations for the available teams: the next best assignments with expected gain in POS per hour and
 * the evidence behind them, and the places a barrier shuts. Computed on request (the server folds the whole
 * search log); a coordinator makes one an assignment with one button (assigned at once to that team).
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { opsApi, type Recommendation, type Recommendations } from "../../api/operations";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useFormat } from "../../i18n/format";
import { isolate, useOpsLabels } from "./labels";

export function RecommendationsPanel({
  siteId,
  canAct,
  onAssigned,
}: {
  siteId: string;
  canAct: boolean;
  onAssigned(message: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOpsLabels();
  const [answer, setAnswer] = useState<Recommendations | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<ReadonlySet<string>>(new Set());

  const compute = async () => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await opsApi.recommendations(siteId));
      setMade(new Set());
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  const makeAssignment = async (teamId: string, callSign: string, rec: Recommendation) => {
    setError(null);
    try {
      await opsApi.createAssignment(siteId, {
        teamId,
        methodId: rec.methodId,
        segmentIds: [rec.segmentId],
        plannedMinutes: Math.max(1, Math.round(rec.minutes)),
        assign: true,
      });
      setMade((current) => new Set(current).add(`${teamId}:${rec.segmentId}`));
      onAssigned(t("operations.board.createdAssigned", { team: isolate(callSign) }));
    } catch (reason) {
      setError(reason);
    }
  };

  const percent = (p: number) => t("operations.percent", { value: format.number(p * 100, 2) });

  return (
    <section className="board-recommendations card" aria-labelledby="board-recommendations">
      <div className="section-head">
        <h2 id="board-recommendations">{t("operations.recommend.title")}</h2>
        <button type="button" onClick={() => void compute()} disabled={busy}>
          {answer ? t("operations.recommend.again") : t("operations.recommend.compute")}
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {busy && <p aria-busy="true">{t("common.loading")}</p>}
      {answer && (
        <>
          <p className="muted small">
            {t("operations.recommend.pos", {
              pos: percent(answer.pos),
              time: format.dateTime(answer.computedAt),
            })}
          </p>
          {answer.teams.length === 0 && <p className="muted">{t("operations.recommend.noTeams")}</p>}
          {answer.teams.map((team) => (
            <div key={team.teamId} className="recommend-team">
              <h3>
                <bdi>{team.callSign}</bdi>
              </h3>
              {team.note ? (
                <p className="muted small" dir="ltr" lang="en">
                  {team.note}
                </p>
              ) : null}
              <ol>
                {team.recommendations.map((rec) => {
                  const done = made.has(`${team.teamId}:${rec.segmentId}`);
                  return (
                    <li key={`${rec.segmentId}-${rec.methodId}`} data-segment-id={rec.segmentId}>
                      <p>
                        <strong>
                          <bdi>{rec.label}</bdi>
                        </strong>{" "}
                        · {labels.method(rec.methodId)} ·{" "}
                        {t("operations.minutes", { count: Math.round(rec.minutes) })}
                      </p>
                      <p className="muted small">
                        {t("operations.recommend.gain", {
                          gain: percent(rec.expectedGain),
                          perHour: percent(rec.gainPerHour),
                          poa: percent(rec.why.poa),
                        })}
                      </p>
                      <details>
                        <summary>{t("operations.recommend.why")}</summary>
                        <p dir="ltr" lang="en" className="small">
                          {rec.why.text}
                        </p>
                      </details>
                      {canAct &&
                        (done ? (
                          <p className="notice success small">{t("operations.recommend.made")}</p>
                        ) : (
                          <button
                            type="button"
                            onClick={() => void makeAssignment(team.teamId, team.callSign, rec)}
                          >
                            {t("operations.recommend.make")}
                          </button>
                        ))}
                    </li>
                  );
                })}
              </ol>
            </div>
          ))}
          {answer.blocked.length > 0 && (
            <details className="recommend-blocked">
              <summary>{t("operations.recommend.blocked", { count: answer.blocked.length })}</summary>
              <ul>
                {answer.blocked.map((b) => (
                  <li key={b.segmentId}>
                    <strong>
                      <bdi>{b.label}</bdi>
                    </strong>{" "}
                    ·{" "}
                    {t("operations.recommend.blockedBy", {
                      names: b.blockedBy.map((o) => isolate(o.name)).join(t("common.listSeparator")),
                    })}
                    <p className="muted small" dir="ltr" lang="en">
                      {b.suggestion}
                    </p>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

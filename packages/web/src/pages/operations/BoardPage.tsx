/**
 * The coordinator's live board (`/sites/:siteId/operations`): teams with their current assignment, the
 * assignments by status (create, assign, abort), conflicts to settle, open breach tasks, recommendations
 * (made into an assignment with one button) and the operations log. It reloads the board and the log on
 * every `ops.*` live event (after 200 ms of quiet, see useLiveChanges), so a team's report shows within a
 * second on every open board without a reload. Readers see everything; only coordinators get the buttons.
 */
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { type Assignment, type AssignmentStatus, type Board, opsApi, type Team } from "../../api/operations";
import { Link } from "../../app/router";
import { paths } from "../../app/routes";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { registerServiceWorker } from "../../offline/register";
import "../../styles/operations.css";
import type { PageProps } from "../../app/routes";
import { LiveIndicator } from "../sites/LiveIndicator";
import { useLiveChanges } from "../sites/useLiveChanges";
import { AssignmentForm } from "./AssignmentForm";
import { assignmentName, useOpsLabels, useWhen } from "./labels";
import { OpsLog } from "./OpsLog";
import { RecommendationsPanel } from "./RecommendationsPanel";
import { TeamForm } from "./TeamForm";
import { useRefreshOnReconnect } from "./useReconnect";

const COORDINATORS = ["admin", "coordinator"] as const;
const PLANNERS = ["admin", "coordinator", "team_lead", "analyst"] as const;
const COLUMNS: readonly AssignmentStatus[] = ["draft", "assigned", "in_progress", "completed", "aborted"];
/** Finished assignments shown per column; the log holds the rest. */
const FINISHED_SHOWN = 8;

function AssignmentItem({
  assignment,
  teams,
  canAct,
  onChanged,
}: {
  assignment: Assignment;
  teams: readonly Team[];
  canAct: boolean;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOpsLabels();
  const when = useWhen();
  const [mode, setMode] = useState<"idle" | "assign" | "abort">("idle");
  const [teamId, setTeamId] = useState(assignment.teamId ?? "");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const team = teams.find((x) => x.id === assignment.teamId);
  const last = assignment.transitions[assignment.transitions.length - 1];

  const act = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setMode("idle");
      onChanged(message);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="board-assignment" data-assignment-id={assignment.id} data-status={assignment.status}>
      <p className="board-assignment-title">
        <strong>
          <bdi>{assignmentName(assignment)}</bdi>
        </strong>
      </p>
      <p className="muted">
        <bdi>{team?.callSign ?? t("operations.board.noTeam")}</bdi> · {labels.method(assignment.methodId)} ·{" "}
        {t("operations.minutes", { count: assignment.plannedMinutes })}
      </p>
      {assignment.segments.some((s) => s.worksiteId) && (
        <p className="worksites" dir="ltr">
          {assignment.segments.flatMap((s) => (s.worksiteId ? [s.worksiteId] : [])).join(" · ")}
        </p>
      )}
      {last && (
        <p className="muted small">
          <time dateTime={last.at} title={format.dateTime(last.at)}>
            {when(last.at)}
          </time>
          {/* The coordinator's words on an abort; other reasons are the server's own notes. */}
          {last.to === "aborted" && last.reason ? (
            <>
              {" · "}
              <bdi>{last.reason}</bdi>
            </>
          ) : null}
        </p>
      )}
      {assignment.warnings.length > 0 && (
        <ul className="warnings" dir="ltr" lang="en">
          {assignment.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {canAct && mode === "idle" && (
        <div className="actions">
          {assignment.status === "draft" && (
            <button type="button" onClick={() => setMode("assign")}>
              {t("operations.board.assign")}
            </button>
          )}
          {(assignment.status === "draft" ||
            assignment.status === "assigned" ||
            assignment.status === "in_progress") && (
            <button type="button" className="danger" onClick={() => setMode("abort")}>
              {t("operations.board.abort")}
            </button>
          )}
        </div>
      )}
      {mode === "assign" && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => opsApi.assign(assignment.id, teamId || undefined), t("operations.board.assigned"));
          }}
        >
          <label>
            {t("operations.board.team")}{" "}
            <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
              <option value="">{t("operations.board.chooseTeam")}</option>
              {teams
                .filter((x) => x.methods.includes(assignment.methodId))
                .map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.callSign}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={busy || !teamId}>
            {t("operations.board.assign")}
          </button>
          <button type="button" onClick={() => setMode("idle")}>
            {t("common.cancel")}
          </button>
        </form>
      )}
      {mode === "abort" && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => opsApi.abort(assignment.id, reason.trim()), t("operations.board.aborted"));
          }}
        >
          <label>
            {t("operations.board.abortReason")}{" "}
            <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} />
          </label>
          <button type="submit" className="danger" disabled={busy || reason.trim() === ""}>
            {t("operations.board.abortConfirm")}
          </button>
          <button type="button" onClick={() => setMode("idle")}>
            {t("common.cancel")}
          </button>
        </form>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </li>
  );
}

function TeamsTable({ board, onEdit }: { board: Board; onEdit?: (team: Team) => void }) {
  const { t } = useTranslation();
  const labels = useOpsLabels();
  return (
    <div className="table-scroll">
      <table className="board-table">
        <thead>
          <tr>
            <th scope="col">{t("operations.board.callSign")}</th>
            <th scope="col">{t("operations.board.capabilities")}</th>
            <th scope="col">{t("operations.board.availability")}</th>
            <th scope="col">{t("operations.board.current")}</th>
            <th scope="col">{t("operations.board.worked")}</th>
            {onEdit ? <td /> : null}
          </tr>
        </thead>
        <tbody>
          {board.teams.map(({ team, current, queued, workedMinutes, remainingMinutes }) => (
            <tr key={team.id} data-team-id={team.id}>
              <th scope="row">
                <bdi>{team.callSign}</bdi>
                {team.name ? (
                  <span className="muted small">
                    {" "}
                    <bdi>{team.name}</bdi>
                  </span>
                ) : null}
              </th>
              <td>{team.capabilities.map(labels.capability).join(t("common.listSeparator"))}</td>
              <td>{labels.availability(team.availability)}</td>
              <td className="team-current">
                {current ? (
                  <>
                    <bdi>{assignmentName(current)}</bdi>{" "}
                    <span className={`status-badge status-${current.status}`}>
                      {labels.status(current.status)}
                    </span>
                  </>
                ) : (
                  <span className="muted">{t("operations.board.idle")}</span>
                )}
                {queued.length > 0 && (
                  <span className="muted small">
                    {" "}
                    · {t("operations.board.queued", { count: queued.length })}
                  </span>
                )}
              </td>
              <td>
                {t("operations.board.workedValue", {
                  worked: t("operations.minutes", { count: Math.round(workedMinutes) }),
                  remaining: t("operations.minutes", { count: Math.max(0, Math.round(remainingMinutes)) }),
                })}
              </td>
              {onEdit ? (
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t("operations.teamForm.editLabel", { callSign: team.callSign })}
                    onClick={() => onEdit(team)}
                  >
                    {t("operations.teamForm.edit")}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BoardPage({ params }: PageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOpsLabels();
  const { hasAnyRole } = useSession();
  const siteId = params.siteId ?? "";
  const canAct = hasAnyRole(COORDINATORS);
  const outline = useLoad(() => api.site(siteId), [siteId]);
  const board = useLoad(() => opsApi.board(siteId), [siteId]);
  const log = useLoad(() => opsApi.log(siteId, 40), [siteId]);
  const catalogue = useLoad(() => opsApi.capabilities(siteId), [siteId]);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  /** The team form: closed, a new team, or the team being edited. */
  const [teamForm, setTeamForm] = useState<"closed" | "new" | Team>("closed");

  const refresh = useCallback(() => {
    board.reload();
    log.reload();
  }, [board.reload, log.reload]);
  const live = useLiveChanges(siteId, (changes) => {
    if (changes.some((c) => c.type.startsWith("ops."))) refresh();
  });
  useRefreshOnReconnect(live, refresh);
  useEffect(() => {
    void registerServiceWorker();
  }, []);

  const [actionError, setActionError] = useState<unknown>(null);
  const changed = (message: string) => {
    setNotice(message);
    setActionError(null);
    refresh();
  };
  const run = (work: () => Promise<unknown>, message: string) => {
    setNotice(null);
    work().then(() => changed(message), setActionError);
  };

  const data = board.data;
  const teams = data?.teams.map((x) => x.team) ?? [];

  if (board.error && !data)
    return (
      <section className="page">
        <ErrorMessage error={board.error} />
      </section>
    );

  return (
    <div className="page wide board-page">
      <header className="board-header">
        <p className="breadcrumbs">
          <Link href={paths.sites()}>{t("nav.sites")}</Link> ·{" "}
          <Link href={paths.plan(siteId)}>
            <bdi>{outline.data?.site.name ?? t("common.loading")}</bdi>
          </Link>
        </p>
        <h1>{t("operations.board.title")}</h1>
        <nav className="board-links" aria-label={t("operations.board.linksLabel")}>
          <Link href={paths.plan(siteId)}>{t("operations.board.linkPlan")}</Link>
          <Link href={paths.search(siteId)}>{t("operations.board.linkSearch")}</Link>
        </nav>
        <LiveIndicator live={live} />
      </header>
      {notice && (
        <p className="notice success" role="status">
          {notice}
        </p>
      )}
      {actionError ? <ErrorMessage error={actionError} /> : null}
      {!data ? (
        <p aria-busy="true">{t("common.loading")}</p>
      ) : (
        <div className="board-grid">
          <section className="board-teams card" aria-labelledby="board-teams">
            <div className="section-head">
              <h2 id="board-teams">{t("operations.board.teams", { count: data.teams.length })}</h2>
              {canAct && teamForm === "closed" ? (
                <button type="button" onClick={() => setTeamForm("new")}>
                  {t("operations.teamForm.add")}
                </button>
              ) : null}
            </div>
            {data.teams.length === 0 ? (
              <p className="muted">{t("operations.board.noTeams")}</p>
            ) : (
              <TeamsTable board={data} onEdit={canAct ? (team) => setTeamForm(team) : undefined} />
            )}
            {teamForm !== "closed" ? (
              <TeamForm
                key={teamForm === "new" ? "new" : teamForm.id}
                siteId={siteId}
                team={teamForm === "new" ? undefined : teamForm}
                onCancel={() => setTeamForm("closed")}
                onDone={(message) => {
                  setTeamForm("closed");
                  changed(message);
                }}
              />
            ) : null}
          </section>

          {data.conflicts.length > 0 && (
            <section className="board-conflicts card" aria-labelledby="board-conflicts">
              <h2 id="board-conflicts">
                {t("operations.conflicts.title", { count: data.conflicts.length })}
              </h2>
              <p className="muted">{t("operations.conflicts.boardHint")}</p>
              <ul className="conflict-list">
                {data.conflicts.map((report) => (
                  <li key={report.id} data-report-id={report.id}>
                    <p>
                      <strong>{labels.outcome(report.outcome)}</strong>
                      {report.markings.length > 0 ? (
                        <>
                          {" · "}
                          <bdi>{report.markings.map((m) => m.label).join(t("common.listSeparator"))}</bdi>
                        </>
                      ) : null}
                      {" · "}
                      {labels.conflict(report.conflictReason)}
                    </p>
                    <p className="muted small">
                      <bdi>{report.submittedBy.name}</bdi> · {format.dateTime(report.receivedAt)} ·{" "}
                      {t("operations.minutes", { count: report.effortMinutes })}
                    </p>
                    {canAct && (
                      <div className="actions">
                        <button
                          type="button"
                          onClick={() =>
                            run(
                              () => opsApi.resolveConflict(report.id, "accept"),
                              t("operations.conflicts.accepted"),
                            )
                          }
                        >
                          {t("operations.conflicts.accept")}
                        </button>
                        <button
                          type="button"
                          onClick={() =>
                            run(
                              () => opsApi.resolveConflict(report.id, "dismiss"),
                              t("operations.conflicts.dismissed"),
                            )
                          }
                        >
                          {t("operations.conflicts.dismiss")}
                        </button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className="board-assignments card" aria-labelledby="board-assignments">
            <div className="section-head">
              <h2 id="board-assignments">{t("operations.board.assignments")}</h2>
              {canAct && (
                <button type="button" aria-expanded={creating} onClick={() => setCreating((v) => !v)}>
                  {creating ? t("common.close") : t("operations.board.new")}
                </button>
              )}
            </div>
            {creating && outline.data && (
              <AssignmentForm
                siteId={siteId}
                teams={teams}
                levels={outline.data.levels}
                allMethods={catalogue.data?.methods ?? []}
                onDone={changed}
              />
            )}
            <div className="status-columns">
              {COLUMNS.map((status) => {
                const list = data.assignments[status];
                const shown =
                  status === "completed" || status === "aborted" ? list.slice(0, FINISHED_SHOWN) : list;
                return (
                  <section
                    key={status}
                    className={`status-column column-${status}`}
                    aria-labelledby={`col-${status}`}
                  >
                    <h3 id={`col-${status}`}>
                      {labels.status(status)} <span className="count">{list.length}</span>
                    </h3>
                    {shown.length === 0 ? (
                      <p className="muted small">{t("operations.board.none")}</p>
                    ) : (
                      <ul>
                        {shown.map((assignment) => (
                          <AssignmentItem
                            key={assignment.id}
                            assignment={assignment}
                            teams={teams}
                            canAct={canAct}
                            onChanged={changed}
                          />
                        ))}
                      </ul>
                    )}
                  </section>
                );
              })}
            </div>
          </section>

          <section className="board-breach card" aria-labelledby="board-breach">
            <h2 id="board-breach">
              {t("operations.breach.title")} <span className="count">{data.openBreachTasks.length}</span>
            </h2>
            {data.openBreachTasks.length === 0 ? (
              <p className="muted">{t("operations.breach.none")}</p>
            ) : (
              <ul className="breach-list">
                {data.openBreachTasks.map((task) => (
                  <li key={task.id} data-breach-task-id={task.id}>
                    <p>
                      <bdi>{task.description}</bdi>
                    </p>
                    <p className="muted small">
                      {t(`operations.breach.status.${task.status}`)}
                      {task.teamId ? (
                        <>
                          {" · "}
                          <bdi>{teams.find((x) => x.id === task.teamId)?.callSign ?? ""}</bdi>
                        </>
                      ) : null}
                      {" · "}
                      {format.dateTime(task.createdAt)}
                    </p>
                    {canAct && (
                      <div className="actions">
                        {task.status === "open" && (
                          <button
                            type="button"
                            onClick={() =>
                              run(
                                () => opsApi.setBreachTaskStatus(task.id, "in_progress"),
                                t("operations.breach.changed"),
                              )
                            }
                          >
                            {t("operations.breach.start")}
                          </button>
                        )}
                        <button
                          type="button"
                          onClick={() =>
                            run(
                              () => opsApi.setBreachTaskStatus(task.id, "done"),
                              t("operations.breach.changed"),
                            )
                          }
                        >
                          {t("operations.breach.done")}
                        </button>
                        <button
                          type="button"
                          onClick={() =>
                            run(
                              () => opsApi.setBreachTaskStatus(task.id, "cancelled"),
                              t("operations.breach.changed"),
                            )
                          }
                        >
                          {t("operations.breach.cancel")}
                        </button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {hasAnyRole(PLANNERS) && (
            <RecommendationsPanel siteId={siteId} canAct={canAct} onAssigned={changed} />
          )}

          <section className="board-log card" aria-labelledby="board-log">
            <h2 id="board-log">{t("operations.log.title")}</h2>
            {log.error && !log.data ? <ErrorMessage error={log.error} /> : null}
            {log.data ? <OpsLog entries={log.data.entries} teams={teams} /> : null}
          </section>
        </div>
      )}
    </div>
  );
}

/**
 * The team leader's phone (`/field`): my assignments with the plan around them, quick outcome buttons and
 * the report form, what is still waiting to be sent, reports in conflict, and the markings to paint.
 *
 * Offline (docs/decisions/ops-offline-field-view.md): the service worker keeps the app shell; my work, the
 * level plans and the capability catalogue are kept in IndexedDB with the time they were fetched; starts,
 * reports and photos go to the outbox (src/offline/outbox.ts) and are sent in order, exactly once, when the
 * server answers. Live events of the teams' sites refresh the list while online.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type LevelPlan } from "../../api/client";
import { type CapabilityCatalogue, type MyWork, opsApi, type Report } from "../../api/operations";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { loadWithCopy } from "../../offline/copies";
import { enqueue, type OutboxItem, type SentReport } from "../../offline/outbox";
import { registerServiceWorker } from "../../offline/register";
import "../../styles/operations.css";
import { useLiveChanges } from "../sites/useLiveChanges";
import { AssignmentCard } from "./AssignmentCard";
import { ConflictList } from "./ConflictList";
import { assignmentName, isolate, useOpsLabels, useWhen } from "./labels";
import { MarkingView } from "./MarkingView";
import { OutboxPanel } from "./OutboxPanel";
import type { SavedReport } from "./ReportForm";
import { concernsTeams } from "./relevance";
import { useOnline } from "./useOnline";
import { useOutbox } from "./useOutbox";
import { useRefreshOnReconnect } from "./useReconnect";

interface FieldData {
  work: MyWork;
  offlineSince: string | null;
  plans: Map<string, LevelPlan>;
  catalogues: Map<string, CapabilityCatalogue>;
}

/** Listens to one site's live events (a component, so that a leader of teams on several sites hears all). */
function SiteListener({
  siteId,
  teamIds,
  onChange,
}: {
  siteId: string;
  teamIds: ReadonlySet<string>;
  onChange(): void;
}) {
  const live = useLiveChanges(siteId, (changes) => {
    if (changes.some((c) => concernsTeams(c, teamIds))) onChange();
  });
  useRefreshOnReconnect(live, onChange);
  return null;
}

export function FieldPage() {
  const { t } = useTranslation();
  const labels = useOpsLabels();
  const when = useWhen();
  const { me } = useSession();
  const online = useOnline();
  const [data, setData] = useState<FieldData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const outbox = useOutbox(me.id, reload);

  useEffect(() => {
    void registerServiceWorker();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` changes when reload() is called
  useEffect(() => {
    let live = true;
    (async () => {
      const work = await loadWithCopy(me.id, "my-work", opsApi.myWork);
      const levelIds = new Set(
        work.value.assignments.flatMap((a) => a.segments.flatMap((s) => (s.levelId ? [s.levelId] : []))),
      );
      const siteIds = new Set(work.value.teams.map((team) => team.siteId));
      const plans = new Map<string, LevelPlan>();
      const catalogues = new Map<string, CapabilityCatalogue>();
      await Promise.all([
        ...[...levelIds].map(async (levelId) => {
          try {
            const plan = await loadWithCopy(me.id, `plan:${levelId}`, () => api.levelPlan(levelId));
            plans.set(levelId, plan.value);
          } catch {
            // No copy and no connection: the card says the plan is missing.
          }
        }),
        ...[...siteIds].map(async (siteId) => {
          try {
            const catalogue = await loadWithCopy(me.id, `capabilities:${siteId}`, () =>
              opsApi.capabilities(siteId),
            );
            catalogues.set(siteId, catalogue.value);
          } catch {
            // Without it the form cannot ask "void found?"; the server will say so if it matters.
          }
        }),
      ]);
      if (live) {
        setData({ work: work.value, offlineSince: work.offlineSince, plans, catalogues });
        setError(null);
      }
    })().catch((reason: unknown) => {
      if (live) setError(reason);
    });
    return () => {
      live = false;
    };
  }, [me.id, generation]);

  const queuedByAssignment = useMemo(() => {
    const map = new Map<string, OutboxItem[]>();
    for (const item of outbox.items)
      map.set(item.assignmentId, [...(map.get(item.assignmentId) ?? []), item]);
    return map;
  }, [outbox.items]);

  const record = async (assignmentId: string, siteId: string, label: string, saved: SavedReport) => {
    await enqueue([
      { kind: "report", userId: me.id, siteId, assignmentId, label, input: saved.input },
      ...saved.photos.map((file, index) => ({
        kind: "photo" as const,
        userId: me.id,
        siteId,
        assignmentId,
        label,
        reportKey: saved.input.idempotencyKey,
        file,
        fileName: file.name || `photo-${index + 1}.jpg`,
      })),
    ]);
    outbox.sendNow();
  };

  const start = async (assignmentId: string, siteId: string, label: string) => {
    await enqueue([
      { kind: "start", userId: me.id, siteId, assignmentId, label, at: new Date().toISOString() },
    ]);
    outbox.sendNow();
  };

  const work = data?.work;
  const teamsById = new Map((work?.teams ?? []).map((team) => [team.id, team]));
  const siteIds = [...new Set((work?.teams ?? []).map((team) => team.siteId))];
  const teamIds = useMemo(() => new Set((work?.teams ?? []).map((team) => team.id)), [work?.teams]);

  // Reports the server answered: this phone's answers first (they carry the markings even offline), then
  // the server's list of my recent reports.
  const answered = useMemo(() => {
    const byId = new Map<string, { report: Report; sent?: SentReport }>();
    for (const sent of outbox.sent) byId.set(sent.report.id, { report: sent.report, sent });
    for (const report of work?.recentReports ?? []) if (!byId.has(report.id)) byId.set(report.id, { report });
    return [...byId.values()].sort((a, b) => b.report.receivedAt.localeCompare(a.report.receivedAt));
  }, [outbox.sent, work?.recentReports]);

  const conflicts = useMemo(() => {
    const byId = new Map<string, Report>();
    for (const report of work?.conflicts ?? []) byId.set(report.id, report);
    // Answers this phone received but the server's list does not show yet (offline since).
    for (const { report } of answered)
      if (report.status === "conflict" && report.resolution === null) byId.set(report.id, report);
    return [...byId.values()];
  }, [work?.conflicts, answered]);

  const reachable = online && !outbox.lastRun?.stoppedOffline;

  return (
    <section className="page field-page" aria-labelledby="field-title">
      {siteIds.map((siteId) => (
        <SiteListener key={siteId} siteId={siteId} teamIds={teamIds} onChange={reload} />
      ))}
      <header className="field-header">
        <h1 id="field-title">{t("operations.field.title")}</h1>
        <p className={`connection ${reachable ? "connection-online" : "connection-offline"}`} role="status">
          <span className="connection-dot" aria-hidden="true" />
          {reachable ? t("operations.field.online") : t("operations.field.offline")}
        </p>
      </header>
      {data?.offlineSince && (
        <p className="notice">{t("operations.field.copyFrom", { time: when(data.offlineSince) })}</p>
      )}

      <OutboxPanel state={outbox} />

      {conflicts.length > 0 && <ConflictList reports={conflicts} />}

      {error && !data ? <ErrorMessage error={error} /> : null}
      {!data && !error ? <p aria-busy="true">{t("common.loading")}</p> : null}

      {work && (
        <section aria-labelledby="field-assignments" className="stack">
          <h2 id="field-assignments">{t("operations.field.assignments")}</h2>
          {work.teams.length === 0 ? (
            <p className="muted">{t("operations.field.noTeam")}</p>
          ) : (
            <p className="muted">
              {t("operations.field.leading", {
                teams: work.teams.map((team) => isolate(team.callSign)).join(t("common.listSeparator")),
              })}
            </p>
          )}
          {work.teams.length > 0 && work.assignments.length === 0 && (
            <p className="notice">{t("operations.field.nothingAssigned")}</p>
          )}
          {work.assignments.map((assignment) => {
            const levelIds = [...new Set(assignment.segments.flatMap((s) => (s.levelId ? [s.levelId] : [])))];
            const label = assignmentName(assignment);
            return (
              <AssignmentCard
                key={assignment.id}
                assignment={assignment}
                team={assignment.teamId ? teamsById.get(assignment.teamId) : undefined}
                plans={levelIds.flatMap((id) => {
                  const plan = data?.plans.get(id);
                  return plan ? [plan] : [];
                })}
                catalogue={data?.catalogues.get(assignment.siteId) ?? null}
                queued={queuedByAssignment.get(assignment.id) ?? []}
                onStart={() => void start(assignment.id, assignment.siteId, label)}
                onSave={(saved) => record(assignment.id, assignment.siteId, label, saved)}
              />
            );
          })}
        </section>
      )}

      {answered.length > 0 && (
        <section aria-labelledby="field-answered" className="stack answered">
          <h2 id="field-answered">{t("operations.field.answered")}</h2>
          {answered.slice(0, 10).map(({ report, sent }) => (
            <article key={report.id} className="card answered-report" data-report-key={report.idempotencyKey}>
              <p>
                <strong>{labels.outcome(report.outcome)}</strong>
                {" · "}
                <span className={`report-status report-${report.status}`}>
                  {t(`operations.reportStatus.${report.status}`)}
                </span>
                {" · "}
                <span className="muted">{when(report.receivedAt)}</span>
                {sent && sent.photos.length > 0 ? (
                  <span className="muted">
                    {" "}
                    · {t("operations.field.photosSent", { count: sent.photos.length })}
                  </span>
                ) : null}
              </p>
              {report.markings.length > 0 && (
                <div className="markings">
                  {report.markings.map((marking) => (
                    <MarkingView key={marking.segmentId} marking={marking} />
                  ))}
                </div>
              )}
            </article>
          ))}
        </section>
      )}
    </section>
  );
}

/**
 * `/tracing/persons/:personId`: a person as the registry knows them — every record of the cluster side by
 * side with its own source (provenance), every status statement with who said it and when, the cluster's
 * status (a conflict is shown, not hidden), the families asking, the person's consents, open proposals,
 * merges (undo for tracing officers) and who touched the records.
 */
import {
  CONSENT_DECISIONS,
  CONSENT_SCOPES,
  type ConsentDecision,
  type ConsentScope,
  type PartialDate,
  PartialDateError,
  PERSON_STATUSES,
  type PersonStatus,
  parsePartialDate,
  STATEMENT_SOURCES,
  type StatementSource,
} from "@athar/registry";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type Merge,
  type PersonPage as PersonPageData,
  type ProposalReport,
  tracingApi,
} from "../../api/tracing";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { FormField } from "./PersonForm";
import {
  Loading,
  NameLines,
  PersonCard,
  StatusBadge,
  TracingPage,
  useNumbers,
  useTracingRoles,
} from "./parts";
import { tracingPaths } from "./paths";
import "../../styles/tracing.css";

const OBTAINED_HOW = ["in_person", "phone", "written", "other"] as const;

export function ProposalReportNote({ report }: { report: ProposalReport }) {
  const { t } = useTranslation();
  return (
    <p className="notice success" role="status">
      {t("tracing.proposals.report", {
        compared: report.compared,
        created: report.created,
        updated: report.updated + report.reopened,
      })}{" "}
      <span className="muted">{t(`tracing.proposals.engine.${report.engine}`)}</span>
    </p>
  );
}

function StatusForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<PersonStatus>("alive");
  const [source, setSource] = useState<StatementSource>("team_observation");
  const [reference, setReference] = useState("");
  const [statedOn, setStatedOn] = useState("");
  const [documented, setDocumented] = useState(false);
  const [note, setNote] = useState("");
  const [dateError, setDateError] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let date: PartialDate | null = null;
    try {
      date = parsePartialDate(statedOn);
      setDateError(false);
    } catch (reason) {
      if (reason instanceof PartialDateError) {
        setDateError(true);
        return;
      }
      throw reason;
    }
    setBusy(true);
    setError(null);
    try {
      await tracingApi.addStatus(personId, {
        status,
        source,
        sourceReference: reference.trim(),
        statedOn: date,
        documented,
        note: note.trim(),
      });
      setReference("");
      setStatedOn("");
      setNote("");
      setDocumented(false);
      onDone();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack compact-form" onSubmit={submit} aria-label={t("tracing.statement.add")}>
      <div className="form-grid">
        <FormField label={t("tracing.statement.status")}>
          <select value={status} onChange={(event) => setStatus(event.target.value as PersonStatus)}>
            {PERSON_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`tracing.status.${s}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("tracing.statement.source")}>
          <select value={source} onChange={(event) => setSource(event.target.value as StatementSource)}>
            {STATEMENT_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`tracing.statementSource.${s}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("tracing.statement.reference")} hint={t("tracing.statement.referenceHint")}>
          <input dir="auto" value={reference} onChange={(event) => setReference(event.target.value)} />
        </FormField>
        <FormField
          label={t("tracing.statement.statedOn")}
          hint={t("tracing.form.dateHint")}
          error={dateError ? t("tracing.form.badDate") : undefined}
        >
          <input dir="auto" value={statedOn} onChange={(event) => setStatedOn(event.target.value)} />
        </FormField>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={documented}
          onChange={(event) => setDocumented(event.target.checked)}
        />
        {t("tracing.statement.documentedLabel")}
      </label>
      <FormField label={t("tracing.statement.note")}>
        <textarea dir="auto" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
      </FormField>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t("tracing.statement.add")}
        </button>
      </div>
    </form>
  );
}

function ConsentForm({ page, onDone }: { page: PersonPageData; onDone: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<ConsentDecision>("granted");
  const [scopes, setScopes] = useState<ConsentScope[]>(["alive_and_safe"]);
  const [inquiryId, setInquiryId] = useState("");
  const [obtainedHow, setObtainedHow] = useState<(typeof OBTAINED_HOW)[number]>("in_person");
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (scope: ConsentScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await tracingApi.addConsent(page.person.id, {
        decision,
        scopes,
        inquiryId: inquiryId === "" ? null : inquiryId,
        obtainedHow,
        note: note.trim(),
      });
      setNote("");
      onDone();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack compact-form" onSubmit={submit} aria-label={t("tracing.consent.add")}>
      <div className="form-grid">
        <FormField label={t("tracing.consent.decision")}>
          <select value={decision} onChange={(event) => setDecision(event.target.value as ConsentDecision)}>
            {CONSENT_DECISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`tracing.consent.decisions.${d}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("tracing.consent.forWhom")}>
          <select value={inquiryId} onChange={(event) => setInquiryId(event.target.value)}>
            <option value="">{t("tracing.consent.anyFamily")}</option>
            {page.inquiries.map((inquiry) => (
              <option key={inquiry.id} value={inquiry.id}>
                {t("tracing.consent.oneInquiry", {
                  relationship: t(`tracing.relationship.${inquiry.relationship}`),
                  id: inquiry.id.slice(0, 8),
                })}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("tracing.consent.obtainedHow")}>
          <select
            value={obtainedHow}
            onChange={(event) => setObtainedHow(event.target.value as (typeof OBTAINED_HOW)[number])}
          >
            {OBTAINED_HOW.map((how) => (
              <option key={how} value={how}>
                {t(`tracing.consent.how.${how}`)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <fieldset>
        <legend>{t("tracing.consent.scopes")}</legend>
        {CONSENT_SCOPES.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
            />
            {t(`tracing.consent.scope.${scope}`)}
          </label>
        ))}
      </fieldset>
      <FormField label={t("tracing.consent.note")}>
        <textarea dir="auto" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
      </FormField>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || scopes.length === 0}>
          {t("tracing.consent.add")}
        </button>
      </div>
    </form>
  );
}

/** Undoing a merge: a reason, then the call; a later merge that must go first is named by the server. */
export function UndoMerge({ merge, onDone }: { merge: Merge; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t("tracing.merge.undo")}
      </button>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await tracingApi.undoMerge(merge.id, reason.trim());
      setOpen(false);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="confirm stack" onSubmit={submit} aria-label={t("tracing.merge.undo")}>
      <p>{t("tracing.merge.undoExplain")}</p>
      <FormField label={t("tracing.merge.undoReason")}>
        <textarea
          dir="auto"
          rows={2}
          required
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </FormField>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="danger" disabled={busy || reason.trim() === ""}>
          {t("tracing.merge.undoConfirm")}
        </button>
        <button type="button" onClick={() => setOpen(false)} disabled={busy}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export function PersonPage({ params }: PageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const numbers = useNumbers();
  const roles = useTracingRoles();
  const personId = params.personId ?? "";
  const loaded = useLoad(() => tracingApi.person(personId), [personId]);
  const [report, setReport] = useState<ProposalReport | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const page = loaded.data;

  const propose = async () => {
    setBusy(true);
    setActionError(null);
    try {
      setReport(await tracingApi.proposeForPerson(personId));
      loaded.reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  if (!page)
    return <TracingPage>{loaded.error ? <ErrorMessage error={loaded.error} /> : <Loading />}</TracingPage>;

  const members = page.cluster.members;
  const memberName = (id: string) => members.find((m) => m.id === id)?.displayName ?? id.slice(0, 8);
  return (
    <TracingPage wide className="person-page">
      <nav className="breadcrumbs" aria-label={t("tracing.breadcrumbs")}>
        <Link href={tracingPaths.registry()}>{t("tracing.registry.title")}</Link>
      </nav>
      <header className="person-header">
        <h1>
          <NameLines person={page.person} />
        </h1>
        <StatusBadge status={page.cluster.status.status} conflicting={page.cluster.status.conflicting} />
      </header>
      {page.cluster.status.conflicting ? (
        <p className="notice danger" role="alert">
          {t("tracing.person.conflictWarning")}
        </p>
      ) : null}
      <div className="actions">
        <Link className="tracing-button" href={tracingPaths.personEdit(page.person.id)}>
          {t("tracing.person.edit")}
        </Link>
        <button type="button" onClick={propose} disabled={busy}>
          {t("tracing.person.findMatches")}
        </button>
      </div>
      {report ? <ProposalReportNote report={report} /> : null}
      {actionError ? <ErrorMessage error={actionError} /> : null}

      <div className="person-layout">
        <section aria-labelledby="records-title" className="person-main">
          <h2 id="records-title">{t("tracing.person.records", { count: members.length })}</h2>
          {members.length > 1 ? <p className="muted">{t("tracing.person.recordsExplain")}</p> : null}
          <div className="record-grid">
            {members.map((member) => (
              <PersonCard
                key={member.id}
                person={member}
                current={member.id === page.person.id}
                heading={
                  <h3>
                    {member.id === page.person.id ? (
                      <NameLines person={member} />
                    ) : (
                      <Link href={tracingPaths.person(member.id)}>
                        <NameLines person={member} />
                      </Link>
                    )}
                  </h3>
                }
              />
            ))}
          </div>
        </section>

        <div className="person-side">
          <section aria-labelledby="add-status-title" className="panel">
            <details>
              <summary>
                <h2 id="add-status-title">{t("tracing.statement.add")}</h2>
              </summary>
              <p className="muted">{t("tracing.statement.addExplain")}</p>
              <StatusForm personId={page.person.id} onDone={loaded.reload} />
            </details>
          </section>

          <section aria-labelledby="inquiries-title" className="panel">
            <h2 id="inquiries-title">{t("tracing.person.inquiries")}</h2>
            {page.inquiries.length === 0 ? (
              <p className="muted">{t("tracing.person.noInquiries")}</p>
            ) : (
              <ul className="plain-list">
                {page.inquiries.map((inquiry) => (
                  <li key={inquiry.id}>
                    <Link href={tracingPaths.inquiry(inquiry.id)}>
                      {t("tracing.inquiry.summaryLine", {
                        relationship: t(`tracing.relationship.${inquiry.relationship}`),
                        date: format.date(inquiry.createdAt),
                      })}
                    </Link>{" "}
                    <span className={`inquiry-status inquiry-${inquiry.status}`}>
                      {t(`tracing.inquiryStatus.${inquiry.status}`)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="consents-title" className="panel">
            <h2 id="consents-title">{t("tracing.consent.title")}</h2>
            <p className="muted">{t("tracing.consent.explain")}</p>
            {page.consents.length === 0 ? (
              <p className="muted">{t("tracing.consent.none")}</p>
            ) : (
              <ul className="plain-list consent-list">
                {page.consents.map((consent) => (
                  <li key={consent.id}>
                    <strong>{t(`tracing.consent.decisions.${consent.decision}`)}</strong>
                    {": "}
                    {consent.scopes
                      .map((s) => t(`tracing.consent.scope.${s}`))
                      .join(t("common.listSeparator"))}
                    {" · "}
                    {consent.inquiryId ? t("tracing.consent.forOneInquiry") : t("tracing.consent.anyFamily")}
                    {" · "}
                    {t(`tracing.consent.how.${consent.obtainedHow}`)}
                    <span className="muted">
                      {" · "}
                      {t("tracing.statement.recorded", {
                        who: consent.recordedBy,
                        when: format.dateTime(consent.recordedAt),
                      })}
                    </span>
                    {consent.note ? (
                      <span className="statement-note">
                        <bdi>{consent.note}</bdi>
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {roles.mayReadContact ? (
              <details>
                <summary>{t("tracing.consent.add")}</summary>
                <ConsentForm page={page} onDone={loaded.reload} />
              </details>
            ) : (
              <p className="muted">{t("tracing.consent.onlyContactReaders")}</p>
            )}
          </section>

          <section aria-labelledby="proposals-title" className="panel">
            <h2 id="proposals-title">{t("tracing.person.proposals")}</h2>
            {page.candidates.length === 0 ? (
              <p className="muted">{t("tracing.person.noProposals")}</p>
            ) : (
              <ul className="plain-list">
                {page.candidates.map((candidate) => (
                  <li key={candidate.id}>
                    <Link href={tracingPaths.reviewItem(candidate.id)}>
                      {t(`tracing.review.kind.${candidate.kind}`)} · {numbers.percent(candidate.probability)}
                    </Link>{" "}
                    {candidate.guarded ? (
                      <span className="guard-chip">{t("tracing.review.possibleSiblings")}</span>
                    ) : null}
                    <span className="muted"> · {t(`tracing.candidateState.${candidate.state}`)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="merges-title" className="panel">
            <h2 id="merges-title">{t("tracing.merge.title")}</h2>
            {page.merges.length === 0 ? (
              <p className="muted">{t("tracing.merge.none")}</p>
            ) : (
              <ul className="plain-list merge-list">
                {page.merges.map((merge) => (
                  <li key={merge.id}>
                    <p>
                      {t("tracing.merge.line", {
                        who: merge.createdBy,
                        when: format.dateTime(merge.createdAt),
                        count: merge.memberIds.length,
                      })}
                    </p>
                    <p className="muted">{merge.memberIds.map(memberName).join(t("common.listSeparator"))}</p>
                    {merge.reason ? (
                      <p>
                        {t("tracing.merge.reason")}: <bdi>{merge.reason}</bdi>
                      </p>
                    ) : null}
                    {merge.undoneAt ? (
                      <p className="muted">
                        {t("tracing.merge.undone", {
                          who: merge.undoneBy ?? "",
                          when: format.dateTime(merge.undoneAt),
                        })}
                        {merge.undoReason ? (
                          <>
                            {": "}
                            <bdi>{merge.undoReason}</bdi>
                          </>
                        ) : null}
                      </p>
                    ) : roles.isOfficer ? (
                      <UndoMerge merge={merge} onDone={loaded.reload} />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="history-title" className="panel">
            <details>
              <summary>
                <h2 id="history-title">{t("tracing.person.history")}</h2>
              </summary>
              <ul className="plain-list history-list">
                {page.history.map((entry, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, replaced as a whole
                  <li key={index}>
                    <span className="muted">{format.dateTime(entry.at)}</span> · <bdi>{entry.actorName}</bdi>{" "}
                    · <code dir="ltr">{entry.action}</code>
                    {entry.personId && entry.personId !== page.person.id ? (
                      <span className="muted"> · {memberName(entry.personId)}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </details>
          </section>
        </div>
      </div>
    </TracingPage>
  );
}

/**
 * `/tracing/inquiries/:inquiryId`: one family's inquiry — who asks (contact details only for the roles that
 * may see them), what they know (the sought person's record), the processing status the family sees on the
 * public status page, the proposed matches with a link to review each, and (for contact readers) what the
 * disclosure rules allow telling the family and the messages drafted for them.
 */
import { INQUIRY_STATUSES, type InquiryStatus, type InquiryView } from "@athar/registry";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ProposalReport, tracingApi } from "../../api/tracing";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { DisclosurePanel } from "./disclosure";
import { OutboxList } from "./OutboxPage";
import { FormField } from "./PersonForm";
import { ProposalReportNote } from "./PersonPage";
import {
  Loading,
  NameLines,
  PersonCard,
  SourceLine,
  StatusBadge,
  TracingPage,
  useNumbers,
  useTracingRoles,
} from "./parts";
import { tracingPaths } from "./paths";
import "../../styles/tracing.css";

function StatusChange({ inquiry, onDone }: { inquiry: InquiryView; onDone: () => void }) {
  const { t } = useTranslation();
  const choices = INQUIRY_STATUSES.filter((s) => s !== inquiry.status);
  const [status, setStatus] = useState<InquiryStatus>(choices[0] ?? "in_progress");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await tracingApi.setInquiryStatus(inquiry.id, status, reason.trim());
      setReason("");
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack compact-form" onSubmit={submit} aria-label={t("tracing.inquiry.changeStatus")}>
      <p className="notice">{t("tracing.inquiry.statusWarning")}</p>
      <div className="form-grid">
        <FormField label={t("tracing.inquiry.newStatus")}>
          <select value={status} onChange={(event) => setStatus(event.target.value as InquiryStatus)}>
            {choices.map((s) => (
              <option key={s} value={s}>
                {t(`tracing.inquiryStatus.${s}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          label={t("tracing.inquiry.statusReason")}
          hint={status === "closed" ? t("tracing.inquiry.closeNeedsReason") : undefined}
        >
          <input dir="auto" value={reason} onChange={(event) => setReason(event.target.value)} />
        </FormField>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={busy || (status === "closed" && reason.trim() === "")}
        >
          {t("tracing.inquiry.changeStatus")}
        </button>
      </div>
    </form>
  );
}

function Requester({ inquiry }: { inquiry: InquiryView }) {
  const { t } = useTranslation();
  if (inquiry.requester.redacted) {
    return (
      <p className="restricted-note">
        <span className="lock-mark" aria-hidden="true" />
        {t("tracing.inquiry.requesterHidden")}
      </p>
    );
  }
  const r = inquiry.requester.value;
  return (
    <dl className="facts">
      <div>
        <dt>{t("tracing.intake.name")}</dt>
        <dd>
          <bdi>{r.name}</bdi>
        </dd>
      </div>
      {r.phone ? (
        <div>
          <dt>{t("tracing.intake.phone")}</dt>
          <dd>
            <bdi dir="ltr">{r.phone}</bdi>
          </dd>
        </div>
      ) : null}
      {r.email ? (
        <div>
          <dt>{t("tracing.intake.email")}</dt>
          <dd>
            <bdi dir="ltr">{r.email}</bdi>
          </dd>
        </div>
      ) : null}
      {r.address ? (
        <div>
          <dt>{t("tracing.intake.address")}</dt>
          <dd>
            <bdi>{r.address}</bdi>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t("tracing.intake.preferredChannel")}</dt>
        <dd>
          {t(`tracing.contactChannel.${r.preferredChannel}`)} ·{" "}
          {t(`tracing.requesterLanguage.${r.preferredLanguage}`)}
        </dd>
      </div>
      {r.contactNotes ? (
        <div>
          <dt>{t("tracing.intake.contactNotes")}</dt>
          <dd>
            <bdi>{r.contactNotes}</bdi>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function Candidates({ inquiryId, reloadKey }: { inquiryId: string; reloadKey: number }) {
  const { t } = useTranslation();
  const numbers = useNumbers();
  const loaded = useLoad(
    () => tracingApi.review({ inquiryId, state: "open,unsure,accepted", limit: 50 }),
    [inquiryId, reloadKey],
  );
  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  if (loaded.data.items.length === 0) return <p className="muted">{t("tracing.inquiry.noCandidates")}</p>;
  return (
    <ul className="candidate-cards">
      {loaded.data.items.map(({ candidate, right }) => (
        <li key={candidate.id} className={`candidate-card state-${candidate.state}`}>
          <div className="candidate-main">
            <Link href={tracingPaths.reviewItem(candidate.id)} className="candidate-link">
              <NameLines person={right} />
            </Link>
            <SourceLine source={right.source} />
          </div>
          <div className="candidate-side">
            <span className="probability">
              {t("tracing.review.probabilityShort", { value: numbers.percent(candidate.probability) })}
            </span>
            {candidate.guarded ? (
              <span className="guard-chip">{t("tracing.review.possibleSiblings")}</span>
            ) : null}
            <span className={`candidate-state state-${candidate.state}`}>
              {t(`tracing.candidateState.${candidate.state}`)}
            </span>
            <StatusBadge status={right.currentStatus.status} conflicting={right.currentStatus.conflicting} />
            <Link className="tracing-button" href={tracingPaths.reviewItem(candidate.id)}>
              {candidate.state === "accepted" ? t("tracing.inquiry.seeMatch") : t("tracing.inquiry.review")}
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function InquiryPage({ params }: PageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const roles = useTracingRoles();
  const inquiryId = params.inquiryId ?? "";
  const loaded = useLoad(() => tracingApi.inquiry(inquiryId), [inquiryId]);
  const [reloadKey, setReloadKey] = useState(0);
  const [report, setReport] = useState<ProposalReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const outbox = useLoad(
    () =>
      roles.mayReadContact
        ? tracingApi.outbox({ inquiryId, limit: 50 })
        : Promise.resolve({ messages: [], total: 0 }),
    [inquiryId, roles.mayReadContact],
  );
  const page = loaded.data;

  const propose = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await tracingApi.proposeForInquiry(inquiryId));
      setReloadKey((n) => n + 1);
      loaded.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (!page)
    return <TracingPage>{loaded.error ? <ErrorMessage error={loaded.error} /> : <Loading />}</TracingPage>;
  const { inquiry, soughtPerson } = page;

  return (
    <TracingPage wide className="inquiry-page">
      <nav className="breadcrumbs" aria-label={t("tracing.breadcrumbs")}>
        <Link href={tracingPaths.inquiries()}>{t("tracing.inquiries.title")}</Link>
      </nav>
      <header className="person-header">
        <h1>
          <span className="title-kicker">{t("tracing.inquiry.title")}</span>{" "}
          <NameLines person={soughtPerson} />
        </h1>
        <span className={`inquiry-status inquiry-${inquiry.status}`}>
          {t(`tracing.inquiryStatus.${inquiry.status}`)}
        </span>
      </header>
      <p className="muted">
        {t("tracing.inquiry.received", {
          channel: t(`tracing.channel.${inquiry.channel}`),
          date: format.dateTime(inquiry.createdAt),
        })}
        {inquiry.closedReason ? ` · ${inquiry.closedReason}` : ""}
      </p>

      <div className="inquiry-layout">
        <div className="stack">
          <section className="panel" aria-labelledby="matches-title">
            <div className="page-title-row">
              <h2 id="matches-title">{t("tracing.inquiry.candidates")}</h2>
              <button type="button" onClick={propose} disabled={busy}>
                {t("tracing.inquiry.findMatches")}
              </button>
            </div>
            {inquiry.channel === "public_form" ? (
              <p className="muted">{t("tracing.inquiry.publicTriage")}</p>
            ) : null}
            {report ? <ProposalReportNote report={report} /> : null}
            {error ? <ErrorMessage error={error} /> : null}
            <Candidates inquiryId={inquiry.id} reloadKey={reloadKey} />
          </section>

          <section className="panel" aria-labelledby="known-title">
            <h2 id="known-title">{t("tracing.inquiry.whatTheyKnow")}</h2>
            <PersonCard
              person={soughtPerson}
              heading={
                <h3>
                  <Link href={tracingPaths.person(soughtPerson.id)}>
                    <NameLines person={soughtPerson} />
                  </Link>
                </h3>
              }
            />
            {inquiry.circumstances ? (
              <>
                <h3>{t("tracing.intake.circumstances")}</h3>
                <p className="description">
                  <bdi>{inquiry.circumstances}</bdi>
                </p>
              </>
            ) : null}
          </section>
        </div>

        <div className="stack">
          <section className="panel" aria-labelledby="requester-title">
            <h2 id="requester-title">{t("tracing.inquiry.requester")}</h2>
            <p>
              {t("tracing.intake.relationship")}:{" "}
              <strong>{t(`tracing.relationship.${inquiry.relationship}`)}</strong>
            </p>
            <Requester inquiry={inquiry} />
            <h3>{t("tracing.intake.consent")}</h3>
            <ul className="plain-list consent-flags">
              <li>
                <span aria-hidden="true">✓ </span>
                {t("tracing.intake.storeAndProcess")}
              </li>
              <li>
                <span aria-hidden="true">{inquiry.consent.shareContactWithFoundPerson ? "✓ " : "✕ "}</span>
                {inquiry.consent.shareContactWithFoundPerson
                  ? t("tracing.inquiry.shareContactYes")
                  : t("tracing.inquiry.shareContactNo")}
              </li>
              <li>
                <span aria-hidden="true">{inquiry.consent.shareWithPartners ? "✓ " : "✕ "}</span>
                {inquiry.consent.shareWithPartners
                  ? t("tracing.inquiry.sharePartnersYes")
                  : t("tracing.inquiry.sharePartnersNo")}
              </li>
            </ul>
          </section>

          <section className="panel" aria-labelledby="status-title">
            <h2 id="status-title">{t("tracing.inquiry.statusTitle")}</h2>
            <StatusChange key={inquiry.status} inquiry={inquiry} onDone={loaded.reload} />
          </section>
        </div>
      </div>
      {roles.mayReadContact ? (
        <section className="panel" aria-labelledby="disclosure-title">
          <h2 id="disclosure-title">{t("tracing.disclosure.title")}</h2>
          <DisclosurePanel key={reloadKey} inquiryId={inquiry.id} onDrafted={outbox.reload} />
          <h3>{t("tracing.outbox.forInquiry")}</h3>
          {outbox.data ? (
            <OutboxList messages={outbox.data.messages} onChanged={outbox.reload} showInquiry={false} />
          ) : outbox.error ? (
            <ErrorMessage error={outbox.error} />
          ) : (
            <Loading />
          )}
        </section>
      ) : null}
    </TracingPage>
  );
}

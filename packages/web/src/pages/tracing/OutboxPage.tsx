/**
 * `/tracing/outbox` (tracing officers and family liaisons): messages to families. Each was drafted only
 * because the disclosure rules allowed it (the basis is shown); a tracing officer other than its author
 * approves it, and whoever delivered it marks it sent. Athar sends nothing itself. The rules are checked
 * again at each step, so a consent withdrawn in between stops a message.
 */
import { OUTBOX_STATES, type OutboxMessage, type OutboxState } from "@athar/registry";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { tracingApi } from "../../api/tracing";
import { Link, navigate } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { Reason } from "./disclosure";
import { FormField } from "./PersonForm";
import { Loading, TracingPage, useTracingRoles } from "./parts";
import { tracingPaths } from "./paths";
import "../../styles/tracing.css";

function MessageActions({ message, onChanged }: { message: OutboxMessage; onChanged: () => void }) {
  const { t } = useTranslation();
  const roles = useTracingRoles();
  const { me } = useSession();
  const ownDraft = message.createdBy === me.username;
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setCancelling(false);
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const cancel = (event: FormEvent) => {
    event.preventDefault();
    void run(() => tracingApi.cancel(message.id, reason.trim()));
  };
  if (message.state === "sent" || message.state === "cancelled") return null;
  return (
    <div className="stack">
      <div className="actions">
        {message.state === "draft" && roles.isOfficer && !ownDraft ? (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => run(() => tracingApi.approve(message.id))}
          >
            {t("tracing.outbox.approve")}
          </button>
        ) : null}
        {message.state === "approved" ? (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => run(() => tracingApi.markSent(message.id))}
          >
            {t("tracing.outbox.markSent")}
          </button>
        ) : null}
        {!cancelling ? (
          <button type="button" className="danger" disabled={busy} onClick={() => setCancelling(true)}>
            {t("tracing.outbox.cancel")}
          </button>
        ) : null}
      </div>
      {message.state === "draft" ? (
        <p className="muted">{ownDraft ? t("tracing.outbox.ownDraft") : t("tracing.outbox.fourEyes")}</p>
      ) : null}
      {cancelling ? (
        <form className="confirm stack" onSubmit={cancel} aria-label={t("tracing.outbox.cancel")}>
          <FormField label={t("tracing.outbox.cancelReason")}>
            <textarea
              dir="auto"
              rows={2}
              required
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </FormField>
          <div className="actions">
            <button type="submit" className="danger" disabled={busy || reason.trim() === ""}>
              {t("tracing.outbox.cancelConfirm")}
            </button>
            <button type="button" onClick={() => setCancelling(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}

export function OutboxList({
  messages,
  onChanged,
  showInquiry,
}: {
  messages: readonly OutboxMessage[];
  onChanged: () => void;
  showInquiry: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (messages.length === 0) return <p className="muted">{t("tracing.outbox.none")}</p>;
  return (
    <ul className="message-list">
      {messages.map((message) => (
        <li key={message.id} className={`message-card state-${message.state}`}>
          <header className="message-head">
            <strong>{t(`tracing.disclosureKind.${message.kind}`)}</strong>
            <span className={`message-state state-${message.state}`}>
              {t(`tracing.outboxState.${message.state}`)}
            </span>
          </header>
          <dl className="facts">
            <div>
              <dt>{t("tracing.outbox.to")}</dt>
              <dd>
                <bdi>{message.recipient.name}</bdi> · {t(`tracing.contactChannel.${message.channel}`)}{" "}
                {message.recipient.address ? <bdi dir="ltr">{message.recipient.address}</bdi> : null}
              </dd>
            </div>
            {showInquiry ? (
              <div>
                <dt>{t("tracing.outbox.inquiry")}</dt>
                <dd>
                  <Link href={tracingPaths.inquiry(message.inquiryId)}>
                    {t("tracing.outbox.openInquiry")}
                  </Link>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t("tracing.outbox.basis")}</dt>
              <dd>
                <ul className="plain-list">
                  {message.basis.reasons.map((reason) => (
                    <li key={reason}>
                      <Reason reason={reason} />
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t("tracing.outbox.drafted")}</dt>
              <dd>
                <bdi>{message.createdBy}</bdi> · {format.dateTime(message.createdAt)}
              </dd>
            </div>
            {message.approvedAt ? (
              <div>
                <dt>{t("tracing.outbox.approved")}</dt>
                <dd>
                  <bdi>{message.approvedBy ?? ""}</bdi> · {format.dateTime(message.approvedAt)}
                </dd>
              </div>
            ) : null}
            {message.sentAt ? (
              <div>
                <dt>{t("tracing.outbox.sent")}</dt>
                <dd>
                  <bdi>{message.sentBy ?? ""}</bdi> · {format.dateTime(message.sentAt)}
                </dd>
              </div>
            ) : null}
            {message.cancelledAt ? (
              <div>
                <dt>{t("tracing.outbox.cancelled")}</dt>
                <dd>
                  <bdi>{message.cancelledBy ?? ""}</bdi> · {format.dateTime(message.cancelledAt)} ·{" "}
                  <bdi>{message.cancelReason}</bdi>
                </dd>
              </div>
            ) : null}
          </dl>
          <blockquote className="message-body">
            <bdi>{message.body}</bdi>
          </blockquote>
          <MessageActions message={message} onChanged={onChanged} />
        </li>
      ))}
    </ul>
  );
}

export function OutboxPage({ query }: PageProps) {
  const { t } = useTranslation();
  const stateParam = query.get("state");
  const state = (OUTBOX_STATES as readonly string[]).includes(stateParam ?? "")
    ? (stateParam as OutboxState)
    : undefined;
  const loaded = useLoad(() => tracingApi.outbox({ state, limit: 100 }), [state]);
  const setState = (value: string) => {
    const next = new URLSearchParams(query);
    if (value === "") next.delete("state");
    else next.set("state", value);
    const text = next.toString();
    navigate(text ? `${tracingPaths.outbox()}?${text}` : tracingPaths.outbox());
  };
  return (
    <TracingPage>
      <h1>{t("tracing.outbox.title")}</h1>
      <p className="muted">{t("tracing.outbox.explain")}</p>
      <div className="filters form-grid">
        <FormField label={t("tracing.outbox.state")}>
          <select value={state ?? ""} onChange={(event) => setState(event.target.value)}>
            <option value="">{t("tracing.registry.any")}</option>
            {OUTBOX_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`tracing.outboxState.${s}`)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      {loaded.error ? <ErrorMessage error={loaded.error} /> : null}
      {loaded.data ? (
        <>
          <p role="status">{t("tracing.outbox.count", { count: loaded.data.total })}</p>
          <OutboxList messages={loaded.data.messages} onChanged={loaded.reload} showInquiry />
        </>
      ) : (
        !loaded.error && <Loading />
      )}
    </TracingPage>
  );
}

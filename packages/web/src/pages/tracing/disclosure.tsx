/**
 * What the disclosure rules allow telling a family (docs/decisions/tracing-disclosure.md), and drafting a
 * message to the outbox. The server gives its reasons in English sentences; the known ones are shown in the
 * page's language, anything else as the server wrote it (marked as English).
 */
import { CONTACT_CHANNELS, type ContactChannel, type DisclosureKind } from "@athar/registry";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type DisclosureAssessment, tracingApi } from "../../api/tracing";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import type { TranslationKey } from "../../i18n/keys";
import { FormField } from "./PersonForm";
import { Loading } from "./parts";
import { matchReason } from "./reasons";

/** The server's reason in the page's language when it is one of the rules' sentences; null otherwise. */
export function useReasonText(): (reason: string) => string | null {
  const { t, i18n } = useTranslation();
  return (reason) => {
    const matched = matchReason(reason);
    if (matched) {
      const [key, values] = matched;
      const resolved: Record<string, string> = {};
      for (const [name, value] of Object.entries(values)) {
        resolved[name] =
          typeof value === "string"
            ? value
            : i18n.exists(value.key)
              ? String(t(value.key as TranslationKey))
              : value.fallback;
      }
      // Every reason key takes plain string values; one stands for all in the type.
      return String(t(key as "tracing.reason.wrongStatus", resolved as { status: string; expected: string }));
    }
    return null;
  };
}

export function Reason({ reason }: { reason: string }) {
  const translated = useReasonText()(reason);
  return translated ? (
    <span>{translated}</span>
  ) : (
    <span lang="en" dir="ltr">
      {reason}
    </span>
  );
}

function AssessmentTable({ assessments }: { assessments: readonly DisclosureAssessment[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="tracing-table disclosure-table">
        <thead>
          <tr>
            <th scope="col">{t("tracing.disclosure.kind")}</th>
            <th scope="col">{t("tracing.disclosure.allowed")}</th>
            <th scope="col">{t("tracing.disclosure.why")}</th>
          </tr>
        </thead>
        <tbody>
          {assessments.map((a) => (
            <tr key={a.kind} className={a.allowed ? "allowed" : "refused"}>
              <th scope="row">{t(`tracing.disclosureKind.${a.kind}`)}</th>
              <td>
                <span className={`allow-chip ${a.allowed ? "yes" : "no"}`}>
                  <span aria-hidden="true">{a.allowed ? "✓" : "✕"}</span>{" "}
                  {a.allowed ? t("tracing.disclosure.yes") : t("tracing.disclosure.no")}
                </span>
              </td>
              <td>
                <ul className="plain-list">
                  {a.reasons.map((reason) => (
                    <li key={reason}>
                      <Reason reason={reason} />
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The rules' answer for this inquiry and channel, and the form that drafts a message they allow. */
export function DisclosurePanel({ inquiryId, onDrafted }: { inquiryId: string; onDrafted: () => void }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<ContactChannel>("phone");
  const assessed = useLoad(() => tracingApi.disclosure(inquiryId, channel), [inquiryId, channel]);
  const allowed = assessed.data?.assessments.filter((a) => a.allowed).map((a) => a.kind) ?? [];
  const [kind, setKind] = useState<DisclosureKind>("inquiry_update");
  const [body, setBody] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const chosen = allowed.includes(kind) ? kind : (allowed[0] ?? "inquiry_update");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await tracingApi.draft({ inquiryId, kind: chosen, channel, body: body.trim() });
      setBody("");
      setDone(true);
      onDrafted();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <p className="muted">{t("tracing.disclosure.explain")}</p>
      <FormField label={t("tracing.disclosure.channel")}>
        <select value={channel} onChange={(event) => setChannel(event.target.value as ContactChannel)}>
          {CONTACT_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`tracing.contactChannel.${c}`)}
            </option>
          ))}
        </select>
      </FormField>
      {assessed.error ? <ErrorMessage error={assessed.error} /> : null}
      {assessed.data ? <AssessmentTable assessments={assessed.data.assessments} /> : <Loading />}
      <form className="stack compact-form" onSubmit={submit} aria-label={t("tracing.disclosure.draftTitle")}>
        <h3>{t("tracing.disclosure.draftTitle")}</h3>
        <FormField label={t("tracing.disclosure.kind")}>
          <select value={chosen} onChange={(event) => setKind(event.target.value as DisclosureKind)}>
            {allowed.map((k) => (
              <option key={k} value={k}>
                {t(`tracing.disclosureKind.${k}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("tracing.disclosure.body")} hint={t("tracing.disclosure.bodyHint")}>
          <textarea
            dir="auto"
            rows={4}
            required
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        </FormField>
        {error ? <ErrorMessage error={error} /> : null}
        {done ? (
          <p className="notice success" role="status">
            {t("tracing.disclosure.drafted")}
          </p>
        ) : null}
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={busy || body.trim() === "" || allowed.length === 0}
          >
            {t("tracing.disclosure.draft")}
          </button>
        </div>
      </form>
    </div>
  );
}

/**
 * `/inquiry/status` (no account): the family types its receipt code and sees how far the tracing team has
 * got with the inquiry — received, in progress, or closed — and nothing else. The status is the one staff
 * set by hand; it says nothing about the person sought, and accepting a match does not move it. The code
 * goes in the request body, never in the address, so that it stays out of logs and browser history.
 */
import type { PublicInquiryStatus } from "@athar/registry";
import { canonicalReceiptCode } from "@athar/registry";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { publicApi } from "../../api/tracing";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FormField } from "../tracing/PersonForm";
import { tracingPaths } from "../tracing/paths";
import { PublicLayout } from "./PublicLayout";

const STATUS_MARK = { received: "1", in_progress: "2", closed: "3" } as const;

export function PublicStatusPage(_props: PageProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [malformed, setMalformed] = useState(false);
  const [status, setStatus] = useState<PublicInquiryStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    if (canonicalReceiptCode(code) === null) {
      setMalformed(true);
      return;
    }
    setMalformed(false);
    setBusy(true);
    try {
      setStatus(await publicApi.status(code.trim()));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const apiError = error instanceof ApiError ? error : null;
  return (
    <PublicLayout>
      <div className="public-page narrow">
        <h1>{t("tracing.public.statusTitle")}</h1>
        <p>{t("tracing.public.statusIntro")}</p>
        <form className="stack" onSubmit={submit} noValidate>
          <FormField
            label={t("tracing.public.code")}
            hint={t("tracing.public.codeHint")}
            error={malformed ? t("tracing.public.codeMalformed") : undefined}
          >
            <input
              className="code-input"
              dir="ltr"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </FormField>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || code.trim() === ""}>
              {t("tracing.public.check")}
            </button>
          </div>
        </form>
        {apiError?.code === "not_found" ? (
          <p className="error-message" role="alert">
            {t("tracing.public.unknownCode")}
          </p>
        ) : apiError?.code === "rate_limited" ? (
          <p className="error-message" role="alert">
            {t("tracing.public.tooManyChecks")}
          </p>
        ) : error ? (
          <ErrorMessage error={error} />
        ) : null}
        {status ? (
          <section
            className={`public-status status-${status.status}`}
            aria-live="polite"
            aria-labelledby="public-status-title"
          >
            <h2 id="public-status-title">
              <span className="step-mark" aria-hidden="true">
                {STATUS_MARK[status.status]}
              </span>{" "}
              {t(`tracing.public.status.${status.status}.title`)}
            </h2>
            <p>{t(`tracing.public.status.${status.status}.text`)}</p>
            <ol className="status-steps">
              {(["received", "in_progress", "closed"] as const).map((s) => (
                <li key={s} aria-current={s === status.status ? "step" : undefined}>
                  {t(`tracing.public.status.${s}.title`)}
                </li>
              ))}
            </ol>
            <p className="muted">{t("tracing.public.statusNothingElse")}</p>
          </section>
        ) : null}
        <p>
          <Link href={tracingPaths.publicInquiry()}>{t("tracing.public.toForm")}</Link>
        </p>
      </div>
    </PublicLayout>
  );
}

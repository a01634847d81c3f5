/**
 * The coverage report of a site (`/sites/:siteId/search/report`): a preview of the printable report in the
 * chosen language, a button that opens it on its own to print, a PDF download, and the search log the report
 * was computed from (so that anyone can check it with `athar search report --verify`).
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorFromBody } from "../../api/client";
import { searchApi } from "../../api/search";
import { Link } from "../../app/router";
import { type PageProps, paths } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { isLanguage, type Language } from "../../i18n";
import "../../styles/search.css";
import { SiteViewTabs } from "../site-analysis/SiteViewTabs";
import { LiveIndicator } from "../sites/LiveIndicator";
import { useLiveChanges } from "../sites/useLiveChanges";

// i18n-ignore: a command, the same in every language
const VERIFY_COMMAND = "athar search report --verify --in export.json";

export function ReportPage({ params, query }: PageProps) {
  const { t, i18n } = useTranslation();
  const siteId = params.siteId ?? "";
  const requested = query.get("lang");
  const [lang, setLang] = useState<Language>(
    isLanguage(requested) ? requested : isLanguage(i18n.language) ? i18n.language : "ar",
  );
  const outline = useLoad(() => api.site(siteId), [siteId]);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const live = useLiveChanges(siteId, (changes) => {
    if (changes.some((c) => c.type === "search.log.appended")) setVersion((v) => v + 1);
  });

  const htmlUrl = searchApi.reportUrl(siteId, lang, "html");
  const downloadPdf = async () => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      let response: Response;
      try {
        response = await fetch(searchApi.reportUrl(siteId, lang, "pdf"), { credentials: "same-origin" });
      } catch (cause) {
        throw errorFromBody(0, { error: { code: "service_unavailable", message: String(cause) } });
      }
      if (!response.ok) {
        const text = await response.text();
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        throw errorFromBody(response.status, body);
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      const disposition = response.headers.get("content-disposition") ?? "";
      link.href = url;
      link.download = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "coverage-report.pdf";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page search-report-page">
      <header className="plan-header">
        <p className="breadcrumbs">
          <Link href={paths.sites()}>{t("nav.sites")}</Link>
          {" / "}
          <Link href={paths.search(siteId)}>{t("search.tab")}</Link>
        </p>
        <h1>
          {t("search.report.title")} · <bdi>{outline.data?.site.name ?? t("common.loading")}</bdi>
        </h1>
        <SiteViewTabs siteId={siteId} current="search" />
        <LiveIndicator live={live} />
      </header>
      <p className="muted">{t("search.report.intro")}</p>
      <div className="report-actions">
        <fieldset className="subject-class">
          <legend>{t("search.report.language")}</legend>
          {(["ar", "en"] as const).map((code) => (
            <label key={code} className="checkbox">
              <input
                type="radio"
                name="report-language"
                value={code}
                checked={lang === code}
                onChange={() => {
                  setLang(code);
                  setDone(false);
                }}
              />
              {t(`search.report.languages.${code}`)}
            </label>
          ))}
        </fieldset>
        <a className="button-link" href={htmlUrl} target="_blank" rel="noopener">
          {t("search.report.print")}
        </a>
        <button
          type="button"
          className="primary"
          onClick={() => void downloadPdf()}
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? t("search.report.preparing") : t("search.report.pdf")}
        </button>
        <a className="button-link" href={searchApi.logUrl(siteId)} download>
          {t("search.report.log")}
        </a>
      </div>
      {done && (
        <p className="notice success" role="status">
          {t("search.report.pdfDone")}
        </p>
      )}
      {error ? <ErrorMessage error={error} /> : null}
      <p className="muted">
        {t("search.report.verifyHint")} <code dir="ltr">{VERIFY_COMMAND}</code>
      </p>
      <iframe
        key={`${lang}-${version}`}
        className="report-preview"
        title={t("search.report.previewTitle")}
        src={htmlUrl}
      />
    </section>
  );
}

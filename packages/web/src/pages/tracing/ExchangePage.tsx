/**
 * `/tracing/exchange` (admins and tracing officers): bringing records in and taking the registry out.
 * - CSV import wizard: choose a typed-up register, say where it comes from, check the suggested column
 *   mapping against sample values, preview (every row's errors, naming row, line, column and field), then
 *   import — all rows or none.
 * - PFIF 1.4 import: check first (nothing written), then import.
 * - Exports: PFIF 1.4 and CSV with HXL hashtags, as downloads (each export is recorded in the audit trail).
 * - A full matching run over the whole registry.
 * Files are read in the browser and sent as one request; a progress bar follows the upload, then the page
 * stays busy while the server works (the API reports no progress of its own).
 */
import {
  CSV_TARGETS,
  type CsvMapping,
  type PartialDate,
  PartialDateError,
  parseCsv,
  parsePartialDate,
  SOURCE_KINDS,
  type SourceKind,
} from "@athar/registry";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import {
  type CsvError,
  type CsvPreview,
  type FullRunReport,
  type PfifReport,
  tracingApi,
} from "../../api/tracing";
import { Link } from "../../app/router";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useFormat } from "../../i18n/format";
import { FormField } from "./PersonForm";
import { TracingPage, useTracingRoles } from "./parts";
import { tracingPaths } from "./paths";
import "../../styles/tracing.css";

type Delimiter = "," | ";" | "\t";
const DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];
const DELIMITER_KEY: Record<Delimiter, "comma" | "semicolon" | "tab"> = {
  ",": "comma",
  ";": "semicolon",
  "\t": "tab",
};
/** Rows shown in the preview table (the server sends at most 200; every error is listed separately). */
const PREVIEW_ROWS = 50;
const MAX_BYTES = 10 * 1024 * 1024;

/** The delimiter the header line uses most. */
function guessDelimiter(text: string): Delimiter {
  const first = text.slice(0, text.indexOf("\n") === -1 ? text.length : text.indexOf("\n"));
  let best: Delimiter = ",";
  let most = -1;
  for (const d of DELIMITERS) {
    const n = first.split(d).length;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

/** The first few values of each column, read from the start of the file, to check the mapping against. */
function sampleValues(text: string, delimiter: Delimiter): Map<string, string[]> {
  const samples = new Map<string, string[]>();
  let cut = 0;
  for (let lines = 0; lines < 6 && cut !== -1; lines++) cut = text.indexOf("\n", cut + 1);
  try {
    const rows = parseCsv(cut === -1 ? text : text.slice(0, cut), delimiter);
    const [header, ...rest] = rows;
    if (!header) return samples;
    header.cells.forEach((name, column) => {
      samples.set(
        name,
        rest.map((r) => r.cells[column] ?? "").filter((v) => v.trim() !== ""),
      );
    });
  } catch {
    // A quoted field cut in the middle: no samples, the preview still works.
  }
  return samples;
}

/** Busy state of a request that sends a file: upload progress, then waiting for the server. */
function Transfer({ progress, label }: { progress: number | null; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  if (progress === null) return null;
  const uploading = progress < 1;
  return (
    <div className="transfer">
      <p id={id} role="status" aria-live="polite">
        {uploading
          ? t("tracing.exchange.uploading", { percent: format.number(progress * 100, 0) })
          : t("tracing.exchange.working", { what: label })}
      </p>
      {uploading ? (
        <progress aria-labelledby={id} max={1} value={progress} />
      ) : (
        <progress aria-labelledby={id} />
      )}
    </div>
  );
}

function ErrorTable({ errors }: { errors: readonly CsvError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="tracing-table error-table">
        <caption>{t("tracing.exchange.errorsCaption", { count: errors.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("tracing.exchange.row")}</th>
            <th scope="col">{t("tracing.exchange.line")}</th>
            <th scope="col">{t("tracing.exchange.column")}</th>
            <th scope="col">{t("tracing.exchange.fieldName")}</th>
            <th scope="col">{t("tracing.exchange.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {errors.slice(0, 500).map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, replaced as a whole
            <tr key={i}>
              <td>{e.row}</td>
              <td>{e.line}</td>
              <td>
                <bdi>{e.column}</bdi>
              </td>
              <td>
                <code dir="ltr">{e.field}</code>
              </td>
              <td lang="en" dir="ltr">
                {e.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An import refused as a whole: its details name the row or record and the field; shown, not folded away. */
function ImportRefused({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== "import_invalid") return <ErrorMessage error={error} />;
  return (
    <div className="error-message" role="alert">
      <p>{t("tracing.exchange.refused", { count: error.details.length })}</p>
      <ul className="plain-list import-details" dir="ltr" lang="en">
        {error.details.slice(0, 200).map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list
          <li key={i}>
            {d.path ? <code>{d.path}</code> : null} {d.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CsvWizard() {
  const { t } = useTranslation();
  const format = useFormat();
  const [fileName, setFileName] = useState("");
  const [content, setContent] = useState<string | null>(null);
  const [delimiter, setDelimiter] = useState<Delimiter>(",");
  const [sourceKind, setSourceKind] = useState<SourceKind>("document");
  const [reference, setReference] = useState("");
  const [collectedOn, setCollectedOn] = useState("");
  const [dateError, setDateError] = useState(false);
  const [mapping, setMapping] = useState<CsvMapping | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [previewedMapping, setPreviewedMapping] = useState<string>("");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ created: number } | null>(null);
  const busy = progress !== null;

  const choose = async (file: File | undefined) => {
    setPreview(null);
    setMapping(null);
    setResult(null);
    setError(null);
    if (!file) {
      setContent(null);
      return;
    }
    if (file.size > MAX_BYTES) {
      setContent(null);
      setError(new ApiError("payload_too_large", 413, "file larger than 10 MiB"));
      return;
    }
    const text = await file.text();
    setFileName(file.name);
    setContent(text);
    setDelimiter(guessDelimiter(text));
    if (reference === "") setReference(file.name);
  };

  const options = (withMapping: CsvMapping | null) => {
    let date: PartialDate | null = null;
    try {
      date = parsePartialDate(collectedOn);
      setDateError(false);
    } catch (reason) {
      if (!(reason instanceof PartialDateError)) throw reason;
      setDateError(true);
      return null;
    }
    return {
      content: content ?? "",
      delimiter,
      ...(withMapping ? { mapping: withMapping } : {}),
      source: {
        kind: sourceKind,
        reference: reference.trim(),
        collectedOn: date,
        siteId: null,
        documentRef: null,
        external: null,
        note: "",
      },
    };
  };

  const runPreview = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = options(mapping);
    if (!body || content === null) return;
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      const answer = await tracingApi.csvPreview(body, setProgress);
      setPreview(answer);
      setMapping(answer.mapping);
      setPreviewedMapping(JSON.stringify(answer.mapping));
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  const runImport = async () => {
    const body = options(mapping);
    if (!body) return;
    setError(null);
    setProgress(0);
    try {
      const answer = await tracingApi.csvImport(body, setProgress);
      setResult({ created: answer.created });
      setPreview(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  const samples = content !== null ? sampleValues(content, delimiter) : new Map<string, string[]>();
  const stale = preview !== null && JSON.stringify(mapping) !== previewedMapping;
  const ready = preview !== null && !stale && preview.errors.length === 0 && preview.totalRows > 0;

  return (
    <section className="panel" aria-labelledby="csv-title">
      <h2 id="csv-title">{t("tracing.exchange.csvTitle")}</h2>
      <ol className="wizard-steps">
        <li aria-current={preview === null && result === null ? "step" : undefined}>
          {t("tracing.exchange.step1")}
        </li>
        <li aria-current={preview !== null ? "step" : undefined}>{t("tracing.exchange.step2")}</li>
        <li aria-current={result !== null ? "step" : undefined}>{t("tracing.exchange.step3")}</li>
      </ol>
      <form className="stack" onSubmit={runPreview}>
        <div className="form-grid">
          <FormField label={t("tracing.exchange.csvFile")} hint={t("tracing.exchange.csvHint")}>
            <input
              type="file"
              accept=".csv,.txt,text/csv"
              onChange={(event) => void choose(event.target.files?.[0])}
            />
          </FormField>
          <FormField label={t("tracing.exchange.delimiter")}>
            <select value={delimiter} onChange={(event) => setDelimiter(event.target.value as Delimiter)}>
              {DELIMITERS.map((d) => (
                <option key={DELIMITER_KEY[d]} value={d}>
                  {t(`tracing.exchange.delimiters.${DELIMITER_KEY[d]}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t("tracing.personForm.sourceKind")}>
            <select value={sourceKind} onChange={(event) => setSourceKind(event.target.value as SourceKind)}>
              {SOURCE_KINDS.filter((k) => k !== "inquiry").map((k) => (
                <option key={k} value={k}>
                  {t(`tracing.sourceKind.${k}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t("tracing.personForm.reference")} hint={t("tracing.exchange.referenceHint")}>
            <input dir="auto" value={reference} onChange={(event) => setReference(event.target.value)} />
          </FormField>
          <FormField
            label={t("tracing.personForm.collectedOn")}
            hint={t("tracing.form.dateHint")}
            error={dateError ? t("tracing.form.badDate") : undefined}
          >
            <input dir="auto" value={collectedOn} onChange={(event) => setCollectedOn(event.target.value)} />
          </FormField>
        </div>
        {content !== null ? (
          <p className="muted">
            {t("tracing.exchange.fileRead", {
              name: fileName,
              size: format.number(new Blob([content]).size / 1024, 1),
            })}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className={preview ? "" : "primary"} disabled={content === null || busy}>
            {preview ? t("tracing.exchange.previewAgain") : t("tracing.exchange.preview")}
          </button>
        </div>
      </form>

      {preview && mapping ? (
        <div className="stack">
          <h3>{t("tracing.exchange.mapping")}</h3>
          <p className="muted">{t("tracing.exchange.mappingHint")}</p>
          <div className="table-scroll">
            <table className="tracing-table mapping-table">
              <thead>
                <tr>
                  <th scope="col">{t("tracing.exchange.header")}</th>
                  <th scope="col">{t("tracing.exchange.samples")}</th>
                  <th scope="col">{t("tracing.exchange.target")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.headers.map((header) => (
                  <tr key={header}>
                    <th scope="row">
                      <bdi>{header}</bdi>
                    </th>
                    <td className="samples">
                      <bdi>{(samples.get(header) ?? []).slice(0, 3).join(" | ")}</bdi>
                    </td>
                    <td>
                      <select
                        aria-label={t("tracing.exchange.targetFor", { header })}
                        value={mapping[header] ?? "ignore"}
                        onChange={(event) =>
                          setMapping({ ...mapping, [header]: event.target.value as CsvMapping[string] })
                        }
                      >
                        <option value="ignore">{t("tracing.exchange.ignore")}</option>
                        {CSV_TARGETS.map((target) => (
                          <option key={target} value={target}>
                            {t(`tracing.csvTarget.${target}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {stale ? (
            <p className="notice" role="status">
              {t("tracing.exchange.mappingChanged")}
            </p>
          ) : null}

          <h3>{t("tracing.exchange.previewTitle")}</h3>
          <p role="status" className={preview.errors.length === 0 ? "notice success" : "notice danger"}>
            {preview.errors.length === 0
              ? t("tracing.exchange.allValid", { count: preview.totalRows })
              : t("tracing.exchange.someInvalid", {
                  count: preview.totalRows,
                  valid: preview.valid,
                  errors: preview.errors.length,
                })}
          </p>
          <ErrorTable errors={preview.errors} />
          <div className="table-scroll">
            <table className="tracing-table preview-table">
              <caption>
                {t("tracing.exchange.previewCaption", {
                  shown: Math.min(PREVIEW_ROWS, preview.rows.length),
                  total: preview.totalRows,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("tracing.exchange.row")}</th>
                  <th scope="col">{t("tracing.name.arabic")}</th>
                  <th scope="col">{t("tracing.name.latin")}</th>
                  <th scope="col">{t("tracing.person.birthDate")}</th>
                  <th scope="col">{t("tracing.person.nationalId")}</th>
                  <th scope="col">{t("tracing.statement.status")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, PREVIEW_ROWS).map((row) => (
                  <tr key={row.row} className={row.errors.length > 0 ? "row-error" : ""}>
                    <td>{row.row}</td>
                    {row.person ? (
                      <>
                        <td>
                          <bdi lang="ar">{row.person.arabicName}</bdi>
                        </td>
                        <td>
                          <bdi lang="ar-Latn" dir="ltr">
                            {row.person.latinName}
                          </bdi>
                        </td>
                        <td>{row.person.birthDate}</td>
                        <td>
                          <code dir="ltr">{row.person.nationalId ?? ""}</code>
                        </td>
                        <td>
                          {row.person.status ? t(`tracing.status.${row.person.status as "alive"}`) : ""}
                        </td>
                      </>
                    ) : (
                      <td colSpan={5} className="field-error">
                        {t("tracing.exchange.rowErrors", { count: row.errors.length })}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions">
            <button type="button" className="primary" disabled={!ready || busy} onClick={runImport}>
              {t("tracing.exchange.import", { count: preview.totalRows })}
            </button>
            {!ready ? <span className="muted">{t("tracing.exchange.importBlocked")}</span> : null}
          </div>
        </div>
      ) : null}
      <Transfer progress={progress} label={t("tracing.exchange.csvTitle")} />
      {error ? <ImportRefused error={error} /> : null}
      {result ? (
        <p className="notice success" role="status">
          {t("tracing.exchange.imported", { count: result.created })}{" "}
          <Link href={tracingPaths.registry()}>{t("tracing.exchange.toRegistry")}</Link>
        </p>
      ) : null}
    </section>
  );
}

function PfifReportView({ report }: { report: PfifReport }) {
  const { t } = useTranslation();
  return (
    <div className={`notice ${report.dryRun ? "" : "success"}`} role="status">
      <p>{report.dryRun ? t("tracing.exchange.pfifChecked") : t("tracing.exchange.pfifImported")}</p>
      <ul className="plain-list">
        <li>
          {t("tracing.exchange.pfifPersons", {
            created: report.persons.created,
            present: report.persons.alreadyPresent,
          })}
        </li>
        <li>
          {t("tracing.exchange.pfifNotes", {
            created: report.notes.created,
            present: report.notes.alreadyPresent,
          })}
        </li>
        <li>{t("tracing.exchange.pfifStatuses", { count: report.statusStatements })}</li>
        <li>{t("tracing.exchange.pfifLinks", { count: report.linksProposed })}</li>
      </ul>
      {report.warnings.length > 0 ? (
        <details>
          <summary>{t("tracing.exchange.warnings", { count: report.warnings.length })}</summary>
          <ul dir="ltr" lang="en">
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function PfifImport() {
  const { t } = useTranslation();
  const [content, setContent] = useState<string | null>(null);
  const [report, setReport] = useState<PfifReport | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = progress !== null;
  const choose = async (file: File | undefined) => {
    setReport(null);
    setError(null);
    setContent(file ? await file.text() : null);
  };
  const run = async (dryRun: boolean) => {
    if (content === null) return;
    setError(null);
    setProgress(0);
    try {
      setReport(await tracingApi.pfifImport(content, dryRun, setProgress));
    } catch (caught) {
      setError(caught);
      setReport(null);
    } finally {
      setProgress(null);
    }
  };
  return (
    <section className="panel" aria-labelledby="pfif-title">
      <h2 id="pfif-title">{t("tracing.exchange.pfifTitle")}</h2>
      <p className="muted">{t("tracing.exchange.pfifExplain")}</p>
      <FormField label={t("tracing.exchange.pfifFile")}>
        <input
          type="file"
          accept=".xml,application/xml,text/xml"
          onChange={(event) => void choose(event.target.files?.[0])}
        />
      </FormField>
      <div className="actions">
        <button type="button" disabled={content === null || busy} onClick={() => run(true)}>
          {t("tracing.exchange.pfifCheck")}
        </button>
        <button
          type="button"
          className="primary"
          disabled={content === null || busy || report === null || !report.dryRun}
          onClick={() => run(false)}
        >
          {t("tracing.exchange.pfifImport")}
        </button>
      </div>
      <Transfer progress={progress} label={t("tracing.exchange.pfifTitle")} />
      {error ? <ImportRefused error={error} /> : null}
      {report ? <PfifReportView report={report} /> : null}
    </section>
  );
}

function Exports() {
  const { t } = useTranslation();
  const roles = useTracingRoles();
  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">{t("tracing.exchange.exportTitle")}</h2>
      <p className="muted">{t("tracing.exchange.exportExplain")}</p>
      <ul className="plain-list export-links">
        <li>
          <a className="tracing-button" href={tracingApi.exportPfifUrl(false)} download>
            {t("tracing.exchange.exportPfif")}
          </a>{" "}
          <span className="muted">{t("tracing.exchange.exportPfifHint")}</span>
        </li>
        {roles.mayReadContact ? (
          <li>
            <a className="tracing-button" href={tracingApi.exportPfifUrl(true)} download>
              {t("tracing.exchange.exportPfifRestricted")}
            </a>{" "}
            <span className="muted">{t("tracing.exchange.exportPfifRestrictedHint")}</span>
          </li>
        ) : null}
        <li>
          <a className="tracing-button" href={tracingApi.exportCsvUrl()} download>
            {t("tracing.exchange.exportCsv")}
          </a>{" "}
          <span className="muted">{t("tracing.exchange.exportCsvHint")}</span>
        </li>
      </ul>
    </section>
  );
}

function MatchingRun() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<FullRunReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await tracingApi.runMatching());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="run-title">
      <h2 id="run-title">{t("tracing.exchange.runTitle")}</h2>
      <p className="muted">{t("tracing.exchange.runExplain")}</p>
      <div className="actions">
        <button type="button" onClick={run} disabled={busy} aria-busy={busy}>
          {busy ? t("tracing.exchange.running") : t("tracing.exchange.run")}
        </button>
        {busy ? <progress aria-label={t("tracing.exchange.running")} /> : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {report ? (
        <p className="notice success" role="status">
          {t("tracing.exchange.runReport", {
            records: report.records,
            compared: report.compared,
            created: report.created,
            skipped: report.skipped,
          })}{" "}
          <span className="muted">{t(`tracing.proposals.engine.${report.engine}`)}</span>{" "}
          <Link href={tracingPaths.review()}>{t("tracing.exchange.toQueue")}</Link>
        </p>
      ) : null}
    </section>
  );
}

export function ExchangePage() {
  const { t } = useTranslation();
  return (
    <TracingPage wide className="exchange-page">
      <h1>{t("tracing.exchange.title")}</h1>
      <CsvWizard />
      <PfifImport />
      <Exports />
      <MatchingRun />
    </TracingPage>
  );
}

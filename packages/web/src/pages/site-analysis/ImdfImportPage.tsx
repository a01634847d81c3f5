/**
 * Import an IMDF archive: choose the zip, check it (the server's dry run: counts per level and kind,
 * warnings, or the problems that stop it, each naming file, feature and rule), then import it into a new
 * site, or into the empty site named by `?siteId=`. Nothing is stored before "Import".
 */
import { SPACE_KINDS } from "@athar/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import {
  type ImportPreview,
  type ImportProblem,
  importProblemsOf,
  siteAnalysisApi,
} from "../../api/site-analysis";
import { Link, navigate } from "../../app/router";
import { type PageProps, paths } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import "../../styles/site-analysis.css";

/** Rows shown: an archive with thousands of problems usually has one cause, visible in the first rows. */
const MAX_ROWS = 200;

function ProblemTable({ problems }: { problems: readonly ImportProblem[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="analysis-table-wrap">
      {problems.length > MAX_ROWS && (
        <p className="muted">
          {t("siteAnalysis.import.showingFirst", {
            shown: format.number(MAX_ROWS),
            total: format.number(problems.length),
          })}
        </p>
      )}
      <table className="analysis-table problem-table">
        <thead>
          <tr>
            <th scope="col">{t("siteAnalysis.import.fileColumn")}</th>
            <th scope="col">{t("siteAnalysis.import.feature")}</th>
            <th scope="col">{t("siteAnalysis.import.rule")}</th>
            <th scope="col">{t("siteAnalysis.import.message")}</th>
          </tr>
        </thead>
        <tbody>
          {problems.slice(0, MAX_ROWS).map((p, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole
            <tr key={k}>
              <td>
                <code dir="ltr">{p.file}</code>
              </td>
              <td>
                <code dir="ltr">{p.featureId ?? ""}</code>
              </td>
              <td>
                <code dir="ltr">{p.rule}</code>
              </td>
              <td dir="ltr" lang="en">
                {p.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PreviewView({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const totals = [
    "buildings",
    "levels",
    "spaces",
    "openings",
    "walls",
    "footprints",
    "relationships",
  ] as const;
  return (
    <div className="stack">
      <p className="notice success" role="status">
        {t("siteAnalysis.import.valid")}
      </p>
      <p>
        {t("siteAnalysis.import.venue")}: <bdi>{preview.site.name}</bdi>
      </p>
      <h2>{t("siteAnalysis.import.totals")}</h2>
      <dl className="import-totals">
        {totals.map((key) => (
          <div key={key}>
            <dt>{t(`siteAnalysis.import.total.${key}`)}</dt>
            <dd>{format.number(preview.totals[key])}</dd>
          </div>
        ))}
      </dl>
      <h2>{t("siteAnalysis.import.levels")}</h2>
      <div className="analysis-table-wrap">
        <table className="analysis-table">
          <thead>
            <tr>
              <th scope="col">{t("siteAnalysis.import.level")}</th>
              <th scope="col">{t("siteAnalysis.import.status")}</th>
              <th scope="col">{t("siteAnalysis.import.spaces")}</th>
              <th scope="col">{t("siteAnalysis.import.openings")}</th>
              <th scope="col">{t("siteAnalysis.import.walls")}</th>
              <th scope="col">{t("siteAnalysis.import.outline")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.levels.map((level) => (
              <tr key={level.id}>
                <td>
                  <span dir="ltr" className="level-ordinal">
                    {format.ordinal(level.ordinal)}
                  </span>{" "}
                  <bdi>{level.name}</bdi>
                </td>
                <td>{t(`status.${level.status as "known"}`)}</td>
                <td>
                  {SPACE_KINDS.filter((kind) => (level.spaces[kind] ?? 0) > 0)
                    .map((kind) => `${t(`spaceKind.${kind}`)} ${format.number(level.spaces[kind] ?? 0)}`)
                    .join(t("common.listSeparator"))}
                  {level.suspectedSpaces > 0
                    ? ` (${t("siteAnalysis.import.suspected")} ${format.number(level.suspectedSpaces)})`
                    : ""}
                </td>
                <td>{format.number(level.openings)}</td>
                <td>{format.number(level.walls)}</td>
                <td>{level.hasOutline ? t("siteAnalysis.import.yes") : t("siteAnalysis.import.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("siteAnalysis.import.warnings")}</h2>
      {preview.warnings.length === 0 ? (
        <p className="muted">{t("siteAnalysis.import.noWarnings")}</p>
      ) : (
        <ProblemTable problems={preview.warnings} />
      )}
      {preview.idsInUse > 0 && <p className="notice">{t("siteAnalysis.import.idsInUse")}</p>}
      <p className="muted">{t("siteAnalysis.import.kept")}</p>
      {preview.otherFiles.length > 0 && (
        <p className="muted">
          {t("siteAnalysis.import.otherFiles", { files: preview.otherFiles.join(t("common.listSeparator")) })}
        </p>
      )}
    </div>
  );
}

export function ImdfImportPage({ query }: PageProps) {
  const { t } = useTranslation();
  const siteId = query.get("siteId") ?? undefined;
  const target = useLoad(() => (siteId ? api.site(siteId) : Promise.resolve(null)), [siteId]);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState<"check" | "import" | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [error, setError] = useState<unknown>(null);

  const queryFor = (chosen: File) => ({
    ...(siteId ? { siteId } : {}),
    ...(name.trim() && !siteId ? { name: name.trim() } : {}),
    fileName: chosen.name.slice(0, 255) || "archive.zip",
  });

  const check = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy("check");
    setPreview(null);
    setProblems([]);
    setError(null);
    try {
      setPreview(await siteAnalysisApi.previewImport(file, queryFor(file)));
    } catch (caught) {
      const found = importProblemsOf(caught);
      if (found.length > 0) setProblems(found);
      else setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!file) return;
    setBusy("import");
    setError(null);
    try {
      const outcome = await siteAnalysisApi.commitImport(file, queryFor(file));
      navigate(paths.siteAnalysis(outcome.siteId));
    } catch (caught) {
      const found = importProblemsOf(caught);
      if (found.length > 0) {
        setPreview(null);
        setProblems(found);
      } else setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const blocked = preview?.target?.empty === false;

  return (
    <section className="page import-page">
      <p className="breadcrumbs">
        <Link href={paths.sites()}>{t("nav.sites")}</Link>
      </p>
      <h1>{t("siteAnalysis.import.title")}</h1>
      <p>{t("siteAnalysis.import.intro")}</p>
      {target.data && (
        <p className="notice">{t("siteAnalysis.import.intoSite", { site: target.data.site.name })}</p>
      )}
      {target.error ? <ErrorMessage error={target.error} /> : null}
      <form className="import-form" onSubmit={check}>
        <Field label={t("siteAnalysis.import.file")}>
          <input
            type="file"
            accept=".zip,application/zip"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setPreview(null);
              setProblems([]);
              setError(null);
            }}
          />
        </Field>
        {!siteId && (
          <Field label={t("siteAnalysis.import.name")} hint={t("siteAnalysis.import.nameHint")}>
            <input
              type="text"
              value={name}
              maxLength={200}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
        )}
        <div>
          <button type="submit" disabled={!file || busy !== null}>
            {busy === "check" ? t("siteAnalysis.import.checking") : t("siteAnalysis.import.check")}
          </button>
        </div>
      </form>
      {error ? <ErrorMessage error={error} /> : null}
      {problems.length > 0 && (
        <div className="stack">
          <p className="notice danger" role="alert">
            {t("siteAnalysis.import.invalid", { count: problems.length })}
          </p>
          <h2>{t("siteAnalysis.import.problems")}</h2>
          <ProblemTable problems={problems} />
        </div>
      )}
      {preview && (
        <>
          <PreviewView preview={preview} />
          {blocked ? (
            <p className="notice danger" role="alert">
              {t("siteAnalysis.import.notEmpty")}
            </p>
          ) : (
            <p>
              <button type="button" className="primary" disabled={busy !== null} onClick={commit}>
                {busy === "import" ? t("siteAnalysis.import.importing") : t("siteAnalysis.import.commit")}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

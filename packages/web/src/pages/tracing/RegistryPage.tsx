/**
 * `/tracing`: the registry search. One box for names in Arabic or Latin script (the server normalises both
 * with the shared normaliser and the engine's keys, so `Mohammad` finds `محمد` and `Abd al-Rahman` finds
 * `Abdulrahman`), a national ID and prisoner number, and filters. The search is in the address, so back and
 * reload keep it; it runs when submitted (each search is recorded in the audit trail), never per keystroke.
 */
import {
  GOVERNORATES,
  type Governorate,
  PERSON_STATUSES,
  type PersonStatus,
  SOURCE_KINDS,
  type SourceKind,
} from "@athar/registry";
import { type FormEvent, Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { type PersonSearch, tracingApi } from "../../api/tracing";
import { Link, navigate } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { FormField } from "./PersonForm";
import { governorateLabel, Loading, StatusBadge, TracingPage, usePartialDate } from "./parts";
import { tracingPaths } from "./paths";
import "../../styles/tracing.css";

const PAGE_SIZE = 25;

const pick = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

function searchOf(query: URLSearchParams): PersonSearch {
  return {
    q: query.get("q") ?? undefined,
    nationalId: query.get("nationalId") ?? undefined,
    prisonerNumber: query.get("prisonerNumber") ?? undefined,
    status: pick(PERSON_STATUSES, query.get("status")),
    sourceKind: pick(SOURCE_KINDS, query.get("sourceKind")),
    governorate: pick(GOVERNORATES, query.get("governorate")),
    offset: Math.max(0, Number(query.get("offset") ?? 0) || 0),
    limit: PAGE_SIZE,
  };
}

export function RegistryPage({ query }: PageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const date = usePartialDate();
  const search = searchOf(query);
  const key = query.toString();
  const [q, setQ] = useState(search.q ?? "");
  const [nationalId, setNationalId] = useState(search.nationalId ?? "");
  const [prisonerNumber, setPrisonerNumber] = useState(search.prisonerNumber ?? "");
  const [status, setStatus] = useState<PersonStatus | "">(search.status ?? "");
  const [sourceKind, setSourceKind] = useState<SourceKind | "">(search.sourceKind ?? "");
  const [governorate, setGovernorate] = useState<Governorate | "">(search.governorate ?? "");
  const results = useLoad(() => tracingApi.search(search), [key]);

  const go = () => {
    const next = new URLSearchParams();
    const set = (name: string, value: string) => {
      if (value.trim() !== "") next.set(name, value.trim());
    };
    set("q", q);
    set("nationalId", nationalId);
    set("prisonerNumber", prisonerNumber);
    set("status", status);
    set("sourceKind", sourceKind);
    set("governorate", governorate);
    navigate(tracingPaths.registry(next));
  };
  const page = (nextOffset: number) => {
    const next = new URLSearchParams(query);
    if (nextOffset > 0) next.set("offset", String(nextOffset));
    else next.delete("offset");
    navigate(tracingPaths.registry(next));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go();
  };

  const offset = search.offset ?? 0;
  const data = results.data;
  return (
    <TracingPage wide>
      <div className="page-title-row">
        <h1>{t("tracing.registry.title")}</h1>
        <Link className="tracing-button" href={tracingPaths.personNew()}>
          {t("tracing.registry.newPerson")}
        </Link>
      </div>
      <form className="registry-search" onSubmit={submit} aria-label={t("tracing.registry.searchLabel")}>
        <div className="search-main">
          <FormField label={t("tracing.registry.q")} hint={t("tracing.registry.qHint")}>
            <input
              type="search"
              name="q"
              dir="auto"
              autoComplete="off"
              spellCheck={false}
              value={q}
              onChange={(event) => setQ(event.target.value)}
            />
          </FormField>
          <button type="submit" className="primary">
            {t("tracing.registry.search")}
          </button>
        </div>
        <details
          className="search-more"
          open={Boolean(nationalId || prisonerNumber || status || sourceKind || governorate)}
        >
          <summary>{t("tracing.registry.filters")}</summary>
          <div className="form-grid">
            <FormField label={t("tracing.person.nationalId")}>
              <input dir="ltr" value={nationalId} onChange={(event) => setNationalId(event.target.value)} />
            </FormField>
            <FormField label={t("tracing.person.prisonerNumber")}>
              <input
                dir="ltr"
                value={prisonerNumber}
                onChange={(event) => setPrisonerNumber(event.target.value)}
              />
            </FormField>
            <FormField label={t("tracing.registry.status")}>
              <select value={status} onChange={(event) => setStatus(event.target.value as PersonStatus | "")}>
                <option value="">{t("tracing.registry.any")}</option>
                {PERSON_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`tracing.status.${s}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t("tracing.registry.source")}>
              <select
                value={sourceKind}
                onChange={(event) => setSourceKind(event.target.value as SourceKind | "")}
              >
                <option value="">{t("tracing.registry.any")}</option>
                {SOURCE_KINDS.map((s) => (
                  <option key={s} value={s}>
                    {t(`tracing.sourceKind.${s}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t("tracing.person.governorate")}>
              <select
                value={governorate}
                onChange={(event) => setGovernorate(event.target.value as Governorate | "")}
              >
                <option value="">{t("tracing.registry.any")}</option>
                {GOVERNORATES.map((g) => (
                  <option key={g} value={g}>
                    {governorateLabel(g)}
                  </option>
                ))}
              </select>
            </FormField>
          </div>
        </details>
      </form>
      <p className="muted audit-hint">{t("tracing.registry.audited")}</p>

      {results.error ? <ErrorMessage error={results.error} /> : null}
      {results.loading && !data ? <Loading /> : null}
      {data ? (
        <div aria-busy={results.loading} aria-live="polite">
          <p className="result-count" role="status">
            {data.total === 0
              ? t("tracing.registry.none")
              : t("tracing.registry.count", { count: data.total })}
            {data.truncated ? ` ${t("tracing.registry.truncated")}` : ""}
          </p>
          <ol className="result-list">
            {data.hits.map((hit) => (
              <li key={hit.person.id} className="result">
                <div className="result-body">
                  <Link className="result-link" href={tracingPaths.person(hit.person.id)}>
                    {hit.person.arabicName ? (
                      <span className="name-ar">
                        <bdi lang="ar" dir="rtl">
                          {hit.person.arabicName}
                        </bdi>
                      </span>
                    ) : null}
                    {hit.person.latinName ? (
                      <span className="name-latin">
                        <bdi lang="ar-Latn" dir="ltr">
                          {hit.person.latinName}
                        </bdi>
                      </span>
                    ) : null}
                    {!hit.person.arabicName && !hit.person.latinName ? (
                      <span>
                        <bdi>{hit.person.displayName || t("tracing.person.noName")}</bdi>
                      </span>
                    ) : null}
                  </Link>
                  {hit.person.otherNames.length > 0 ? (
                    <p className="muted result-other">
                      <bdi>{hit.person.otherNames.join(t("common.listSeparator"))}</bdi>
                    </p>
                  ) : null}
                  <p className="result-facts">
                    {[
                      hit.person.sex === "unknown" ? "" : t(`tracing.sex.${hit.person.sex}`),
                      hit.person.birthDate
                        ? t("tracing.registry.born", { date: date(hit.person.birthDate) })
                        : "",
                      governorateLabel(hit.person.governorate),
                      hit.person.nationalId
                        ? t("tracing.registry.idShort", { id: hit.person.nationalId })
                        : "",
                      hit.person.prisonerNumber
                        ? t("tracing.registry.prisonerShort", { number: hit.person.prisonerNumber })
                        : "",
                    ]
                      .filter(Boolean)
                      .map((fact, index) => (
                        <Fragment key={fact}>
                          {index > 0 ? " · " : ""}
                          <bdi className="fact">{fact}</bdi>
                        </Fragment>
                      ))}
                  </p>
                </div>
                <div className="result-side">
                  <StatusBadge
                    status={hit.person.currentStatus.status}
                    conflicting={hit.person.currentStatus.conflicting}
                  />
                  <span className="source-kind">{t(`tracing.sourceKind.${hit.person.sourceKind}`)}</span>
                  {hit.clusterSize > 1 ? (
                    <span className="cluster-size">
                      {t("tracing.registry.records", { count: hit.clusterSize })}
                    </span>
                  ) : null}
                  <span className="muted">{format.date(hit.person.updatedAt)}</span>
                </div>
              </li>
            ))}
          </ol>
          {data.total > PAGE_SIZE ? (
            <div className="actions pager">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => page(Math.max(0, offset - PAGE_SIZE))}
              >
                {t("tracing.pager.previous")}
              </button>
              <span>
                {t("tracing.pager.range", {
                  from: offset + 1,
                  to: Math.min(offset + PAGE_SIZE, data.total),
                  total: data.total,
                })}
              </span>
              <button
                type="button"
                disabled={offset + PAGE_SIZE >= data.total}
                onClick={() => page(offset + PAGE_SIZE)}
              >
                {t("tracing.pager.next")}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </TracingPage>
  );
}

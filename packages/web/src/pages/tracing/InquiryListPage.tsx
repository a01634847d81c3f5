/**
 * `/tracing/inquiries`: families' inquiries, newest first, from tracing officers and from the public form
 * (those wait for triage: a person looks at them and starts matching). Each row loads its sought person's
 * name: the list answer carries only the record's id.
 */
import {
  INQUIRY_CHANNELS,
  INQUIRY_STATUSES,
  type InquiryChannel,
  type InquiryStatus,
  type InquiryView,
} from "@athar/registry";
import { useTranslation } from "react-i18next";
import { tracingApi } from "../../api/tracing";
import { Link, navigate } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { FormField } from "./PersonForm";
import { Loading, NameLines, TracingPage, useTracingRoles } from "./parts";
import { tracingPaths } from "./paths";
import "../../styles/tracing.css";

const PAGE_SIZE = 25;

function SoughtName({ inquiryId }: { inquiryId: string }) {
  const loaded = useLoad(() => tracingApi.inquiry(inquiryId), [inquiryId]);
  if (!loaded.data) return <span className="muted">…</span>;
  return <NameLines person={loaded.data.soughtPerson} />;
}

function InquiryRow({ inquiry }: { inquiry: InquiryView }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <tr>
      <td>
        <Link href={tracingPaths.inquiry(inquiry.id)}>
          <SoughtName inquiryId={inquiry.id} />
        </Link>
      </td>
      <td>{t(`tracing.relationship.${inquiry.relationship}`)}</td>
      <td>{t(`tracing.channel.${inquiry.channel}`)}</td>
      <td>
        <span className={`inquiry-status inquiry-${inquiry.status}`}>
          {t(`tracing.inquiryStatus.${inquiry.status}`)}
        </span>
      </td>
      <td>
        {inquiry.openCandidates > 0 ? (
          <strong>{t("tracing.inquiry.openProposals", { count: inquiry.openCandidates })}</strong>
        ) : (
          <span className="muted">{t("tracing.inquiry.noOpenProposals")}</span>
        )}
      </td>
      <td>{format.dateTime(inquiry.createdAt)}</td>
    </tr>
  );
}

export function InquiryListPage({ query }: PageProps) {
  const { t } = useTranslation();
  const roles = useTracingRoles();
  const statusParam = query.get("status");
  const channelParam = query.get("channel");
  const status = (INQUIRY_STATUSES as readonly string[]).includes(statusParam ?? "")
    ? (statusParam as InquiryStatus)
    : undefined;
  const channel = (INQUIRY_CHANNELS as readonly string[]).includes(channelParam ?? "")
    ? (channelParam as InquiryChannel)
    : undefined;
  const offset = Math.max(0, Number(query.get("offset") ?? 0) || 0);
  const loaded = useLoad(
    () => tracingApi.inquiries({ status, channel, limit: PAGE_SIZE, offset }),
    [status, channel, offset],
  );
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value === "") next.delete(name);
    else next.set(name, value);
    next.delete("offset");
    navigate(tracingPaths.inquiries(next));
  };
  const page = (nextOffset: number) => {
    const next = new URLSearchParams(query);
    if (nextOffset > 0) next.set("offset", String(nextOffset));
    else next.delete("offset");
    navigate(tracingPaths.inquiries(next));
  };
  const data = loaded.data;

  return (
    <TracingPage wide>
      <div className="page-title-row">
        <h1>{t("tracing.inquiries.title")}</h1>
        {roles.mayReadContact ? (
          <Link className="tracing-button" href={tracingPaths.inquiryNew()}>
            {t("tracing.inquiries.new")}
          </Link>
        ) : null}
      </div>
      <div className="filters form-grid">
        <FormField label={t("tracing.inquiries.status")}>
          <select value={status ?? ""} onChange={(event) => setFilter("status", event.target.value)}>
            <option value="">{t("tracing.registry.any")}</option>
            {INQUIRY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`tracing.inquiryStatus.${s}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("tracing.inquiries.channel")}>
          <select value={channel ?? ""} onChange={(event) => setFilter("channel", event.target.value)}>
            <option value="">{t("tracing.registry.any")}</option>
            {INQUIRY_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`tracing.channel.${c}`)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      {loaded.error ? <ErrorMessage error={loaded.error} /> : null}
      {loaded.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <p role="status">
            {data.total === 0
              ? t("tracing.inquiries.none")
              : t("tracing.inquiries.count", { count: data.total })}
          </p>
          {data.inquiries.length > 0 ? (
            <div className="table-scroll">
              <table className="tracing-table inquiry-table">
                <thead>
                  <tr>
                    <th scope="col">{t("tracing.inquiries.sought")}</th>
                    <th scope="col">{t("tracing.inquiries.relationship")}</th>
                    <th scope="col">{t("tracing.inquiries.channel")}</th>
                    <th scope="col">{t("tracing.inquiries.status")}</th>
                    <th scope="col">{t("tracing.inquiries.proposals")}</th>
                    <th scope="col">{t("tracing.inquiries.received")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.inquiries.map((inquiry) => (
                    <InquiryRow key={inquiry.id} inquiry={inquiry} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
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
        </>
      ) : null}
    </TracingPage>
  );
}

/**
 * The audit trail for administrators: newest first, filtered by actor, action, entity type and dates,
 * paged backwards with "older", under an indicator of whether the hash chain is intact.
 */
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AuditEntry, type AuditQuery, api } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { AuditActionLabel, ENTITY_TYPES, KNOWN_ACTIONS } from "./auditLabels";

const PAGE_SIZE = 50;

interface Filters {
  actor: string;
  action: string;
  entityType: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { actor: "", action: "", entityType: "", from: "", to: "" };

/** `yyyy-mm-dd` from a date input, as the start (or end) of that day in the browser's time zone. */
function dayBoundary(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return undefined;
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return date.toISOString();
}

function toQuery(filters: Filters): AuditQuery {
  const query: AuditQuery = { limit: PAGE_SIZE };
  if (filters.actor.trim()) query.actor = filters.actor.trim();
  if (filters.action.trim()) query.action = filters.action.trim();
  if (filters.entityType) query.entityType = filters.entityType;
  const from = dayBoundary(filters.from, false);
  const to = dayBoundary(filters.to, true);
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const verification = useLoad(() => api.verifyAudit(), []);
  const users = useLoad(() => api.users(), []);

  const load = useCallback(async (filters: Filters, beforeSeq?: number) => {
    setLoading(true);
    setError(null);
    try {
      const query = toQuery(filters);
      const { entries: page } = await api.audit(beforeSeq ? { ...query, beforeSeq } : query);
      setEntries((current) => (beforeSeq ? [...current, ...page] : page));
      setMore(page.length === PAGE_SIZE);
    } catch (reason) {
      setError(reason);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(applied);
  }, [applied, load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ ...draft });
  };
  const set = (key: keyof Filters) => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const last = entries[entries.length - 1];

  return (
    <section className="page wide">
      <h1>{t("audit.title")}</h1>
      <div className="audit-verify" role="status">
        {verification.loading && !verification.data && <p>{t("audit.verifying")}</p>}
        {verification.error ? <ErrorMessage error={verification.error} /> : null}
        {verification.data &&
          (verification.data.ok ? (
            <p className="notice success">{t("audit.chainOk", { count: verification.data.entries })}</p>
          ) : (
            <div className="notice danger">
              <p>{t("audit.chainBroken")}</p>
              <pre dir="ltr">{JSON.stringify(verification.data.problem, null, 2)}</pre>
            </div>
          ))}
        <button type="button" onClick={verification.reload}>
          {t("audit.verifyAgain")}
        </button>
      </div>

      <form className="audit-filters" onSubmit={submit} aria-label={t("audit.filters")}>
        <Field label={t("audit.actor")}>
          <input
            list="audit-actors"
            dir="ltr"
            value={draft.actor}
            onChange={(e) => set("actor")(e.target.value)}
          />
        </Field>
        <datalist id="audit-actors">
          {users.data?.map((user) => (
            <option key={user.id} value={user.username} />
          ))}
        </datalist>
        <Field label={t("audit.action")}>
          <select value={draft.action} onChange={(e) => set("action")(e.target.value)}>
            <option value="">{t("audit.any")}</option>
            {KNOWN_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("audit.entityType")}>
          <select value={draft.entityType} onChange={(e) => set("entityType")(e.target.value)}>
            <option value="">{t("audit.any")}</option>
            {ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`audit.entities.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("audit.from")}>
          <input type="date" value={draft.from} onChange={(e) => set("from")(e.target.value)} />
        </Field>
        <Field label={t("audit.to")}>
          <input type="date" value={draft.to} onChange={(e) => set("to")(e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary">
            {t("audit.apply")}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
            }}
          >
            {t("audit.reset")}
          </button>
        </div>
      </form>

      {error ? <ErrorMessage error={error} /> : null}
      <div className="table-scroll">
        <table className="audit-table">
          <caption className="visually-hidden">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.seq")}</th>
              <th scope="col">{t("audit.at")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.entity")}</th>
              <th scope="col">{t("audit.change")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <td dir="ltr">{format.number(entry.seq, 0)}</td>
                <td>{format.dateTime(entry.at)}</td>
                <td>
                  <bdi>{entry.actorName}</bdi>
                </td>
                <td>
                  <AuditActionLabel action={entry.action} />
                </td>
                <td>
                  <AuditEntityLabel type={entry.entityType} id={entry.entityId} />
                </td>
                <td>
                  {entry.before !== null || entry.after !== null ? (
                    <details>
                      <summary>{t("audit.show")}</summary>
                      <div className="audit-change" dir="ltr">
                        {entry.before !== null && entry.before !== undefined && (
                          <pre>
                            <strong>{t("audit.before")}</strong>
                            {"\n"}
                            {JSON.stringify(entry.before, null, 2)}
                          </pre>
                        )}
                        {entry.after !== null && entry.after !== undefined && (
                          <pre>
                            <strong>{t("audit.after")}</strong>
                            {"\n"}
                            {JSON.stringify(entry.after, null, 2)}
                          </pre>
                        )}
                      </div>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && entries.length === 0 && <p>{t("audit.none")}</p>}
      {loading && <p aria-busy="true">{t("common.loading")}</p>}
      {more && last && !loading && (
        <button type="button" onClick={() => void load(applied, last.seq)}>
          {t("audit.older")}
        </button>
      )}
    </section>
  );
}

function AuditEntityLabel({ type, id }: { type: string; id: string | null }) {
  const { t } = useTranslation();
  const known = (ENTITY_TYPES as readonly string[]).includes(type);
  return (
    <span className="audit-entity">
      {known ? t(`audit.entities.${type as (typeof ENTITY_TYPES)[number]}`) : <bdi>{type}</bdi>}
      {id && (
        <code dir="ltr" title={id}>
          {id.slice(0, 8)}
        </code>
      )}
    </span>
  );
}

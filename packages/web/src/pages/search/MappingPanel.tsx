/**
 * The table that turns an Admiralty grade into likelihoods, visible to everyone and editable by coordinators
 * and analysts: one cell per grade (source reliability A–F by information credibility 1–6) showing how much a
 * claim of that grade multiplies the odds; a cell opens its L1 = P(report | true) and L0 = P(report | false)
 * with their ranges and sources. Every change is an event in the log, with the source of the new values.
 */
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CREDIBILITIES,
  type Credibility,
  type MappingCell,
  RELIABILITIES,
  searchApi,
  type UncertainValue,
} from "../../api/search";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";

type Triple = { min: string; likely: string; max: string };
const triple = (v: UncertainValue): Triple => ({
  min: String(v.min),
  likely: String(v.likely),
  max: String(v.max),
});
const number = (text: string): number => Number(text.replace(",", ".").trim());

function CellEditor({
  siteId,
  cell,
  onDone,
}: {
  siteId: string;
  cell: MappingCell;
  onDone(changed: boolean): void;
}) {
  const { t } = useTranslation();
  const [l1, setL1] = useState<Triple>(triple(cell.l1));
  const [l0, setL0] = useState<Triple>(triple(cell.l0));
  const [source, setSource] = useState("");
  const [error, setError] = useState<unknown>(null);
  const value = (v: Triple): UncertainValue => ({
    min: number(v.min),
    likely: number(v.likely),
    max: number(v.max),
    source: source.trim(),
    illustrative: false,
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await searchApi.changeMapping(siteId, {
        cells: { [cell.grade]: { l1: value(l1), l0: value(l0) } },
        source: source.trim(),
      });
      onDone(true);
    } catch (caught) {
      setError(caught);
    }
  };
  const row = (label: string, v: Triple, set: (v: Triple) => void) => (
    <fieldset className="triple">
      <legend>{label}</legend>
      {(["min", "likely", "max"] as const).map((key) => (
        <Field key={key} label={t(`search.mapping.${key}`)}>
          <input
            value={v[key]}
            onChange={(e) => set({ ...v, [key]: e.target.value })}
            inputMode="decimal"
            dir="ltr"
            required
          />
        </Field>
      ))}
    </fieldset>
  );
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="mapping-cell-title">
      <h3 id="mapping-cell-title">{t("search.mapping.editCell", { grade: cell.grade })}</h3>
      {row(t("search.mapping.l1"), l1, setL1)}
      {row(t("search.mapping.l0"), l0, setL0)}
      <Field label={t("search.mapping.source")} hint={t("search.mapping.sourceHint")}>
        <input value={source} onChange={(e) => setSource(e.target.value)} required />
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function StatusRule({
  siteId,
  current,
  canWrite,
  onDone,
}: {
  siteId: string;
  current: { corroborated: number; confirmed: number };
  canWrite: boolean;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [corroborated, setCorroborated] = useState(current.corroborated as Credibility);
  const [confirmed, setConfirmed] = useState(current.confirmed as Credibility);
  const [source, setSource] = useState("");
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await searchApi.changeMapping(siteId, {
        statusCredibility: { corroborated, confirmed },
        source: source.trim(),
      });
      setSource("");
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  const select = (value: Credibility, set: (c: Credibility) => void) => (
    <select value={value} onChange={(e) => set(Number(e.target.value) as Credibility)} disabled={!canWrite}>
      {CREDIBILITIES.map((c) => (
        <option key={c} value={c}>
          {c} — {t(`search.grade.credibilities.${c}`)}
        </option>
      ))}
    </select>
  );
  return (
    <form className="stack" onSubmit={submit}>
      <h3>{t("search.mapping.statusRule")}</h3>
      <p className="muted">{t("search.mapping.statusRuleHint")}</p>
      <Field label={t("search.statuses.corroborated")}>{select(corroborated, setCorroborated)}</Field>
      <Field label={t("search.statuses.confirmed")}>{select(confirmed, setConfirmed)}</Field>
      {canWrite && (
        <>
          <Field label={t("search.mapping.source")}>
            <input value={source} onChange={(e) => setSource(e.target.value)} required />
          </Field>
          {error ? <ErrorMessage error={error} /> : null}
          <div className="actions">
            <button type="submit">{t("common.save")}</button>
          </div>
        </>
      )}
    </form>
  );
}

export function MappingPanel({
  siteId,
  canWrite,
  version,
  onChanged,
}: {
  siteId: string;
  canWrite: boolean;
  /** The log's newest position: the table is read again when it changes. */
  version: number;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const mapping = useLoad(() => searchApi.mapping(siteId), [siteId]);
  const [editing, setEditing] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the log grows
  useEffect(() => {
    mapping.reload();
  }, [version]);
  const data = mapping.data;
  const cells = new Map((data?.cells ?? []).map((c) => [c.grade, c]));
  const selected = editing ? cells.get(editing) : undefined;
  const done = (changed: boolean) => {
    setEditing(null);
    if (changed) {
      mapping.reload();
      onChanged();
    }
  };
  return (
    <div className="stack mapping-panel">
      <h2>{t("search.mapping.title")}</h2>
      <p className="muted">{t("search.mapping.intro")}</p>
      {mapping.error ? <ErrorMessage error={mapping.error} /> : null}
      {data && (
        <>
          <div className="table-scroll">
            <table className="mapping-table">
              <caption>{t("search.mapping.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t("search.grade.reliability")}</span>
                  </th>
                  {CREDIBILITIES.map((c) => (
                    <th key={c} scope="col" title={t(`search.grade.credibilities.${c}`)}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {RELIABILITIES.map((r) => (
                  <tr key={r}>
                    <th scope="row" title={t(`search.grade.reliabilities.${r}`)}>
                      {r}
                    </th>
                    {CREDIBILITIES.map((c) => {
                      const cell = cells.get(`${r}${c}`);
                      if (!cell) return <td key={c} />;
                      const factor = format.number(cell.ratio, 2);
                      const text = t("search.mapping.factor", { factor });
                      return (
                        <td key={c} data-grade={cell.grade} className={cell.isDefault ? "" : "changed"}>
                          {canWrite ? (
                            <button
                              type="button"
                              onClick={() => setEditing(cell.grade)}
                              aria-label={t("search.mapping.cellLabel", { grade: cell.grade, factor: text })}
                              aria-pressed={editing === cell.grade}
                            >
                              {factor}
                            </button>
                          ) : (
                            factor
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t("search.mapping.legend")}</p>
          {selected && canWrite && (
            <CellEditor key={selected.grade} siteId={siteId} cell={selected} onDone={done} />
          )}
          <StatusRule
            key={`${data.statusCredibility.corroborated}-${data.statusCredibility.confirmed}`}
            siteId={siteId}
            current={data.statusCredibility}
            canWrite={canWrite}
            onDone={() => done(true)}
          />
          <p className="muted mapping-source">
            {t("search.mapping.currentSource")} <bdi>{data.source}</bdi>
          </p>
          {data.history.length > 0 && (
            <>
              <h3>{t("search.mapping.history")}</h3>
              <ul className="mapping-history">
                {data.history.map((h) => (
                  <li key={h.eventId}>
                    {format.dateTime(h.at)} · <bdi>{h.recordedByName ?? "—"}</bdi> · {h.changed.join(", ")} ·{" "}
                    <bdi>{h.reason ?? ""}</bdi>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}

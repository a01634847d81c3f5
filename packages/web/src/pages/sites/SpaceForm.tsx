/** See, edit, create or delete a space: name, kind, status, notes; the outline comes from the plan. */
import {
  EXISTENCE_STATUSES,
  type ExistenceStatus,
  type Polygon,
  SPACE_KINDS,
  type Space,
  type SpaceKind,
} from "@athar/core";
import { describePolygonProblem, findPolygonProblem, polygonArea } from "@athar/plans";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { DeleteButton } from "../../components/DeleteButton";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useFormat } from "../../i18n/format";

type Props =
  | { mode: "create"; levelId: string; polygon: Polygon; editable: true; onDone(space: Space | null): void }
  | { mode: "edit"; space: Space; editable: boolean; onDone(space: Space | null): void };

export function SpaceForm(props: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const initial = props.mode === "edit" ? props.space : null;
  const polygon = props.mode === "edit" ? props.space.polygon : props.polygon;
  const [name, setName] = useState(initial?.name ?? "");
  const [kind, setKind] = useState<SpaceKind>(initial?.kind ?? "room");
  const [status, setStatus] = useState<ExistenceStatus>(initial?.status ?? "known");
  const [notes, setNotes] = useState(initial?.notes ?? "");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problem = findPolygonProblem(polygon);
  const disabled = !props.editable || busy;

  const run = async (action: () => Promise<Space | null>) => {
    setBusy(true);
    setError(null);
    try {
      props.onDone(await action());
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { name, kind, status, notes, polygon };
    void run(() =>
      props.mode === "create"
        ? api.createSpace({ levelId: props.levelId, ...fields })
        : api.updateSpace(props.space.id, fields),
    );
  };

  return (
    <form className="stack panel-form" onSubmit={submit} aria-labelledby="space-form-title">
      <h2 id="space-form-title">{props.mode === "create" ? t("space.newTitle") : t("space.title")}</h2>
      <p className="muted">
        {t("space.shape", {
          area: format.number(polygonArea(polygon), 1),
          count: polygon.length,
        })}
      </p>
      {problem && (
        <p className="error-message" role="alert">
          {t("space.invalidShape")} <span dir="ltr">({describePolygonProblem(problem)})</span>
        </p>
      )}
      <Field label={t("space.name")}>
        <input value={name} maxLength={200} disabled={disabled} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t("space.kind")}>
        <select value={kind} disabled={disabled} onChange={(e) => setKind(e.target.value as SpaceKind)}>
          {SPACE_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`spaceKind.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("space.status")}>
        <select
          value={status}
          disabled={disabled}
          onChange={(e) => setStatus(e.target.value as ExistenceStatus)}
        >
          {EXISTENCE_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("space.notes")}>
        <textarea rows={3} value={notes} disabled={disabled} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      {props.editable && (
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || problem !== null}>
            {props.mode === "create" ? t("space.create") : t("common.save")}
          </button>
          <button type="button" onClick={() => props.onDone(null)} disabled={busy}>
            {props.mode === "create" ? t("common.cancel") : t("common.close")}
          </button>
          {props.mode === "edit" && (
            <DeleteButton
              busy={busy}
              onDelete={() =>
                void run(async () => {
                  await api.deleteSpace(props.space.id);
                  return null;
                })
              }
            />
          )}
        </div>
      )}
      {!props.editable && (
        <div className="actions">
          <button type="button" onClick={() => props.onDone(null)}>
            {t("common.close")}
          </button>
        </div>
      )}
    </form>
  );
}
